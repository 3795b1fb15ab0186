package knowledge

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"reportbot/report"
)

// maxQuestionRunes bounds the part of a question that is read; the rest of a
// 10,000-character paste adds nothing but work.
const maxQuestionRunes = 400

// maxConcepts bounds the terms taken from one question.
const maxConcepts = 24

// concept is one thing a question asks about, with the words that say it.
type concept struct {
	terms  []string     // the word and its synonyms
	weight float64      // rarer in the report weighs more
	plain  bool         // a word of the question's own, not from the synonym table
	own    bool         // terms[0] is the question's own words (not an English phrase's term)
	plan   bool         // it names a five-year plan (十三五期间): a span of years, which a heading may give
	dict   bool         // read only through the dictionary
	levels []matchLevel // where it stands, for every sentence
}

// intent is what a question wants beyond its words.
type intent struct {
	period      Period          // PeriodNone: either year
	wantFigure  bool            // 多少, 几, 比重, 目标 …
	wantGrowth  bool            // 增长多少, 增速
	wantTime    bool            // 什么时候, 何时, 几月
	wantDate    bool            // 哪天, 几号, 日期
	wantPerson  bool            // 谁
	wantProblem bool            // 问题, 不足
	wantList    bool            // 有哪些, 哪几个
	wantCount   bool            // 多少, 几: a number is asked for
	units       map[string]bool // the units the asked figure may carry
	text        string          // the question as analysed
	concepts    []concept
	phrases     []string     // neighbouring words of the question, joined (新开工项目)
	years       []int        // the years the question names (2018, 明年), this and last year included
	unknown     []string     // nouns of the question that the report and the lexicon never use
	unknownFirm bool         // the unknown words stand even where a paraphrase would excuse them: what is asked, or many beside one term
	dict        []dictGroup  // for English: words only the dictionary knows, judged on the answer
	enUnknown   []string     // for English: words no data knows
	enGroups    int          // for English: the question's terms the glossary knows
	enText      string       // for English: the question as asked
	nouns       []string     // the question's nouns
	role        string       // for 是谁: the role asked about
	attrs       []*attribute // what the question asks of a thing (全长, 门票, 排第几), one of each kind
	homeParts   []string     // the counties and districts of the report's city the question names
	kindPlaces  []string     // places the question names by their kind (白原市, 竹岭镇), as written without the kind (白原)
	places      []string     // places other than the report's city that the question names
	asksLess    bool         // it asks by how much a thing fell (少花了多少钱)
	parts       []string     // parts of a whole the report gives as a total that the question names (出口额)
	namesCity   bool         // the question names the report's own city
	day         string       // a day or a week the question asks about (明天, 下周): the report speaks of years
	year        int          // the one year a number is asked of (去年年底, 十三五末), else 0: askedYear
}

var (
	reTime     = regexp.MustCompile(`上半年|下半年|年底前|年底|年内|[一二三四]季度|\d+月|[一二三四五六七八九十]+月(?:份)?|\p{Han}{1,6}节前|年中`)
	reFullDate = regexp.MustCompile(`\d{4}年\d{1,2}月\d{1,2}日`)
	reDay      = regexp.MustCompile(`(?:\d{4}年)?\d{1,2}月\d{1,2}日`) // a day, with its year or in the year a part reviews (9月28日)
	rePerson   = regexp.MustCompile(`市委书记|市长|书记|主任|省长|县长|区长|部长|主席|总经理|董事长`)
	// reAsksAmount: a question that asks how much of something (多少, 多高,
	// 多贵, 几, 哪一年), not one that only says 多 (更多, 多种).
	reAsksAmount = regexp.MustCompile(`多[少大高长远贵宽深重]|几|哪一?年`)
	reProblem    = regexp.MustCompile(`问题|不足|偏低|不强|不够|不到位|不完善|艰巨|繁重|压力`)
)

