package commands_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"reportbot/commands"
	"reportbot/report"
)

// isRateText tells whether a figure as written is a rate: 8.8%, 3%左右,
// 1.65个百分点.
func isRateText(s string) bool {
	return strings.Contains(s, "%") || strings.Contains(s, "个百分点")
}

// checkImage checks what every chart must be: a PNG of the size it says,
// every character with a glyph, the source line, and panels that never mix
// rates with amounts.
func checkImage(t *testing.T, what string, img *commands.Image, render bool) {
	t.Helper()
	if img == nil {
		t.Fatalf("%s: no chart", what)
	}
	c := img.Chart
	if miss := c.MissingGlyphs(); len(miss) > 0 {
		t.Errorf("%s: no glyph for %q", what, string(miss))
	}
	if c.Source != "出处：2017年洛阳市政府工作报告" {
		t.Errorf("%s: source line %q", what, c.Source)
	}
	if img.Name == "" || strings.Trim(img.Name, "abcdefghijklmnopqrstuvwxyz0123456789-.") != "" || !strings.HasSuffix(img.Name, ".png") {
		t.Errorf("%s: file name %q", what, img.Name)
	}
	for _, p := range c.Panels {
		if len(p.Bars) == 0 {
			t.Errorf("%s: empty panel %q", what, p.Title)
		}
		for _, b := range p.Bars {
			if isRateText(b.Text) != isRateText(p.Bars[0].Text) {
				t.Errorf("%s: panel %q mixes %s with %s", what, p.Title, b.Text, p.Bars[0].Text)
			}
		}
	}
	if !render {
		return
	}
	b, err := img.PNG()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	im, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not a PNG: %v", what, err)
	}
	w, h := c.Size()
	if got := im.Bounds().Size(); got.X != w || got.Y != h {
		t.Errorf("%s: %v, want %dx%d", what, got, w, h)
	}
}

// figureTexts returns every figure of the report as written, by sentence.
func figureTexts() map[string]bool {
	out := map[string]bool{}
	for _, s := range kb.Sentences() {
		for _, f := range s.Figures {
			out[f.Raw] = true
		}
	}
	return out
}

// TestCharts: the replies that carry a chart, and that its numbers are the
// report's figures as written.
func TestCharts(t *testing.T) {
	r := newRouter(t)
	raws := figureTexts()

	reply := handle(t, r, "/figure 旅游总收入")
	checkImage(t, "/figure 旅游总收入", reply.Image, true)
	cs := kb.Comparisons(mustFigures(t, "旅游总收入"))
	first := reply.Image.Chart.Panels[0]
	if len(first.Bars) != 2 || first.Bars[0].Text != "905亿元" || first.Bars[1].Text != "1040亿元" ||
		first.Bars[0].Label != "2016年实际" || first.Bars[1].Label != "2017年目标" || first.Note != "增加135亿元，+14.9%" {
		t.Errorf("/figure 旅游总收入: first panel %+v", first)
	}
	if len(reply.Image.Chart.Panels) != len(cs) {
		t.Errorf("/figure 旅游总收入: %d panels for %d comparisons", len(reply.Image.Chart.Panels), len(cs))
	}
	for i, c := range cs {
		p := reply.Image.Chart.Panels[i]
		if p.Bars[0].Text != c.Actual.Raw || p.Bars[1].Text != c.Target.Raw {
			t.Errorf("panel %d %+v is not comparison %s → %s", i, p, c.Actual.Raw, c.Target.Raw)
		}
	}
	// A metric asked with a character the font lacks still gets its chart, named
	// in the report's words.
	reply = handle(t, r, "/figure 旅游总收入☃")
	checkImage(t, "/figure 旅游总收入☃", reply.Image, false)
	if !strings.HasPrefix(reply.Image.Chart.Title, "旅游总收入：") {
		t.Errorf("/figure 旅游总收入☃: chart title %q", reply.Image.Chart.Title)
	}
	// A rate's comparison stands in its own panel, after the amounts.
	reply = handle(t, r, "/figure 一般公共预算收入")
	checkImage(t, "/figure 一般公共预算收入", reply.Image, true)

	reply = handle(t, r, "/target")
	checkImage(t, "/target", reply.Image, true)
	var got []string
	for _, p := range reply.Image.Chart.Panels {
		for _, b := range p.Bars {
			got = append(got, b.Label+" "+b.Text)
		}
	}
	want := []string{"地区生产总值增长 8.8%", "一般公共预算收入增长 8.5%", "全社会固定资产投资增长 13%", "社会消费品零售总额增长 12%",
		"居民消费价格涨幅 3%左右", "城镇新增就业 10万人以上", "常住人口城镇化率提高 1.65个百分点"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("/target bars:\n got %q\nwant %q", got, want)
	}
	if reply.Image.Chart.Title != "2017年主要预期目标" {
		t.Errorf("/target chart title %q", reply.Image.Chart.Title)
	}

	for _, line := range []string{"/section 七", "/section 一", "/section 三(二)"} {
		reply = handle(t, r, line)
		if line == "/section 一" || line == "/section 三(二)" {
			if reply.Image != nil {
				checkImage(t, line, reply.Image, false)
			}
			continue
		}
		checkImage(t, line, reply.Image, true)
	}
	// Replies without figures to draw carry none.
	for _, line := range []string{"/figure 火星基地", "/help", "/section", "/search 旅游", "/ask 今年旅游收入目标是多少？"} {
		if reply := handle(t, r, line); reply.Image != nil {
			t.Errorf("%s carries a chart", line)
		}
	}
	next := handle(t, r, "/figure 旅游").Next
	if reply, err := r.Handle(context.Background(), commands.Request{Cursor: next}); err != nil || reply.Image != nil {
		t.Errorf("/figure 旅游, page 2 carries a chart (err %v)", err)
	}

	// Every chart of every area and of a whole cycle of digests: numbers
	// from the figures, glyphs for every character.
	o := kb.Outline()
	check := func(what string, img *commands.Image) {
		if img == nil {
			return
		}
		checkImage(t, what, img, false)
		for _, p := range img.Chart.Panels {
			for _, b := range p.Bars {
				if !raws[b.Text] {
					t.Errorf("%s: bar %q %q is not a figure of the report", what, b.Label, b.Text)
				}
			}
		}
	}
	for _, p := range o.Parts {
		for _, a := range p.Areas {
			if a.No == 0 {
				continue
			}
			line := "/section " + []string{"", "一", "二", "三"}[p.No] + "(" + itoaZH(a.No) + ")"
			check(line, handle(t, r, line).Image)
		}
	}
	start := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	withChart := 0
	for i := 0; i < r.DigestCycle(); i++ {
		d := r.Digest(start.AddDate(0, 0, i))
		check("digest "+d.Title, d.Image)
		if d.Image != nil {
			withChart++
		}
	}
	if withChart == 0 {
		t.Error("no digest of the cycle carries a chart")
	}
}

