package charts

import (
	"bytes"
	"image/png"
	"os"
	"strings"
	"testing"

	"reportbot/seeds"
)

func sample() Chart {
	return Chart{
		Title: "旅游总收入：2016年实际与2017年目标",
		Panels: []Panel{
			{Title: "旅游总收入（亿元）", Note: "增加135亿元（+14.9%）", Bars: []Bar{
				{Label: "2016年实际", Value: 905, Text: "905亿元", Kind: "actual"},
				{Label: "2017年目标", Value: 1040, Text: "1040亿元", Kind: "target"},
			}},
			{Title: "增速（%）", Bars: []Bar{
				{Label: "地区生产总值增长", Value: 8.8, Text: "8.8%", Kind: "target"},
				{Label: "居民消费价格涨幅", Value: 3, Text: "3%左右", Kind: "target"},
				{Label: "一个很长很长很长很长很长很长很长很长很长很长的标签", Value: -1.5, Text: "-1.5%", Kind: "other"},
			}},
		},
		Source: "出处：2017年洛阳市政府工作报告",
	}
}

// TestRender: a chart decodes as a PNG of the size it says.
func TestRender(t *testing.T) {
	c := sample()
	b, err := Render(c)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	w, h := c.Size()
	if got := img.Bounds().Size(); got.X != w || got.Y != h {
		t.Errorf("size %v, want %dx%d", got, w, h)
	}
	if os.Getenv("CHART_OUT") != "" {
		os.WriteFile(os.Getenv("CHART_OUT"), b, 0o644)
	}
}

func TestRenderRefuses(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    Chart
	}{
		{"no bars", Chart{Title: "空"}},
		{"missing glyph", Chart{Title: "😀", Panels: []Panel{{Bars: []Bar{{Label: "a", Value: 1, Text: "1"}}}}}},
	} {
		if _, err := Render(tt.c); err == nil {
			t.Errorf("%s: rendered", tt.name)
		}
	}
}

// TestFontCoversReport: every character of the report and the data files
// has a glyph in the embedded font.
func TestFontCoversReport(t *testing.T) {
	var missing []rune
	seen := map[rune]bool{}
	files := seeds.Lang()
	for name, b := range seeds.Report() {
		files["report/"+name] = b
	}
	for name, b := range files {
		if strings.HasPrefix(name, "cedict/") {
			continue // the dictionary is read, never drawn
		}
		for _, r := range string(b) {
			if seen[r] || r < ' ' || r == '\ufeff' {
				continue
			}
			seen[r] = true
			if !HasGlyph(r) {
				missing = append(missing, r)
				t.Logf("%s: no glyph for %q (%U)", name, r, r)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d characters have no glyph: %s; rerun python3 fonts/subset.py", len(missing), string(missing))
	}
	if !HasGlyph('出') || HasGlyph('😀') {
		t.Error("HasGlyph is wrong")
	}
}

func TestAlt(t *testing.T) {
	alt := sample().Alt()
	for _, w := range []string{"旅游总收入", "2016年实际 905亿元", "2017年目标 1040亿元", "增加135亿元"} {
		if !strings.Contains(alt, w) {
			t.Errorf("alt lacks %q: %s", w, alt)
		}
	}
}

// BenchmarkRender: the time to draw a two-panel chart and encode it.
func BenchmarkRender(b *testing.B) {
	c := sample()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := Render(c)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "png-bytes")
}