// NormalizeQuestion makes a question comparable with the report: valid
// UTF-8, full-width letters and digits folded to ASCII, lower-cased latin,
// no zero-width characters, at most maxQuestionRunes characters.
func NormalizeQuestion(q string) string {
	q = reURL.ReplaceAllString(CleanText(q), " ") // （https://weibo.com/luoyang）: where the asker read, not what
	q = strings.NewReplacer("（ ）", "", "( )", "").Replace(q)
	var sb strings.Builder
	n := 0
	for _, r := range q {
		if n >= maxQuestionRunes {
			break
		}
		n++
		switch {
		case r >= 0xFF01 && r <= 0xFF5E && !strings.ContainsRune("，。！？：；（）", r):
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		sb.WriteRune(r)
	}
	return strings.TrimSpace(sb.String())
}

// reURL is a web address in a question.
var reURL = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s，。？！、；）)]+`)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func idf(n, df int) float64 {
	return math.Log(1 + float64(n)/float64(df))
}

// matchLevel says where in and around a sentence a concept stands.
type matchLevel uint8

const (
	noMatch   matchLevel = iota
	inContext            // in the item or area heading above
	inLead               // in the opening of the sentence a clause belongs to
	inText               // in the sentence itself
)

// match finds where any of terms stands for every sentence, and the number of
// sentences it stands in or around (its document frequency).
func (b *Book) match(terms []string) ([]matchLevel, int) {
	levels := make([]matchLevel, len(b.sentences))
	for _, t := range terms {
		if t == "" {
			continue
		}
		for _, h := range b.termHits(strings.ToLower(t)) { // the texts are lower-cased: PM2.5平均浓度
			levels[h.i] = max(levels[h.i], h.level)
		}
	}
	df := 0
	for _, l := range levels {
		if l != noMatch {
			df++
		}
	}
	return levels, df
}

// termHit is a sentence a term stands in or around, and where.
type termHit struct {
	i     int32
	level matchLevel
}

// maxTermCache bounds the terms whose hits are kept; the report's terms and
// the lexicon's are far fewer, so only a flood of odd questions reaches it.
const maxTermCache = 50000

// termHits returns where a term stands in and around every sentence,
// worked out once per term.
func (b *Book) termHits(t string) []termHit {
	b.hitsMu.Lock()
	hits, ok := b.hitsCache[t]
	b.hitsMu.Unlock()
	if ok {
		return hits
	}
	add := func(level matchLevel) func(i int) {
		return func(i int) { hits = append(hits, termHit{int32(i), level}) }
	}
	b.texts.each(t, add(inText))
	b.leads.each(t, add(inLead))
	b.contexts.each(t, add(inContext))
	b.names.each(t, add(inText)) // 城镇居民人均可支配收入 in 城镇和农村居民人均可支配收入
	b.hitsMu.Lock()
	if b.hitsCache == nil {
		b.hitsCache = map[string][]termHit{}
	}
	if len(b.hitsCache) < maxTermCache {
		b.hitsCache[t] = hits
	}
	b.hitsMu.Unlock()
	return hits
}

// joined is one text of every sentence (its words, its lead or its
// headings), joined with newlines, so that one scan finds a term in all of
// them.
type joined struct {
	text   string
	starts []int // where each sentence's part begins in text
}

func newJoined(parts []string) joined {
	var sb strings.Builder
	j := joined{starts: make([]int, len(parts))}
	for i, p := range parts {
		j.starts[i] = sb.Len()
		sb.WriteString(p)
		sb.WriteByte('\n')
	}
	j.text = sb.String()
	return j
}

// each calls fn with the index of every sentence whose part holds t, once
// each, in order.
func (j joined) each(t string, fn func(i int)) {
	last := -1
	for pos := 0; pos < len(j.text); {
		k := strings.Index(j.text[pos:], t)
		if k < 0 {
			return
		}
		at := pos + k
		i := sort.SearchInts(j.starts, at+1) - 1
		if i != last {
			fn(i)
			last = i
		}
		pos = at + 1
	}
}

// tableWordAt returns the longest word of the synonym table or the lexicon
// that starts at byte pos of q (the start of word i) and ends where a word
// ends, with the index of that last word; "" when there is none.
func (b *Book) tableWordAt(q string, pos, i int, ends map[int]int) (string, int) {
	best, bestLast := "", 0
	try := func(w string) {
		if len(w) <= len(best) || !strings.HasPrefix(q[pos:], w) || stopWords[w] {
			return
		}
		if last, ok := ends[pos+len(w)]; ok && last >= i {
			best, bestLast = w, last
		}
	}
	for _, w := range b.synonyms.byLenth {
		try(w)
	}
	r, _ := utf8.DecodeRuneInString(q[pos:])
	for _, w := range b.lex.zhByFirst[r] {
		try(w)
	}
	return best, bestLast
}

// isUnitCue tells whether w is a unit a question asks for after 多少 or 几.
func isUnitCue(w string) bool {
	for _, uc := range unitCues {
		if w == uc.after {
			return true
		}
	}
	return false
}

// concepts cuts a question into the things it asks about, in order: a word
// of the synonym table that starts and ends on word boundaries (旅游收入,
// GDP) brings its group; a number keeps the word after it (2号线); other
// words stand for themselves, less the stop words. It also returns the pairs
// of neighbouring content words, joined, for the phrase signal.
func (b *Book) concepts(q string, tags []TaggedWord, matched *[]string) ([]concept, []string) {
	r := &conceptReader{b: b, q: q, words: splitCounted(b.seg.Cut(q), tags), matched: matched, seen: map[string]bool{}, notNoun: map[string]bool{}}
	r.place()
	// A one-letter everyday word is none as a verb: 树 in 种了多少树, but
	// not 花 in 花了多少钱.
	for _, tw := range tags {
		if utf8.RuneCountInString(tw.Word) == 1 && strings.HasPrefix(tw.Tag, "v") {
			r.notNoun[tw.Word] = true
		}
	}
	for i := 0; i < len(r.words); i++ {
		switch {
		case r.unitAsked(i):
			r.prev = "" // 多少钱, 几个, 几分钟: the unit asked for, not a topic
		case r.tableWord(&i):
		case isDigit(rune(r.words[i][0])):
			r.number(&i)
		default:
			r.plain(r.words[i])
		}
	}
	r.prev = ""
	for _, n := range b.reportNames(q, r.words, r.starts) {
		if !insideAny(n, *matched) {
			r.add(concept{terms: []string{n}, plain: true}, n)
			*matched = append(*matched, n)
		}
	}
	for _, w := range b.wordsAcrossAsk(q) {
		r.add(concept{terms: append([]string{w}, b.lex.zh[w]...)}, w)
		*matched = append(*matched, w)
	}
	return r.out, r.phrases
}

// splitCounted cuts a measure word off the thing it counts where the
// segmenter glued them after 多少 or 几 into a word it does not know (多少/
// 个矿/x: 个, 矿), not a word of its own (人才).
func splitCounted(words []string, tags []TaggedWord) []string {
	unknown := map[string]bool{}
	for _, tw := range tags {
		if tw.Tag == "x" {
			unknown[tw.Word] = true
		}
	}
	var out []string
	for i, w := range words {
		r := []rune(w)
		if askedAfter(words, i) && len(r) == 2 && unknown[w] && !slices.Contains(units, w) && isUnitCue(string(r[0])) && isHan(r[1]) && !stopWords[string(r[1])] {
			out = append(out, string(r[0]), string(r[1:]))
			continue
		}
		out = append(out, w)
	}
	return out
}

// conceptReader is the state of reading one question's words into
// concepts.
type conceptReader struct {
	b       *Book
	q       string
	words   []string
	starts  []int       // byte offset of each word in q
	ends    map[int]int // end offset → index of the word ending there
	matched *[]string   // the question's words found in the synonym table or the lexicon
	out     []concept
	phrases []string
	seen    map[string]bool
	prev    string // the previous content word, for phrases
	notNoun map[string]bool
}

// place finds each word's offsets in the question, to tell word boundaries.
func (r *conceptReader) place() {
	r.starts, r.ends = make([]int, len(r.words)), map[int]int{}
	pos := 0
	for i, w := range r.words {
		j := strings.Index(r.q[pos:], w)
		if j < 0 {
			j = 0
		}
		r.starts[i] = pos + j
		pos = r.starts[i] + len(w)
		r.ends[pos] = i
	}
}

// add keeps a concept, once, and the phrase it makes with the word before.
func (r *conceptReader) add(c concept, surface string) {
	if r.prev != "" {
		r.phrases = append(r.phrases, r.prev+surface)
	}
	r.prev = surface
	c.own = true
	key := strings.Join(c.terms, "|")
	if r.seen[key] || len(r.out) >= maxConcepts {
		return
	}
	r.seen[key] = true
	r.out = append(r.out, c)
}

// askedAt tells whether word i follows 多少 or 几.
func (r *conceptReader) askedAt(i int) bool { return askedAfter(r.words, i) }

// askedAfter tells whether words[i] follows 多少 or 几.
func askedAfter(words []string, i int) bool {
	return i > 0 && (words[i-1] == "多少" || words[i-1] == "几")
}

// unitAsked tells whether word i is the unit a count asks in (多少钱, 几个).
func (r *conceptReader) unitAsked(i int) bool {
	w := r.words[i]
	return r.askedAt(i) && isUnitCue(w) || strings.HasPrefix(w, "几") && isUnitCue(strings.TrimPrefix(w, "几"))
}

// tableWord reads the longest word of the synonym table or the lexicon that
// starts at word *i and ends on a word boundary: a synonym (旅游收入, GDP)
// brings its group, an everyday word (看病, 烧麦秆) the report's terms. It
// moves *i to the word's last and tells whether there was one.
func (r *conceptReader) tableWord(i *int) bool {
	b, words := r.b, r.words
	// 种了多少树, 多少亩树: 树 is what is counted, whatever its tag
	counted := r.askedAt(*i) || *i > 1 && isUnitCue(words[*i-1]) && r.askedAt(*i-1)
	phrase, last := b.tableWordAt(r.q, r.starts[*i], *i, r.ends)
	if phrase == "" || utf8.RuneCountInString(phrase) == 1 && r.notNoun[phrase] && !counted {
		return false
	}
	terms := b.synonyms.Group(phrase)
	for _, t := range b.lex.zh[phrase] {
		terms = appendNew(terms, t)
	}
	// 外贸进出口 spans 外贸 and 进出口: their synonyms count too (not their
	// everyday senses, which 私立学校's 学校 would blur).
	for j := *i; j <= last && last > *i; j++ {
		for _, t := range b.synonyms.Group(words[j])[1:] {
			terms = appendNew(terms, t)
		}
		if w := words[j]; utf8.RuneCountInString(w) > 2 && !stopWords[w] && strings.Contains(b.texts.text, w) && !insideAny(w, lowered(terms[1:])) && !strings.Contains(b.texts.text, strings.ToLower(phrase)) {
			// 孩子上幼儿园 (入园率): the report's own word inside an everyday
			// phrase the report does not use is what it speaks of too, when
			// none of the phrase's terms holds it already.
			terms = appendNew(terms, w)
		}
	}
	r.add(concept{terms: terms}, phrase)
	*r.matched = append(*r.matched, phrase)
	*i = last
	return true
}

// lowered returns words in lower case.
func lowered(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

// number reads a number: a year is the question's time, not its topic; a
// number with its measure word (2号线, 10亿元) is a concept.
func (r *conceptReader) number(i *int) {
	words, w := r.words, r.words[*i]
	next := ""
	if *i+1 < len(words) {
		next = words[*i+1]
	}
	if reYearDigits.MatchString(w) && next == "年" || w == strconv.Itoa(r.b.thisYear) || w == strconv.Itoa(r.b.thisYear-1) {
		r.prev = ""
		if next == "年" {
			*i++
		}
		return
	}
	if numberWords[next] {
		w += next
		*i++
	}
	r.add(concept{terms: []string{w}, plain: true}, w)
}

// plain reads a word of the question's own, with its synonyms; question
// words, one-letter words and the report's own city (where every question
// asks about, not what; its counties are topics) are none.
func (r *conceptReader) plain(w string) {
	if stopWords[w] || utf8.RuneCountInString(w) < 2 || r.b.isCity(w) {
		r.prev = ""
		return
	}
	r.add(concept{terms: r.b.synonyms.Group(w), plain: true}, w)
}

// The report's own names that the segmenter cuts (鱼梁洲 as 鱼 and 梁洲,
// 襄阳东站 as 襄阳 and 东站): a run of two to four of the question's words,
// three to ten letters long, that the report writes as it stands.
const (
	maxNameWords = 4
	minNameRunes = 3
	maxNameRunes = 10
)

// reportNames returns the longest runs of the question's words that the
// report holds verbatim and the segmenter did not keep whole, none inside
// another; a name of the report stands for one thing, which a question may
// ask a number of.
func (b *Book) reportNames(q string, words []string, starts []int) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		best, bestEnd := "", i
		for j := i + 1; j < len(words) && j < i+maxNameWords; j++ {
			if stopWords[words[j]] || stopWords[words[i]] || !hasHanRune(words[j]) {
				break
			}
			span := q[starts[i] : starts[j]+len(words[j])]
			n := utf8.RuneCountInString(span)
			if n > maxNameRunes {
				break
			}
			if n >= minNameRunes && !strings.Contains(relationLetters, words[j]) && !b.isCity(span) && !reFiveYearPlan.MatchString(span) && b.isFragmented(span, words[i:j+1]) {
				best, bestEnd = span, j
			}
		}
		if best != "" && !b.lex.home[best] && b.lex.zh[best] == nil && !b.synonyms.has(best) {
			out = append(out, best)
			i = bestEnd
		}
	}
	return out
}

// relationLetters relate a name to another (优良天数比上年, 占GDP), as a
// word of one letter: a name does not end on one.
const relationLetters = "比较占与和及同"

// isFragmented tells whether the report holds span and one of its words
// stands in no other sentence: 梁洲 only in 鱼梁洲, 东站 only in 襄阳东站.
// A run of words each used on its own (已开工项目) is a phrase, not a name.
func (b *Book) isFragmented(span string, words []string) bool {
	in := b.sentencesWith(span)
	if in == 0 {
		return false
	}
	for _, w := range words {
		if b.sentencesWith(w) == in {
			return true
		}
	}
	return false
}

// sentencesWith counts the sentences whose text holds t.
func (b *Book) sentencesWith(t string) int {
	n := 0
	for _, h := range b.termHits(strings.ToLower(t)) {
		if h.level == inText {
			n++
		}
	}
	return n
}

func hasHanRune(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return isHan(r)
}

// askSplitters are the question words that split an everyday word in two
// (挣多少钱, 盖了多少套房子); not 几, which also means "a few" (周边几个组团).
var askSplitters = []string{"多少"}

// maxSplitRunes bounds how far before a question word an everyday word it
// splits may start.
const maxSplitRunes = 3

// wordsAcrossAsk returns the everyday words of the lexicon that the
// question's question word splits: 挣钱 in 一年能挣多少钱.
// The word must start before the question word and end after it.
func (b *Book) wordsAcrossAsk(q string) []string {
	var out []string
	for _, cue := range askSplitters {
		for i := 0; ; {
			k := strings.Index(q[i:], cue)
			if k < 0 {
				break
			}
			at := i + k
			i = at + len(cue)
			left := strings.TrimSuffix(q[:at], "了")
			right := q[at+len(cue):]
			if r, _ := utf8.DecodeRuneInString(right); strings.ContainsRune(measureWords, r) {
				continue // 企业多少家: 家 counts the companies, it makes no 企业家
			}
			out = append(out, b.lexiconAcross(left, right)...)
		}
	}
	return out
}

// lexiconAcross returns the lexicon's words that start in the last few
// letters of left and end in right, once joined.
func (b *Book) lexiconAcross(left, right string) []string {
	var out []string
	joined := left + right
	start := len(left)
	for n := 0; n < maxSplitRunes && start > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(joined[:start])
		start -= size
		r, _ := utf8.DecodeRuneInString(joined[start:])
		for _, w := range b.lex.zhByFirst[r] {
			if utf8.RuneCountInString(w) >= 2 && len(w) > len(left)-start && strings.HasPrefix(joined[start:], w) && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// reRateOf: a rate asked with an amount word (安置率有多高, 比例有多大).
var reRateOf = regexp.MustCompile(`(?:率|比例|比重|占比)[有是为]?(?:多高|多大|多少)`)

// isYesNo tells whether a question asks yes or no (能不能, …吗), where 几
// says 'a few' (少跑几趟, 几个组团的公交车能开通吗), not how many.
func isYesNo(q string) bool {
	q = strings.TrimRight(q, "？?！!。 ")
	return strings.HasSuffix(q, "吗") || strings.HasSuffix(q, "么") || containsAny(q, []string{"能不能", "会不会", "是不是", "要不要", "有没有", "可不可以", "能否", "是否"})
}

// askedUnits reads the unit after 多少 or 几 (多少亩, 几个) and what a
// percentage question asks (增长多少, 比重); nouns are the question's nouns
// by where they start (nounsAt).
// tensUnits returns the units a count asks in when it opens with 万 or 亿
// and a unit of its own follows (万亩: 万亩 and 亩, as 多少亩 asks), or nil.
func tensUnits(after string) []string {
	rest, ok := strings.CutPrefix(after, "万")
	if !ok {
		if rest, ok = strings.CutPrefix(after, "亿"); !ok {
			return nil
		}
	}
	for _, uc := range unitCues {
		if uc.after != "" && uc.units != nil && strings.HasPrefix(rest, uc.after) && !strings.HasPrefix(uc.after, "万") && !strings.HasPrefix(uc.after, "亿") {
			return uc.units
		}
	}
	return nil
}

func askedUnits(q string, nouns map[int]string) map[string]bool {
	units := map[string]bool{}
	for _, cue := range []string{"多少", "几"} {
		for i := strings.Index(q, cue); i >= 0; {
			after := q[i+len(cue):]
			if tens := tensUnits(after); tens != nil {
				// 多少万亩: ten thousands of the unit after 万, not any 万
				for _, u := range tens {
					units[u] = true
				}
				after = ""
			}
			for _, uc := range unitCues {
				// 多少人才公寓 counts flats, not people: a unit that is the
				// first letter of a noun that another noun follows asks nothing.
				at := i + len(cue)
				w := nouns[at]
				inCompound := len(w) > len(uc.after) && nouns[at+len(w)] != ""
				if after != "" && strings.HasPrefix(after, uc.after) && !strings.HasPrefix(after, "项目") && !inCompound {
					for _, u := range uc.units {
						units[u] = true
					}
					if uc.units == nil {
						for u := range countUnits {
							units[u] = true
						}
					}
					break
				}
			}
			if w := nouns[i+len(cue)]; len(units) == 0 && utf8.RuneCountInString(w) >= 2 && containsAny(lastRune(w), peopleWords) {
				// 多少穷人脱了贫: people are counted in the units 多少人 asks
				for _, uc := range unitCues {
					if uc.after == "人" {
						for _, u := range uc.units {
							units[u] = true
						}
					}
				}
			}
			j := strings.Index(after, cue)
			if j < 0 {
				break
			}
			i += len(cue) + j
		}
	}
	if len(units) == 0 && moneyWordAsked(q) != "" {
		for _, u := range moneyUnits {
			units[u] = true // 营业收入是多少: an amount of money
		}
	}
	if containsAny(q, []string{"增长多少", "增长了多少", "增速", "增幅", "增长率", "比重", "比例", "百分之", "率", "压缩了多少", "压缩多少", "提高多少", "下降多少", "涨幅"}) {
		units["%"] = true
		if containsAny(q, changeWords) {
			// 提高了几个百分点; but 入园率是多少 asks the rate itself, which
			// 高于全省4.5个百分点 does not give.
			units["个百分点"] = true
		}
	}
	return units
}

// moneyWordAsked returns the word of money a question asks how much of
// (营业收入 of 营业收入是多少, 利润有多少): the longest word of money right
// before how much; "" when none, and for several asks (全长多少公里？投资
// 多少？), each with its own unit, or a share (占一般公共预算支出多少).
func moneyWordAsked(q string) string {
	if asksSeveral(q) || strings.Contains(q, "占") {
		return ""
	}
	best := ""
	for _, w := range moneyWords {
		for _, ask := range []string{"是多少", "有多少", "多少", "达到多少", "为多少"} {
			if strings.Contains(q, w+ask) && len(w) > len(best) {
				best = w
			}
		}
	}
	return best
}

// nounsAt returns the nouns of tagged words by the byte offset in q where
// each starts.
func nounsAt(q string, tags []TaggedWord) map[int]string {
	nouns := map[int]string{}
	for i, at := range tagOffsets(q, tags) {
		if at >= 0 && strings.HasPrefix(tags[i].Tag, "n") {
			nouns[at] = tags[i].Word
		}
	}
	return nouns
}

// searchMode says which index columns bm25 reads: jieba words (with the
// heading context), character bigrams, or both. Both is the default; the
// others exist to measure against (BenchmarkSearchModes).
type searchMode int

const (
	searchBoth searchMode = iota
	searchWords
	searchBigrams
)

// ftsQuery builds a MATCH expression from the concepts: every term quoted
// (any " doubled), as a phrase of words in the words and context columns
// and as a phrase of character bigrams in the bigram column, all ORed. It
// returns "" when there is nothing to search for.
func (b *Book) ftsQuery(concepts []concept, mode searchMode) string {
	var parts []string
	for _, c := range concepts {
		for _, t := range c.terms {
			if w := b.seg.Words(t); len(w) > 0 && mode != searchBigrams {
				parts = append(parts, "{words ctx} : "+phrase(w))
			}
			if g := Bigrams(t); len(g) > 0 && mode != searchWords {
				parts = append(parts, "grams : "+phrase(g))
			}
		}
	}
	return strings.Join(parts, " OR ")
}

// phrase quotes tokens as one FTS5 phrase, doubling any quote inside.
func phrase(tokens []string) string {
	for i, t := range tokens {
		tokens[i] = strings.ReplaceAll(t, `"`, `""`)
	}
	return `"` + strings.Join(tokens, " ") + `"`
}

