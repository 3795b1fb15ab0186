package knowledge

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"reportbot/report"
	"reportbot/seeds"
)

// units are the units a number must carry to be a figure, longest first so
// that 万平方米 wins over 平方米; countUnits are those of a number of things
// (or people, or visits): any other unit measures an amount. Both are read
// from seeds/lang/units.txt.
var units, countUnits = mustParseUnits(seeds.Lang()[UnitsFile])

var (
	reNumber = regexp.MustCompile(`\d+(?:\.\d+)?`)
	reYear   = regexp.MustCompile(`((?:19|20)\d\d)年`)
	// reYears: 过去五年, 今后五年, 近三年, 五年来.
	reYears = regexp.MustCompile(`(?:过去|今后|未来|近)的?([一二三四五六七八九十两])年|([一二三四五六七八九十两])年(?:来|以来)`)
	// reFiveYearPlan: 十三五, the 13th five-year plan (2016–2020).
	reFiveYearPlan = regexp.MustCompile(`十([一二三四五六七八九])五`)
	// reTopicLead: 工业方面，… names the field of the sentence's figures.
	reTopicLead = regexp.MustCompile(`^([^，。；：]{1,8})方面，`)
	// reCountLead: 四次, 两批: a count in words leading a subject.
	reCountLead = regexp.MustCompile(`^[一二三四五六七八九十两]+[次个项家批届]`)
	// reTimeLead: 过去五年, 五年来, 今后五年: time words leading a subject.
	// 2015年全县…, 2025年办理…: a year leading it.
	reTimeLead = regexp.MustCompile(`^(?:(?:过去|今后|未来|近)?[一二三四五六七八九十两]年(?:来|间|以来)?|(?:19|20)\d\d年(?:底|末|全年)?)`)
)

// leadWords are stripped from the front of a subject: they say how, not what.
var leadWords = []string{
	"其中", "预计", "全年", "全市", "今年", "计划", "确保", "力争", "实现", "完成", "累计",
	"同比", "分别", "共", "约", "达到", "达", "接待", "发放", "办理", "荣获", "举办", "开展",
	"实施", "建成", "建设", "引进", "推进", "培育",
	"重点培育", "重点推进", "重点建设", "重点打造",
	"突出抓好", "抓好", "扶持", "带动", "为", "大力", "积极", "加快", "着力", "全面", "深入", "继续", "持续",
	"签订", "提供", "争取", "创建", "打造", "支持", "推动", "新引进", "，", "、",
}

// trailWords are stripped from the end of a subject.
var trailWords = []string{"降为", "完成", "达到", "达", "为", "约", "超过", "突破", "控制在", "保持在", "稳定在", "不少于", "同比", "平均", "分别", "累计", "的", "中", "提高到", "提升到", "增加到", "上升到", "扩大到", "下降到", "降低到", "减少到", "缩小到", "降至", "增至"}

// mannerWords say how a figure was reckoned, not what it measures: a
// growth after them is of the figure before (地区生产总值…，按可比价格计算增长7.6%).
var mannerWords = []string{"按可比价格计算", "按可比价计算", "按可比口径计算", "按可比口径", "扣除价格因素"}

// growthWords mark a rate of change: the number after them is a growth rate.
var growthWords = []string{"同比增长", "增长", "提高", "下降", "降低", "压缩", "压减"}

// changeToWords follow an earlier value (由2015年的23.5个月降为9个月): the
// figure before them is the base of a change.
var changeToWords = []string{"降为", "降至", "降到", "下降到", "下降至", "减少到", "减少至", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增至", "上升到", "上升至", "扩大到", "扩大至", "缩小到", "变为"}

// marginWords say that a figure is a margin over another place or measure:
// 高于全省19.5个百分点.
var marginWords = []string{"高于", "低于", "快于", "慢于", "超出", "超过全"}

// measureNouns name a measure of the thing counted just before them:
// 项目100个，总投资667.4亿元.
var measureNouns = []string{"投资", "总投资", "投资总额", "总金额", "金额", "资金", "签约资金", "总额", "融资", "再融资", "面积", "规模"}

// stageVerbs name the stages of a project, listed after one subject:
// 棚户区改造完成征迁…、开工…、竣工….
var stageVerbs = []string{"开工建设", "竣工投产", "竣工投用", "建成投用", "建成投运", "竣工通车", "完成征迁", "征迁", "新开工", "开工", "竣工", "基本建成", "建成", "分配入住"}

// genericSubjects say only "projects": the heading above says which.
var genericSubjects = []string{"项目", "重大项目", "续建项目", "新建项目"}

// suffixStops end a subject read from the words after a number: the verb
// that follows what is counted (214个贫困村如期脱贫).
var suffixStops = []string{"如期", "完成", "实现", "全部", "提供", "脱贫任务", "脱贫", "签约", "达到", "达", "同比", "金额", "分离", "顺利", "建设任务", "有序", "稳步", "再融资", "建成", "年底前", "上半年", "下半年"}

// chainVerbs, inside a subject, say how all the items of a list came about:
// “河洛英才计划”新引进团队5个、人才87名 gives 河洛英才计划新引进人才.
var chainVerbs = []string{"新引进", "引进", "新增", "新建、改扩建", "新建", "改扩建", "审查办理", "认定"}

// levelWords open a subject with the level of government it belongs to; an
// item after it in a list is of the same level (省级农业产业化集群3个、龙头企业7家)
// unless it names its own place (县级医院1所、乡镇卫生院9所).
var levelWords = []string{"国家级", "省级以上", "市级以上", "省级", "市级", "县级", "国家"}

// placeWords open a subject that names its own place or level.
var placeWords = []string{"国家", "省", "市", "县", "乡", "镇", "村", "区"}

// perWords open a subject that is a number per person, a density, not a
// count: 万人有效发明专利, 人均道路面积.
var perWords = []string{"万人", "每万人", "人均", "每千人", "千人", "每"}

// givingVerbs: 为1515家企业提供还贷周转金: what the number's subject receives.
var givingVerbs = []string{"提供", "发放", "给予"}

// figureContext is what the figures of a sentence need beyond its text.
type figureContext struct {
	year     int    // 今年, from the report's date line; 0 when unknown
	period   Period // whether the sentence's part looks back or ahead
	from, to int    // the years the part speaks of; 0 when unknown
	topic    string // the field the item heading names (五大主导产业), for subjects that are only 项目
}

// numberSpan is one number of a sentence, as byte offsets.
type numberSpan struct{ start, end int }

// sentenceState is what the figures of a sentence so far say about the next.
type sentenceState struct {
	last      string   // the subject of the last figure that is not a rate
	lastCnt   string   // the subject of the last count
	levels    []string // subjects of the figures that are not rates, for 分别
	rates     []string // labels of the rates, for 分别高于…
	consumed  string   // the words after the last number that named its subject
	stageOf   string   // what the stages listed so far are stages of (一中心六组团项目 of 开工项目…、竣工…)
	chain     string   // the words up to a chain verb or level word of the last subject, for the next item of a 、 list
	chainVerb string   // the same up to its verb only
	prevSubj  string   // the subject of the last figure, whatever it is
	rateSubj  string   // the subject of the last rate of change
	next      []string // subjects still to be given, in order, to the numbers that follow (sharedTail)
}

// extractFigures finds every number with a unit in a sentence and says what
// it is: its subject and measure, its year and kind. Numbers joined by 和 or
// 、 share the last one's unit (增长9.5%和16%), and under 分别 they go to the
// subjects listed before them, in order.
func extractFigures(text string, fc figureContext) []Figure {
	sc := &figureScan{text: text, fc: fc, marks: timeMarks(text, fc), topic: fc.topic}
	if m := reTopicLead.FindStringSubmatch(text); m != nil {
		sc.topic = m[1]
	}
	for _, loc := range reNumber.FindAllStringIndex(text, -1) {
		sc.number(numberSpan{loc[0], loc[1]})
	}
	return sc.out
}

// figureScan is extractFigures's walk over the numbers of a sentence, in
// order: what it has found and what the next number needs of it.
type figureScan struct {
	text    string
	fc      figureContext
	marks   []timeMark    // the sentence's time words
	topic   string        // the field of the sentence's figures: its own 工业方面，, else the heading's
	st      sentenceState // what the figures so far say about the next
	prevEnd int           // where the last figure's raw text ends
	group   []numberSpan  // numbers waiting for the unit of one after them (9.5%和16%)
	out     []Figure
}

// number reads one number of the sentence: it joins the numbers waiting for
// a unit when a list goes on after it, and else makes figures of it and them
// when it has a unit.
func (sc *figureScan) number(sp numberSpan) {
	if afterLatin(sc.text, sp.start) {
		// A number inside a latin token (4A级, e河) is no figure.
		sc.group = nil
		return
	}
	rest := sc.text[sp.end:]
	if listGoesOn(rest) {
		sc.group = append(sc.group, sp)
		return
	}
	members := append(sc.group, sp)
	sc.group = nil
	unit, qual, after, ok := figureUnit(sc.text, rest, members[0].start)
	if !ok {
		return
	}
	sc.add(members, unit, qual, after)
}

// afterLatin tells whether the number at start follows a latin letter or a
// dot.
func afterLatin(text string, start int) bool {
	if start == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:start])
	return isLatin(r) || r == '.'
}

