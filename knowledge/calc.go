package knowledge

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"reportbot/report"
)

// Arithmetic people ask of the report's figures: an average per item
// (1769.1亿元 ÷ 390个), a base year from a growth rate (2015年 from 3740亿元
// and 8.8%), and the change from last year's actual to this year's target.
// Every operand is a figure of the report about the asked thing; the answer
// line shows the operation with the operands as the report writes them,
// marked as computed. A computation the report's figures do not allow (units
// that do not agree, a divisor of zero, an operand missing) is refused with
// the reason.

// calcKind is the arithmetic a question asks.
type calcKind int

const (
	calcNone calcKind = iota
	calcAverage
	calcBase
	calcChange
)

var (
	reCalcAverage = regexp.MustCompile(`平均每[个家项所座条套户位名件]?|平均一个|每个[^，。？]{0,8}(?:多少|几)|(?i)\b(?:average|per|each)\b`)
	reCalcBase    = regexp.MustCompile(`倒推|倒算|推算|反推|(?i)\b(?:work back|back out|implied)\b`)
	reCalcChange  = regexp.MustCompile(`比[^，。？]{0,6}(?:多|少|增加|提高)(?:了)?多少|多出多少|相差多少|差多少|(?i)\b(?:more than|difference|how much (?:more|higher))\b`)
)

// rePerUnit is a price or a rate per unit of measure (每平方米, 每人, 每月),
// which no count of things divides.
var rePerUnit = regexp.MustCompile(`每(?:平方米|平米|平方|公里|千米|米|亩|吨|斤|公斤|人|户|月|年|天|日|小时|分钟|名)`)

// readCalc reads the arithmetic a question asks, if any.
func readCalc(q string) calcKind {
	switch {
	case reCalcBase.MatchString(q):
		return calcBase
	case reCalcAverage.MatchString(q) && !rePerUnit.MatchString(q):
		return calcAverage
	case reCalcChange.MatchString(q):
		return calcChange
	}
	return calcNone
}

// computed is the result of a computation: the answer line, or why the
// report's figures do not allow it.
type computed struct {
	line   string
	refuse string
}

// compute works out what a question asks of the best sentence's figures.
func (b *Book) compute(kind calcKind, it *intent, s *Sentence) computed {
	switch kind {
	case calcAverage:
		return averageOf(it, s)
	case calcBase:
		return baseOf(it, s)
	case calcChange:
		return b.changeOf(it, s)
	}
	return computed{}
}

// averageOf divides an amount by a count of the same things in a sentence:
// 签订亿元以上招商引资合同390个，投资总额1769.1亿元 gives 4.54亿元 a contract.
func averageOf(it *intent, s *Sentence) computed {
	var amount, count *Figure
	for k := range s.Figures {
		f := &s.Figures[k]
		if f.Kind == KindBase || figureScore(f, it) == 0 && !namesAny(s.Text, it) {
			continue
		}
		switch {
		case f.Measure == MeasureCount && count == nil && strings.Contains(perItemUnits, f.Unit) && perThing(it.text, f):
			count = f
		case f.Measure == MeasureLevel && amount == nil && f.Unit != count0(count):
			amount = f
		}
	}
	switch {
	case amount == nil || count == nil:
		return computed{refuse: "报告没有同时给出总数和个数，无法计算平均值。"}
	case count.Value == 0:
		return computed{refuse: "个数为零，无法计算平均值。"}
	}
	v := amount.Value / count.Value
	return computed{line: fmt.Sprintf("计算：%s ÷ %s ≈ %s%s/%s", amount.Raw, count.Raw, round3s(v), amount.Unit, strings.TrimPrefix(count.Unit, "万"))}
}

// perItemUnits are the units of counts an amount is averaged over: things,
// not people, visits or areas.
const perItemUnits = "个项家所座条套户件处"

// rePerThing is the thing an average is asked per (每个合同: 合同).
var rePerThing = regexp.MustCompile(`每[个家项所座条套户件处]?(\p{Han}{2,4}?)(?:多少|几|要|能|平均|的|花|投|是)`)

// perThing tells whether a count is of what the question asks the average
// per: the thing it names after 每 is in the count's subject; any count of
// things when it names none.
func perThing(q string, f *Figure) bool {
	m := rePerThing.FindStringSubmatch(q)
	if m != nil && strings.ContainsAny(m[1], "要能投花挣赚卖买用") {
		m = nil // 每个要投多少钱: a verb, no thing named
	}
	if m == nil || strings.ContainsAny(m[1], "月年天") {
		return m == nil
	}
	return strings.Contains(f.Subject, m[1]) || strings.Contains(m[1], shortSubject(f.Subject))
}