// Weights of the ranking. The text of the report is short (a few hundred
// sentences): every sentence is scored, and bm25 over the FTS5 index is one
// signal among those below.
const (
	wCoverage      = 4.0 // share of the question's concept weight a sentence holds
	wContextOnly   = 0.6 // a concept found only in the headings above counts this much
	wLead          = 0.9 // …or only in the opening of the sentence a clause belongs to
	wBM25          = 1.0 // bm25, scaled to the best candidate
	wPeriod        = 0.9 // the sentence speaks of the asked year
	wNoFigure      = 0.9 // a figure question, a sentence without figures
	wUnit          = 0.7 // a figure with the asked unit
	wMetric        = 0.4 // a figure whose metric holds a concept
	wGrowth        = 0.3 // a growth rate for a growth question
	wSubject       = 0.8 // a level or count whose subject is a concept, for a question of no growth
	wFigureYear    = 0.3 // a figure of the one year a number is asked of
	wSeason        = 0.8 // the figures of the asked things are for part of the year only, which the question does not ask
	wTime          = 1.2 // a time expression for a when question
	wDate          = 3.0
	wPerson        = 3.0
	wProblem       = 1.0
	wHeading       = 1.2 // a bare heading answers nothing
	wPhrase        = 0.8 // two neighbouring words of the question stand together
	wDefaultReview = 0.3
	wList          = 0.8 // a sentence that lists things (、 three times or more) for a list question
)

