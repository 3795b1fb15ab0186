package knowledge

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The direct answer: one line that answers the question before the quoted
// sentence, in the asker's language: the figure asked for with its subject,
// year and kind (2017年目标：旅游总收入1040亿元), the items of a list, yes and
// what the report says, or the clause of the sentence that answers.

// maxLineFigures bounds the figures of one answer line.
const maxLineFigures = 4

// answerLine writes the direct answer to a question from its best sentence.
func (b *Book) answerLine(qs question, it *intent, s *Sentence) string {
	var line string
	switch {
	case it.wantList && len(listItems(s.Text, it)) >= 2:
		line = b.listLine(qs.lang, listItems(s.Text, it))
	case it.wantFigure || it.wantCount || len(it.attrs) > 0 && !asksWhenOnly(it):
		if figs := pickFigures(s, it); len(figs) > 0 {
			if qs.lang == LangEN {
				return b.figuresLineEN(s.Text, figs)
			}
			return figuresLineZH(s, figs, qs.lang == LangZHHant)
		}
		fallthrough
	default:
		line = clauseLine(qs.lang, answerClause(s.Text, it), isYesNo(qs.text))
	}
	if qs.lang == LangZHHant {
		line = ToTraditional(line)
	}
	return line
}

// asksWhenOnly tells whether a when-question asks nothing of a thing but
// when an event happens (什么时候通车), not how long it takes (要多久).
func asksWhenOnly(it *intent) bool {
	return it.wantTime && !containsAny(it.text, durationCues) &&
		!slices.ContainsFunc(it.attrs, func(a *attribute) bool { return !a.units["=@when"] })
}

// pickFigures returns the figures of the sentence that answer the question:
// the one that fits best (its subject one of the question's terms, its
// measure, unit, year and kind the asked ones), and the others of the same
// subject and year (a level and its growth), the better fitting first.
func pickFigures(s *Sentence, it *intent) []Figure {
	best, bestScore, bestHeld, promoted := -1, 0, 0, false
	var quoted map[float64]bool
	if it.wantCount && !isYesNo(it.text) {
		quoted = quotedNumbers(it.text) // asked of them, not about them
	}
	for k := range s.Figures {
		if quoted[s.Figures[k].Value] {
			continue // of the 67 promised projects, how many were done: not 67
		}
		sc, held := figureScore(&s.Figures[k], it), conceptsHeld(&s.Figures[k], it)
		if sc > bestScore || sc == bestScore && sc > 0 && held > bestHeld {
			// of two as good, the one whose subject holds more of the
			// question's things (PM2.5年均浓度, not PM10年均浓度), which
			// then comes first
			promoted = sc == bestScore
			best, bestScore, bestHeld = k, sc, held
		}
	}
	if best < 0 {
		return nil
	}
	top := s.Figures[best]

	type scored struct {
		f  Figure
		sc int
	}
	var more []scored
	for k, f := range s.Figures {
		if k == best || f.Year != top.Year || f.Kind == KindBase {
			continue
		}
		// a level and its growth; or a second figure the question asks
		// about as well as the first (签约了多少个项目、总投资多少), any it
		// names when it asks several (安排重点项目多少个，年度计划投资多少)
		// or names well (人大代表建议和政协提案), but not one of another
		// thing when the first is the very thing named (农村居民人均可支配收入
		// 是多少？增长多少？: not 城镇's)
		sc, named := figureScore(&f, it), namedLevel(&f, it)
		if f.Subject == top.Subject || sc >= bestScore-1 || sc > 0 && (asksSeveral(it.text) || named >= 3) {
			more = append(more, scored{f, sc})
		}
	}
	if len(more) == 0 && !asksSeveral(it.text) {
		if f, ok := nextOfSameThing(s, best, it); ok {
			more = append(more, scored{f, 0})
		}
	}
	slices.SortStableFunc(more, func(x, y scored) int { return y.sc - x.sc })
	out := []Figure{top}
	for _, m := range more[:min(len(more), maxLineFigures-1)] {
		out = append(out, m.f)
	}
	out = withAskedUnits(s, it, out)
	// in the report's order; the asked thing's first when another as good
	// stands before it
	slices.SortStableFunc(out, func(x, y Figure) int {
		first := 0
		if promoted && !asksSeveral(it.text) {
			first = cmp.Compare(boolInt(x.Subject != top.Subject), boolInt(y.Subject != top.Subject))
		}
		return cmp.Or(first, indexOfFigure(s, x)-indexOfFigure(s, y))
	})
	return out
}

