package knowledge

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// units are the units a number must carry to be a figure, longest first so
// that 万平方米 wins over 平方米.
var units = []string{
	"个百分点", "万平方米", "平方公里", "亿美元", "亿人次", "万人次", "平方米",
	"亿元", "万元", "亿斤", "万亩", "万吨", "万辆", "万人", "万套", "万户", "万名",
	"个月", "延米", "公里", "万", "元", "亩", "吨", "辆", "人", "名", "套", "户",
	"个", "家", "项", "件", "所", "张", "处", "场", "次", "条", "座", "部", "对", "%",
}

var reNumber = regexp.MustCompile(`\d+(?:\.\d+)?`)

// leadWords are stripped from the front of a metric: they say how, not what.
var leadWords = []string{
	"其中", "预计", "全年", "全市", "今年", "计划", "确保", "力争", "实现", "完成", "累计",
	"同比", "分别", "共", "约", "达到", "达", "接待", "发放", "办理", "荣获", "举办", "开展",
	"实施", "建成", "新建、改扩建", "改扩建", "新建", "建设", "引进", "推进", "培育", "重点",
	"突出抓好", "抓好", "扶持", "带动", "为", "大力", "积极", "加快", "着力", "全面", "深入", "继续", "持续", "，", "、",
}

// trailWords are stripped from the end of a metric.
var trailWords = []string{"降为", "达到", "达", "为", "约", "超过", "突破", "控制在", "保持在", "不少于", "同比", "平均", "分别"}

// growthWords mark a rate of change: the number after them is a growth rate.
var growthWords = []string{"同比增长", "增长", "提高", "下降", "降低", "压缩"}

// numberSpan is one number of a sentence, as byte offsets.
type numberSpan struct{ start, end int }

// extractFigures finds every number with a unit in a sentence. Numbers joined
// by 和 or 、 share the last one's unit (增长9.5%和16%), and under 分别 they
// go to the subjects listed before them, in order.
func extractFigures(text string, period Period) []Figure {
	var out []Figure
	year, kind := period.Year(), ""
	switch period {
	case PeriodReview:
		kind = KindActual
	case PeriodPlan:
		kind = KindTarget
	}
	locs := reNumber.FindAllStringIndex(text, -1)
	prevEnd := 0        // where the previous figure ended
	lastLevel := ""     // the last level metric, for "同比增长8.8%"
	var levels []string // level metrics so far, for 分别
	subject := ""       // 棚户区改造 of 棚户区改造完成征迁, for the stages listed after it
	var group []numberSpan
	for _, loc := range locs {
		start, end := loc[0], loc[1]
		rest := text[end:]
		// A number inside a latin token (4A级, e河) is no figure.
		if start > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:start]); isLatin(r) || r == '.' {
				group = nil
				continue
			}
		}
		// 9.5%和16%, 7.9和4.4个百分点: a list sharing what follows.
		if next := strings.TrimPrefix(strings.TrimPrefix(rest, "%"), "和"); next != rest || strings.HasPrefix(rest, "、") {
			if strings.HasPrefix(rest, "、") {
				next = strings.TrimPrefix(rest, "、")
			}
			if r, _ := utf8.DecodeRuneInString(next); isDigit(r) {
				group = append(group, numberSpan{start, end})
				continue
			}
		}
		qual := ""
		for _, q := range []string{"余", "多"} {
			if strings.HasPrefix(rest, q) {
				qual = q
				rest = rest[len(q):]
				break
			}
		}
		unit := ""
		for _, u := range units {
			if strings.HasPrefix(rest, u) {
				unit = u
				break
			}
		}
		members := append(group, numberSpan{start, end})
		group = nil
		if unit == "" {
			continue
		}
		after := rest[len(unit):]
		if unit == "个月" && strings.HasSuffix(text[:members[0].start], "前") {
			continue
		}
		if unit == "万" {
			// 8.12万贫困人口: a bare 万 needs a noun after it.
			if r, _ := utf8.DecodeRuneInString(after); r == utf8.RuneError || !isHan(r) {
				continue
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
			if r, _ := utf8.DecodeRuneInString(after); isHan(r) && unit != "%" {
				continue
			}
		}
		rawEnd := len(text) - len(after)
		first := members[0].start
		cs := clauseStart(text, first, prevEnd, len(members) == 1)
		prefix := text[cs:first]
		metric, growth := metricFromPrefix(prefix)
		adjacent := prevEnd > 0 && cs == prevEnd
		// 实施5个重大专项, 建设和4个全域旅游示范区: a verb or a conjunction
		// before the number, the counted thing after it.
		verbOnly := !growth && (isLeadWord(metric) || strings.HasSuffix(metric, "和") || strings.HasSuffix(metric, "及"))
		if verbOnly {
			metric = ""
		}
		if adjacent || metric == "" && !growth {
			// 214个贫困村46760名…: the noun after the number is what is counted.
			if m := metricFromSuffix(after); m != "" {
				metric = m
			}
		}
		subjects := listSubjects(metric, prefix, levels, len(members))
		for i, sp := range members {
			value, err := strconv.ParseFloat(text[sp.start:sp.end], 64)
			if err != nil {
				continue
			}
			raw := text[sp.start:sp.end] + unit
			if i == len(members)-1 {
				raw = text[sp.start:rawEnd]
			}
			f := Figure{Value: value, Unit: unit, Qualifier: qual, Raw: raw, Year: year, Kind: kind}
			m := metric
			if subjects != nil {
				m = subjects[i]
			}
			if growth {
				if m == "" {
					m = lastLevel
				}
				f.Growth = true
				m += growthVerb(prefix)
			} else if m == "" {
				m = lastLevel
			} else if subject != "" && isStageVerb(m) {
				m = subject + m // 开工912.3万平方米 after 棚户区改造完成征迁…
			}
			f.Metric = m
			out = append(out, f)
		}
		if !growth && metric != "" {
			lastLevel = metric
			levels = append(levels, metric)
			if subj := subjectBeforeStage(metric); subj != "" && subject == "" {
				subject = subj
			}
		}
		prevEnd = rawEnd
	}
	return out
}