// maxUnanswered is how many closest passages a question the report does not
// answer gets.
const maxUnanswered = 3

// Ask returns whether the report answers question and the sentences that
// best answer it, best first, at most top of them; when the report does not
// answer it, at most three closest passages and what the report lacks. The
// question may be in simplified or traditional Chinese, or in English. A
// question with nothing to search for (empty, punctuation only) gives
// ErrInvalidInput.
func (b *Book) Ask(ctx context.Context, question string, top int) (report.Result, error) {
	res, _, err := b.ask(ctx, question, top)
	return res, err
}

// candidate is a sentence ranked for a question.
type candidate struct {
	i     int // its index in the book
	score float64
}

// ask runs a question through the stages: read it into an intent, retrieve
// and rank the candidate sentences, judge the best, and write the result.
// It returns the intent and the candidates too, for Explain.
func (b *Book) ask(ctx context.Context, question string, top int) (report.Result, *asked, error) {
	q := NormalizeQuestion(question)
	if top <= 0 {
		top = 3
	}
	qs := b.prepare(q)
	res := report.Result{Lang: qs.lang, Answers: []Answer{}}
	if !hasWordRune(q) {
		return res, nil, fmt.Errorf("question has no words: %w", ErrInvalidInput)
	}
	a := &asked{intent: b.analyze(qs)}
	it := &a.intent
	if isRequest(q) || isRequest(qs.text) { // 幫我寫 as 帮我写
		res.Missing = &report.Missing{Kind: report.MissingTopic, Rule: ruleRequest}
		res.Message = b.message(res)
		return res, a, nil
	}
	if len(it.concepts) == 0 && !it.wantDate && !it.wantPerson {
		res.Missing = &report.Missing{Kind: report.MissingTopic, Rule: ruleNoTopic}
		if len(it.unknown) > 0 {
			res.Missing = &report.Missing{Kind: report.MissingTerm, What: it.unknown, Rule: "unknown-word"}
		}
		res.Message = b.message(res)
		return res, a, nil
	}
	var err error
	if a.cands, err = b.rank(ctx, it, max(top, yearCandidates)); err != nil {
		return res, a, err
	}
	res.Missing = b.decide(it, a.cands)
	b.fill(&res, qs, it, a.cands, top)
	if kind := readCalc(q); kind != calcNone && len(a.cands) > 0 && calcMayAnswer(kind, res.Missing, &b.sentences[a.cands[0].i]) {
		// 平均每个合同多少钱: a number the report gives only as its operands
		b.applyCalc(&res, it, kind, q, a.cands)
		if res.Answered && qs.lang == LangEN {
			res.Line = strings.Replace(res.Line, "计算：", "Computed: ", 1)
		}
	}
	return res, a, nil
}