// listGoesOn tells whether the words after a number go on to another number
// that shares what follows it: 9.5%和16%, 7.9和4.4个百分点, 3、5个.
func listGoesOn(rest string) bool {
	next := strings.TrimPrefix(strings.TrimPrefix(rest, "%"), "和")
	if next == rest && !strings.HasPrefix(rest, "、") {
		return false
	}
	if strings.HasPrefix(rest, "、") {
		next = strings.TrimPrefix(rest, "、")
	}
	r, _ := utf8.DecodeRuneInString(next)
	return isDigit(r)
}

// figureUnit reads the unit after a number (rest is the text after it) and
// its qualifiers: 余 or 多 before the unit, 以上, 左右, 以下 or 以内 after it.
// It returns the text after them all, and ok false when the number is no
// figure: it has no unit, it is a time (前11个月, with 前 before first, where
// its group starts), a bare 万 with no noun after it, or a threshold naming
// a kind of thing.
func figureUnit(text, rest string, first int) (unit, qual, after string, ok bool) {
	for _, q := range []string{"余", "多"} {
		if strings.HasPrefix(rest, q) {
			qual = q
			rest = rest[len(q):]
			break
		}
	}
	for _, u := range units {
		if strings.HasPrefix(rest, u) {
			unit = u
			break
		}
	}
	if unit == "" {
		return "", "", "", false
	}
	after = rest[len(unit):]
	if unit == "个月" && strings.HasSuffix(text[:first], "前") {
		return "", "", "", false // 前11个月: a time, not a figure
	}
	if unit == "万" {
		// 8.12万贫困人口: a bare 万 needs a noun after it.
		if r, _ := utf8.DecodeRuneInString(after); r == utf8.RuneError || !isHan(r) {
			return "", "", "", false
		}
	}
	for _, q := range []string{"以上", "左右", "以下", "以内"} {
		if strings.HasPrefix(after, q) {
			qual = strings.TrimSpace(qual + q)
			after = after[len(q):]
			break
		}
	}
	if strings.HasSuffix(qual, "以上") || strings.HasSuffix(qual, "以下") {
		// 10亿元以上项目: a threshold naming a kind of thing, not a figure,
		// unless it is itself what is counted (90%以上市区主干道).
		if r, _ := utf8.DecodeRuneInString(after); isHan(r) && unit != "%" && !strings.HasPrefix(after, "的") {
			return "", "", "", false
		}
	}
	return unit, qual, after, true
}

// add makes the figures of numbers that share a unit, read against the
// words of their clause before them, and gives each its year and kind.
func (sc *figureScan) add(members []numberSpan, unit, qual, after string) {
	text := sc.text
	rawEnd := len(text) - len(after)
	first := members[0].start
	cs := clauseStart(text, first, sc.prevEnd)
	prefix := text[cs:first]
	if sc.st.consumed != "" && cs == sc.prevEnd {
		prefix = strings.TrimPrefix(prefix, sc.st.consumed)
	}
	sc.st.consumed = ""
	g := &group{text: text, prefix: prefix, after: after, unit: unit, qual: qual, members: members, rawEnd: rawEnd, st: &sc.st, topic: sc.topic}
	figs := readGroup(g)
	for i := range figs {
		f := &figs[i]
		setYearKind(f, text, first, prefix, after, sc.marks, sc.fc)
		sc.out = append(sc.out, *f)
	}
	sc.prevEnd = rawEnd
}

