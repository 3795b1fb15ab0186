package knowledge

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"reportbot/report"
)

// The judge decides whether the best sentence answers the question. It is a
// table of named rules run in order; the first that finds something the
// report lacks decides, and its name is the answer's "rule".

// A rule is one check of the judge.
type rule struct {
	name string
	doc  string
	// run returns what the report lacks for the question, or nil when the
	// rule finds nothing missing.
	run func(j *judging) *report.Missing
}

// judging is one question and its best sentence, as the rules see them.
type judging struct {
	b    *Book
	it   *intent
	best int       // the sentence's index in the book
	text string    // its text, lower-cased
	s    *Sentence // the sentence
}

// asksNumber tells whether the question asks for a number: how many, or an
// attribute (全长, 门票).
func (j *judging) asksNumber() bool { return j.it.wantCount || len(j.it.attrs) > 0 }

// Names of the rules decided outside the table.
const (
	ruleNoCandidate = "no-candidate" // nothing in the report matched the question's words
	ruleNoTopic     = "no-topic"     // the question holds no word to search for the report to have
	ruleRequest     = "request"      // a request for something else than the report's facts: write a poem, recommend a film
)

// isRequest tells whether a question asks for something other than what a
// report says (帮我写一首关于牡丹的诗, 推荐一部好看的电影, Recommend a good
// VPN): a cue of requestCues, in either language.
func isRequest(q string) bool {
	return containsAny(strings.ToLower(q), requestCues)
}

// judgeRules are the judge's rules, in the order they run.
var judgeRules = []rule{
	{"month", "a month asked (去年12月) must stand in the answer: the report gives years", ruleMonth},
	{"day", "a day or a week asked (明天, 下周) must stand in the answer", ruleDay},
	{"other-year", "a year other than the report's two (2015年) must stand in the answer", ruleOtherYear},
	{"other-place", "a place other than the report's city must stand in the answer, or be the scope of its ranks (全省)", ruleOtherPlace},
	{"county", "a county or district of the city asked about must stand in the answer or its headings", ruleCounty},
	{"kind-place", "a place named by its kind (白原市, 竹岭镇), not the report's own, must stand in the answer or its headings", ruleKindPlace},
	{"unknown-word", "the words that name what is asked must be the report's, or be paraphrased by the answer", ruleUnknownWord},
	{"dictionary-word", "English words only the dictionary knows must be the answer's, when they are what the question turns on", ruleDictionaryWord},
	{"no-time", "a when-question needs a time in the answer, or the one year its part reviews", ruleNoTime},
	{"no-date", "a which-day question needs a date in the answer", ruleNoDate},
	{"part-of-whole", "a number of a part (出口) is not the whole's (进出口总额)", rulePartOfWhole},
	{"plan-period", "a plan period asked (十二五期间) must be the answer's, or its heading's", rulePlanPeriod},
	{"year-of-number", "a number asked of one year is not another year's number", ruleYearOfNumber},
	{"attribute", "an attribute asked (全长, 门票, 排第几) needs a figure in its units", ruleAttribute},
	{"rank-of-growth", "a rank asked of a size (GDP总量在全省排第几) is not the rank of its growth (增速保持全省第一方阵)", ruleRankOfGrowth},
	{"attribute-of-thing", "an attribute asked of a thing (the city's 总面积, 1号线啥时候通车) must be that thing's: its figure or event word in the thing's own clause", ruleAttributeOfThing},
	{"rate", "a rate asked (失业率, unemployment rate, 比重多大) needs a figure in percent", ruleRate},
	{"rate-of-thing", "a rate asked of a thing (森林覆盖率) is not another thing's rate of that name (体育健身设施覆盖率)", ruleRateOfThing},
	{"share-of", "a share asked of a thing (研发投入占GDP比重) must be that thing's: the answer names it", ruleShareOf},
	{"whole-of-share", "an amount of a whole (一般公共预算支出是多少) is not a part's share of it (民生支出占一般公共预算支出的比重)", ruleWholeOfShare},
	{"topic", "the answer itself must hold something the question asks about, not only its heading", ruleTopic},
	{"main-thing", "the thing a when-question weighs most (轨道交通 of when will the metro open) must be the answer's, not only the words of the event", ruleMainThing},
	{"person-past", "what a person did before, where they come from or how old they are (之前担任什么职务, 老家, hometown) is not said by a line naming them", rulePersonPast},
	{"role", "a person asked by role (市委书记) needs that role and a person in the answer", ruleRole},
	{"part-of-set", "a part of a counted set (260家…里，国家级的) needs the answer's 其中", rulePartOfSet},
	{"list-not-named", "a which-ones question about a counted set is not answered by the count, which names none", ruleListNotNamed},
	{"no-number", "a how-many question needs a number of what is asked", ruleNoNumber},
	{"total-not-added", "a total (一共有) is not answered by what was added (新增)", ruleTotalNotAdded},
	{"total-cost", "a project's whole cost (总投资) is not answered by what was invested in a year (完成投资)", ruleTotalCost},
	{"money-of-thing", "an amount of money asked (营业收入是多少, 总投资是多少) needs a figure in money of that word", ruleMoneyOfThing},
	{"quoted-number", "a question that quotes a figure asks another one", ruleQuotedNumber},
	{"kind-of-thing", "a number asked of one kind of a thing (常住人口) is not another kind's (脱贫人口), whose qualifier the answer lacks", ruleKindOfThing},
	{"numbered-name", "a numbered name asked (地铁11号线, 三期) must stand in the answer: another number is another line, another phase", ruleNumberedName},
	{"particular-thing", "a number asked of a particular thing must be that thing's, in its clause", ruleParticularThing},
}

// judge tells whether the best sentence answers the question, and if not,
// what the report lacks, with the name of the rule that found it.
func (b *Book) judge(it *intent, best int) *report.Missing {
	if best < 0 {
		return &report.Missing{Kind: report.MissingTopic, Rule: ruleNoCandidate}
	}
	var missing *report.Missing
	b.judgeEach(it, best, func(r rule, m *report.Missing) {
		if m != nil {
			m.Rule = r.name
			missing = m
		}
	})
	return missing
}