// withAskedUnits adds to the figures of a line, for a question of several
// asks, the first figure of the sentence in the units of an ask they leave
// unanswered (多少农民出去打工，能挣回多少钱: 劳务收入19.5亿元 beside
// 转移就业7.8万人), of the first figure's year and kind.
func withAskedUnits(s *Sentence, it *intent, out []Figure) []Figure {
	if !asksSeveral(it.text) {
		return out
	}
	top := out[0]
	if (it.wantGrowth || containsAny(it.text, percentAsks)) && !slices.ContainsFunc(out, func(f Figure) bool { return f.Unit == "%" }) {
		// 完成投资多少？完成年度计划的百分之几？: the first percent after
		// the first figure, of its year and kind
		at := indexOfFigure(s, top)
		k := slices.IndexFunc(s.Figures, func(f Figure) bool { return f.Unit == "%" && f.Year == top.Year && f.Kind == top.Kind })
		if k >= 0 && (k > at || at < 0) && len(out) < maxLineFigures {
			out = append(out, s.Figures[k])
		}
	}
	for _, a := range it.attrs {
		if len(out) >= maxLineFigures {
			break
		}
		if slices.ContainsFunc(out, func(f Figure) bool { return a.units[f.Unit] }) {
			continue
		}
		k := slices.IndexFunc(s.Figures, func(f Figure) bool {
			return a.units[f.Unit] && f.Year == top.Year && f.Kind == top.Kind
		})
		if k >= 0 {
			out = append(out, s.Figures[k])
		}
	}
	return out
}

// nextOfSameThing returns the figure right after the k-th in its clause
// when it names no thing of its own, only what more was done with the same
// thing (棚户区改造开工3.2万户、基本建成2.8万户; 全年开行86列，运送货物
// 7568标箱); ok is false when there is none.
func nextOfSameThing(s *Sentence, k int, it *intent) (Figure, bool) {
	if k+1 >= len(s.Figures) {
		return Figure{}, false
	}
	f, next := s.Figures[k], s.Figures[k+1]
	i := strings.Index(s.Text, f.Raw)
	if i < 0 || next.Year != f.Year || next.Kind == KindBase || next.Kind != f.Kind {
		return Figure{}, false
	}
	rest := s.Text[i+len(f.Raw):]
	j := strings.Index(rest, next.Raw)
	if j < 0 {
		return Figure{}, false
	}
	between := rest[:j]
	if strings.ContainsAny(between, "；。：") || utf8.RuneCountInString(between) > maxBetween {
		return Figure{}, false
	}
	if namesOwnThing(between+next.Raw, it) && !termOfBoth(f, next, it) {
		return Figure{}, false
	}
	return next, true
}

// termOfBoth tells whether two figures' subjects hold one term of the
// question (棚户区改造开工, 棚户区改造基本建成).
func termOfBoth(f, g Figure, it *intent) bool {
	return slices.ContainsFunc(it.concepts, func(c concept) bool {
		return slices.ContainsFunc(c.terms, func(t string) bool {
			return strings.Contains(f.Subject, t) && strings.Contains(g.Subject, t)
		})
	})
}

// maxBetween is how many letters may stand between a figure and the next one
// of the same thing.
const maxBetween = 10

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func indexOfFigure(s *Sentence, f Figure) int {
	return slices.IndexFunc(s.Figures, func(g Figure) bool { return g == f })
}