// readGroup makes the figures of a group of numbers: their subject, measure
// and label. It updates the sentence's state for the figures after them.
func readGroup(g *group) []Figure {
	g.readPrefix()
	for _, step := range subjectSteps {
		if step.run(g) {
			break
		}
	}
	out := g.figures()
	g.remember(out)
	return out
}

// group is a run of numbers that share a unit and a clause (分别增长9.5%和16%),
// as readGroup reads it: what extractFigures gives, then what readGroup makes
// of it.
type group struct {
	text, prefix, after string // the sentence, the clause's words before the numbers, the words after the unit
	unit, qual          string
	members             []numberSpan
	rawEnd              int // where the last number's raw text (with unit and qualifier) ends
	st                  *sentenceState
	topic               string

	pre        string   // prefix without the 、，和及与 it opens with
	metric     string   // what pre says the numbers measure
	verb       string   // the rate word of pre (增长), or ""
	m          string   // metric as a subject of its own
	growth     bool     // the numbers are rates of change
	kind       string   // KindShare or KindOther when the words say so, else ""
	subjects   []string // the subject of each number
	fromSuffix bool     // the subjects were read from the words after the numbers
	keepLast   string   // an exception (除1件…外) leaves st.last as it was
}

// readPrefix reads what the words before a group's numbers say they
// measure.
func (g *group) readPrefix() {
	g.pre = strings.TrimLeft(g.prefix, "、，和及与")
	g.metric, g.verb = metricFromPrefix(g.pre)
	g.m = cleanSubject(g.metric)
	g.growth = g.verb != ""
	g.subjects = make([]string, len(g.members))
	if g.m != "" {
		g.st.next = nil
	}
}

// A subjectStep is one way of finding the subjects of a group's numbers: run
// sets them and returns true when the step applies, and else changes nothing
// and returns false.
type subjectStep struct {
	name string
	run  func(g *group) bool
}

// subjectSteps are tried in order; the first that applies decides the
// subjects. The last, named, always applies.
var subjectSteps = []subjectStep{
	{"margin", (*group).margin},
	{"share-of-last", (*group).shareOfLast},
	{"share-in-metric", (*group).shareInMetric},
	{"rate-of-levels", (*group).rateOfLevels},
	{"classes", (*group).classes},
	{"change-of-before", (*group).changeOfBefore},
	{"contribution", (*group).contribution},
	{"exception", (*group).exception},
	{"words-after", (*group).wordsAfter},
	{"shared-tail", (*group).sharedTail},
	{"same-as-last", (*group).sameAsLast},
	{"total-of-last", (*group).totalOfLast},
	{"rate-of-last", (*group).rateOfLast},
	{"list", (*group).list},
	{"respectively", (*group).respectively},
	{"named", (*group).named},
}

// margin: 高于全省19.5个百分点 is a margin over another place or measure, of
// the rates before it (分别高于…), or of the last rate's subject (增速高于…).
func (g *group) margin() bool {
	if !containsAny(g.pre, marginWords) {
		return false
	}
	g.kind = KindOther
	switch {
	case startsWithAny(g.m, marginWords):
		for i := range g.subjects {
			g.subjects[i] = pick(g.st.rates, len(g.members), i, g.st.last) + g.m
		}
	case startsWithAny(g.m, []string{"增速", "增幅"}) && g.st.rateSubj != "":
		fill(g.subjects, g.st.rateSubj+g.m) // 增长7.5%，增速高于全省…: of the same subject
	default:
		fill(g.subjects, g.m)
	}
	g.growth = false
	return true
}

// shareOfLast: 占全市的46% is the last subject's share of a whole.
func (g *group) shareOfLast() bool {
	if !strings.HasPrefix(g.metric, "占") {
		return false
	}
	g.kind = KindShare
	whole := strings.TrimSuffix(g.metric, "的")
	if !strings.HasSuffix(whole, "比重") && !strings.HasSuffix(whole, "比例") {
		whole += "比重"
	}
	fill(g.subjects, cleanSubject(g.st.last+whole))
	return true
}

// shareInMetric: 服务业增加值占生产总值比重达48% names its own part and
// whole; the part becomes the last subject.
func (g *group) shareInMetric() bool {
	if !strings.Contains(g.metric, "占") || g.unit != "%" {
		return false
	}
	g.kind = KindShare
	fill(g.subjects, cleanSubject(strings.ReplaceAll(g.metric, "的", "")))
	g.st.last = cleanSubject(g.metric[:strings.Index(g.metric, "占")])
	return true
}

// rateOfLevels: 同比增长8% is the rate of the last level; 游客…、旅游总收入…，
// 分别增长9.5%和16% are the rates of the levels before them, in order.
func (g *group) rateOfLevels() bool {
	if g.m != "" || !g.growth {
		return false
	}
	if !g.lastLevels() {
		fill(g.subjects, g.st.last)
	}
	return true
}

// lastLevels gives the numbers of a group of two or more the subjects of as
// many levels before them, in order, and tells whether there were enough.
func (g *group) lastLevels() bool {
	n := len(g.members)
	if n <= 1 || len(g.st.levels) < n {
		return false
	}
	for i := range g.subjects {
		g.subjects[i] = g.st.levels[len(g.st.levels)-n+i]
	}
	return true
}

// classes: 4大类57项重点改革任务 counts the classes of what the next number
// counts.
func (g *group) classes() bool {
	if !strings.HasSuffix(g.unit, "类") || g.m != "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(g.after); !isDigit(r) {
		return false
	}
	rest := strings.TrimLeft(g.after, "0123456789.")
	for _, u := range units {
		if strings.HasPrefix(rest, u) {
			if s, _ := subjectAfter(rest[len(u):], u, ""); s != "" {
				fill(g.subjects, s+g.unit)
			}
			break
		}
	}
	return g.subjects[0] != ""
}

// changeOfBefore: 占…比重达到48%，比2013年提高6.5个百分点 is a change of the
// figure before.
func (g *group) changeOfBefore() bool {
	if !strings.HasPrefix(g.metric, "比") || g.st.prevSubj == "" {
		return false
	}
	fill(g.subjects, g.st.prevSubj)
	return true
}

// contribution: …占GDP的比重达44.3%，对经济增长贡献率达56.6% is the last
// subject's.
func (g *group) contribution() bool {
	if !strings.HasPrefix(g.metric, "对") || g.st.last == "" {
		return false
	}
	fill(g.subjects, g.st.last+g.metric)
	return true
}