func itoaZH(n int) string {
	return []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[n]
}

func mustFigures(t *testing.T, q string) []report.FigureHit {
	t.Helper()
	hits, err := kb.Figures(q)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// TestChartsOCR reads charts back with tesseract, when it is installed with
// its Simplified Chinese data: the title and every value must be found.
func TestChartsOCR(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract not installed")
	}
	if out, _ := exec.Command("tesseract", "--list-langs").CombinedOutput(); !strings.Contains(string(out), "chi_sim") {
		t.Skip("tesseract has no chi_sim data")
	}
	r := newRouter(t)
	for _, line := range []string{"/figure 旅游总收入", "/figure 一般公共预算收入", "/target"} {
		img := handle(t, r, line).Image
		b, err := img.PNG()
		if err != nil {
			t.Fatal(err)
		}
		t.Run(line, func(t *testing.T) {
			t.Parallel()
			ocrCheck(t, line, img, b)
		})
	}
}

// ocrCheck reads a chart with tesseract and wants its title, its source
// and every value in the text.
func ocrCheck(t *testing.T, line string, img *commands.Image, b []byte) {
	// Tesseract reads a line of bars better in one layout or another:
	// a text counts as read when either finds it.
	text := ""
	for _, psm := range []string{"4", "6"} {
		cmd := exec.CommandContext(context.Background(), "tesseract", "stdin", "stdout", "-l", "chi_sim+eng", "--psm", psm)
		cmd.Stdin = bytes.NewReader(b)
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1") // one thread each: the subtests run side by side
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: tesseract: %v", line, err)
		}
		text += "|" + ocrNormal(string(out))
	}
	want := []string{img.Chart.Title, "出处"}
	for _, p := range img.Chart.Panels {
		for _, bar := range p.Bars {
			want = append(want, bar.Text)
		}
	}
	for _, w := range want {
		if !strings.Contains(text, ocrNormal(w)) {
			t.Errorf("%s: OCR does not find %q in %q", line, w, text)
		}
	}
}

// ocrNormal drops spaces and reads full-width punctuation as ASCII, as OCR
// does not tell them apart.
func ocrNormal(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return strings.NewReplacer("：", ":", "（", "(", "）", ")", "，", ",", "〈", "(").Replace(s)
}

// BenchmarkChart: the time from a command to its chart's PNG, what a user
// waits for beyond the text.
func BenchmarkChart(b *testing.B) {
	r := newRouter(b)
	for _, line := range []string{"/figure 旅游总收入", "/target", "/section 七"} {
		b.Run(strings.TrimPrefix(strings.Fields(line)[0], "/"), func(b *testing.B) {
			var size int
			for b.Loop() {
				reply, err := r.Handle(context.Background(), commands.ParseLine(line))
				if err != nil || reply.Image == nil {
					b.Fatal(err)
				}
				png, err := reply.Image.PNG()
				if err != nil {
					b.Fatal(err)
				}
				size = len(png)
			}
			b.ReportMetric(float64(size), "png-bytes")
		})
	}
}