// figureScore rates how well a figure answers the question; 0 when it names
// none of the question's things.
func figureScore(f *Figure, it *intent) int {
	named := namedLevel(f, it)
	if named == 0 {
		return 0
	}
	score := named
	growth := f.Measure == MeasureGrowth || f.Measure == MeasurePoints
	if it.wantGrowth == growth {
		score += 2
	}
	if it.units[f.Unit] {
		score += 2
	}
	if it.year > 0 && f.Year == it.year {
		score++
	}
	if containsAny(it.text, stockCues) {
		// 现在一共有多少家: the total (总数达到71家), not what was added
		switch {
		case containsAny(f.Metric, totalGiven):
			score += 2
		case containsAny(f.Metric, increaseWords):
			score -= 2
		}
	}
	switch {
	case it.period == PeriodPlan && f.Kind == KindTarget, it.period == PeriodReview && f.Kind == KindActual:
		score++
	case f.Kind == KindBase && it.year > 0 && f.Year == it.year:
		score++ // 2017年地区生产总值: 比2017年的1386.2亿元, the base, is the year asked
	case f.Kind == KindBase:
		score -= 3
	}
	return score
}

// namedLevel tells how well a figure's subject is the question's thing: 4
// when it is one of the question's terms or phrases (新增高新技术企业), 3 when
// it holds one of its phrases (固定资产投资增长 in 全社会固定资产投资增长), 2
// when one of its terms, else 0.
func namedLevel(f *Figure, it *intent) int {
	subject, metric := strings.ToLower(f.Subject), strings.ToLower(f.Metric) // as the question's terms are: pm2.5
	level := 0
	for _, p := range it.phrases {
		switch {
		case subject == p:
			return 4
		case strings.Contains(subject, p) || strings.Contains(metric, p):
			level = 3
		}
	}
	for _, c := range it.concepts {
		for _, t := range c.terms {
			switch {
			case subject == t:
				return 4
			case strings.Contains(metric, t) || strings.Contains(subject, t):
				level = max(level, 2)
			}
		}
	}
	return level
}

// conceptsHeld counts the question's concepts a figure's subject holds.
func conceptsHeld(f *Figure, it *intent) int {
	subject := strings.ToLower(f.Subject)
	n := 0
	for _, c := range it.concepts {
		if slices.ContainsFunc(c.terms, func(t string) bool { return strings.Contains(subject, t) }) {
			n++
		}
	}
	return n
}

// figuresLineZH writes figures in Chinese, each in the report's own words
// around it: 2016年：预计全年实现地区生产总值3740亿元，同比增长8.8%.
func figuresLineZH(s *Sentence, figs []Figure, trad bool) string {
	text := s.Text
	var sb strings.Builder
	if p := yearKindZH(figs[0]); p != "" {
		if trad {
			p = ToTraditional(p) // the chrome in the asker's script, the quote as the report writes it
		}
		sb.WriteString(p + "：")
	}
	var phrases, seen []string
	prev := ""
	one := !slices.ContainsFunc(figs, func(f Figure) bool { return f.Subject != figs[0].Subject })
	for _, f := range figs {
		ph := figurePhrase(text, f)
		if one && respective(s, ph) && !strings.Contains(f.Metric, "分别") {
			// 城镇和农村居民人均可支配收入分别达到68420元和37150元, asked of
			// one of them: that one named, then the report's words
			label := f.Metric // 城镇居民人均可支配收入增长5.1%
			if f.Subject == prev && strings.HasPrefix(f.Metric, f.Subject) && f.Metric != f.Subject {
				label = strings.TrimPrefix(f.Metric, f.Subject) // 增长7.3%
			}
			own := label + f.Raw
			if !slices.Contains(seen, ph) {
				seen = append(seen, ph)
				own += "（" + ph + "）"
			}
			ph = own
		}
		prev = f.Subject
		if !slices.Contains(phrases, ph) {
			phrases = append(phrases, ph)
		}
	}
	sb.WriteString(joinPhrases(text, phrases))
	return sb.String()
}

