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
	o := r.book.Outline()
	lead := planPart(o, r.book.Sentences())
	var order []report.Part
	for _, p := range o.Parts {
		if p.No == lead {
			order = append(order, p)
		}
	}
	for _, p := range o.Parts {
		if p.No != lead {
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
		for _, s := range r.book.Sentences() {
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

// planPart returns the number of the part that plans the report's year: the
// plan part whose heading names that year (二、2017年总体要求及重点工作安排),
// else the first part that plans; 0 when none does.
func planPart(o report.Outline, sentences []report.Sentence) int {
	plans := map[int]bool{}
	for _, s := range sentences {
		if s.Period == report.PeriodPlan {
			plans[s.PartNo] = true
		}
	}
	first := 0
	for _, p := range o.Parts {
		if !plans[p.No] {
			continue
		}
		if o.Year > 0 && strings.Contains(p.Title, strconv.Itoa(o.Year)+"年") {
			return p.No
		}
		if first == 0 {
			first = p.No
		}
	}
	return first
}

// digestEpoch returns day 0 of the cycle: the day the report was delivered,
// from its date line, or 1970-01-01 for a report without one.
func (r *Router) digestEpoch() time.Time {
	if d, err := time.Parse("2006-01-02", r.book.Outline().Date); err == nil {
		return d
	}
	return time.Unix(0, 0).UTC()
}

// digestSize is how many sentences a day's digest shows.
const digestSize = 3

// digestDay is one day of the cycle: a theme and the sentences it shows.
type digestDay struct {
	theme     int // index in themes()
	pass      int // 0 on the first pass over the themes
	sentences []report.Sentence
}

// schedule returns the days of the digest's cycle. The first pass shows
// each theme's sentences with the most figures; each later pass shows the
// next sentences of the themes that have any left, so the cycle walks the
// whole report before it repeats, and no sentence comes twice in it.
func (r *Router) schedule() []digestDay {
	r.scheduleOnce.Do(func() {
		themes := r.themes()
		chunks := make([][][]report.Sentence, len(themes))
		passes := 0
		for i, t := range themes {
			cands := rankedSentences(t.sentences)
			for len(cands) > 0 {
				n := min(digestSize, len(cands))
				chunk := append([]report.Sentence(nil), cands[:n]...)
				sort.Slice(chunk, func(a, b int) bool { return chunk[a].ID < chunk[b].ID })
				chunks[i] = append(chunks[i], chunk)
				cands = cands[n:]
			}
			if len(chunks[i]) == 0 {
				chunks[i] = [][]report.Sentence{nil} // a theme of headings alone still has its day
			}
			passes = max(passes, len(chunks[i]))
		}
		for k := 0; k < passes; k++ {
			for i := range themes {
				if k < len(chunks[i]) {
					r.days = append(r.days, digestDay{theme: i, pass: k, sentences: chunks[i][k]})
				}
			}
		}
	})
	return r.days
}

// DigestCycle returns the number of days after which the digest repeats.
func (r *Router) DigestCycle() int { return len(r.schedule()) }

// Digest returns the digest for a date (a calendar day; its clock and zone
// are ignored). It is a pure function of the date: the same date gives the
// same digest, consecutive dates the consecutive days of the cycle, which
// runs through every theme, then through them again with sentences not yet
// shown, until the whole report has been shown. A day whose sentences (or,
// failing them, whose theme) hold figures carries their chart.
//
// With several reports loaded, the days take the reports in turn, and a
// day's digest names its report.
func (r *Router) Digest(date time.Time) Reply {
	books := r.kb.Books()
	if r != r.root || len(books) == 1 {
		return r.digestOf(date)
	}
	day := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	n := int(day.Unix() / 86400)
	b := books[((n%len(books))+len(books))%len(books)]
	reply := r.forBook(b).digestOf(date)
	reply.Title += " · " + b.Outline().FullTitle()
	return reply
}

// digestOf returns the digest of this router's report for a date.
func (r *Router) digestOf(date time.Time) Reply {
	themes, days := r.themes(), r.schedule()
	day := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	// Days apart in Unix seconds: a Duration saturates at 292 years, which
	// made every date before 1725 the same day of the cycle.
	n := int((day.Unix() - r.digestEpoch().Unix()) / 86400)
	i := ((n % len(days)) + len(days)) % len(days)
	d := days[i]
	t := themes[d.theme]
	next := themes[days[(i+1)%len(days)].theme]
	passes := days[len(days)-1].pass + 1

	reply := Reply{
		Title:    "每日一读 · " + day.Format("2006-01-02"),
		Body:     []string{"今日主题（" + strconv.Itoa(d.theme+1) + "/" + strconv.Itoa(len(themes)) + "）：" + t.name},
		Citation: t.citation,
		Footer:   "第" + strconv.Itoa(d.pass+1) + "轮（共" + strconv.Itoa(passes) + "轮）· 明日主题：" + clip(next.name, 60),
	}
	var figs []report.Figure
	for _, s := range d.sentences {
		reply.Body = append(reply.Body, "• "+s.Text)
		figs = append(figs, s.Figures...)
	}
	for _, f := range figs {
		if len(reply.Fields) < 8 {
			reply.Fields = append(reply.Fields, Field{Name: metricName(f), Value: figureValue(f)})
		}
	}
	if len(figs) == 0 {
		for _, s := range t.sentences {
			figs = append(figs, s.Figures...)
		}
	}
	name := t.name
	if i := strings.Index(name, "，"); i > 0 {
		name = name[:i]
	}
	reply.Image = r.figuresChart("digest-"+day.Format("2006-01-02")+".png", "每日一读："+clip(name, 20), figs)
	return reply
}

// rankedSentences returns the sentences of a theme worth reading, those
// with the most figures first, in report order among equals; headings are
// left out.
func rankedSentences(all []report.Sentence) []report.Sentence {
	var cands []report.Sentence
	for _, s := range all {
		t := strings.TrimSuffix(s.Text, "。")
		if t == s.Item || strings.TrimPrefix(t, "――") == s.Area || (s.Area != "" && strings.HasSuffix(s.Area, t)) || len([]rune(t)) < 8 {
			continue
		}
		cands = append(cands, s)
	}
	sort.SliceStable(cands, func(i, j int) bool { return len(cands[i].Figures) > len(cands[j].Figures) })
	return cands
}

// keySentences picks up to n sentences of a theme, those with the most
// figures first, shown in report order.
func keySentences(all []report.Sentence, n int) []report.Sentence {
	cands := rankedSentences(all)
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