// asked is what a question went through: its intent and its candidates.
type asked struct {
	intent intent
	cands  []candidate
}

// rank retrieves the sentences that match the question's concepts and
// ranks them by bm25 and the question's signals, best first; a bare heading
// gives way to the sentence under it, and each sentence comes once.
func (b *Book) rank(ctx context.Context, it *intent, n int) ([]candidate, error) {
	bm, err := b.bm25(ctx, b.ftsQuery(it.concepts, b.shared.mode))
	if err != nil {
		return nil, err
	}
	var all []candidate
	var total float64
	for _, c := range it.concepts {
		total += c.weight
	}
	for i := range b.sentences {
		score, ok := b.score(i, it, total, bm[i])
		if b.shared.bm25Only {
			score, ok = bm[i], bm[i] > 0
		}
		if ok {
			all = append(all, candidate{i, score})
		}
	}
	sort.SliceStable(all, func(x, y int) bool { return all[x].score > all[y].score })
	var cands []candidate
	shown := map[int]bool{}
	for _, sc := range all {
		if len(cands) >= n {
			break
		}
		i := b.bodyOf(sc.i)
		if shown[i] {
			continue
		}
		shown[i] = true
		cands = append(cands, candidate{i, sc.score})
	}
	return cands, nil
}

// decide judges the best candidate. A number asked of one year that the
// best gives only for another is taken from a lower candidate about the
// same thing with that year's number (今年新增多少养老床位, with last year's
// sentence first), which then moves to the top.
func (b *Book) decide(it *intent, cands []candidate) *report.Missing {
	best := -1
	if len(cands) > 0 {
		best = cands[0].i
	}
	missing := b.judge(it, best)
	if missing == nil || !(missing.Kind == report.MissingYear && it.year != 0 || missing.Rule == "attribute" || missing.Rule == "whole-of-share") {
		return missing
	}
	for k := 1; k < len(cands); k++ {
		if missing.Rule == "attribute" && !b.namesWhatIsAsked(it, cands[k].i) {
			continue
		}
		if b.holdsWhatBestHolds(it, best, cands[k].i) && b.judge(it, cands[k].i) == nil {
			c := cands[k]
			copy(cands[1:k+1], cands[:k])
			cands[0] = c
			return nil
		}
	}
	return missing
}

