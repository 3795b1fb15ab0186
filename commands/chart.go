package commands

import (
	"strconv"

	"reportbot/charts"
	"reportbot/report"
)

// Image is a picture attached to a reply: a chart of its figures. The
// front end renders it with PNG and attaches it under Name; Alt describes
// it in words. Its numbers are the figures' own (see Chart).
type Image struct {
	Name  string       `json:"name"`  // the file name, ASCII: figure.png
	Alt   string       `json:"alt"`   // what the chart shows, in words, at most 1000 characters
	Chart charts.Chart `json:"chart"` // what it draws
}

// PNG draws the image.
func (i *Image) PNG() ([]byte, error) { return charts.Render(i.Chart) }

// chartSource leads the line under every chart: 出处：2017年洛阳市政府工作报告.
const chartSource = "出处："

// Chart limits: a chart stays readable at a chat preview's size.
const (
	maxPanels       = 4
	maxPanelBars    = 8
	maxChartBars    = 12
	maxChartLabelCh = 16
	maxAlt          = 1000 // Discord takes 1024 characters of an attachment's description
)

// newImage wraps a chart as an image named name, or returns nil when the
// chart has no bars or text its font cannot draw.
func newImage(name string, c charts.Chart) *Image {
	if len(c.Panels) == 0 || len(c.MissingGlyphs()) > 0 {
		return nil
	}
	return &Image{Name: name, Alt: clip(c.Alt(), maxAlt), Chart: c}
}

// comparisonChart draws last year's actual beside this year's target for
// each true comparison, the change written under the bars. Amounts come
// first, rates after them, each comparison on its own scale.
func (r *Router) comparisonChart(title string, cs []report.Comparison) *Image {
	c := charts.Chart{Title: title, Source: chartSource + r.book.Outline().Title}
	var rates []charts.Panel
	for _, cmp := range cs {
		a, t := cmp.Actual.Figure, cmp.Target.Figure
		p := charts.Panel{
			Title: cmp.Metric + "（" + a.Unit + "）",
			Note:  changeText(cmp),
			Bars:  []charts.Bar{figureBar(YearKind(a), a), figureBar(YearKind(t), t)},
		}
		if isRate(a) {
			rates = append(rates, p)
		} else {
			c.Panels = append(c.Panels, p)
		}
	}
	c.Panels = append(c.Panels, rates...)
	if len(c.Panels) > maxPanels {
		c.Panels = c.Panels[:maxPanels]
	}
	return newImage("figure.png", c)
}

// figuresChart draws figures grouped into panels of one year and kind, one
// measure and one unit: growth rates, shares and amounts are never on one
// scale. Ranks and margins over other places are left out.
func (r *Router) figuresChart(name, title string, figs []report.Figure) *Image {
	c := charts.Chart{Title: title, Source: chartSource + r.book.Outline().Title}
	index := map[string]int{}
	first := map[int]report.Figure{}   // the first figure of each panel
	units := map[int]map[string]bool{} // the units written in each panel
	bars := 0
	for _, f := range figs {
		if bars == maxChartBars {
			break
		}
		if f.Kind == report.KindRank || f.Kind == report.KindOther || f.Value == 0 {
			continue
		}
		key := YearKind(f) + "|" + f.Measure + "|" + unitOf(f)
		i, ok := index[key]
		if !ok {
			if len(c.Panels) == maxPanels {
				continue
			}
			i = len(c.Panels)
			index[key] = i
			c.Panels = append(c.Panels, charts.Panel{})
			units[i] = map[string]bool{}
			first[i] = f
		}
		if len(c.Panels[i].Bars) == maxPanelBars {
			continue
		}
		c.Panels[i].Bars = append(c.Panels[i].Bars, figureBar(clip(metricName(f), maxChartLabelCh), f))
		units[i][f.Unit] = true
		bars++
	}
	for i := range c.Panels {
		f := first[i]
		unit := f.Unit
		if len(units[i]) > 1 {
			unit = unitOf(f) // 亿元 and 万元 on one scale: name the base unit
		}
		c.Panels[i].Title = panelTitle(f, unit)
	}
	return newImage(name, c)
}

// figureBar is a figure as a bar: its length the normalised value, its
// text the figure as written.
func figureBar(label string, f report.Figure) charts.Bar {
	v := f.NormValue
	if v == 0 {
		v = f.Value
	}
	return charts.Bar{Label: label, Value: v, Text: f.Raw, Kind: f.Kind}
}

// isRate tells whether a figure is a rate (a growth, a share, percentage
// points), which is never drawn on the scale of an amount.
func isRate(f report.Figure) bool {
	switch f.Measure {
	case report.MeasureGrowth, report.MeasureShare, report.MeasurePoints:
		return true
	}
	return f.Unit == "%" || f.Unit == "个百分点"
}

// unitOf is the unit a panel's scale is in: the base unit of an amount
// (亿元 and 万元 share one scale), the unit of anything else.
func unitOf(f report.Figure) string {
	if !isRate(f) && f.BaseUnit != "" {
		return f.BaseUnit
	}
	return f.Unit
}

// panelTitle names a panel by what its figures have in common:
// 2017年目标 · 增速（%）.
func panelTitle(f report.Figure, unit string) string {
	what := map[string]string{
		report.MeasureGrowth:   "增速",
		report.MeasureShare:    "比重、比率",
		report.MeasurePoints:   "变动",
		report.MeasureMultiple: "倍数",
		report.MeasureCount:    "数量",
		report.MeasureLevel:    "数额",
	}[f.Measure]
	if what == "" {
		what = "数字"
	}
	t := what + "（" + unit + "）"
	if yk := YearKind(f); yk != "" {
		t = yk + " · " + t
	}
	return t
}

// changeText says how a target stands against last year's actual:
// 增加135亿元，+14.9%; 低0.6个百分点; "" when a qualifier makes it inexact.
func changeText(c report.Comparison) string {
	if c.Change == nil {
		return ""
	}
	a := c.Actual
	diff := *c.Change
	if a.Unit == "%" || a.Unit == "个百分点" {
		switch {
		case diff > 0:
			return "高" + fmtNum(diff) + "个百分点"
		case diff < 0:
			return "低" + fmtNum(-diff) + "个百分点"
		}
		return "持平"
	}
	var s string
	switch {
	case diff > 0:
		s = "增加" + fmtNum(diff) + a.Unit
	case diff < 0:
		s = "减少" + fmtNum(-diff) + a.Unit
	default:
		return "持平"
	}
	if c.ChangePct != nil {
		sign := "+"
		if *c.ChangePct < 0 {
			sign = ""
		}
		s += "，" + sign + strconv.FormatFloat(*c.ChangePct, 'f', 1, 64) + "%"
	}
	return s
}

// comparisonTitle is a chart's title: 旅游总收入：2016年实际与2017年目标.
// It names what was asked, or, when that has a character the chart's font
// lacks (a traditional or a rare one), the first comparison's metric.
func comparisonTitle(asked string, cs []report.Comparison) string {
	a, t := cs[0].Actual.Figure, cs[0].Target.Figure
	what := asked
	for _, r := range asked {
		if !charts.HasGlyph(r) {
			what = cs[0].Metric
			break
		}
	}
	return clip(what, 16) + "：" + YearKind(a) + "与" + YearKind(t)
}
