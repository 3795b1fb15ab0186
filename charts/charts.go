// Package charts draws figures of the report as PNG bar charts, in process
// and in pure Go: github.com/go-analyze/charts (its chartdraw
// renderer) rasterises shapes and text, and the
// text is set in the CJK font embedded in package fonts, so every character
// of the report renders on any machine.
//
// A Chart is plain data (what commands put in a reply, and what --json
// shows); Render turns it into a PNG. Each Panel has its own scale, so an
// amount and a growth rate are never drawn on one axis: callers put figures
// of one measure and one unit in a panel.
package charts

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"
	"sync"

	"github.com/go-analyze/charts/chartdraw"
	"github.com/go-analyze/charts/chartdraw/drawing"
	"github.com/golang/freetype/truetype"

	"reportbot/fonts"
)

// Chart is one image: a title, one or more panels of bars, a source line.
type Chart struct {
	Title  string  `json:"title"`
	Panels []Panel `json:"panels"`
	Source string  `json:"source"` // 出处：2017年洛阳市政府工作报告
}

// Panel is a group of bars on one scale: figures of one measure and unit.
type Panel struct {
	Title string `json:"title"`          // what the bars are: 旅游总收入（亿元）
	Bars  []Bar  `json:"bars"`           // top to bottom
	Note  string `json:"note,omitempty"` // written under the bars: the change, 增加135亿元（+14.9%）
}

// Bar is one figure: its label, the length of its bar, and its value as the
// report writes it, which is what the chart shows.
type Bar struct {
	Label string  `json:"label"` // 2016年实际, 地区生产总值增长
	Value float64 `json:"value"` // the bar's length, in the panel's unit
	Text  string  `json:"text"`  // shown at the end of the bar: 905亿元, 3%左右
	Kind  string  `json:"kind"`  // actual, target or another kind of figure: the bar's colour
}

// Width is the width of every chart, in pixels. At Discord's preview size
// (about 400 pixels wide) the smallest text is still about 9 pixels high.
const Width = 800

// Layout, in pixels.
const (
	margin       = 28
	titleSize    = 30.0
	panelSize    = 23.0
	labelSize    = 21.0
	valueSize    = 22.0
	noteSize     = 22.0
	sourceSize   = 18.0
	titleHeight  = 62
	panelHead    = 40
	rowHeight    = 46
	barThickness = 32
	noteHeight   = 36
	panelGap     = 16
	footHeight   = 46
	maxLabelW    = 360
	gap          = 12
)

var (
	ink       = drawing.Color{R: 33, G: 37, B: 41, A: 255}
	muted     = drawing.Color{R: 108, G: 117, B: 125, A: 255}
	rule      = drawing.Color{R: 206, G: 212, B: 218, A: 255}
	noteInk   = drawing.Color{R: 176, G: 58, B: 46, A: 255}
	white     = drawing.Color{R: 255, G: 255, B: 255, A: 255}
	barColors = map[string]drawing.Color{
		"actual": {R: 120, G: 144, B: 156, A: 255}, // last year's result: slate
		"target": {R: 33, G: 102, B: 196, A: 255},  // this year's target: blue
	}
	otherBar = drawing.Color{R: 38, G: 150, B: 136, A: 255}
)

// font returns the embedded CJK font, parsed once.
var font = sync.OnceValues(func() (*truetype.Font, error) {
	f, err := truetype.Parse(fonts.CJK)
	if err != nil {
		return nil, fmt.Errorf("parse embedded font: %w", err)
	}
	return f, nil
})

// HasGlyph tells whether the embedded font draws r (space counts as drawn).
func HasGlyph(r rune) bool {
	f, err := font()
	if err != nil {
		return false
	}
	return r == ' ' || r == '\u3000' || f.Index(r) != 0
}