// fill writes the result: the top candidates as answers (at most
// maxUnanswered when the report does not answer), the direct answer line,
// and the message.
func (b *Book) fill(res *report.Result, qs question, it *intent, cands []candidate, top int) {
	for _, c := range cands[:min(top, len(cands))] {
		s := b.sentences[c.i]
		figs := s.Figures
		if figs == nil {
			figs = []Figure{}
		}
		res.Answers = append(res.Answers, Answer{ID: s.ID, Text: s.Text, Section: s.Section(), Score: math.Round(c.score*1000) / 1000, Figures: figs})
	}
	res.Answered = res.Missing == nil
	if res.Answered && len(cands) > 0 {
		res.Line = b.answerLine(qs, it, &b.sentences[cands[0].i])
	}
	if res.Missing != nil && qs.lang == LangEN {
		// It does not mention party secretary, not 市委书记.
		for k, w := range res.Missing.What {
			if en := qs.said[w]; en != "" {
				res.Missing.What[k] = en
			}
		}
	}
	if !res.Answered && len(res.Answers) > maxUnanswered {
		res.Answers = res.Answers[:maxUnanswered]
	}
	res.Message = b.message(*res)
}

// namesWhatIsAsked tells whether a lower sentence i may give the attribute a
// question asks that the best sentence lacks: it names the attribute when
// the question does (浓度), not only asks it by its units (多远, 排第几), and
// the attribute is no amount of money, which many sentences give of other
// things (门票多少钱: not 投资86亿元).
func (b *Book) namesWhatIsAsked(it *intent, i int) bool {
	text := strings.ToLower(b.sentences[i].Text)
	return !slices.ContainsFunc(it.attrs, func(a *attribute) bool {
		return a.units["元"] || containsAskWord(a.cue) == "" && !strings.Contains(text, a.cue)
	})
}

