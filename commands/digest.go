package commands

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"reportbot/report"
)

// theme is one day's subject of the digest: a part's own words, or one area.
type theme struct {
	name      string
	citation  string
	sentences []report.Sentence
}

// themes returns the digest's cycle: the plan for 2017 first (its general
// requirements and main targets, then its ten areas), then the review of
// 2016 (its summary and each of its areas), then the rest of the parts.
// Every part and area of the report is a theme once.
func (r *Router) themes() []theme {
	r.themesOnce.Do(func() { r.themeList = r.buildThemes() })
	return r.themeList
}

func (r *Router) buildThemes() []theme {
	o := r.kb.Outline()
	var order []report.Part
	for _, p := range o.Parts {
		if p.No == 2 {
			order = append(order, p)
		}
	}
	for _, p := range o.Parts {
		if p.No != 2 {
			order = append(order, p)
		}
	}
	var out []theme
	for _, p := range order {
		own := theme{name: p.Title, citation: p.Title}
		byArea := map[string]*theme{}
		var areas []*theme
		for _, a := range p.Areas {
			t := &theme{name: a.Heading(), citation: p.Title + " › " + areaShort(a)}
			byArea[a.Heading()] = t
			areas = append(areas, t)
		}
		for _, s := range r.kb.Sentences() {
			if s.Part != p.Title {
				continue
			}
			if t, ok := byArea[s.Area]; ok && s.Area != "" {
				t.sentences = append(t.sentences, s)
			} else {
				own.sentences = append(own.sentences, s)
			}
		}
		if len(own.sentences) > 0 {
			out = append(out, own)
		}
		for _, t := range areas {
			out = append(out, *t)
		}
	}
	return out
}

// digestEpoch returns day 0 of the cycle: the day the report was delivered,
// from its date line, or 1970-01-01 for a report without one.
func (r *Router) digestEpoch() time.Time {
	if d, err := time.Parse("2006-01-02", r.kb.Outline().Date); err == nil {
		return d
	}
	return time.Unix(0, 0).UTC()
}

// DigestCycle returns the number of days after which the digest repeats.
func (r *Router) DigestCycle() int { return len(r.themes()) }

// Digest returns the digest for a date (a calendar day; its clock and zone
// are ignored). It is a pure function of the date: the same date gives the
// same digest, consecutive dates give the consecutive themes of the cycle.
func (r *Router) Digest(date time.Time) Reply {
	themes := r.themes()
	day := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	n := int(day.Sub(r.digestEpoch()).Hours() / 24)
	i := ((n % len(themes)) + len(themes)) % len(themes)
	t := themes[i]
	next := themes[(i+1)%len(themes)]

	reply := Reply{
		Title:    "每日一读 · " + day.Format("2006-01-02"),
		Body:     []string{"今日主题（" + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(themes)) + "）：" + t.name},
		Citation: t.citation,
		Footer:   "明日主题：" + clip(next.name, 60),
	}
	for _, s := range keySentences(t.sentences, 4) {
		reply.Body = append(reply.Body, "• "+s.Text)
	}
	var figs []report.Figure
	for _, s := range t.sentences {
		figs = append(figs, s.Figures...)
		for _, f := range s.Figures {
			if len(reply.Fields) < 8 {
				reply.Fields = append(reply.Fields, Field{Name: metricName(f), Value: figureValue(f)})
			}
		}
	}
	name := t.name
	if i := strings.Index(name, "，"); i > 0 {
		name = name[:i]
	}
	reply.Image = r.figuresChart("digest-"+day.Format("2006-01-02")+".png", "每日一读："+clip(name, 20), figs)
	return reply
}

// keySentences picks up to n sentences of a theme, those with the most
// figures first, shown in report order; headings are left out.
func keySentences(all []report.Sentence, n int) []report.Sentence {
	var cands []report.Sentence
	for _, s := range all {
		t := strings.TrimSuffix(s.Text, "。")
		if t == s.Item || strings.TrimPrefix(t, "――") == s.Area || (s.Area != "" && strings.HasSuffix(s.Area, t)) || len([]rune(t)) < 8 {
			continue
		}
		cands = append(cands, s)
	}
	sort.SliceStable(cands, func(i, j int) bool { return len(cands[i].Figures) > len(cands[j].Figures) })
	if len(cands) > n {
		cands = cands[:n]
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].ID < cands[j].ID })
	return cands
}

func runDigest(ctx context.Context, r *Router, req Request) (Reply, error) {
	arg := strings.TrimSpace(req.Options["date"])
	if arg == "" || arg == "今天" || arg == "today" {
		return r.Digest(r.Now().In(r.loc())), nil
	}
	d, err := time.Parse("2006-01-02", arg)
	if err != nil {
		return Reply{}, userErrorf("日期“%s”不对：格式应为 YYYY-MM-DD，例如 2026-11-27", clip(OneLine(arg), 20))
	}
	return r.Digest(d), nil
}

func (r *Router) loc() *time.Location {
	if r.Location == nil {
		return time.UTC
	}
	return r.Location
}