func ruleMonth(j *judging) *report.Missing {
	if m := reAskedMonth.FindStringSubmatch(j.it.text); m != nil && !strings.Contains(j.text, m[1]+"月") {
		return &report.Missing{Kind: report.MissingYear, What: []string{m[1] + "月"}}
	}
	return nil
}

func ruleDay(j *judging) *report.Missing {
	if j.it.day != "" && !strings.Contains(j.text, j.it.day) {
		return &report.Missing{Kind: report.MissingYear, What: []string{j.it.day}}
	}
	return nil
}

func ruleOtherYear(j *judging) *report.Missing {
	var years []string
	sp := j.b.spanOf(j.best)
	plan := j.planYears(sp)
	for _, y := range j.it.years {
		if y == j.b.thisYear || y == j.b.thisYear-1 || plan[y] {
			continue
		}
		if sp.period == PeriodPlan && sp.from < sp.to && y == sp.to {
			continue // by 2026: the end of the five years the goals' part plans
		}
		if !strings.Contains(j.text, strconv.Itoa(y)) && !slices.ContainsFunc(j.s.Figures, func(f Figure) bool {
			// 2016年到2018年: 三年来…年均增长 is of 2016—2018 (not of 2018 alone)
			return f.Kind == KindBase && f.Year == y || len(j.it.years) > 1 && f.YearFrom != 0 && f.YearFrom <= y && y <= f.Year
		}) {
			// (由58.3%提高到62.4%, in the review of 2016–2020: 58.3% is
			// 2015's, the year before the five)
			years = append(years, strconv.Itoa(y))
		}
	}
	if len(years) > 0 {
		return &report.Missing{Kind: report.MissingYear, What: years}
	}
	return nil
}

// planYears returns the years of a five-year plan the question names by its
// first and last year (2011—2015年, over 2011-2015) when the answer speaks
// of that plan: by its name (“十二五”期间), in its heading, or as the five
// years its part looks back on.
func (j *judging) planYears(sp yearSpan) map[int]bool {
	ys := j.it.years
	for k := 0; k+1 < len(ys); k++ {
		from, to := ys[k], ys[k+1]
		name := planName(from)
		if to != from+4 || name == "" {
			continue
		}
		if strings.Contains(j.text, name) || strings.Contains(j.s.Context(), name) || strings.Contains(j.s.Part, name) || sp.from == from && sp.to == to {
			return map[int]bool{from: true, to: true}
		}
	}
	return nil
}

// planName returns the name of the five-year plan that starts in a year
// (2011: 十二五), "" for another year or a plan before 十一五 (2006) or
// after 十九五.
func planName(from int) string {
	for _, d := range "一二三四五六七八九" {
		if f, _ := planYears(string(d)); f == from {
			return "十" + string(d) + "五"
		}
	}
	return ""
}

func ruleOtherPlace(j *judging) *report.Missing {
	var places []string
	for _, p := range j.it.places {
		scopes := j.b.lex.scopes[p]
		if scopes == nil && strings.HasSuffix(p, "省") {
			scopes = []string{"全省"} // the report's own province, which the places list lacks
		}
		if !strings.Contains(j.text, p) && !(j.it.namesCity && containsAny(j.text, scopes)) {
			// 洛阳在河南排第几: the province is the scope of the city's
			// rank, which the report writes 全省.
			places = append(places, p)
		}
	}
	if len(places) > 0 {
		return &report.Missing{Kind: report.MissingPlace, What: places}
	}
	return nil
}

func ruleCounty(j *judging) *report.Missing {
	// 嵩县去年旅游收入: a county asked about must be in the answer; the
	// city's total is not its own.
	return j.placesMissing(j.it.homeParts)
}

func ruleKindPlace(j *judging) *report.Missing {
	// 白原市去年地区生产总值: the report of 松河县, one of 白原's counties,
	// gives its own, not the city's.
	return j.placesMissing(j.it.kindPlaces)
}

// placesMissing returns, as missing, the places that neither the answer nor
// its headings name; nil when it names them all.
func (j *judging) placesMissing(places []string) *report.Missing {
	var out []string
	for _, p := range places {
		if !strings.Contains(j.text, p) && !strings.Contains(j.s.Context(), p) {
			out = append(out, p)
		}
	}
	if len(out) > 0 {
		return &report.Missing{Kind: report.MissingPlace, What: out}
	}
	return nil
}

func ruleUnknownWord(j *judging) *report.Missing {
	if len(j.it.unknown) == 1 && j.it.unknownFirm && !isCode(j.it.unknown[0]) && countedInUnit(j.it.text, j.it.unknown[0], j.s) {
		return nil // 多少户人家: the answer counts in 户 what the asker calls 人家
	}
	if len(j.it.unknown) > 0 && (j.it.unknownFirm || !j.b.paraphrased(j.it, j.best)) {
		return &report.Missing{Kind: report.MissingTerm, What: j.it.unknown}
	}
	return nil
}

func ruleNoTime(j *judging) *report.Missing {
	sp := j.b.spanOf(j.best)
	reviewedYear := j.s.Period == PeriodReview && sp.from == sp.to
	if j.it.wantTime && !j.b.traits[j.best].time && !reAskedYear.MatchString(j.s.Text) && !reviewedYear {
		// 银行哪一年上市: a plan with no time in it does not say when;
		// what was done (自贸区获批建设) was done in the year reviewed, but
		// not in a review of five years (汉十高铁相继开通).
		return &report.Missing{Kind: report.MissingFigure, What: []string{"时间"}}
	}
	return nil
}

func ruleNoDate(j *judging) *report.Missing {
	if j.it.wantDate && !j.b.traits[j.best].date {
		// 哪一天开幕: a sentence with no date does not say which day (a when
		// question is answered by the year the sentence speaks of).
		return &report.Missing{Kind: report.MissingFigure, What: []string{"时间"}}
	}
	return nil
}

func rulePartOfWhole(j *judging) *report.Missing {
	for _, p := range j.it.parts {
		if j.asksNumber() && !j.namesPart(p) {
			// 去年出口额是多少: the report gives 进出口总额, a whole of
			// which 出口 is a part.
			return &report.Missing{Kind: report.MissingFigure, What: []string{p}}
		}
	}
	return nil
}

