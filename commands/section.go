package commands

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"reportbot/report"
)

// maxSectionFigures bounds the key figures shown for an area.
const maxSectionFigures = 10

func runSection(ctx context.Context, r *Router, req Request) (Reply, error) {
	arg := r.argument(strings.TrimSpace(req.Options["number"]))
	o := r.book.Outline()
	if arg == "" {
		return r.outline(o), nil
	}
	partNo, areaNo, err := parseSectionNumber(arg)
	if err != nil {
		return Reply{}, err
	}
	if partNo < 1 || partNo > len(o.Parts) {
		return Reply{}, userErrorf("报告只有%s个部分（一至%s）", chineseNumeral(len(o.Parts)), chineseNumeral(len(o.Parts)))
	}
	part := o.Parts[partNo-1]
	if areaNo == 0 {
		return r.partReply(part), nil
	}
	var numbered []report.Area
	for _, a := range part.Areas {
		if a.No > 0 {
			numbered = append(numbered, a)
		}
	}
	if areaNo > len(numbered) || len(numbered) == 0 {
		if len(numbered) == 0 {
			return Reply{}, userErrorf("%s没有编号的方面", part.Title)
		}
		return Reply{}, userErrorf("“%s”只有(一)到(%s)%s个方面", part.Title, chineseNumeral(len(numbered)), chineseNumeral(len(numbered)))
	}
	return r.areaReply(part, numbered[areaNo-1]), nil
}

// outline lists the parts and their areas.
func (r *Router) outline(o report.Outline) Reply {
	reply := Reply{Title: "报告结构：" + o.FullTitle(), Footer: "查看某一部分或方面：/section 二、/section 七"}
	for _, p := range o.Parts {
		reply.Body = append(reply.Body, p.Title)
		for _, a := range p.Areas {
			reply.Body = append(reply.Body, "　"+areaShort(a))
		}
	}
	return reply
}

// areaShort is an area's heading cut to its first clause: (七)传承历史文脉….
func areaShort(a report.Area) string {
	h := a.Heading()
	if i := strings.Index(h, "，"); i > 0 {
		return h[:i] + "…"
	}
	return h
}

func (r *Router) partReply(p report.Part) Reply {
	reply := Reply{Title: p.Title, Citation: p.Title}
	for _, a := range p.Areas {
		reply.Body = append(reply.Body, a.Heading())
	}
	if len(p.Areas) > 0 && p.Areas[0].No > 0 {
		prefix := chineseNumeral(p.No)
		if p.No == 2 {
			prefix = ""
		}
		reply.Footer = "查看某一方面：/section " + prefix + "(一)"
	}
	return reply
}

// areaReply shows an area: its title, its items, its key figures.
func (r *Router) areaReply(p report.Part, a report.Area) Reply {
	heading := a.Heading()
	reply := Reply{Title: heading, Citation: p.Title + " › " + areaShort(a)}
	for _, it := range a.Items {
		reply.Body = append(reply.Body, "• "+it)
	}
	var sents []report.Sentence
	var figs []report.Figure
	for _, s := range r.book.Sentences() {
		if s.Part == p.Title && s.Area == heading {
			sents = append(sents, s)
			figs = append(figs, s.Figures...)
		}
	}
	reply.Image = r.figuresChart("section.png", strings.TrimSuffix(areaShort(a), "…")+"：报告中的数字", figs)
	for _, s := range sents {
		for _, f := range s.Figures {
			if len(reply.Fields) == maxSectionFigures {
				break
			}
			reply.Fields = append(reply.Fields, Field{Name: metricName(f), Value: figureValue(f)})
		}
	}
	if len(reply.Body) == 0 {
		for _, s := range keySentences(sents, 3) {
			reply.Body = append(reply.Body, "• "+s.Text)
		}
	}
	return reply
}

var (
	reSectionParen = regexp.MustCompile(`^(?:([一二三四五六七八九十\d]+)[、.]?)?[(（]([一二三四五六七八九十\d]+)[)）]$`)
	reSectionBare  = regexp.MustCompile(`^[一二三四五六七八九十\d]+$`)
)

// parseSectionNumber reads a part or area as people write it: 二 (part),
// 七 or 7 or (七) (area of part 二, where the work of 2017 is numbered),
// 三(二) (area of another part). A bare number up to the number of parts
// is a part. It returns a user error for anything else.
func parseSectionNumber(s string) (part, area int, err error) {
	s = strings.NewReplacer(" ", "", "　", "", "第", "", "部分", "", "方面", "", "条", "").Replace(s)
	if m := reSectionParen.FindStringSubmatch(s); m != nil {
		part = 2
		if m[1] != "" {
			part = report.ParseNumber(m[1])
		}
		area = report.ParseNumber(m[2])
		if part == 0 || area == 0 {
			return 0, 0, userErrorf("看不懂编号“%s”", clip(s, 20))
		}
		return part, area, nil
	}
	if reSectionBare.MatchString(s) {
		n := report.ParseNumber(s)
		switch {
		case n == 0:
		case n <= 3:
			return n, 0, nil
		case n <= 99:
			return 2, n, nil
		}
	}
	return 0, 0, userErrorf("看不懂编号“%s”：请写部分（一、二、三）或方面（七、(七)、7）", clip(OneLine(s), 20))
}

// chineseNumeral writes 1–99 in Chinese numerals.
func chineseNumeral(n int) string {
	ds := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return ds[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + ds[n-10]
	}
	return ds[n/10] + "十" + ds[n%10]
}

// sectionChoices suggests parts and numbered areas whose heading holds what
// was typed; the value is what /section reads: 二, 七, 三(二).
func (r *Router) sectionChoices(typed string) []Choice {
	var out []Choice
	add := func(name, value string) {
		if len(out) < MaxChoices && (typed == "" || strings.Contains(strings.ToLower(name), typed) || strings.EqualFold(value, typed)) {
			out = append(out, Choice{Name: clip(name, 100), Value: value})
		}
	}
	o := r.book.Outline()
	for _, p := range o.Parts {
		pn := chineseNumeral(p.No)
		add(p.Title, pn)
		for _, a := range p.Areas {
			if a.No == 0 {
				continue
			}
			v := "(" + chineseNumeral(a.No) + ")"
			if p.No != 2 {
				v = pn + v
			}
			add(a.Heading(), v)
		}
	}
	return out
}