// Texts returns every piece of text the chart shows, in drawing order.
func (c Chart) Texts() []string {
	out := []string{c.Title}
	for _, p := range c.Panels {
		out = append(out, p.Title)
		for _, b := range p.Bars {
			out = append(out, b.Label, b.Text)
		}
		if p.Note != "" {
			out = append(out, p.Note)
		}
	}
	return append(out, c.Source)
}

// MissingGlyphs returns the characters of the chart's text that the
// embedded font cannot draw, each once; none for a chart that renders whole.
func (c Chart) MissingGlyphs() []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, s := range c.Texts() {
		for _, r := range s {
			if !seen[r] && !HasGlyph(r) {
				out = append(out, r)
			}
			seen[r] = true
		}
	}
	return out
}

// Alt describes the chart in words, for a screen reader and for an image's
// description: its title, then each panel's bars.
func (c Chart) Alt() string {
	var b strings.Builder
	b.WriteString(c.Title)
	for _, p := range c.Panels {
		b.WriteString("。" + p.Title + "：")
		for i, bar := range p.Bars {
			if i > 0 {
				b.WriteString("，")
			}
			b.WriteString(bar.Label + " " + bar.Text)
		}
		if p.Note != "" {
			b.WriteString("；" + p.Note)
		}
	}
	return b.String()
}

// Size returns the chart's width and height in pixels: the height grows
// with its panels and bars.
func (c Chart) Size() (width, height int) {
	h := titleHeight + footHeight
	for _, p := range c.Panels {
		h += panelHead + len(p.Bars)*rowHeight + panelGap
		if p.Note != "" {
			h += noteHeight
		}
	}
	return Width, h
}

// Render draws the chart as a PNG. It fails on a chart with no bars, a
// value that is not a finite number, or text the font cannot draw.
func Render(c Chart) ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	f, err := font()
	if err != nil {
		return nil, err
	}
	w, h := c.Size()
	d := &canvas{r: chartdraw.PNG(w, h), font: f}
	d.rect(0, 0, w, h, white)
	d.title(c.Title, w)

	// One label column and one value column for every panel, so that the
	// bars of all panels start at the same place.
	cols := d.columns(c.Panels, w)
	y := titleHeight
	for _, pn := range c.Panels {
		y = d.panel(pn, cols, y, w)
	}
	d.text(d.fit(c.Source, w-2*margin, sourceSize), margin, h-16, sourceSize, muted)
	return d.encode(c.Title)
}

// check tells why a chart cannot be drawn: no bars, a value that is not a
// finite number, or text the font cannot draw.
func (c Chart) check() error {
	bars := 0
	for _, p := range c.Panels {
		bars += len(p.Bars)
		for _, b := range p.Bars {
			if math.IsNaN(b.Value) || math.IsInf(b.Value, 0) {
				return fmt.Errorf("render chart %q: bar %q has no finite value", c.Title, b.Label)
			}
		}
	}
	if bars == 0 {
		return fmt.Errorf("render chart %q: no bars", c.Title)
	}
	if miss := c.MissingGlyphs(); len(miss) > 0 {
		return fmt.Errorf("render chart %q: no glyph for %q", c.Title, string(miss))
	}
	return nil
}

// title sets the chart's title and the rule under it. A long title is set
// smaller, down to the size of the panel titles, before it is cut.
func (d *canvas) title(title string, w int) {
	size := titleSize
	for size > panelSize && d.width(title, size) > w-2*margin {
		size--
	}
	d.text(d.fit(title, w-2*margin, size), margin, 44, size, ink)
	d.rect(margin, titleHeight-8, w-margin, titleHeight-6, rule)
}

// columns is where the bars of every panel go: the label column's width,
// where the bars start and how long the longest may be.
type columns struct{ labelW, barX, barMax int }

func (d *canvas) columns(panels []Panel, w int) columns {
	labelW, valueW := 0, 0
	for _, pn := range panels {
		for _, b := range pn.Bars {
			labelW = max(labelW, d.width(b.Label, labelSize))
			valueW = max(valueW, d.width(b.Text, valueSize))
		}
	}
	labelW = min(labelW, maxLabelW)
	barX := margin + labelW + gap
	return columns{labelW: labelW, barX: barX, barMax: w - margin - valueW - gap - barX}
}