// namesPart tells whether the sentence names a part the question asks of,
// in its words or as another part its words mean (农民收入: 城镇和农村居民人均
// 可支配收入 names 农村居民人均可支配收入), not as the whole (税收收入 is not
// 一般公共预算收入).
func (j *judging) namesPart(p string) bool {
	if j.b.namesPart(j.text, p) {
		return true
	}
	other := func(t string) bool { return t != p && slices.Contains(j.b.lex.parts, t) && j.b.namesPart(j.text, t) }
	for _, c := range j.it.concepts {
		if slices.Contains(c.terms, p) && slices.ContainsFunc(c.terms, other) {
			return true
		}
	}
	return false
}

func rulePlanPeriod(j *judging) *report.Missing {
	if plan := reFiveYearPlan.FindString(j.it.text); plan != "" && !strings.Contains(j.text, plan) && !strings.Contains(j.s.Context(), plan) && !strings.Contains(j.s.Part, plan) && j.it.year == 0 && !j.yearsSincePlan(plan) {
		// 十二五期间: a plan's years, which the answer must speak of.
		return &report.Missing{Kind: report.MissingYear, What: []string{plan}}
	}
	return nil
}

// yearsSincePlan tells whether the answer looks back on the years of a
// plan under way (四年来 in 2020 is since the start of 十三五), which the
// question asks as the plan (十三五以来).
func (j *judging) yearsSincePlan(plan string) bool {
	m := reFiveYearPlan.FindStringSubmatch(plan)
	if m == nil {
		return false
	}
	from, _ := planYears(m[1])
	n := j.b.thisYear - from
	if n < 2 || n > 5 {
		return false
	}
	word := string([]rune("零一二三四五")[n]) + "年来"
	return strings.Contains(j.text, word) || strings.Contains(j.text, strconv.Itoa(n)+"年来")
}

func ruleYearOfNumber(j *judging) *report.Missing {
	asksTarget := j.it.wantFigure && strings.Contains(j.it.text, "目标")
	if y := j.it.year; (j.asksNumber() || asksTarget) && y > 0 && !figureOfYear(j.s, j.it, y) {
		// 去年年底的城镇化率 answered by this year's target, 十三五末 by
		// this year's: the sentence's number is of another year.
		return &report.Missing{Kind: report.MissingYear, What: []string{strconv.Itoa(y)}}
	}
	return nil
}

func ruleAttribute(j *judging) *report.Missing {
	for _, a := range j.it.attrs {
		if (a.units["元"] || len(j.it.units) == 0 && !wordUnits(a.units)) && (j.it.asksLess || j.it.wantGrowth) && hasUnit(j.s, map[string]bool{"%": true}) {
			// 少花了多少, 价格涨了多少, 浓度下降目标: 同比下降34.1%, 上涨1.6%,
			// 下降5%以上 say by how much
			continue
		}
		if n, ok := qualifierOf(j.it.text, a); ok {
			// 80岁以上的老人有多少人: which people, not their age; the
			// answer says it of the same people (为80岁以上老人…, 3岁以下 for 三岁以下)
			if !qualifiedIn(j.text, a.cue, n) {
				return &report.Missing{Kind: report.MissingFigure, What: []string{a.cue}}
			}
			continue
		}
		if !hasUnit(j.s, a.units) && !(a.units["=@home"] && j.b.namesHomePart(j.text)) || onlyQuoted(j.s, j.it, a.units) {
			// 孙辛路有多长, 门票多少钱, 在全省排第几: the sentence gives no
			// length, no price, no rank.
			return &report.Missing{Kind: report.MissingFigure, What: []string{a.cue}}
		}
	}
	return nil
}

// numeralLetters open a count in Chinese (五个, 两家, 每天), not a thing's
// name.
const numeralLetters = "一二三四五六七八九十两几百千万每"

// reQualifier is a number written right before what it qualifies (80岁以上,
// 三岁以下, 65周岁以上: 周 is the number's too).
var reQualifier = regexp.MustCompile(`(\d+|[` + numeralLetters + `]+)周?$`)

// qualifierOf returns the number written right before an attribute's cue
// when the cue opens with its unit (80岁以上 of 岁以上): the number says which
// things are asked of (people over 80), not what is asked.
func qualifierOf(q string, a *attribute) (int, bool) {
	i := strings.Index(q, a.cue)
	first, _ := utf8.DecodeRuneInString(a.cue)
	if i <= 0 || !a.units[string(first)] {
		return 0, false
	}
	return qualifierNumber(q[:i])
}

// qualifierNumber reads the number that ends s, in digits or in Chinese.
func qualifierNumber(s string) (int, bool) {
	m := reQualifier.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	if n, err := strconv.Atoi(m[1]); err == nil {
		return n, true
	}
	n := report.ParseNumber(m[1])
	return n, n > 0
}

// qualifiedIn tells whether text writes cue after the number n, in digits or
// in Chinese, with 周 or without (65周岁以上 for 65岁以上).
func qualifiedIn(text, cue string, n int) bool {
	for _, c := range []string{cue, strings.Replace(cue, "岁", "周岁", 1)} {
		for i := range occurrences(text, c) {
			if m, ok := qualifierNumber(text[:i]); ok && m == n {
				return true
			}
		}
	}
	return false
}

// speakerCues ask who delivered the report (报告人, 作者; who delivered: 报告人).
var speakerCues = []string{"报告人", "作者"}

func ruleTopic(j *judging) *report.Missing {
	found := false
	for _, c := range j.it.concepts {
		if utf8.RuneCountInString(c.terms[0]) >= 2 && (slices.Contains(units, c.terms[0]) || slices.Contains(figureCues, c.terms[0])) {
			continue // 多少亿元, 投入总额是多少: the unit or the measure asked (亿元以上项目, 进出口总额 hold them too) is no topic
		}
		if c.levels[j.best] >= inLead || c.levels[j.best] == inContext && containsAny(j.s.Item, c.terms) {
			// 今年怎么稳企业: the item heading right above (一是精细服务稳企业)
			// says what its sentences are about.
			found = true
		}
	}
	if j.it.wantPerson && j.it.role == "" && j.b.traits[j.best].person && (containsAny(j.it.text, speakerCues) || !slices.ContainsFunc(j.it.concepts, isSubject)) {
		// who delivered the report: the speaker's line names a person; not
		// who won the Champions League final, which names a thing of its own
		found = true
	}
	if !found && len(j.it.concepts) > 0 {
		return &report.Missing{Kind: report.MissingTopic}
	}
	return nil
}