func count0(f *Figure) string {
	if f == nil {
		return ""
	}
	return f.Unit
}

// namesAny tells whether a text holds one of the intent's concepts.
func namesAny(text string, it *intent) bool {
	for _, c := range it.concepts {
		if containsAny(text, c.terms) {
			return true
		}
	}
	return false
}

// baseOf works a year's level back from the next year's level and growth:
// 3740亿元 after 8.8% gives 3437.5亿元 for the year before.
func baseOf(it *intent, s *Sentence) computed {
	var level, growth *Figure
	for k := range s.Figures {
		f := &s.Figures[k]
		if figureScore(f, it) == 0 || f.YearFrom != 0 {
			continue
		}
		switch {
		case f.Measure == MeasureLevel && level == nil:
			level = f
		case f.Measure == MeasureGrowth && f.Unit == "%" && growth == nil:
			growth = f
		}
	}
	if level == nil || growth == nil || growth.Year != level.Year {
		return computed{refuse: "报告没有同时给出同一年的总量和增速，无法倒推。"}
	}
	rate := growth.Value / 100
	if reDown.MatchString(growth.Metric) {
		rate = -rate
	}
	if 1+rate == 0 {
		return computed{refuse: "增速为-100%，无法倒推。"}
	}
	v := level.Value / (1 + rate)
	return computed{line: fmt.Sprintf("计算：%d年 %s ÷ (1%+g%%) ≈ %s%s（%d年）", level.Year, level.Raw, rate*100, round3s(v), level.Unit, level.Year-1)}
}

// changeOf is the change from last year's actual to this year's target of
// the asked thing, as the report's comparisons give it.
func (b *Book) changeOf(it *intent, s *Sentence) computed {
	var subject string
	for k := range s.Figures {
		if figureScore(&s.Figures[k], it) > 0 {
			subject = s.Figures[k].Subject
			break
		}
	}
	if subject == "" {
		return computed{refuse: "报告没有给出可比的两个数字。"}
	}
	hits, err := b.Figures(subject)
	if err != nil {
		return computed{refuse: "报告没有给出可比的两个数字。"}
	}
	for _, c := range b.Comparisons(hits) {
		if c.Change == nil {
			return computed{refuse: "其中一个数字带有“左右”“以上”等，差值不确定。"}
		}
		return computed{line: fmt.Sprintf("计算：%d年目标 %s − %d年实际 %s = %s%s", c.Target.Year, c.Target.Raw, c.Actual.Year, c.Actual.Raw, round3s(*c.Change), c.Actual.Unit)}
	}
	return computed{refuse: "报告没有给出同一指标两年可比的数字（单位或口径不同），无法相减。"}
}

// round3s writes a result to three significant decimals at most.
func round3s(v float64) string {
	return fmtFloat(math.Round(v*100) / 100)
}

// applyCalc answers a question that asks arithmetic of the best sentence:
// the computed line, the question answered; or, when the figures do not
// allow it, not answered with the reason.
func (b *Book) applyCalc(res *report.Result, it *intent, kind calcKind, s *Sentence) {
	c := b.compute(kind, it, s)
	switch {
	case c.line != "":
		res.Answered, res.Missing, res.Message, res.Line = true, nil, "", c.line
	case c.refuse != "" && !res.Answered:
		res.Missing = &report.Missing{Kind: report.MissingFigure, Rule: "no-computation"}
		res.Message = "报告没有直接回答这个问题。" + c.refuse
	}
}

// calcMayAnswer tells whether a computation may answer a question: one the
// judge found unanswered only for want of the number itself (or of the year
// a base is worked back to), not of a place, a word or a topic; or one the
// sentence answers without the number asked (a difference, an average per
// item where the sentence gives none).
func calcMayAnswer(kind calcKind, m *report.Missing, s *Sentence) bool {
	if m != nil {
		return m.Kind == report.MissingFigure || m.Kind == report.MissingYear
	}
	switch kind {
	case calcChange:
		return true
	case calcAverage:
		for _, f := range s.Figures {
			if containsAny(f.Metric, []string{"平均", "人均", "户均", "每"}) {
				return false
			}
		}
		return true
	}
	return false
}
