package knowledge

import (
	"fmt"
	"math"
	"regexp"
	"slices"
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
	calcShare
	calcWhole
)

var (
	reCalcAverage = regexp.MustCompile(`平均每[个家项所座条套户位名件]?|平均一个|每个[^，。？]{0,8}(?:多少|几)|(?i)\b(?:average|per|each)\b`)
	reCalcBase    = regexp.MustCompile(`倒推|倒算|推算|反推|(?i)\b(?:work back|back out|implied)\b`)
	reCalcShare   = regexp.MustCompile(`占[^，。？]{1,20}(?:的)?(?:比例|比重|百分之几|多少)|(?i)\b(?:what share|what percentage|what proportion|share of)\b`)
	// 今年能多出多少停车位 asks what is added (新增), not a difference: only
	// a comparison named (比去年, than last year) asks one
	reCalcChange = regexp.MustCompile(`比[^，。？]{0,14}(?:多|少|增加|减少|提高|降低)(?:了)?多少|相差多少|差多少|(?i)\b(?:more than|fewer than|less than|difference|by how much)\b|(?i)\b(?:how many|how much) (?:more|fewer|less)\b[^?？]*\bthan\b`)
)

// reCalcWhole names a part's share (从民生支出及其占比推算…支出): asked with
// reCalcWorkBack, the whole is worked back from them; it is no base year.
var reCalcWhole = regexp.MustCompile(`占比|比重|占[^，。？]{0,10}的`)

// reCalcWorkBack asks a figure worked out from others (推算, 根据…大约).
var reCalcWorkBack = regexp.MustCompile(`倒推|倒算|推算|反推|估算|根据|大约|大概|(?i)\b(?:work back|back out|implied|estimate)\b`)

// rePerUnit is a price or a rate per unit of measure (每平方米, 每人, 每月),
// which no count of things divides.
var rePerUnit = regexp.MustCompile(`每(?:平方米|平米|平方|公里|千米|米|亩|吨|斤|公斤|人|户|月|年|天|日|小时|分钟|名)`)

// readCalc reads the arithmetic a question asks, if any.
func readCalc(q string) calcKind {
	switch {
	case reCalcWhole.MatchString(q) && reCalcWorkBack.MatchString(q) && !reCalcShare.MatchString(q):
		return calcWhole // (not 民生支出大约占一般公共预算支出的比重多少, which asks the share)
	case (reCalcBase.MatchString(q) || reCalcWorkBack.MatchString(q) && containsAny(q, growthRates)) && !reCalcWhole.MatchString(q):
		return calcBase // (根据去年的人均可支配收入和增速，2015年大约是多少)
	case reCalcAverage.MatchString(q) && !rePerUnit.MatchString(q):
		return calcAverage
	case reCalcChange.MatchString(q):
		return calcChange
	case reCalcShare.MatchString(q):
		return calcShare
	}
	return calcNone
}

// computed is the result of a computation: the answer line, or why the
// report's figures do not allow it.
type computed struct {
	line   string
	refuse string
}

// compute works out what a question asks of a sentence's figures.
func (b *Book) compute(kind calcKind, it *intent, q string, s *Sentence, cands []candidate) computed {
	switch kind {
	case calcAverage:
		return averageOf(it, q, s)
	case calcBase:
		return baseOf(it, s)
	case calcChange:
		return b.changeOf(it, s, cands)
	case calcShare:
		return shareOf(it, s)
	case calcWhole:
		return wholeOf(s)
	}
	return computed{}
}