func rulePersonPast(j *judging) *report.Missing {
	q := strings.ToLower(j.it.text + " " + j.it.enText)
	if j.b.traits[j.best].person && containsAny(q, personPast) && !containsAny(j.text, pastSaid) {
		// 刘宛康之前在哪里任职: the speaker's line gives his name and
		// post, not his career
		return &report.Missing{Kind: report.MissingTopic}
	}
	return nil
}

// heaviest returns the concept that weighs most of those ok keeps (the
// first of equal weight), or nil when it keeps none.
func heaviest(concepts []concept, ok func(*concept) bool) *concept {
	var top *concept
	for k := range concepts {
		if c := &concepts[k]; (top == nil || c.weight > top.weight) && ok(c) {
			top = c
		}
	}
	return top
}

func ruleMainThing(j *judging) *report.Missing {
	top := heaviest(j.it.concepts, func(c *concept) bool { return !j.b.isEventWord(c) })
	if !j.it.wantTime || top == nil || !isSubject(*top) || top.levels[j.best] >= inLead || top.levels[j.best] == inContext && containsAny(j.s.Item, top.terms) {
		return nil
	}
	// When will the metro open?: a sentence of a highway opening answers
	// the how, not the what.
	return &report.Missing{Kind: report.MissingTerm, What: top.terms[:1]}
}

// isEventWord tells whether a concept is an event a when-question asks the
// time of (完工, 通车: the attribute cues only a when-question asks), not a
// thing.
func (b *Book) isEventWord(c *concept) bool {
	for k := range b.lex.attrs {
		if a := &b.lex.attrs[k]; a.units["=@when"] && slices.ContainsFunc(c.terms, func(t string) bool { return strings.Contains(t, a.cue) || a.units["="+t] }) {
			return true
		}
	}
	return false
}

func ruleRole(j *judging) *report.Missing {
	if j.it.wantPerson && j.it.role != "" && (!strings.Contains(j.text, j.it.role) || !j.b.traits[j.best].person) {
		// 河长是谁: 河长制 names no person.
		// 市委书记是谁: the role itself must stand in the sentence.
		return &report.Missing{Kind: report.MissingTerm, What: []string{j.it.role}}
	}
	return nil
}

func rulePartOfSet(j *judging) *report.Missing {
	if j.it.wantCount && reQuotedSet.MatchString(j.it.text) && quotesNumberOf(j.it.text, j.s) && !strings.Contains(j.s.Text, "其中") {
		// 新增的260家研发平台里，国家级的有多少家: a part of a set the sentence
		// counts, which it would give after 其中.
		return &report.Missing{Kind: report.MissingFigure}
	}
	return nil
}

func ruleListNotNamed(j *judging) *report.Missing {
	if (j.it.wantList || containsAny(j.it.text, whichOneCues)) && !j.b.traits[j.best].list && quotesCountOf(j.it.text, j.s) {
		// 新三板挂牌的11家企业都是哪几家: the sentence counts them (11家)
		// and names none.
		return &report.Missing{Kind: report.MissingFigure}
	}
	return nil
}

// asksCount tells whether the number rules apply: a how-many question that
// is no which-ones question.
func (j *judging) asksCount() bool { return j.asksNumber() && !j.it.wantList && j.it.wantCount }

func ruleNoNumber(j *judging) *report.Missing {
	if j.asksCount() && !j.b.statesNumber(j.s, j.it) {
		return &report.Missing{Kind: report.MissingFigure}
	}
	return nil
}

func ruleTotalNotAdded(j *judging) *report.Missing {
	it := j.it
	if j.asksCount() && containsAny(it.text, stockCues) && !containsAny(clauseOf(it.text, stockCues), flowWords) && containsAny(j.s.Text, increaseWords) && !containsAny(j.s.Text, totalGiven) && !j.totalOfThing() {
		// 现在一共有多少家高新技术企业: a total, which a sentence of
		// what was added (新增…38家) does not give, unless it gives the
		// total too (新增…23家，总数达到71家; 新增4A级旅游景区3家，全市A级
		// 旅游景区达到62家).
		return &report.Missing{Kind: report.MissingFigure}
	}
	return nil
}

// partOfBefore tells whether the clause of a figure written at i is a part
// of the one before: 新增创新主体322家，其中高新技术企业38家.
func partOfBefore(text string, i int) bool {
	start := max(strings.LastIndex(text[:i], "，"), strings.LastIndex(text[:i], "；"))
	if start < 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(text[start:])
	return strings.HasPrefix(text[start+size:], "其中")
}

// reachedTo tells whether a figure written at i is a level reached:
// 全市A级旅游景区达到62家.
func reachedTo(text string, i int) bool {
	return slices.ContainsFunc(reachWords, func(w string) bool { return strings.HasSuffix(text[:i], w) })
}

// totalOfThing tells whether the answer gives a level of one of the
// question's things that is not what was added.
func (j *judging) totalOfThing() bool {
	for _, f := range j.s.Figures {
		if f.Measure != MeasureLevel && f.Measure != MeasureCount || containsAny(f.Metric, increaseWords) {
			continue
		}
		if i := strings.Index(j.s.Text, f.Raw); i <= 0 || partOfBefore(j.s.Text, i) || !reachedTo(j.s.Text, i) {
			continue // 3家上市企业再融资: a count of the firms that did, not all there are
		}
		metric := strings.ToLower(f.Metric)
		for _, c := range j.it.concepts {
			if slices.ContainsFunc(c.terms, func(t string) bool { return strings.Contains(metric, t) }) {
				return true
			}
		}
	}
	return false
}

func ruleTotalCost(j *judging) *report.Missing {
	if containsAny(j.it.text, totalCostCues) && !containsAny(j.s.Text, totalCostCues) && containsAny(j.s.Text, spentCost) {
		// 煤制烯烃项目总投资是多少: …项目完成投资48亿元 is one year's.
		return &report.Missing{Kind: report.MissingFigure, What: []string{"总投资"}}
	}
	return nil
}

