package knowledge

import (
	"strconv"
	"strings"

	"reportbot/report"
)

// message says, in the question's language, that the report does not answer
// it and what the report lacks; "" for an answered question.
func (b *Book) message(res report.Result) string {
	if res.Answered || res.Missing == nil {
		return ""
	}
	m := res.Missing
	this, last := strconv.Itoa(b.thisYear), strconv.Itoa(b.thisYear-1)
	city := b.lex.city
	if m.Kind == report.MissingContext {
		return contextHint(res.Lang)
	}
	if res.Lang == LangEN {
		what := strings.Join(m.What, ", ")
		var why string
		switch m.Kind {
		case report.MissingYear:
			why = "It gives " + last + "'s results and " + this + "'s targets, and nothing for " + what + "."
			if !allYears(m.What) {
				why = "It gives " + last + "'s results and " + this + "'s targets, year by year, and nothing for a single day, month or period like that."
			}
		case report.MissingPlace:
			names := make([]string, len(m.What))
			for i, p := range m.What {
				names[i] = p
				if en := b.lex.places[p]; en != "" {
					names[i] = titleCase(en)
				}
			}
			why = "It is about " + titleCase(city[1]) + ", not " + strings.Join(names, ", ") + "."
		case report.MissingTerm:
			why = "It does not mention " + what + "."
		case report.MissingFigure:
			why = "It does not give that number."
			if what != "" && !hasHan(what) {
				why = "It does not give the " + what + "." // the total length
			}
		default:
			why = "It is not about this."
		}
		return "The report does not answer this question directly. " + why
	}
	what := strings.Join(m.What, "、")
	var why string
	switch m.Kind {
	case report.MissingYear:
		why = "报告给出的是" + last + "年的结果和" + this + "年的目标，没有" + strings.Join(m.What, "年、") + "年的内容。"
		if !allYears(m.What) {
			// 12月, 明天, 十二五: not a year
			why = "报告给出的是" + last + "年的结果和" + this + "年的目标，按年讲，没有“" + what + "”的内容。"
		}
	case report.MissingPlace:
		why = "报告讲的是" + city[0] + "，没有" + what + "的情况。"
	case report.MissingTerm:
		why = "报告没有提到“" + what + "”。"
	case report.MissingFigure:
		why = "报告没有给出这个数字。"
		if what != "" {
			why = "报告没有给出这个数字（“" + what + "”）。"
		}
	default:
		why = "报告与这个问题无关。"
	}
	msg := "报告没有直接回答这个问题。" + why
	if res.Lang == LangZHHant {
		return ToTraditional(msg)
	}
	return msg
}

// titleCase writes an English name with capitals: hong kong → Hong Kong.
func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// allYears tells whether every word is a year written in digits (2018).
func allYears(words []string) bool {
	for _, w := range words {
		if !reYearDigits.MatchString(w) {
			return false
		}
	}
	return len(words) > 0
}

// contextHint answers a follow-up with nothing before it.
func contextHint(lang string) string {
	switch lang {
	case LangEN:
		return "This reads as a follow-up, but there is no earlier question to follow: please ask the whole question, e.g. What was total tourism revenue last year?"
	case LangZHHant:
		return ToTraditional("这像是接着上一个问题问的，但前面没有问题：请把问题问完整，例如：去年旅游总收入是多少？")
	}
	return "这像是接着上一个问题问的，但前面没有问题：请把问题问完整，例如：去年旅游总收入是多少？"
}