// stageVerbs name the stages of a project, listed after one subject:
// 棚户区改造完成征迁…、开工…、竣工….
var stageVerbs = []string{"完成征迁", "征迁", "新开工", "开工", "竣工", "基本建成", "建成"}

func isStageVerb(m string) bool {
	for _, v := range stageVerbs {
		if m == v {
			return true
		}
	}
	return false
}

// subjectBeforeStage returns what stands before a stage verb ending a
// metric (棚户区改造 of 棚户区改造完成征迁), or "".
func subjectBeforeStage(m string) string {
	for _, v := range stageVerbs {
		if strings.HasSuffix(m, v) && m != v {
			return strings.TrimSuffix(m, v)
		}
	}
	return ""
}

// listSubjects returns one subject for each of n numbers that share a unit:
// the subjects listed in the metric (审批环节、时限), or, under 分别, the
// last n level metrics of the sentence. It returns nil when there is no list.
func listSubjects(metric, prefix string, levels []string, n int) []string {
	if n < 2 {
		return nil
	}
	if parts := strings.Split(metric, "、"); len(parts) == n {
		return parts
	}
	if strings.Contains(prefix, "分别") && len(levels) >= n {
		return append([]string(nil), levels[len(levels)-n:]...)
	}
	return nil
}

// clauseStart returns where the clause holding pos starts: after the last
// punctuation mark before pos, or after the previous figure, whichever is
// later. For a list of numbers (stopAtList false) a 、 does not end the
// clause, so that 审批环节、时限 stays whole.
func clauseStart(text string, pos, prevEnd int, stopAtList bool) int {
	start := 0
	for _, p := range []string{"，", "；", "。", "：", "、", "！", "（", "(", "）", ")", "“", "”"} {
		if p == "、" && !stopAtList {
			continue
		}
		if i := strings.LastIndex(text[:pos], p); i >= 0 && i+len(p) > start {
			start = i + len(p)
		}
	}
	if prevEnd > start && prevEnd <= pos {
		start = prevEnd
	}
	return start
}

// metricFromPrefix reads what a number measures from the words before it:
// "预计全年实现地区生产总值" gives 地区生产总值; "同比增长" gives "" and growth.
func metricFromPrefix(prefix string) (metric string, growth bool) {
	m := strings.TrimSpace(prefix)
	if i := strings.LastIndex(m, "等"); i >= 0 && !strings.ContainsAny(lastRune(m[:i]), "特高中初平同对均相") {
		m = m[i+len("等"):]
	}
	if i := strings.Index(m, "由"); i > 0 {
		m = m[:i]
	}
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
				growth = true
				changed = true
				break
			}
		}
		for _, w := range []string{"涨幅控制在", "涨幅"} {
			if strings.HasSuffix(m, w) {
				m = strings.TrimSuffix(m, w)
				growth = true
				changed = true
			}
		}
	}
	m = stripLead(m)
	return m, growth
}

// isLeadWord tells whether m is only a word that says how (实施, 建设).
func isLeadWord(m string) bool {
	for _, w := range leadWords {
		if m == w {
			return true
		}
	}
	switch m {
	case "提升", "争取", "创建", "建成", "新增", "打造", "开通", "改造", "治理":
		return true
	}
	return false
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

// metricFromSuffix reads what a number counts from the words after it, up to
// the next punctuation, number or verb: "个贫困村46760名…" gives 贫困村.
func metricFromSuffix(after string) string {
	end := len(after)
	for i, r := range after {
		if !isHan(r) {
			end = i
			break
		}
	}
	m := after[:end]
	for _, v := range []string{"如期", "完成", "实现", "全部", "竣工", "开工", "建成", "提供", "脱贫任务", "脱贫", "签约", "达到", "达", "同比", "提供", "金额"} {
		if i := strings.Index(m, v); i > 0 {
			m = m[:i]
		}
	}
	return m
}

// growthVerb returns the rate word a prefix ends with, as the metric's suffix.
func growthVerb(prefix string) string {
	p := strings.TrimSpace(prefix)
	for _, w := range []string{"提高", "下降", "降低", "压缩", "涨幅控制在", "涨幅"} {
		if strings.HasSuffix(p, w) {
			return strings.TrimSuffix(w, "控制在")
		}
	}
	return "增长"
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