func ruleMoneyOfThing(j *judging) *report.Missing {
	w := moneyWordAsked(j.it.text)
	if w == "" {
		return nil
	}
	// 煤制烯烃项目的总投资是多少: …当年实现产值46.2亿元 is an amount of
	// money, of another kind.
	terms := []string{strings.TrimPrefix(w, "总")}
	for _, c := range j.it.concepts {
		if slices.ContainsFunc(c.terms, func(t string) bool { return strings.Contains(t, w) || strings.Contains(w, t) }) {
			terms = append(terms, c.terms...)
		}
	}
	for _, f := range j.s.Figures {
		if slices.Contains(moneyUnits, f.Unit) && containsAny(strings.ToLower(f.Metric), terms) {
			return nil
		}
	}
	return &report.Missing{Kind: report.MissingFigure, What: []string{w}}
}

func ruleQuotedNumber(j *judging) *report.Missing {
	if j.asksCount() && !newNumber(j.s, j.it) {
		// 378.4亿元民生支出中，教育支出是多少: a question that quotes a
		// figure asks another; 城市和农村各有多少 asks two.
		return &report.Missing{Kind: report.MissingFigure}
	}
	return nil
}

func ruleKindOfThing(j *judging) *report.Missing {
	if !j.asksCount() {
		return nil
	}
	for _, c := range j.it.concepts {
		q := c.terms[0]
		if !c.own || utf8.RuneCountInString(q) < 3 || strings.Contains(j.text, q) || !strings.Contains(j.b.texts.text, q) {
			continue // 孩子上幼儿园: an everyday word, no kind the report names
		}
		for _, k := range c.terms[1:] {
			x, ok := strings.CutSuffix(q, k)
			if !ok || utf8.RuneCountInString(x) < 2 || reScope.MatchString(x) || j.b.homeNamed(x) || !strings.Contains(j.text, k) || !j.b.onlyInWords(j.text, k) {
				continue
			}
			if !slices.ContainsFunc(j.b.seg.Cut(x), func(w string) bool { return strings.Contains(j.text, w) }) {
				// 常住人口有多少万人: 脱贫人口…16.8万人 counts another
				// kind of 人口, and says nothing of 常住
				return &report.Missing{Kind: report.MissingFigure, What: []string{q}}
			}
		}
	}
	return nil
}

// onlyInWords tells whether every time text writes w, it is qualified: a
// part of a longer word, or after a word of content (脱贫人口 for 人口), not
// after a word of how or when (全年开发区).
func (b *Book) onlyInWords(text, w string) bool {
	words := b.seg.Cut(text)
	starts, ends := map[int]bool{}, map[int]string{} // where each word starts; the word that ends at each offset
	for k, at := range offsets(text, words, func(w string) string { return w }) {
		if at >= 0 {
			starts[at], ends[at+len(words[k])] = true, words[k]
		}
	}
	for i := range occurrences(text, w) {
		if !starts[i] {
			continue // inside a word
		}
		prev, ok := ends[i]
		if !ok || stopWords[prev] || !isHan([]rune(prev)[0]) {
			return false
		}
	}
	return true
}

// reNumbered is a numbered name: 11号线, 2号, 三期 (the number and its
// mark; 1号、2号线 writes the first without 线), T2线 (a letter's line).
var reNumbered = regexp.MustCompile(`(?:\d+|[一二三四五六七八九十]+)(?:号|期)|(?i:[a-z])\d+线`)

func ruleNumberedName(j *judging) *report.Missing {
	q := reFiveYearPlan.ReplaceAllString(j.it.text, " ") // 十三五期间: a plan's time, no phase
	for _, loc := range reNumbered.FindAllStringIndex(q, -1) {
		n := q[loc[0]:loc[1]]
		if next, _ := utf8.DecodeRuneInString(q[loc[1]:]); strings.HasSuffix(n, "期") && strings.ContainsRune("间末内初中满", next) {
			continue // 一期间: a time
		}
		if !strings.Contains(j.text, n) && !strings.Contains(j.s.Context(), n) {
			// 地铁11号线金沙段哪一年通车: 地铁6号线金沙段建成通车 is
			// another line's
			return &report.Missing{Kind: report.MissingTerm, What: []string{n}}
		}
	}
	return nil
}

func ruleParticularThing(j *judging) *report.Missing {
	if !j.asksNumber() || j.it.wantList {
		return nil
	}
	// 孙辛路改造花了多少钱: a number is asked of the question's most
	// particular thing; a sentence with a number of something else does not
	// give it.
	for _, c := range j.it.concepts {
		if !c.own || c.plan || reYears.MatchString(c.terms[0]) || !isSubject(c) || !j.b.rareName(c.terms[0]) {
			continue // 过去五年: a time, not a thing; 比上年: how it is asked
		}
		units := j.it.units
		if asksSeveral(j.it.text) {
			units = nil // 接待游客多少人次，旅游综合收入多少: 人次 is the first ask's unit
		}
		if c.levels[j.best] == noMatch || j.it.wantCount && !clauseHasNumber(j.text, c.terms[0], units) {
			// 产业园三期投资了多少钱: the sentence's 416亿元 is of another
			// clause's projects.
			return &report.Missing{Kind: report.MissingFigure}
		}
		if j.it.wantCount && !asksSeveral(j.it.text) && figureOfOtherThing(j.text, c.terms[0], j.it) {
			// 金沙湾旅游度假区接待了多少游客: …创成国家级旅游度假区，
			// 月牙湾海滨浴场接待游客520万人次 counts another place's. Not
			// for two numbers asked at once (几家企业上市、融资多少), whose
			// units are each one's.
			return &report.Missing{Kind: report.MissingFigure}
		}
	}
	if p := j.anotherOfKind(); p != "" {
		return &report.Missing{Kind: report.MissingFigure, What: []string{p}}
	}
	if name := longestShared(j.it.text, j.text); j.it.wantCount && !asksSeveral(j.it.text) && utf8.RuneCountInString(name) >= minSharedName && figureOfOtherThing(j.text, name, j.it) {
		// 白云至河口一级公路全长多少公里: …建成白云至河口一级公路，…，新建
		// 改建农村公路1500公里 gives the length of other roads.
		return &report.Missing{Kind: report.MissingFigure, What: []string{name}}
	}
	return nil
}

// minSharedName is how long a run of the question's letters standing in the
// answer must be to name the thing asked.
const minSharedName = 6