// joinPhrases joins phrases of a sentence's text with the report's own mark
// between two side by side (新引进团队5个、人才87名), else a comma.
func joinPhrases(text string, phrases []string) string {
	var sb strings.Builder
	for k, ph := range phrases {
		if k > 0 {
			sep := "，"
			if strings.Contains(text, phrases[k-1]+"、"+ph) {
				sep = "、"
			}
			sb.WriteString(sep)
		}
		sb.WriteString(ph)
	}
	return sb.String()
}

// respective tells whether a phrase gives numbers to several things, read
// as the figures of each (分别增长9.5%和16%: of 游客 and of 旅游总收入), so
// that which one is asked must be said.
func respective(s *Sentence, phrase string) bool {
	if !strings.Contains(phrase, "分别") {
		return false
	}
	var subjects []string
	for _, f := range s.Figures {
		if strings.Contains(phrase, f.Raw) && !slices.Contains(subjects, f.Subject) {
			subjects = append(subjects, f.Subject)
		}
	}
	return len(subjects) >= 2
}

// figurePhrase returns the words of the sentence around a figure, from the
// separator before it to the one after (改扩建乡镇卫生院9所,
// 11项输变电工程建成投运); the figure as written when it cannot be found.
func figurePhrase(text string, f Figure) string {
	at := strings.Index(text, f.Raw)
	for at > 0 {
		// a figure written twice: the one whose words name its subject
		if start, end := phraseAround(text, at, len(f.Raw)); strings.Contains(text[start:end], shortSubject(f.Subject)) {
			break
		}
		next := strings.Index(text[at+len(f.Raw):], f.Raw)
		if next < 0 {
			at = strings.Index(text, f.Raw)
			break
		}
		at += len(f.Raw) + next
	}
	if at < 0 {
		return f.Raw
	}
	start, end := phraseAround(text, at, len(f.Raw))
	return text[start:end]
}

// phraseAround returns the bounds of the phrase that holds text[at:at+n]:
// from after the separator before it to the separator after it.
func phraseAround(text string, at, n int) (int, int) {
	start := strings.LastIndexAny(text[:at], phraseSeparators)
	for start > 0 && strings.HasPrefix(text[start:], "、") {
		// 淘汰黄标车、老旧车2.4万辆, 新建、改扩建中小学151个: the words before
		// the 、 share the figure when they hold none of their own
		before := strings.LastIndexAny(text[:start], phraseSeparators)
		if strings.ContainsAny(text[max(before, 0):start], "0123456789") {
			break
		}
		start = before
	}
	if start < 0 {
		start = 0
	} else {
		_, size := utf8.DecodeRuneInString(text[start:])
		start += size
	}
	end := strings.IndexAny(text[at+n:], phraseSeparators)
	if end < 0 {
		end = len(text)
	} else {
		end += at + n
	}
	return start, end
}

// phraseSeparators end the phrase a figure stands in.
const phraseSeparators = "，、；：。！？"

// shortSubject is the last few letters of a subject, which its phrase holds
// however the report words the rest.
func shortSubject(s string) string {
	r := []rune(s)
	if len(r) > 2 {
		r = r[len(r)-2:]
	}
	return string(r)
}

// yearKindZH names a figure's year and kind: 2016年, 2017年目标, 2016—2020年.
func yearKindZH(f Figure) string {
	y := ""
	switch {
	case f.Year == 0:
	case f.YearFrom != 0 && f.YearFrom != f.Year:
		y = strconv.Itoa(f.YearFrom) + "—" + strconv.Itoa(f.Year) + "年"
	default:
		y = strconv.Itoa(f.Year) + "年"
	}
	if f.Kind == KindTarget {
		return y + "目标"
	}
	return y
}