// holdsWhatBestHolds tells whether sentence i is about what the best
// sentence is about: it holds the rarest concept the best sentence holds in
// its own text (养老床位), or at least half of those concepts (研发平台);
// another year's sentence about the same thing, not one about something else.
func (b *Book) holdsWhatBestHolds(it *intent, best, i int) bool {
	top, held, both := -1, 0, 0
	for k, c := range it.concepts {
		if c.levels[best] != inText {
			continue
		}
		held++
		if c.levels[i] == inText {
			both++
		}
		if top < 0 || c.weight > it.concepts[top].weight {
			top = k
		}
	}
	return top >= 0 && (it.concepts[top].levels[i] >= inLead || 2*both >= held)
}

// yearCandidates is how many of the best sentences a question asking a
// number of one year looks through for one of that year.
const yearCandidates = 10

// bodyOf returns the sentence that answers in place of sentence i: i
// itself, or, when i is a bare heading (一是精细服务稳企业。), the first
// sentence under it, whose section names the heading anyway.
func (b *Book) bodyOf(i int) int {
	if !b.traits[i].heading || i+1 >= len(b.sentences) {
		return i
	}
	s, next := &b.sentences[i], &b.sentences[i+1]
	if next.Part == s.Part && next.Area == s.Area && (s.Item == "" || next.Item == s.Item) && !b.traits[i+1].heading {
		return i + 1
	}
	return i
}

// score rates one sentence for a question; ok is false when the sentence
// shares nothing with it.
func (b *Book) score(i int, it *intent, total, bm float64) (score float64, ok bool) {
	got := b.coverage(i, it)
	f := b.traits[i]
	special := it.wantDate && f.date || it.wantPerson && f.person
	if got == 0 && bm == 0 && !special {
		return 0, false
	}
	score = wBM25 * bm
	if total > 0 {
		score += wCoverage * got / total
	}
	for _, p := range it.phrases {
		if strings.Contains(b.lower[i], p) {
			score += wPhrase
		}
	}
	score += b.timeFit(i, it) + b.askFit(i, it)
	if f.heading {
		score -= wHeading
	}
	score -= 0.001 * float64(f.runes)
	return score, true
}

// coverage sums the weights of the concepts sentence i holds: in full in its
// text, less in its lead or only in its headings.
func (b *Book) coverage(i int, it *intent) float64 {
	var got float64
	s := &b.sentences[i]
	for _, c := range it.concepts {
		level := c.levels[i]
		if c.plan && level == noMatch && containsAny(s.Part, c.terms) {
			level = inContext
		}
		switch level {
		case inText:
			if strings.Contains(b.lower[i], "占") && !it.asksShare() && namedOnlyAsWhole(b.lower[i], c.terms) {
				got += wLead * c.weight // GDP growth: not 服务业…占地区生产总值比重, of another thing
				break
			}
			got += c.weight
		case inLead:
			got += wLead * c.weight
		case inContext:
			if c.plan {
				// 十三五期间…多少: a part whose heading names the plan
				// (一、“十三五”和2020年工作回顾) speaks of its years.
				got += c.weight
				break
			}
			got += wContextOnly * c.weight
		}
	}
	return got
}

// timeFit rates sentence i on the question's time: its period (the plan or
// the review) and, for a when-question, a time in it.
func (b *Book) timeFit(i int, it *intent) float64 {
	var v float64
	s := &b.sentences[i]
	if it.period == PeriodNone && it.wantFigure && s.Period == PeriodReview {
		// "有多少个贫困村脱贫": without a word of time, a figure question
		// asks what was done.
		v += wDefaultReview
	}
	if it.period != PeriodNone {
		switch s.Period {
		case it.period:
			v += wPeriod
		case PeriodNone:
			v -= wPeriod / 2
		default:
			v -= wPeriod
		}
	}
	if slices.ContainsFunc(it.concepts, func(c concept) bool { return c.plan && containsAny(s.Part, c.terms) }) {
		// 十五五时期…目标: the plan's own part (二、“十五五”时期发展的主要目标),
		// not a year's that names the plan in passing
		v += wPeriod
	}
	if it.wantTime {
		if b.traits[i].time {
			v += wTime
		} else {
			v -= wTime / 2
		}
	}
	if it.wantDate && b.traits[i].date {
		v += wDate
	}
	return v
}

// askFit rates sentence i on what the question asks: a figure, a person, a
// problem, a list.
func (b *Book) askFit(i int, it *intent) float64 {
	var v float64
	s, f := &b.sentences[i], b.traits[i]
	if it.wantFigure {
		if len(s.Figures) == 0 {
			v -= wNoFigure
		} else {
			v += b.figureFit(s, it)
		}
	}
	if it.wantPerson && f.person {
		v += wPerson
		if it.role == "" && s.PartNo == 0 {
			v += wPerson // who gave the report: the speaker's line of the opening
		}
	}
	if it.wantProblem && f.problem {
		v += wProblem
	} else if !it.wantProblem && f.problem && f.list {
		// 就业、就医、教育、住房、环保等问题亟待解决: a list of problems
		// names every field and answers no question about one of them.
		v -= wProblem
	}
	if it.wantList && f.list {
		v += wList
	}
	return v
}