// panel draws a panel from y down, with its own scale, and returns the y
// below it.
func (d *canvas) panel(pn Panel, cols columns, y, w int) int {
	barX := cols.barX
	d.text(d.fit(pn.Title, w-2*margin, panelSize), margin, y+30, panelSize, ink)
	y += panelHead
	top := 0.0
	for _, b := range pn.Bars {
		top = max(top, math.Abs(b.Value))
	}
	for _, b := range pn.Bars {
		mid := y + rowHeight/2
		label := d.fit(b.Label, cols.labelW, labelSize)
		d.text(label, barX-gap-d.width(label, labelSize), mid+8, labelSize, ink)
		n := 0
		if top > 0 {
			n = int(math.Round(math.Abs(b.Value) / top * float64(cols.barMax)))
		}
		n = max(n, 2)
		col, ok := barColors[b.Kind]
		if !ok {
			col = otherBar
		}
		if b.Value < 0 {
			col = muted
		}
		d.rect(barX, mid-barThickness/2, barX+n, mid+barThickness/2, col)
		d.text(b.Text, barX+n+gap, mid+8, valueSize, ink)
		y += rowHeight
	}
	d.rect(barX-1, y-len(pn.Bars)*rowHeight+4, barX+1, y-4, muted) // the zero line
	if pn.Note != "" {
		d.text(d.fit(pn.Note, w-2*margin-(barX-margin), noteSize), barX, y+26, noteSize, noteInk)
		y += noteHeight
	}
	return y + panelGap
}

// encode returns what was drawn as a PNG.
func (d *canvas) encode(title string) ([]byte, error) {
	var img rgba
	if err := d.r.Save(&img); err != nil || img.i == nil {
		return nil, fmt.Errorf("render chart %q: %v", title, err)
	}
	// Fast compression: the image is mostly flat colour, so the file stays
	// small, and encoding is most of the time a chart takes.
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, img.i); err != nil {
		return nil, fmt.Errorf("render chart %q: %w", title, err)
	}
	return out.Bytes(), nil
}

// canvas draws on a chartdraw renderer in the embedded font.
type canvas struct {
	r    chartdraw.Renderer
	font *truetype.Font
}

func (d *canvas) rect(x1, y1, x2, y2 int, c drawing.Color) {
	d.r.SetFillColor(c)
	d.r.SetStrokeWidth(0)
	d.r.MoveTo(x1, y1)
	d.r.LineTo(x2, y1)
	d.r.LineTo(x2, y2)
	d.r.LineTo(x1, y2)
	d.r.Close()
	d.r.Fill()
}

// text draws s with its baseline at y.
func (d *canvas) text(s string, x, y int, size float64, c drawing.Color) {
	d.r.SetFont(d.font)
	d.r.SetFontSize(size)
	d.r.SetFontColor(c)
	d.r.Text(s, x, y)
}

func (d *canvas) width(s string, size float64) int {
	d.r.SetFont(d.font)
	d.r.SetFontSize(size)
	return d.r.MeasureText(s).Width()
}

// fit shortens s, marking the cut with "…", until it is at most width
// pixels wide.
func (d *canvas) fit(s string, width int, size float64) string {
	if d.width(s, size) <= width {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		if t := string(rs[:n]) + "…"; d.width(t, size) <= width {
			return t
		}
	}
	return "…"
}

// rgba receives the renderer's image instead of its own PNG encoding.
type rgba struct{ i *image.RGBA }

func (r *rgba) SetRGBA(i *image.RGBA)       { r.i = i }
func (r *rgba) Write(b []byte) (int, error) { return len(b), nil }

// PNG is Render as a method, for a value that carries its chart.
func (c Chart) PNG() ([]byte, error) { return Render(c) }