// figuresLineEN writes figures in English, each unit converted and the
// report's own figure beside it: Total tourism revenue, 2016: 90.5 billion
// yuan (905亿元), up 16%. Figures of several things are written a thing at a
// time, each under its own name.
func (b *Book) figuresLineEN(text string, figs []Figure) string {
	var subjects []string
	for _, f := range figs {
		if !slices.Contains(subjects, f.Subject) {
			subjects = append(subjects, f.Subject)
		}
	}
	var sb strings.Builder
	var said []string
	for i, subj := range subjects {
		var own []Figure
		for _, f := range figs {
			if f.Subject == subj {
				own = append(own, f)
			}
		}
		if i > 0 {
			sb.WriteString("; ")
		}
		name := b.English(subj)
		if name == "" {
			name = own[0].Metric
		}
		sb.WriteString(capitalize(name))
		if yk := yearKindEN(own[0]); yk != "" && i == 0 {
			sb.WriteString(", " + yk)
		}
		sb.WriteString(": ")
		for k, f := range own {
			if k > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(figureEN(f))
			if ph := figurePhrase(text, f); !slices.Contains(said, ph) {
				said = append(said, ph)
			}
		}
	}
	sb.WriteString(" (" + joinPhrases(text, said) + ")")
	return sb.String()
}

// yearKindEN names a figure's year and kind in English: 2016, 2017 target.
func yearKindEN(f Figure) string {
	y := ""
	switch {
	case f.Year == 0:
	case f.YearFrom != 0 && f.YearFrom != f.Year:
		y = strconv.Itoa(f.YearFrom) + "–" + strconv.Itoa(f.Year)
	default:
		y = strconv.Itoa(f.Year)
	}
	if f.Kind == KindTarget {
		return strings.TrimSpace(y + " target")
	}
	return y
}

var reDown = regexp.MustCompile(`下降|降低|减少|压减|压缩|回落|下跌`)

// figureEN writes one figure in English: a rate as up or down, an amount
// in English units with the report's figure beside it.
func figureEN(f Figure) string {
	if f.Measure == MeasureGrowth || f.Measure == MeasurePoints {
		dir := "up "
		if reDown.MatchString(f.Metric) {
			dir = "down "
		}
		if f.Measure == MeasurePoints {
			return dir + fmtFloat(f.Value) + " percentage points"
		}
		return dir + f.Raw
	}
	if f.Unit == "%" {
		return f.Raw
	}
	if en := amountEN(f.Value, f.Unit); en != "" {
		return en
	}
	return f.Raw
}

// enUnits are the English of the units a report's figures carry.
var enUnits = map[string]string{
	"元": "yuan", "美元": "US dollars", "人": "people", "名": "people", "人次": "visits", "户": "households",
	"套": "homes", "亩": "mu", "吨": "tonnes", "辆": "vehicles", "公里": "km", "平方公里": "km²", "平方米": "m²",
	"个": "", "家": "", "项": "", "所": "", "个百分点": "percentage points", "千瓦": "kW", "标箱": "TEU",
}

// amountEN writes an amount in English words of scale: 905亿元 is 90.5
// billion yuan, 1.14亿人次 114 million visits, 6.4万人 64,000 people; "" for
// a unit it does not know.
func amountEN(v float64, unit string) string {
	scale, base := 1.0, unit
	switch {
	case strings.HasPrefix(unit, "万亿"):
		scale, base = 1e12, strings.TrimPrefix(unit, "万亿")
	case strings.HasPrefix(unit, "亿"):
		scale, base = 1e8, strings.TrimPrefix(unit, "亿")
	case strings.HasPrefix(unit, "万") && utf8.RuneCountInString(unit) > 1:
		scale, base = 1e4, strings.TrimPrefix(unit, "万")
	}
	en, ok := enUnits[base]
	if !ok {
		return ""
	}
	n := v * scale
	var num string
	switch {
	case n >= 1e12:
		num = fmtFloat(round3(n/1e12)) + " trillion"
	case n >= 1e9:
		num = fmtFloat(round3(n/1e9)) + " billion"
	case n >= 1e6:
		num = fmtFloat(round3(n/1e6)) + " million"
	default:
		num = groupThousands(n)
	}
	return strings.TrimSpace(num + " " + en)
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// groupThousands writes a number with thousands separators: 64,000.
func groupThousands(v float64) string {
	s := fmtFloat(math.Round(v*100) / 100)
	whole, frac, _ := strings.Cut(s, ".")
	var out []byte
	for i := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, whole[i])
	}
	if frac != "" {
		return string(out) + "." + frac
	}
	return string(out)
}