// figureFit rates how well a sentence's figures fit a figure question.
func (b *Book) figureFit(s *Sentence, it *intent) float64 {
	var unit, unitOwn, metric, growth, subject bool
	seasonal, whole := false, false // figures of the asked things for part of a year (冬季接待游客), or a whole one
	for _, f := range s.Figures {
		if it.units[f.Unit] {
			unit = true
		}
		for _, c := range it.concepts {
			thing := !slices.Contains(growthCues, c.terms[0]) // 增速 is how it is asked, not of what
			for _, t := range c.terms {
				if strings.Contains(f.Metric, t) {
					metric = true
					if it.units[f.Unit] && thing {
						unitOwn = true // 实际到位资金68.2亿元, not 签约金额250亿元 beside 实际到位资金增长10%
					}
					if (f.Growth || f.Measure == MeasurePoints) && it.wantGrowth && thing {
						growth = true // 固定资产投资增长6.2%, not 民间投资增长5.8%
					}
					if p := partOfYear(f.Metric); p != "" && !strings.Contains(it.text, p) {
						seasonal = true
					} else {
						whole = true
					}
				}
				if f.Subject == t && slices.Contains(b.synonyms.Group(c.terms[0]), t) && (!it.wantGrowth || asksSeveral(it.text)) && (f.Measure == MeasureLevel || f.Measure == MeasureCount) && (len(it.units) == 0 || it.units[f.Unit] || asksSeveral(it.text)) {
					// 地区生产总值是多少: its own level, not 单位地区生产总值能耗;
					// the question's own word or a synonym, not an everyday
					// word's wider terms
					subject = true
				}
			}
		}
	}
	var v float64
	if unit && !unitOwn && metric {
		// 签约金额250亿元 beside 实际到位资金增长10%: the asked thing's
		// figure is not in the asked unit, another thing's is
		v += wUnit / 2
	} else if unit {
		v += wUnit
	} else if len(it.units) > 0 {
		v -= wUnit / 2
	}
	if metric {
		v += wMetric
	}
	if seasonal && !whole {
		// How many tourists visited in 2017: 冬季接待游客860万人次 is a
		// season's, not the year's
		v -= wSeason
	}
	if growth {
		v += wGrowth
	}
	if subject {
		v += wSubject
	}
	if it.year > 0 && slices.ContainsFunc(s.Figures, func(f Figure) bool { return f.Year == it.year && f.YearFrom == 0 }) {
		v += wFigureYear // 2021年的目标: this year's target, not 2025's
		if !slices.ContainsFunc(s.Figures, func(f Figure) bool {
			return f.YearFrom != 0 && f.YearFrom != f.Year || f.Kind == KindBase && f.Year != it.year-1
		}) {
			// 2020年地区生产总值: the year's own sentence, not the five
			// years' (由3382.1亿元增加到4580.6亿元，年均增长5.1%; 从64.1%提高到68.3%),
			// though it may give the year before's as its base (比2017年的1386.2亿元)
			v += wFigureYear
		}
	}
	return v
}

// partOfYear returns the part of a year a figure's metric opens with
// (冬季, 春节期间, 一季度), or "".
func partOfYear(metric string) string {
	for _, p := range seasonWords {
		if strings.HasPrefix(metric, p) {
			return p
		}
	}
	return ""
}

// traits are what the ranking needs to know of a sentence beyond its words,
// worked out once when the index is opened.
type traits struct {
	time, date, person, problem, heading, list bool
	runes                                      int
}

func traitsOf(s *Sentence) traits {
	return traits{
		time:    reTime.MatchString(s.Text),
		date:    reDay.MatchString(s.Text),
		person:  rePerson.MatchString(s.Text),
		problem: reProblem.MatchString(s.Text),
		heading: isHeadingSentence(s),
		list:    strings.Count(s.Text, "、") >= 3,
		runes:   utf8.RuneCountInString(s.Text),
	}
}

// isHeadingSentence tells whether a sentence is only a heading: an area's
// title or an item's (一是…。).
func isHeadingSentence(s *Sentence) bool {
	t := strings.TrimSuffix(s.Text, "。")
	if s.Item != "" && t == s.Item {
		return true
	}
	return s.Area != "" && (t == s.Area || strings.TrimPrefix(t, "――") == s.Area)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if isHan(r) || isLatin(r) || isDigit(r) {
			return true
		}
	}
	return false
}

// bm25 runs the MATCH expression over the book's sentences and returns each
// matching sentence's bm25 by its index in the book, scaled so that the best
// is 1.
func (b *Book) bm25(ctx context.Context, match string) (map[int]float64, error) {
	out := map[int]float64{}
	if match == "" {
		return out, nil
	}
	rows, err := b.db.QueryContext(ctx, `SELECT rowid, bm25(idx_fts, 1.0, 0.4, 0.6) AS r FROM idx_fts WHERE idx_fts MATCH ? AND rowid > ? AND rowid <= ? ORDER BY r LIMIT 200`, match, b.first, b.first+len(b.sentences))
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	defer rows.Close()
	best := 0.0
	for rows.Next() {
		var id int
		var r float64
		if err := rows.Scan(&id, &r); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		if best == 0 {
			best = r
		}
		if best != 0 {
			out[id-b.first-1] = r / best
		}
	}
	return out, rows.Err()
}