// longestShared returns the longest run of q's letters, Han only, that text
// holds.
func longestShared(q, text string) string {
	rs, best := []rune(q), ""
	for i := range rs {
		if !isHan(rs[i]) {
			continue
		}
		for k := i + utf8.RuneCountInString(best) + 1; k <= len(rs) && isHan(rs[k-1]); k++ {
			if !strings.Contains(text, string(rs[i:k])) {
				break
			}
			best = string(rs[i:k])
		}
	}
	return best
}

// anotherOfKind returns the name the question's words make together (凤凰水库,
// 马鞍镇) when the answer names another thing of its kind (云溪水库) and not
// it: a number there is another thing's. "" when none.
func (j *judging) anotherOfKind() string {
	for _, p := range j.it.phrases {
		if strings.Contains(j.text, p) || !j.b.rareName(p) {
			continue
		}
		words := j.b.seg.Cut(p)
		if len(words) < 2 {
			continue
		}
		name, kind := strings.Join(words[:len(words)-1], ""), words[len(words)-1]
		if nameKinds[kind] && strings.Contains(j.text, kind) && !strings.Contains(j.text, name) {
			return p
		}
	}
	return ""
}

func ruleShareOf(j *judging) *report.Missing {
	m := reShareOf.FindStringSubmatchIndex(j.it.text)
	if m == nil || j.it.wantList || !j.it.wantCount && !j.it.wantFigure {
		return nil // 哪些产业占比偏低 asks which, not how much
	}
	part := j.it.text[m[2]:m[3]]
	top := heaviest(j.it.concepts, func(c *concept) bool { return isSubject(*c) && strings.Contains(part, c.terms[0]) })
	if top == nil || containsAny(j.text, lowered(top.terms)) {
		return nil // 县城空气好的日子占多少比例: 空气质量优良率 is its share; 日子 weighs little
	}
	// 研发投入占GDP比重: a sentence of the GDP alone gives no share of
	// research spending. The answer's text is lower-cased (gdp).
	return &report.Missing{Kind: report.MissingFigure, What: top.terms[:1]}
}

func ruleWholeOfShare(j *judging) *report.Missing {
	if !j.asksCount() && !j.it.wantGrowth || j.it.asksShare() {
		return nil // 民生支出占一般公共预算支出多少: a share is asked
	}
	what := ""
	for _, c := range j.it.concepts {
		t, ok := firstIn(j.text, lowered(c.terms))
		if !isSubject(c) || reScope.MatchString(c.terms[0]) || !ok {
			continue
		}
		if !namedOnlyAsWhole(j.text, c.terms) {
			return nil
		}
		if what == "" {
			what = t
		}
	}
	if what == "" {
		return nil
	}
	// 一般公共预算支出总额是多少: 民生支出占一般公共预算支出的比重 gives a
	// part's share of it, not its amount; GDP growth: 服务业增加值增长11.3%，
	// 占地区生产总值比重… not its growth
	return &report.Missing{Kind: report.MissingFigure, What: []string{what}}
}

// firstIn returns the first of terms that text holds.
func firstIn(text string, terms []string) (string, bool) {
	for _, t := range terms {
		if strings.Contains(text, t) {
			return t, true
		}
	}
	return "", false
}

// asksShare tells whether a question asks a share or a rate (民生支出占多少,
// 比重多大, the unemployment rate).
func (it *intent) asksShare() bool {
	en := strings.ReplaceAll(strings.ToLower(it.enText), "growth rate", "") // a growth, no share
	return strings.Contains(it.text, "占") || reAsksRate.MatchString(it.text) || en != "" && reAsksRate.MatchString(en)
}

// namedOnlyAsWhole tells whether a text names a thing by one of its terms
// only as what another thing is a share of (占地区生产总值比重).
func namedOnlyAsWhole(text string, terms []string) bool {
	named := false
	for _, t := range lowered(terms) {
		if !strings.Contains(text, t) {
			continue
		}
		if !onlyAsWhole(text, t) {
			return false
		}
		named = true
	}
	return named
}

// onlyAsWhole tells whether every time a text names a thing, it is what
// another thing is a share of: 占 stands before it in its clause.
func onlyAsWhole(text, t string) bool {
	for i := 0; ; {
		k := strings.Index(text[i:], t)
		if k < 0 {
			return true
		}
		k += i
		start := strings.LastIndexFunc(text[:k], isClauseEnd) + 1
		if !strings.Contains(text[start:k], "占") {
			return false
		}
		i = k + len(t)
	}
}

// reShareOf is a share asked of a thing: 研发投入占GDP比重, 服务业占比,
// 研发投入占GDP多少 (not 占地多少亩).
var reShareOf = regexp.MustCompile(`([^，,？?]+?)占(?:比|[^，,？?]*?(?:比重|比例|的比|百分之)|[^，,？?地用]{1,12}?(?:多少|几成))`)

func ruleDictionaryWord(j *judging) *report.Missing {
	if len(j.it.dict) == 0 {
		return nil
	}
	// A word read through the dictionary counts as known only where the
	// answer uses a word it glosses; the rest join the words no data knows,
	// and the question is weighed as englishUnknown weighs it.
	groups := j.it.enGroups
	unknown := slices.Clone(j.it.enUnknown)
	var starts map[int]bool
	for _, g := range j.it.dict {
		if g.asked && containsAny(j.text, g.terms) {
			// how many rooms: 空间 or 地方 as a word of the answer, not
			// 地方 of 地方性法规
			if starts == nil {
				starts = wordStarts(j.text, j.b.seg.Cut(j.text))
			}
			if !slices.ContainsFunc(g.terms, func(t string) bool { return standsAsWord(j.text, t, starts) }) {
				return &report.Missing{Kind: report.MissingTerm, What: []string{g.en}}
			}
		}
		switch {
		case containsAny(j.text, g.terms) || containsAny(j.s.Context(), g.terms):
			groups++
		case g.asked:
			// how many employees: what is counted must be the answer's
			return &report.Missing{Kind: report.MissingTerm, What: []string{g.en}}
		default:
			unknown = append(unknown, g.en)
		}
	}
	if groups == 0 && len(unknown) > 0 || groups <= 1 && len(unknown) >= minEnglishUnknown {
		return &report.Missing{Kind: report.MissingTerm, What: unknown}
	}
	return nil
}