// averageOf divides an amount by a count of the same things in a sentence:
// 签订亿元以上招商引资合同390个，投资总额1769.1亿元 gives 4.54亿元 a contract.
// Both must be figures of what the question asks about.
func averageOf(it *intent, q string, s *Sentence) computed {
	perPerson := rePerPerson.MatchString(q)
	var counts, amounts []*Figure
	for k := range s.Figures {
		f := &s.Figures[k]
		if f.Kind == KindBase || figureScore(f, it) == 0 {
			continue
		}
		switch {
		case f.Measure == MeasureCount && perThing(it.text, f) &&
			(strings.Contains(perItemUnits, strings.TrimPrefix(f.Unit, "万")) || perPerson && strings.Contains("人名", strings.TrimPrefix(f.Unit, "万"))):
			counts = append(counts, f)
		case f.Measure == MeasureLevel:
			amounts = append(amounts, f)
		}
	}
	// the pair that fits the question best, an amount of the things counted
	// (产销对接合同50个，金额达15.65亿元: not the 地企合作 projects' beside
	// them): its subject the count's and more (合同投资总额), or part of it
	// (获还贷周转金企业 of 还贷周转金)
	var amount, count *Figure
	best := -1
	for _, c := range counts {
		for _, a := range amounts {
			if !perPerson && !strings.HasPrefix(a.Subject, c.Subject) && !strings.Contains(c.Subject, a.Subject) {
				// 保障性住房4680套 … 廉租住房租赁补贴2090万元: the amount is
				// not of the things counted (per person asked, the people
				// counted are those it went to: 贷款29.8亿元，扶持2.3万人)
				continue
			}
			fit := figureScore(c, it) + figureScore(a, it)
			if fit > best {
				amount, count, best = a, c, fit
			}
		}
	}
	switch {
	case amount == nil || count == nil:
		return computed{refuse: "报告没有同时给出总数和个数，无法计算平均值。"}
	case count.NormValue == 0:
		return computed{refuse: "个数为零，无法计算平均值。"}
	}
	v, unit := scaled(amount.NormValue/count.NormValue, amount.BaseUnit)
	return computed{line: fmt.Sprintf("计算：%s ÷ %s ≈ %s%s/%s", amount.Raw, count.Raw, round3s(v), unit, strings.TrimPrefix(count.Unit, "万"))}
}

// rePerPerson asks an average per person (平均每人, each person, per person).
var rePerPerson = regexp.MustCompile(`每(?:个)?人|人均|(?i)\b(?:per person|per capita|each person|per head)\b`)