// capitalize writes a name at the start of a line: a short name of one
// word is an acronym (gdp: GDP, cpi: CPI).
func capitalize(s string) string {
	switch {
	case s == "":
		return s
	case s[0] >= utf8.RuneSelf:
		return s // a Chinese name: no letters to capitalize
	case len(s) <= 4 && !strings.Contains(s, " "):
		return strings.ToUpper(s)
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if isAcronym(w) {
			words[i] = strings.ToUpper(w) // r&d intensity: R&D intensity
		}
	}
	s = strings.Join(words, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// isAcronym tells whether a lower-cased English word is written in capitals:
// one with & (r&d), a letter and a digit (pm2.5, 5g), or no vowel (gdp).
func isAcronym(w string) bool {
	letter, digit, vowel := false, false, false
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			letter = true
			vowel = vowel || strings.ContainsRune("aeiouy", r)
		case r >= '0' && r <= '9':
			digit = true
		}
	}
	return letter && (strings.Contains(w, "&") || digit || !vowel && len(w) > 1)
}

// clauses cuts a sentence into its clauses at commas and semicolons.
func clauses(text string) []string {
	return strings.FieldsFunc(strings.TrimRight(text, "。！？"), func(r rune) bool { return r == '，' || r == '；' || r == '：' })
}

// answerClause returns the clause of a sentence that holds most of the
// question's concepts, the sentence itself when it is short; for a
// when-question, that clause joined with the first after it that says when.
func answerClause(text string, it *intent) string {
	if utf8.RuneCountInString(text) <= 40 {
		return strings.TrimRight(text, "。；")
	}
	cs := clauses(text)
	best, bestN, bestAt := "", -1, 0
	for k, c := range cs {
		n := 0
		for _, con := range it.concepts {
			if containsAny(c, con.terms) {
				n++
			}
		}
		if n > bestN {
			best, bestN, bestAt = c, n, k
		}
	}
	when, whenAt := "", 0
	if it.wantTime {
		// the first clause from the thing's on that says when (确保2021年建成通车)
		if k := slices.IndexFunc(cs[bestAt:], func(c string) bool { return reTime.MatchString(c) || reYearWord.MatchString(c) }); k >= 0 {
			when, whenAt = cs[bestAt+k], bestAt+k
		}
	}
	if when == "" || whenAt == bestAt {
		return best
	}
	// 什么时候建成通车: the thing's clause, then its time's (全长38公里，于2015年12月28日建成通车)
	return best + "，" + when
}

// clauseLine writes the clause that answers: after 是 for a yes-or-no
// question, else as it stands.
func clauseLine(lang, clause string, yesNo bool) string {
	switch {
	case yesNo && lang == LangEN:
		return "Yes: " + clause
	case yesNo:
		return "是。报告说：" + clause
	case lang == LangEN:
		return "The report says: " + clause
	}
	return clause
}

// listItems returns the items a sentence lists in the clause that holds the
// question's concepts (A、B、C), at most eight.
func listItems(text string, it *intent) []string {
	for _, c := range clauses(text) {
		if !strings.Contains(c, "、") || !slices.ContainsFunc(it.concepts, func(con concept) bool { return containsAny(c, con.terms) }) {
			continue
		}
		items := strings.Split(c, "、")
		if len(items) > 8 {
			items = items[:8]
		}
		return items
	}
	return nil
}

// listLine writes a list's items.
func (b *Book) listLine(lang string, items []string) string {
	if lang == LangEN {
		return "Items: " + strings.Join(items, ", ")
	}
	return "包括：" + strings.Join(items, "、")
}