// countedInUnit tells whether a question counts its unknown word in a
// measure word (多少户人家, 几所学校) that a figure of the sentence is in.
func countedInUnit(q, what string, s *Sentence) bool {
	for _, cue := range []string{"多少", "几"} {
		i := strings.Index(q, cue)
		for i >= 0 {
			rest := q[i+len(cue):]
			r, size := utf8.DecodeRuneInString(rest)
			if size > 0 && strings.ContainsRune(measureWords, r) && strings.HasPrefix(rest[size:], what) {
				unit := string(r)
				return slices.ContainsFunc(s.Figures, func(f Figure) bool { return strings.HasSuffix(f.Unit, unit) })
			}
			k := strings.Index(rest, cue)
			if k < 0 {
				break
			}
			i += len(cue) + k
		}
	}
	return false
}

// quotesCountOf tells whether a question quotes a count of the sentence (11家,
// 5个): a set whose members a which-ones question asks, unlike an amount
// (302.7亿元指的是哪一项 asks what the amount is of).
func quotesCountOf(q string, s *Sentence) bool {
	quoted := quotedNumbers(q)
	return slices.ContainsFunc(s.Figures, func(f Figure) bool { return quoted[f.Value] && f.Measure == MeasureCount })
}

// things returns the words of what the question asks about: its concepts
// that name things, without the attribute's own words.
func (j *judging) things(a *attribute) []string {
	var out []string
	for _, c := range j.it.concepts {
		if !isSubject(c) || strings.Contains(a.cue, c.terms[0]) || strings.Contains(c.terms[0], a.cue) || slices.Contains(units, c.terms[0]) || j.b.namesAttribute(a.kind, c.terms[0]) {
			continue // (公里 of how many km: the unit asked, not a thing; 面积 of 片区的面积有多少平方公里: the attribute's name)
		}
		out = append(out, c.terms...)
	}
	if slices.ContainsFunc(j.it.concepts, func(c concept) bool {
		first, _ := utf8.DecodeRuneInString(c.terms[0])
		return slices.Contains(out, c.terms[0]) && !slices.Contains(valueWords, c.terms[0]) && !strings.ContainsRune(numeralLetters, first) && strings.Contains(j.b.texts.text, c.terms[0])
	}) {
		// 地铁单程票价最低多少钱: of 地铁, which the report names; 最低
		// says which value, and any other thing's lowest is not it
		out = slices.DeleteFunc(out, func(t string) bool { return slices.Contains(valueWords, t) })
	}
	return out
}

func ruleRankOfGrowth(j *judging) *report.Missing {
	if j.it.wantGrowth || containsAny(j.it.text, growthRates) {
		return nil
	}
	for _, a := range j.it.attrs {
		if !a.units["=@rank"] {
			continue
		}
		ranked := false // a clause of the sentence ranks something other than a growth
		for _, cl := range strings.FieldsFunc(j.s.Text, isClauseEnd) {
			if wordUnitIn(cl, a.units) && !containsAny(cl, growthRates) {
				ranked = true
			}
		}
		if !ranked {
			return &report.Missing{Kind: report.MissingFigure, What: []string{a.cue}}
		}
	}
	return nil
}

// isClauseEnd tells whether a letter ends a clause: a comma, a semicolon, a
// full stop.
func isClauseEnd(r rune) bool { return strings.ContainsRune("，；。,;", r) }

// namesAttribute tells whether a word is the name of what an attribute's
// line asks (面积 of 面积有多大, 总面积): a word of one of its cues.
func (b *Book) namesAttribute(kind int, w string) bool {
	for k := range b.lex.attrs {
		if a := &b.lex.attrs[k]; a.kind == kind && strings.Contains(a.cue, w) {
			return true
		}
	}
	return false
}

func ruleAttributeOfThing(j *judging) *report.Missing {
	for _, a := range j.it.attrs {
		if a.units["元"] && j.it.asksLess {
			continue // 少花了多少: a rate of decline says by how much
		}
		if _, ok := qualifierOf(j.it.text, a); ok {
			continue // 80岁以上的老人: which people (rule attribute), not what is asked of a thing
		}
		things := j.things(a)
		if containsAny(j.s.Item, things) {
			continue // 二是培育六大新兴产业。…完成投资351亿元: the heading says whose
		}
		things = slices.DeleteFunc(things, reScope.MatchString) // 全县耕地总面积: of 耕地, which 全县苹果种植面积 is not
		switch {
		case a.units["=@when"]:
			// 地铁1号线啥时候通车: 通车 said of 1号线, not of a road beside it;
			// a numbered name is the most particular of the things (地铁11号线:
			// not 地铁6号线…建成通车), and several are of one name (地铁4号线一期:
			// not 3号线一期…建成开通)
			numbered := slices.DeleteFunc(slices.Clone(things), func(t string) bool { return !reNumbered.MatchString(t) })
			if len(numbered) > 0 {
				things = numbered
			}
			things = mostParticular(j.text, things)
			if len(things) > 0 && !eventOf(j.text, things, a.units, len(numbered) > 0) {
				return &report.Missing{Kind: report.MissingFigure, What: []string{a.cue}}
			}
		case wordUnits(a.units) || a.units["=@home"]:
		case len(things) == 0 && j.it.namesCity:
			// 洛阳市的总面积有多大: the city's own, which a figure of
			// something in it (有效灌溉面积) is not
			if !slices.ContainsFunc(j.s.Figures, func(f Figure) bool { return a.units[f.Unit] && isWhole(f.Subject) }) {
				return &report.Missing{Kind: report.MissingFigure, What: []string{a.cue}}
			}
		case len(things) > 0 && !slices.ContainsFunc(things, func(t string) bool { return strings.Contains(j.text, t) && clauseHasNumber(j.text, t, a.units) }):
			// 自贸区洛阳片区面积有多大: 有效灌溉面积 is not the zone's
			return &report.Missing{Kind: report.MissingFigure, What: []string{a.cue}}
		}
	}
	return nil
}

// mostParticular keeps, of the things standing in the text, those no longer
// one standing there holds (云岭至桐江高速公路, not 高速公路: a road's event
// is not another road's in the same sentence); things the text lacks are
// kept, as are all when none holds another.
func mostParticular(text string, things []string) []string {
	out := slices.DeleteFunc(slices.Clone(things), func(t string) bool {
		return strings.Contains(text, t) && slices.ContainsFunc(things, func(u string) bool {
			return len(u) > len(t) && strings.Contains(u, t) && strings.Contains(text, u)
		})
	})
	return out
}