// exception: 67件民生实事中，除1件调整计划外 counts those of the last subject,
// which stays the last subject.
func (g *group) exception() bool {
	if !strings.HasSuffix(strings.TrimSpace(g.pre), "除") || g.st.last == "" {
		return false
	}
	s, used := subjectAfter(g.after, g.unit, g.pre)
	fill(g.subjects, g.st.last+strings.TrimSuffix(s, "外"))
	g.st.consumed = used
	g.keepLast = g.st.last
	return true
}

// wordsAfter reads the subject from the words after the numbers when those
// before them do not name it (214个贫困村, 扶持2.3万人创业, 剩余3.2万贫困人口).
func (g *group) wordsAfter() bool {
	if !g.unnamed() {
		return false
	}
	s, used := subjectAfter(g.after, g.unit, g.pre)
	if s == "" {
		return false
	}
	m := g.m
	if isVerbOnly(m) && m != "" && utf8.RuneCountInString(s) <= 2 && g.unit != "%" {
		s = m + s // 扶持2.3万人创业: 扶持创业
	} else if g.unit == "万" && m != "" && !isVerbOnly(m) && utf8.RuneCountInString(m) <= 3 {
		s = m + s // 剩余3.2万贫困人口: 剩余贫困人口
	}
	fill(g.subjects, s)
	g.st.consumed = used
	g.fromSuffix = true
	return true
}

// unnamed tells whether the words before a group's numbers leave what they
// count to the words after them: only a verb, a number, a 的 (not of 由…的),
// a list's 、, a bare 万, nothing, or a set the numbers are one of (之一).
func (g *group) unnamed() bool {
	m, pre := g.m, g.pre
	return isVerbOnly(m) || strings.ContainsAny(m, "0123456789") || strings.HasSuffix(strings.TrimSpace(pre), "的") && !strings.Contains(pre, "由") || strings.HasSuffix(m, "、") || g.unit == "万" || m == "" || strings.Contains(firstHanRun(g.after), "之一")
}

// sameAsLast: 降为9个月 has the same subject as the figure before; 其它66件
// 全部完成 counts those of it that are done.
func (g *group) sameAsLast() bool {
	if g.m != "" && !isVerbOnly(g.m) {
		return false
	}
	s := g.st.last
	if v := firstHanRun(g.after); v != "" && s != "" && s != v {
		s += cleanSubject(v)
	}
	fill(g.subjects, s)
	return true
}

// totalOfLast: 新增…“小巨人”企业23家，总数达到71家 is the total of what
// the figure before added: its subject without 新增.
func (g *group) totalOfLast() bool {
	if g.m != "总数" && g.m != "总量" && g.m != "总计" || g.st.last == "" || len(g.members) > 1 {
		return false
	}
	last := g.st.last
	for _, w := range increaseWords {
		last = strings.TrimPrefix(last, w)
	}
	fill(g.subjects, last)
	return true
}

// rateOfLast: 签约资金826亿元，落实率90%以上 is a rate of the last subject.
func (g *group) rateOfLast() bool {
	if g.unit != "%" || g.st.last == "" {
		return false
	}
	m := g.m
	if k := overlapEnd(g.st.last, m); k > 0 {
		m = m[k:] // 研发经费投入98.5亿元，投入强度2.13%: 强度 of the same 投入
	}
	if !strings.HasSuffix(m, "率") && m != "强度" && m != "比重" || utf8.RuneCountInString(m) > 3 {
		return false
	}
	fill(g.subjects, g.st.last+m)
	return true
}

// overlapEnd returns how many bytes of m's start, two letters or more and
// less than all of m, are the end of last (投入 of 研发经费投入 and 投入强度);
// 0 when none.
func overlapEnd(last, m string) int {
	best := 0
	for k := range m {
		if k >= 6 && strings.HasSuffix(last, m[:k]) {
			best = k
		}
	}
	return best
}

// sharedTail: 城镇和农村居民人均可支配收入分别达到68420元和37150元 names one
// subject a number, the short parts before the last with its tail (城镇居民
// 人均可支配收入): the parts before the last are of one length, and the last
// begins with as many letters of its own (农村) before the tail they share.
// The numbers may come in groups of their own (68420元和37150元): those
// after the first take the subjects left, in order.
func (g *group) sharedTail() bool {
	if g.m == "" && len(g.st.next) > 0 {
		for i := range g.subjects {
			if len(g.st.next) > 0 {
				g.subjects[i], g.st.next = g.st.next[0], g.st.next[1:]
			} else {
				g.subjects[i] = g.subjects[i-1]
			}
		}
		return true
	}
	subjects := splitSharedTail(g.m)
	if len(subjects) < len(g.members) || !strings.Contains(g.pre, "分别") {
		return false
	}
	n := copy(g.subjects, subjects)
	g.st.next = subjects[n:]
	return true
}

// splitSharedTail splits 城镇和农村居民人均可支配收入 into 城镇居民人均可支配收入
// and 农村居民人均可支配收入; none when m is not so written.
func splitSharedTail(m string) []string {
	parts := reCoordinate.Split(m, -1)
	n := len(parts)
	if n < 2 {
		return nil
	}
	k := utf8.RuneCountInString(parts[0])
	last := []rune(parts[n-1])
	if isASCII(parts[0]) {
		// PM10、PM2.5年均浓度: names in latin letters, of any length
		k = len(reLatinName.FindString(parts[n-1]))
		if k == 0 || !allASCII(parts[:n-1]) {
			return nil
		}
	} else if k > 4 {
		return nil
	}
	if len(last) < k+2 {
		return nil
	}
	for _, p := range parts[:n-1] {
		if !isASCII(p) && utf8.RuneCountInString(p) != k || strings.Contains(parts[n-1], p) {
			return nil // 出口和进出口总额: 出口 is a whole of its own
		}
	}
	tail := string(last[k:])
	out := make([]string, n)
	for i, p := range parts[:n-1] {
		out[i] = p + tail
	}
	out[n-1] = parts[n-1]
	return out
}