// scaled writes an amount of a base unit (元) in the report's units of
// scale: 408.58万元 rather than 4085800元 or 0.04亿元.
func scaled(v float64, base string) (float64, string) {
	switch {
	case base == "%" || base == "":
		return v, base
	case math.Abs(v) >= 1e8:
		return v / 1e8, "亿" + base
	case math.Abs(v) >= 1e4:
		return v / 1e4, "万" + base
	}
	return v, base
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
	if m != nil && (strings.ContainsAny(m[1], "要能投花挣赚卖买用") || containsAny(m[1], amountWords)) {
		m = nil // 每个要投多少钱: a verb; 每个金额多少, 每个多少投资: the amount asked; no thing named
	}
	if m == nil || strings.ContainsAny(m[1], "月年天") {
		return m == nil
	}
	return strings.Contains(f.Subject, m[1]) || strings.Contains(m[1], shortSubject(f.Subject))
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
	if level == nil || growth == nil || growth.Year != level.Year || growth.Subject != level.Subject || namedLevel(level, it) < 2 {
		// (一般公共预算收入 and its growth do not give 一般公共预算支出)
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
// the asked thing: as the report's comparisons give it, or from the same
// subject's figures of the two years among the best sentences.
func (b *Book) changeOf(it *intent, s *Sentence, cands []candidate) computed {
	var this *Figure
	for k := range s.Figures {
		// 多少个座位 is not answered by a rate's change: a unit asked must be the figure's
		if f := &s.Figures[k]; figureScore(f, it) > 0 && f.YearFrom == 0 && f.Kind != KindBase && f.Measure != MeasureGrowth && (len(it.units) == 0 || it.units[f.Unit]) {
			this = f
			break
		}
	}
	if this == nil {
		return computed{refuse: "报告没有给出可比的两个数字。"}
	}
	other := b.otherYear(it, this, cands)
	if other == nil {
		return computed{refuse: "报告没有给出同一指标两年可比的数字，无法相减。"}
	}
	a, t := other, this
	if a.Year > t.Year {
		a, t = t, a
	}
	if a.BaseUnit != t.BaseUnit {
		return computed{refuse: "两个数字的单位不同，无法相减。"}
	}
	if a.Qualifier != "" || t.Qualifier != "" {
		return computed{refuse: "其中一个数字带有“左右”“以上”等，差值不确定。"}
	}
	v, unit := difference(t, a)
	return computed{line: fmt.Sprintf("计算：%s %s − %s %s = %s%s", yearKindZH(*t), t.Raw, yearKindZH(*a), a.Raw, round3s(v), unit)}
}

// difference returns t − a in the report's units of scale; the change of a
// rate is in percentage points (2% − 1.86% = 0.14个百分点), not per cent.
func difference(t, a *Figure) (float64, string) {
	v, unit := scaled(t.NormValue-a.NormValue, a.BaseUnit)
	if unit == "%" {
		unit = "个百分点"
	}
	return v, unit
}

// otherYear finds, among the best sentences, the figure of the same subject
// and measure as f of the other of the report's two years.
func (b *Book) otherYear(it *intent, f *Figure, cands []candidate) *Figure {
	want := b.thisYear - 1
	if f.Year == b.thisYear-1 {
		want = b.thisYear
	}
	for k, cd := range cands {
		if k == calcCandidates {
			break
		}
		for j := range b.sentences[cd.i].Figures {
			g := &b.sentences[cd.i].Figures[j]
			if g.Year == want && g.YearFrom == 0 && g.Measure == f.Measure && g.Kind != KindBase && sameThing(f, g) {
				return g
			}
		}
	}
	return nil
}

// sameThing tells whether two figures are of one thing: one subject holds
// the other's last letters (发放创业担保贷款, 创业担保贷款).
func sameThing(f, g *Figure) bool {
	return f.Subject == g.Subject || strings.HasSuffix(f.Subject, g.Subject) || strings.HasSuffix(g.Subject, f.Subject)
}

// shareOf is the share one figure is of another of the same unit in a
// sentence (A占B的比例): the part a figure of the thing before 占, the whole
// one of the thing after it, or, asked another way, of two different things
// the question names; in percent.
func shareOf(it *intent, s *Sentence) computed {
	partWords, wholeWords := shareSides(it)
	for x := range s.Figures {
		for y := range s.Figures {
			part, whole := &s.Figures[x], &s.Figures[y]
			if x == y || part.BaseUnit != whole.BaseUnit || part.Unit == "%" || part.Measure == MeasureGrowth || whole.Measure == MeasureGrowth {
				continue
			}
			if !figureOf(part, partWords) || !figureOf(whole, wholeWords) || part.NormValue > whole.NormValue {
				continue
			}
			if whole.NormValue == 0 {
				return computed{refuse: "总数为零，无法计算比例。"}
			}
			return computed{line: fmt.Sprintf("计算：%s ÷ %s ≈ %s%%", part.Raw, whole.Raw, round3s(100*part.NormValue/whole.NormValue))}
		}
	}
	return computed{refuse: "报告没有给出同一单位的部分和总数，无法计算比例。"}
}

// reShareSides reads the part and the whole of a share asked: A占B的比例.
var reShareSides = regexp.MustCompile(`([^，。？]+?)占([^，。？]+?)(?:的)?(?:比例|比重|百分之几|多少)`)

// wholeOf works a whole back from a part and the part's share of it in one
// sentence: 全年民生支出达378.4亿元，占全市一般公共预算支出的73.2% gives
// 516.94亿元 of 全市一般公共预算支出.
func wholeOf(s *Sentence) computed {
	for x := range s.Figures {
		share := &s.Figures[x]
		if share.Unit != "%" || share.Measure != MeasureShare {
			continue
		}
		at := strings.Index(share.Subject, "占")
		if at <= 0 {
			continue
		}
		partName, wholeName := share.Subject[:at], strings.TrimSuffix(strings.TrimSuffix(share.Subject[at+len("占"):], "比重"), "的")
		for y := range s.Figures {
			part := &s.Figures[y]
			if y == x || part.Unit == "%" || part.Measure == MeasureGrowth || part.Subject != partName || share.Year != part.Year {
				continue
			}
			if share.Value == 0 {
				return computed{refuse: "占比为零，无法推算总数。"}
			}
			v, unit := scaled(part.NormValue/(share.Value/100), part.BaseUnit)
			return computed{line: fmt.Sprintf("计算：%s ÷ %s ≈ %s%s（%s）", part.Raw, share.Raw, round3s(v), unit, wholeName)}
		}
	}
	return computed{refuse: "报告没有同时给出部分和它所占的比重，无法推算总数。"}
}

// shareSides returns the terms of the part and of the whole a question asks
// the share of: the concepts before and after 占; for a question asked
// otherwise, every concept on both sides.
func shareSides(it *intent) (part, whole []string) {
	m := reShareSides.FindStringSubmatch(it.text)
	for _, c := range it.concepts {
		if !isSubject(c) {
			continue
		}
		switch {
		case m != nil && containsAny(m[1], c.terms[:1]):
			part = append(part, c.terms...)
		case m != nil && containsAny(m[2], c.terms[:1]):
			whole = append(whole, c.terms...)
		case m == nil:
			part, whole = append(part, c.terms...), append(whole, c.terms...)
		}
	}
	if m != nil && len(whole) == 0 {
		// 公共租赁房中，分配入住的占多少比例: the whole is what the
		// question named before the part
		for _, c := range it.concepts {
			if isSubject(c) && !containsAny(m[1], c.terms[:1]) {
				whole = append(whole, c.terms...)
			}
		}
	}
	return part, whole
}

// figureOf tells whether a figure is of one of the things named by terms:
// its subject or label holds one.
func figureOf(f *Figure, terms []string) bool {
	return containsAny(f.Subject, terms) || containsAny(f.Metric, terms)
}

// round3s writes a result to three significant decimals at most.
func round3s(v float64) string {
	return fmtFloat(math.Round(v*100) / 100)
}

// calcCandidates is how many of the best sentences a computation looks
// through for its operands.
const calcCandidates = 5

// applyCalc answers a question that asks arithmetic: from the first of the
// best sentences whose figures allow it, the computed line, the question
// answered; or, when none does, not answered with the reason.
func (b *Book) applyCalc(res *report.Result, it *intent, kind calcKind, q string, cands []candidate) {
	var c computed
	for k, cd := range cands {
		if k == calcCandidates {
			break
		}
		if c = b.compute(kind, it, q, &b.sentences[cd.i], cands); c.line != "" {
			if k > 0 {
				b.moveFirst(res, cd.i)
			}
			break
		}
	}
	switch {
	case c.line != "":
		res.Answered, res.Missing, res.Message, res.Line = true, nil, "", c.line
	case c.refuse != "" && !res.Answered:
		res.Missing = &report.Missing{Kind: report.MissingFigure, Rule: "no-computation"}
		res.Message = "报告没有直接回答这个问题。" + c.refuse
	}
}

// moveFirst puts the sentence a computation used first among the answers.
func (b *Book) moveFirst(res *report.Result, i int) {
	id := b.sentences[i].ID
	for k, a := range res.Answers {
		if a.ID == id {
			copy(res.Answers[1:k+1], res.Answers[:k])
			res.Answers[0] = a
			return
		}
	}
}

// calcMayAnswer tells whether a computation may answer a question: one the
// judge found unanswered only for want of the number itself (or of the year
// a base is worked back to), not of a place, a word, a topic or a part of a
// whole; or one the sentence answers without the number asked (a
// difference, an average per item where the sentence gives none).
func calcMayAnswer(kind calcKind, m *report.Missing, s *Sentence) bool {
	if m != nil {
		// a part the sentence does not name (出口 of 进出口额) is not
		// worked out of the whole's figures
		return (m.Kind == report.MissingFigure || m.Kind == report.MissingYear) && m.Rule != "part-of-whole"
	}
	switch kind {
	case calcChange:
		// 比上年提高0.15个百分点: the sentence gives the change itself
		return !slices.ContainsFunc(s.Figures, func(f Figure) bool { return f.Unit == "个百分点" })
	case calcWhole:
		return true
	case calcShare:
		return !slices.ContainsFunc(s.Figures, func(f Figure) bool { return f.Unit == "%" })
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