// reScope is the report's whole place a figure is of (全县, 全市), not a thing
// in it.
var reScope = regexp.MustCompile(`全[市县区州镇乡]`)

// isWhole tells whether a figure's subject is the whole place's (全市总面积,
// 国土面积), not a thing in it.
func isWhole(subject string) bool {
	return containsAny(subject, []string{"全市", "全域", "国土", "总面积", "辖区"}) || utf8.RuneCountInString(subject) <= 2
}

// eventOf tells whether one of the event words of a when-attribute (=通车,
// =建成) stands in a clause of the sentence that names one of the things (all
// of them, when all).
func eventOf(text string, things []string, units map[string]bool, all bool) bool {
	for _, cl := range strings.FieldsFunc(text, func(r rune) bool { return r == '；' || r == '。' }) {
		if !containsAny(cl, things) || all && slices.ContainsFunc(things, func(t string) bool { return !strings.Contains(cl, t) }) {
			continue
		}
		// from the comma clause naming the thing on: 清岳高速公路通车运营，
		// 长清城际铁路开工建设 says 通车 of the road before it
		from := len(cl)
		for _, t := range things {
			if i := strings.Index(cl, t); i >= 0 {
				from = min(from, i)
			}
		}
		from = strings.LastIndexAny(cl[:from], "，,") + 1
		for u := range units {
			if w, ok := strings.CutPrefix(u, "="); ok && w != "@when" && strings.Contains(cl[from:], w) {
				return true
			}
		}
	}
	return false
}

// reAsksRate is a question that asks a rate: 失业率是多少, 比重有多大, the
// unemployment rate.
var reAsksRate = regexp.MustCompile(`(?:率|比例|比重|占比)(?:是|有|为)?(?:多少|多高|多大|几)|(?i)\b(?:rate|ratio|percentage|share)\b`)

func ruleRate(j *judging) *report.Missing {
	if !reAsksRate.MatchString(j.it.text) && !(j.it.enText != "" && reAsksRate.MatchString(j.it.enText)) {
		return nil
	}
	if slices.ContainsFunc(j.s.Figures, func(f Figure) bool { return f.Unit == "%" || f.Unit == "个百分点" }) {
		return nil
	}
	return &report.Missing{Kind: report.MissingFigure}
}

// minRateWord is how many letters the rate word a question and a figure
// share must have to name one kind of rate (覆盖率, 参保率), not only 化率.
const minRateWord = 3

// ruleRateOfThing: 去年森林覆盖率是多少 is not answered by 体育健身设施覆盖率
// 达100%. The figure's rate word (覆盖率) names a rate of the things written
// before it: when the figure's subject holds no term of the question's thing
// before the same word and names a thing of its own, the rate is another
// thing's. A figure that fits, or none of that rate, decides nothing.
func ruleRateOfThing(j *judging) *report.Missing {
	if !j.asksNumber() {
		return nil
	}
	q := []rune(j.it.text)
	other := ""
	for k, r := range q {
		if r != '率' {
			continue
		}
		start := k
		for start > 0 && isHan(q[start-1]) {
			start--
		}
		word := string(q[start : k+1])
		for _, f := range j.s.Figures {
			if f.Unit != "%" && f.Unit != "个百分点" || !strings.HasSuffix(f.Subject, "率") {
				continue
			}
			rate := commonSuffix(word, f.Subject)
			if utf8.RuneCountInString(rate) < minRateWord {
				continue
			}
			if j.otherThingsRate(word, rate, f.Subject) {
				other = word
				continue
			}
			return nil
		}
	}
	if other == "" {
		return nil
	}
	return &report.Missing{Kind: report.MissingFigure, What: []string{other}}
}

// otherThingsRate tells whether a rate whose subject is subj is of another
// thing than the question's word, both ending in rate: a concept of the
// question written in word before rate has no term in subj, and subj names
// something before rate that is no term of the question's (体育健身设施;
// 养老 of 基本养老保险参保率, but not 医保 of 城乡居民医保参保率 for
// 基本医疗保险参保率).
func (j *judging) otherThingsRate(word, rate, subj string) bool {
	before, own := strings.TrimSuffix(word, rate), strings.TrimSuffix(subj, rate)
	if own == "" || strings.Contains(before, own) {
		return false
	}
	left := own // what subj names that the question does not
	for _, c := range j.it.concepts {
		for _, t := range c.terms {
			left = strings.ReplaceAll(left, t, "")
		}
	}
	if utf8.RuneCountInString(left) < 2 || strings.ContainsFunc(left, func(r rune) bool { return isHan(r) && strings.ContainsRune(before, r) }) {
		// 乡、村两级体育 for 乡里村里的: a letter of the question's own
		// words may be the same thing written otherwise
		return false
	}
	for _, c := range j.it.concepts {
		t := c.terms[0]
		if !c.own || utf8.RuneCountInString(t) < 2 || !strings.Contains(word, t) || strings.Contains(rate, t) || strings.Contains(t, rate) {
			continue // 空气优良率 of 优良率: the rate itself
		}
		if !slices.ContainsFunc(c.terms, func(w string) bool { return strings.Contains(subj, w) }) && !j.b.soundsAs(t, left) {
			return true // not 等级 typed for 登记
		}
	}
	return false
}

// soundsAs tells whether two words of as many letters sound alike letter by
// letter (等级 and 登记), as a typo of one for the other would.
func (b *Book) soundsAs(x, y string) bool {
	rx, ry := []rune(x), []rune(y)
	if len(rx) != len(ry) {
		return false
	}
	for k := range rx {
		if !sameSound(b.lex.readings, rx[k], ry[k]) {
			return false
		}
	}
	return true
}

// commonSuffix returns the longest ending a and b share, whole letters
// (覆盖率 of 森林覆盖率 and 体育健身设施覆盖率).
func commonSuffix(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	n := 0
	for n < len(ra) && n < len(rb) && ra[len(ra)-1-n] == rb[len(rb)-1-n] {
		n++
	}
	return string(ra[len(ra)-n:])
}