// reLatinName is a name in latin letters and digits opening a subject (PM2.5).
var reLatinName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9.]*`)

// allASCII tells whether every one of words is in latin letters and digits.
func allASCII(words []string) bool {
	return !slices.ContainsFunc(words, func(w string) bool { return !isASCII(w) })
}

// reCoordinate: the words that join the parts of a subject (城镇和农村, 城镇、农村).
var reCoordinate = regexp.MustCompile(`和|、|及|与`)

// list: 审批环节、时限平均压缩20.9%和32.2% names one subject a number, the
// short ones with the head of the first (审批时限).
func (g *group) list() bool {
	list := strings.Split(g.m, "、")
	if len(g.members) <= 1 || len(list) != len(g.members) {
		return false
	}
	for i, s := range list {
		g.subjects[i] = inheritHead(list[0], s)
	}
	return true
}

// respectively: under 分别, the numbers go to the levels before them, in
// order.
func (g *group) respectively() bool {
	if !strings.Contains(g.pre, "分别") {
		return false
	}
	return g.lastLevels()
}

// named: the words before the numbers name what they measure.
func (g *group) named() bool {
	fill(g.subjects, g.m)
	return true
}

// figures makes a figure of each number of the group.
func (g *group) figures() []Figure {
	var out []Figure
	for i, sp := range g.members {
		value, err := strconv.ParseFloat(g.text[sp.start:sp.end], 64)
		if err != nil {
			continue
		}
		out = append(out, g.figure(i, value))
	}
	return out
}

// figure makes the figure of the group's i-th number, of the given value:
// its subject, measure and label. Only the last number carries the raw text
// after the unit (以上).
func (g *group) figure(i int, value float64) Figure {
	sp := g.members[i]
	raw := g.text[sp.start:sp.end] + g.unit
	if i == len(g.members)-1 {
		raw = g.text[sp.start:g.rawEnd]
	}
	subj := g.subject(i)
	f := Figure{Subject: subj, Value: value, Unit: g.unit, Qualifier: g.qual, Raw: raw, Kind: g.kind, Growth: g.growth}
	f.NormValue, f.BaseUnit = normalise(value, g.unit)
	f.Measure = measureOf(g.unit, g.growth, subj)
	if g.unit == "倍" && f.Kind == "" {
		f.Kind = KindOther
	}
	if strings.Contains(firstHanRun(g.after), "之一") {
		f.Kind = KindOther // 17个国家专业化众创空间之一: the size of a set
	}
	f.Metric = subj
	if g.growth && g.verb != "" && !strings.HasSuffix(subj, g.verb) {
		f.Metric = subj + g.verb
	}
	if f.Metric == "" {
		f.Metric = "数字"
	}
	return f
}

// subject completes the subject of the group's i-th number: a level's with
// the figures before it, the heading above, or the chain of a 、 list; a rate
// without one takes the last level's.
func (g *group) subject(i int) string {
	subj := g.subjects[i]
	if g.kind == "" && !g.growth {
		subj = relateSubject(subj, g.pre, g.st, g.topic)
		if strings.HasPrefix(g.prefix, "、") && g.st.chain != "" && !g.fromSuffix && !startsWithAny(subj, chainVerbs) && !strings.Contains(subj, g.st.chain) {
			chain := g.st.chain
			if startsWithAny(subj, placeWords) {
				chain = g.st.chainVerb
			}
			subj = chain + subj
		}
	}
	if g.kind == "" && g.growth && subj == "" {
		subj = g.st.last
	}
	return subj
}

// measureOf says what a number in unit measures: points, a multiple, a rate
// of change, a share, a count (not per person: 万人有效发明专利) or a level.
func measureOf(unit string, growth bool, subj string) string {
	switch {
	case unit == "个百分点":
		return MeasurePoints
	case unit == "倍":
		return MeasureMultiple
	case growth:
		return MeasureGrowth
	case unit == "%":
		return MeasureShare
	case countUnits[unit] && !startsWithAny(subj, perWords):
		return MeasureCount
	}
	return MeasureLevel
}

// remember updates the sentence's state with a group's figures, for the
// figures after them.
func (g *group) remember(out []Figure) {
	for _, f := range out {
		g.st.note(f)
	}
	if g.keepLast != "" {
		g.st.last = g.keepLast
	}
	g.st.setChain(out)
	if g.fromSuffix && len(out) > 0 && out[0].Measure == MeasureCount {
		g.st.lastCnt = out[0].Subject
	}
}

// note records one figure: as a rate, for 分别高于… after it, or as a level,
// the subject of the rates and measures after it.
func (st *sentenceState) note(f Figure) {
	st.prevSubj = f.Subject
	if f.Growth {
		st.rateSubj = f.Subject
	}
	if f.Growth || f.Kind == KindOther {
		label := f.Metric
		if f.Metric == f.Subject+"增长" {
			label = f.Subject + "增速" // 增长16.8%，…高于全省: its 增速 is higher
		}
		st.rates = append(st.rates, label)
		return
	}
	if f.Measure == MeasureShare {
		st.rates = append(st.rates, f.Metric)
	}
	if f.Kind == KindShare {
		return
	}
	st.last = f.Subject
	st.levels = append(st.levels, f.Subject)
	if f.Measure == MeasureCount {
		st.lastCnt = f.Subject
	}
}

// setChain keeps the words of a group's first subject up to its chain verb
// and level word (河洛英才计划新引进, 省级), for the next item of a 、 list;
// none after a rate or a share.
func (st *sentenceState) setChain(out []Figure) {
	st.chain, st.chainVerb = "", ""
	if len(out) == 0 || out[0].Growth || out[0].Kind != "" {
		return
	}
	subj := out[0].Subject
	for _, v := range chainVerbs {
		if i := strings.Index(subj, v); i >= 0 {
			st.chainVerb = subj[:i+len(v)]
			break
		}
	}
	st.chain = st.chainVerb
	for _, l := range levelWords {
		if strings.HasPrefix(subj[len(st.chain):], l) {
			st.chain += l
			break
		}
	}
}

// relateSubject completes a subject that needs the figures before it or the
// heading above: 投资 after 项目100个 is 项目投资; 竣工 after 开工项目268个 is
// 竣工项目; 重大项目 under 一是做大做强五大主导产业 is 五大主导产业重大项目.
func relateSubject(subj, pre string, st *sentenceState, topic string) string {
	switch {
	case subj == "" || isVerbOnly(subj):
		subj = st.last
		if subj == "" {
			subj = st.rateSubj // 地区生产总值年均增长7%左右，到2026年突破2100亿元
		}
	case slices.Contains(measureNouns, subj):
		owner := st.lastCnt
		if st.stageOf != "" {
			owner = st.stageOf
		} else if owner == "" {
			owner = st.last
		}
		subj = owner + subj
	case slices.Contains(stageVerbs, subj):
		if v := stageIn(st.last); v != "" {
			st.stageOf = strings.Replace(st.last, v, "", 1)
			subj = strings.Replace(st.last, v, subj, 1)
		} else if st.last != "" {
			subj = st.last + subj
		}
	case strings.HasPrefix(strings.TrimSpace(pre), "其中") && strings.HasSuffix(st.lastCnt, "项目"):
		// 亿元以上项目1400个，…其中新开工项目400个: new starts among them.
		if v := stageIn(subj); v != "" && strings.TrimPrefix(subj, v) == "项目" {
			subj = v + strings.Replace(st.lastCnt, stageIn(st.lastCnt), "", 1)
		}
	}
	if topic != "" && isGeneric(subj) && !strings.HasPrefix(subj, topic) {
		subj = topic + subj
	}
	return subj
}

// isGeneric tells whether a subject says only "projects" (重大项目, 开工项目,
// 续建项目投资).
func isGeneric(s string) bool {
	s = strings.TrimSuffix(s, "投资")
	if v := stageIn(s); v != "" {
		s = strings.Replace(s, v, "", 1)
	}
	return slices.Contains(genericSubjects, s)
}

// stageIn returns the stage verb a subject holds (开工 of 开工项目), or "".
func stageIn(s string) string {
	for _, v := range stageVerbs {
		if strings.Contains(s, v) {
			return v
		}
	}
	return ""
}

// subjectAfter reads what a number counts from the words after it, up to the
// next punctuation, number or verb: "个贫困村46760名…" gives 贫困村; it
// returns the subject and the words it used. A share followed by what it is a
// share of (27%以上的行政村达到提升村创建标准) takes the whole clause.
func subjectAfter(after, unit, pre string) (string, string) {
	a := strings.TrimPrefix(after, "的")
	skipped := len(after) - len(a)
	end := len(a)
	for i, r := range a {
		if !isHan(r) && (unit != "%" || r != '“' && r != '”') {
			end = i
			break
		}
	}
	clause := a[:end]
	if slices.Contains(measureNouns, clause) {
		// 415个总投资3295亿元的省市重点项目: what is counted comes last.
		if i := strings.Index(a[end:], "的"); i >= 0 {
			if obj := firstHanRun(a[end+i+len("的"):]); obj != "" {
				return cleanSubject(obj), ""
			}
		}
	}
	if unit == "%" {
		s := cleanSubject(clause)
		return s, after[:skipped+end]
	}
	m := clause
	m = strings.TrimPrefix(m, "实现") // 带动8.1万人实现就业
	if strings.HasPrefix(m, "之一") || startsWithAny(m, suffixStops) {
		return "", "" // 其它66件全部完成: nothing named after the number
	}
	if strings.HasPrefix(m, "在") {
		// 42.5万人在洛办理居住证登记: those who did it, wherever.
		for _, v := range []string{"办理", "参加", "参与", "就业", "创业", "落户"} {
			if i := strings.Index(m, v); i > 0 && utf8.RuneCountInString(m[:i]) <= 3 {
				m = m[i:]
				break
			}
		}
	}
	for _, v := range suffixStops {
		if i := strings.Index(m, v); i > 0 {
			m = m[:i]
		}
	}
	if i := strings.Index(m, "之一"); i > 0 {
		m = m[:i]
	}
	used := after[:skipped+len(m)]
	rest := a[len(m):]
	// 为1515家企业提供还贷周转金: enterprises given bridge loans.
	if p := strings.TrimSpace(pre); strings.HasSuffix(p, "为") || strings.HasSuffix(p, "给") {
		for _, v := range givingVerbs {
			if strings.HasPrefix(rest, v) {
				obj := rest[len(v):]
				if i := strings.IndexFunc(obj, func(r rune) bool { return !isHan(r) }); i >= 0 {
					obj = obj[:i]
				}
				if obj != "" {
					return cleanSubject("获" + obj + m), used
				}
			}
		}
	}
	return cleanSubject(m), used
}

// inheritHead gives a short item of a list the head of the first one:
// 规模以上工业利税、利润 gives 规模以上工业利润; 审批环节、时限 gives 审批时限.
func inheritHead(first, item string) string {
	fi, ii := []rune(first), []rune(item)
	if item == first || len(ii) > 2 || len(fi) <= len(ii)+1 {
		return item
	}
	return string(fi[:len(fi)-len(ii)]) + item
}

// cleanSubject makes words before or after a number a label that stands on
// its own: no quotes, no leading particle or verb of manner, no count in
// words, no 完成 or 计划 inside.
func cleanSubject(m string) string {
	m = strings.NewReplacer("“", "", "”", "", "‘", "", "’", "", "《", "", "》", "", " ", "").Replace(m)
	for changed := true; changed; {
		changed = false
		before := m
		m = stripLead(m)
		for _, p := range []string{"的", "向", "与", "对", "在", "把", "将", "和", "及", "是", "有"} {
			if strings.HasPrefix(m, p) && m != p {
				m = strings.TrimPrefix(m, p)
			}
		}
		m = reCountLead.ReplaceAllString(m, "")
		m = reTimeLead.ReplaceAllString(m, "")
		for _, w := range trailWords {
			if strings.HasSuffix(m, w) && m != w && !doneWhole(m, w) {
				m = strings.TrimSuffix(m, w)
			}
		}
		changed = m != before
	}
	// 产业集聚区完成投资 measures 产业集聚区投资; 计划开工项目 counts 开工项目.
	if i := strings.Index(m, "完成"); i > 0 && i+len("完成") < len(m) && !strings.HasPrefix(m[i+len("完成"):], "率") {
		m = m[:i] + m[i+len("完成"):]
	}
	for _, v := range []string{"开工", "新开工", "实施", "完成", "建设", "竣工"} {
		m = strings.Replace(m, "计划"+v, v, 1)
	}
	return m
}

// doneWhole tells whether a subject's last word w says how it was done
// (民生实事全部完成: all of them done), which stays; 地区生产总值完成 is the
// level reached.
func doneWhole(m, w string) bool {
	if w != "完成" {
		return false
	}
	before := strings.TrimSuffix(m, w)
	return slices.ContainsFunc(doneManner, func(a string) bool { return strings.HasSuffix(before, a) })
}

// metricFromPrefix reads what a number measures from the words before it:
// "预计全年实现地区生产总值" gives 地区生产总值; "同比增长" gives "" and the
// rate word 增长.
func metricFromPrefix(prefix string) (metric, verb string) {
	m := strings.TrimSpace(prefix)
	for _, w := range mannerWords {
		m = strings.ReplaceAll(m, w, "") // 按可比价格计算增长7.6%: how it was reckoned, not what
	}
	if i := strings.LastIndex(m, "等"); i >= 0 && !strings.ContainsAny(lastRune(m[:i]), "特高中初平同对均相") {
		m = m[i+len("等"):]
	}
	if i := strings.Index(m, "由"); i > 0 {
		m = m[:i]
	}
	// 增加到2021年的2318.6亿元: the year says when, not what.
	m = reTrailYear.ReplaceAllString(m, "")
	for changed := true; changed; {
		changed = false
		for _, w := range trailWords {
			if strings.HasSuffix(m, w) && m != w {
				m = strings.TrimSuffix(m, w)
				changed = true
			}
		}
		for _, w := range growthWords {
			if strings.HasSuffix(m, w) {
				m = strings.TrimSuffix(m, w)
				if verb == "" {
					verb = strings.TrimPrefix(w, "同比")
					if strings.HasSuffix(m, "年均") {
						m = strings.TrimSuffix(m, "年均") // 年均增长7.8%: an average rate
						verb = "年均" + verb
					}
				}
				changed = true
				break
			}
		}
		for _, w := range []string{"涨幅控制在", "涨幅"} {
			if strings.HasSuffix(m, w) {
				m = strings.TrimSuffix(m, w)
				verb = "涨幅"
				changed = true
			}
		}
	}
	if reYearOnly.MatchString(m) {
		return "", verb // 到2026年突破2100亿元: when, and the subject is the clause's before
	}
	return stripLead(m), verb
}

// reTrailYear is a year closing a figure's prefix: 增加到2021年的, 提高到2020年底的.
var reTrailYear = regexp.MustCompile(`(?:19|20)\d\d年(?:底|末)?的?$`)

// reYearOnly is a prefix that says only when: 到2026年, 2025年底前.
var reYearOnly = regexp.MustCompile(`^(?:到|至|于|在)?(?:19|20)\d\d年(?:底|末)?前?$`)

// isVerbOnly tells whether m is only a word that says how (实施, 建设), or a
// conjunction waiting for what follows the number (建设和).
func isVerbOnly(m string) bool {
	if strings.HasSuffix(m, "和") || strings.HasSuffix(m, "及") {
		return true
	}
	if slices.Contains(leadWords, m) || slices.Contains(changeToWords, m) {
		return true
	}
	return slices.Contains([]string{"新增", "治理", "降", "除", "其它", "首批", "淘汰", "关闭退出", "提升", "开通", "改造"}, m)
}

func stripLead(m string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range leadWords {
			if strings.HasPrefix(m, w) && m != w {
				m = strings.TrimPrefix(m, w)
				changed = true
			}
		}
	}
	m = strings.TrimSuffix(strings.TrimSuffix(m, "平均"), "分别")
	switch m {
	case "其中", "同比", "全年", "实现", "完成", "为", "共", "达", "降为", "和", "除", "其它", "首批":
		return ""
	}
	return m
}

// clauseStart returns where the clause holding pos starts: after the last
// punctuation mark before pos, or after the previous figure, whichever is
// later. A 、 does not end a clause, so that 审批环节、时限 and 黄标车、老旧车
// stay whole; quotes do not either (“一带一路”沿线国家).
func clauseStart(text string, pos, prevEnd int) int {
	start := 0
	for _, p := range []string{"，", "；", "。", "：", "！", "（", "(", "）", ")"} {
		if i := strings.LastIndex(text[:pos], p); i >= 0 && i+len(p) > start {
			start = i + len(p)
		}
	}
	if prevEnd > start && prevEnd <= pos {
		start = prevEnd
	}
	return start
}

// normalise returns a value in its unit without 万 or 亿: 1040亿元 is 1.04e11 元.
func normalise(v float64, unit string) (float64, string) {
	switch {
	case unit == "个百分点" || unit == "个月" || unit == "%":
		return v, unit
	case strings.HasPrefix(unit, "万亿"):
		return round6(v * 1e12), strings.TrimPrefix(unit, "万亿")
	case strings.HasPrefix(unit, "亿"):
		return round6(v * 1e8), strings.TrimPrefix(unit, "亿")
	case strings.HasPrefix(unit, "万"):
		return round6(v * 1e4), strings.TrimPrefix(unit, "万")
	}
	return v, unit
}

func round6(v float64) float64 {
	s := strconv.FormatFloat(v, 'g', 12, 64)
	r, _ := strconv.ParseFloat(s, 64)
	return r
}

// timeMark is a time word of a sentence: the figures after it are about
// the years from and to.
type timeMark struct {
	start    int // where the time word starts in the text
	pos      int // where it ends
	from, to int
}

// timeMarks finds a sentence's own time words: 2020年, 去年, 今年, 过去五年,
// 今后五年, 十三五. They override the years of the sentence's part.
func timeMarks(text string, fc figureContext) []timeMark {
	var out []timeMark
	for _, m := range reYear.FindAllStringSubmatchIndex(text, -1) {
		y, _ := strconv.Atoi(text[m[2]:m[3]])
		if strings.HasSuffix(text[:m[0]], "由") || strings.HasSuffix(text[:m[0]], "比") {
			continue // 由2015年的, 比2013年: the base of a change, not the figure's year
		}
		tm := timeMark{start: m[0], pos: m[1], from: y, to: y}
		if strings.HasPrefix(text[m[1]:], "以来") && fc.year > 0 {
			tm.to = fc.year - 1
		}
		out = append(out, tm)
	}
	if fc.year > 0 {
		for _, w := range []struct {
			word string
			y    int
		}{{"去年", fc.year - 1}, {"今年", fc.year}, {"明年", fc.year + 1}} {
			for i := strings.Index(text, w.word); i >= 0; {
				if !strings.HasSuffix(text[:i], "由") && !strings.HasSuffix(text[:i], "比") {
					out = append(out, timeMark{start: i, pos: i + len(w.word), from: w.y, to: w.y})
				}
				j := strings.Index(text[i+len(w.word):], w.word)
				if j < 0 {
					break
				}
				i += len(w.word) + j
			}
		}
		for _, m := range reYears.FindAllStringSubmatchIndex(text, -1) {
			word := text[m[0]:m[1]]
			num := ""
			if m[2] >= 0 {
				num = text[m[2]:m[3]]
			} else {
				num = text[m[4]:m[5]]
			}
			k := report.ParseNumber(num)
			if num == "两" {
				k = 2
			}
			if k == 0 {
				continue
			}
			if strings.HasPrefix(word, "今后") || strings.HasPrefix(word, "未来") {
				out = append(out, timeMark{start: m[0], pos: m[1], from: fc.year, to: fc.year + k - 1})
			} else {
				out = append(out, timeMark{start: m[0], pos: m[1], from: fc.year - k, to: fc.year - 1})
			}
		}
	}
	for _, m := range reFiveYearPlan.FindAllStringSubmatchIndex(text, -1) {
		from, to := planYears(text[m[2]:m[3]])
		out = append(out, timeMark{start: m[0], pos: m[1], from: from, to: to})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// planYears returns the years of a five-year plan, given the digit after
// its 十 (三 of 十三五: 2016–2020).
func planYears(digit string) (from, to int) {
	k := 10 + report.ParseNumber(digit)
	from = 1971 + 5*(k-4) // the fourth plan ran 1971–1975
	return from, from + 4
}

// yearsIn returns how many years a heading speaks of (过去五年 gives 5), or 0.
func yearsIn(s string) int {
	m := reYears.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	num := m[1] + m[2]
	if num == "两" {
		return 2
	}
	return report.ParseNumber(num)
}

// heads tells whether a time word heads the rest of its sentence: it opens
// the sentence, or a comma or a colon follows it (到2023年，, 到2020年底，).
func heads(text string, m timeMark) bool {
	if m.start == 0 {
		return true
	}
	rest := []rune(text[m.pos:])
	for k := 0; k < len(rest) && k < 3; k++ {
		if rest[k] == '，' || rest[k] == '：' {
			return true
		}
	}
	return false
}

// reComparedBase is the words before a level compared with: 比2017年的,
// 比上年的 (the year before).
var reComparedBase = regexp.MustCompile(`比(?:((?:19|20)\d\d)年(?:底|末)?|上年|去年)的\s*$`)

// setYearKind sets a figure's year and, unless its kind is already known (a
// share, a margin), whether it is an actual or a target: from the last time
// word before it in the sentence, else from its part. A figure before 降为 in
// 由…降为… is the base of the change, of the year 由 names or the year before.
func setYearKind(f *Figure, text string, pos int, prefix, after string, marks []timeMark, fc figureContext) {
	from, to := fc.from, fc.to
	for _, m := range marks {
		if m.pos <= pos && strings.HasSuffix(text[:m.start], "于") && strings.Contains(text[m.pos:pos], "，") {
			continue // 景区于2019年成功创建…，…累计接待游客2.7亿人次: the year of one event
		}
		if m.pos <= pos && (heads(text, m) || !strings.Contains(text[m.pos:pos], "；")) {
			// A time word holds to the end of its clause (确保2021年建成通车；
			// …旅客吞吐量突破120万人次 is of the report's year), unless it
			// heads what follows (2018年，…；…, 到2023年，…；…).
			from, to = m.from, m.to
		}
	}
	if m := reComparedBase.FindStringSubmatch(prefix); m != nil {
		// 比2017年的1386.2亿元增加152.5亿元: the level compared with, of
		// the year it names, or the year before
		f.Kind = KindBase
		f.Year = to - 1
		if m[1] != "" {
			f.Year, _ = strconv.Atoi(m[1])
		}
		if to == 0 && m[1] == "" {
			f.Year = 0
		}
		return
	}
	if strings.Contains(prefix, "由") && startsWithAny(after, changeToWords) {
		f.Kind = KindBase
		y := to - 1
		if from != to {
			y = from - 1 // 过去五年…由48.5%提高到55.2%: the year before the five
		}
		if m := reYear.FindStringSubmatch(prefix[strings.Index(prefix, "由"):]); m != nil {
			y, _ = strconv.Atoi(m[1])
		} else if strings.Contains(prefix, "由去年") && fc.year > 0 {
			y = fc.year - 1
		}
		if to == 0 {
			y = 0
		}
		f.Year = y
		return
	}
	f.Year = to
	if from != to && !slices.Contains(changeToWords, strings.TrimSpace(prefix)) {
		f.YearFrom = from // 由…增加到1850亿元: the level at the end, not a sum
	}
	if strings.HasPrefix(prefix, "向") && strings.HasSuffix(strings.TrimSpace(prefix), "的") {
		f.Kind = KindOther // 向…的700万洛阳人民: who is addressed, not a result
	}
	if f.Kind != "" {
		return
	}
	switch {
	case to != 0 && fc.year != 0 && to < fc.year:
		f.Kind = KindActual
	case to != 0 && fc.year != 0:
		f.Kind = KindTarget
	case fc.period == PeriodReview:
		f.Kind = KindActual
	case fc.period == PeriodPlan:
		f.Kind = KindTarget
	default:
		f.Kind = KindOther
	}
}

// firstHanRun returns the Chinese characters s starts with.
func firstHanRun(s string) string {
	for i, r := range s {
		if !isHan(r) {
			return s[:i]
		}
	}
	return s
}

func fill(s []string, v string) {
	for i := range s {
		s[i] = v
	}
}

// pick returns the i-th of the last n of list, or def when list is shorter.
func pick(list []string, n, i int, def string) string {
	if len(list) >= n {
		return list[len(list)-n+i]
	}
	return def
}

func startsWithAny(s string, list []string) bool {
	for _, w := range list {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// stripVerbs removes the verbs and adverbs that open a heading: 做大做强五大
// 主导产业 gives 五大主导产业.
func stripVerbs(s string) string {
	for changed := true; changed; {
		changed = false
		for _, w := range append([]string{"做大做强", "做优做强", "发展", "培育", "壮大", "提高", "推动", "促进"}, leadWords...) {
			if strings.HasPrefix(s, w) && s != w {
				s = strings.TrimPrefix(s, w)
				changed = true
			}
		}
	}
	return s
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9fff || r >= 0xf900 && r <= 0xfaff
}

func isLatin(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}
