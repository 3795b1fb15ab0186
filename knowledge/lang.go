package knowledge

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"

	"reportbot/report"
)

// The languages a question can come in; the answer's words follow it.
const (
	LangZH     = report.LangZH     // simplified Chinese
	LangZHHant = report.LangZHHant // traditional Chinese
	LangEN     = report.LangEN     // English
)

// converters holds OpenCC's converters, loaded on the first question that
// needs them: t2s tells traditional text apart, tw2sp converts it with
// Taiwan's phrases (軟體 → 软件, 資訊 → 信息), s2t writes a reply back.
var converters struct {
	once       sync.Once
	t2s, tw2sp *opencc.OpenCC
	err        error
	s2tOnce    sync.Once
	s2t        *opencc.OpenCC
	s2tErr     error
}

func loadConverters() error {
	converters.once.Do(func() {
		for _, c := range []struct {
			name string
			dst  **opencc.OpenCC
		}{{"t2s", &converters.t2s}, {"tw2sp", &converters.tw2sp}} {
			cc, err := opencc.New(c.name)
			if err != nil {
				converters.err = err
				return
			}
			*c.dst = cc
		}
	})
	return converters.err
}

// ToSimplified converts a question written in traditional characters to
// simplified ones, with the phrases of Taiwan and Hong Kong usage (捷運,
// 網路, 資訊); ok is false when the question has no traditional character
// (or the converter cannot load), and then it comes back unchanged.
func ToSimplified(q string) (string, bool) {
	plain, phrased, ok := toSimplifiedBoth(q)
	if !ok {
		return q, false
	}
	if phrased == "" {
		return plain, true
	}
	return phrased, true
}

// toSimplifiedBoth converts q character by character (plain) and with the
// phrases of Taiwan usage (phrased, "" when that fails); ok is false when q
// has no traditional character.
func toSimplifiedBoth(q string) (plain, phrased string, ok bool) {
	if !hasHan(q) || loadConverters() != nil {
		return q, "", false
	}
	plain, err := converters.t2s.Convert(q)
	if err != nil || plain == q {
		return q, "", false
	}
	if phrased, err = converters.tw2sp.Convert(q); err != nil {
		return plain, "", true
	}
	return plain, phrased, true
}

// simplified converts a question in traditional characters as ToSimplified
// does, but keeps a word as the characters convert it where the report
// writes it that way and not as Taiwan's phrase reads it: 新增 (新增養老床位,
// of Hong Kong and the mainland alike), not Taiwan's 添加; 捷運 still reads
// 地铁, 資訊 信息.
func (b *Book) simplified(q string) (string, bool) {
	plain, phrased, ok := toSimplifiedBoth(q)
	switch {
	case !ok:
		return q, false
	case phrased == "" || phrased == plain:
		return plain, true
	}
	var sb strings.Builder
	for _, h := range runeHunks([]rune(plain), []rune(phrased)) {
		if !h.same && h.a != "" && strings.Contains(b.texts.text, h.a) && (h.b == "" || !strings.Contains(b.texts.text, h.b)) {
			sb.WriteString(h.a)
		} else {
			sb.WriteString(h.b)
		}
	}
	return sb.String(), true
}

// whichFew reads Cantonese 边几 (邊幾間銀行: which banks) as 哪几 where 边
// stands as a word of its own before 几, not as the end of a word (周边几个
// 组团: a few around).
func (b *Book) whichFew(q string) string {
	if !strings.Contains(q, "边几") {
		return q
	}
	words := b.seg.Cut(q)
	at := offsets(q, words, func(w string) string { return w })
	for k := len(words) - 2; k >= 0; k-- {
		if words[k] == "边" && at[k] >= 0 && strings.HasPrefix(words[k+1], "几") {
			q = q[:at[k]] + "哪" + q[at[k]+len("边"):]
		}
	}
	return q
}

// hunk is a stretch of two texts aligned: the same, or differing.
type hunk struct {
	a, b string
	same bool
}

// runeHunks aligns two short texts by their longest common subsequence of
// letters, into stretches alike and stretches that differ, in order.
func runeHunks(a, b []rune) []hunk {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []hunk
	add := func(x, y rune, same bool) {
		k := len(out) - 1
		if k < 0 || out[k].same != same {
			out = append(out, hunk{same: same})
			k++
		}
		if x != 0 {
			out[k].a += string(x)
		}
		if y != 0 {
			out[k].b += string(y)
		}
	}
	for i, j := 0, 0; i < n || j < m; {
		switch {
		case i < n && j < m && a[i] == b[j]:
			add(a[i], b[j], true)
			i, j = i+1, j+1
		case j == m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
			add(a[i], 0, false)
			i++
		default:
			add(0, b[j], false)
			j++
		}
	}
	return out
}

// ToTraditional writes simplified text in traditional characters, for a
// reply to a question asked in them; on any failure it returns s.
func ToTraditional(s string) string {
	converters.s2tOnce.Do(func() {
		converters.s2t, converters.s2tErr = opencc.New("s2t")
	})
	if converters.s2tErr != nil {
		return s
	}
	out, err := converters.s2t.Convert(s)
	if err != nil {
		return s
	}
	return out
}

func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

// isEnglish tells whether a question is written in English: latin words and
// no Chinese.
func isEnglish(q string) bool {
	letters := 0
	for _, r := range q {
		if isHan(r) {
			return false
		}
		if isLatin(r) {
			letters++
		}
	}
	return letters >= 3
}

// question is a question made ready for analysis: in simplified Chinese, or,
// for an English one, its cue words in Chinese with the report's terms its
// phrases name.
type question struct {
	text     string            // what the Chinese analysis reads
	lang     string            // LangZH, LangZHHant or LangEN
	groups   [][]string        // for English: the report's terms of each phrase
	unknown  []string          // for English: content words the glossary does not know
	dict     []dictGroup       // for English: words only the dictionary knows, with the report's words they gloss
	original string            // for English: the question as asked
	asked    string            // for English: the unknown word right after "how many", what it asks the number of
	places   []string          // for English: other places it names
	home     bool              // for English: it names the report's city
	said     map[string]string // for English: a cue word → the English words that brought it (市委书记 → party secretary)
	tags     []TaggedWord      // text's words with their parts of speech, when prepare tagged them already; nil: not yet
}

var (
	reYearDigits = regexp.MustCompile(`^(1[89]|20)\d\d$`)
	reYearWord   = regexp.MustCompile(`(19|20)\d\d年`)
)

// prepare reads a normalized question: traditional characters become
// simplified, and an English question is read through the glossary.
func (b *Book) prepare(q string) question {
	if isEnglish(q) {
		return b.readEnglish(q)
	}
	if reLatinRun.MatchString(q) && englishMain(q) {
		// What was 旅游总收入 in 2016?: English, with the report's words
		qs := b.readEnglish(reHanRun.ReplaceAllString(q, " "))
		qs.groups = append(qs.groups, b.hanGroups(q)...)
		if asks := b.chineseAsks(q); asks != "" {
			// Metro Line 1全长多少km?: its Chinese says how it asks
			qs.text = strings.TrimLeft(qs.text+"，"+asks, "，")
		}
		return qs
	}
	lang := LangZH
	if s, ok := b.simplified(q); ok {
		q, lang = s, LangZHHant
	}
	if c := b.whichFew(cantonese.Replace(q)); c != q {
		// 幾時, 係邊個: a Hong Kong reader. After the simplification, which
		// reads the Mandarin words' 么 as 幺 (什幺时候).
		q, lang = c, LangZHHant
	}
	if reLatinRun.MatchString(q) {
		q = b.translateLatin(q) // 今年GDP的target多少: target is 目标
	}
	// “十三五”以来: the marks only set the plan's name apart, and cut it
	// off its neighbours for the segmenter (十三, 五”以来)
	q = reQuotedPlan.ReplaceAllString(q, "$1")
	q, _, tags := b.respelled(q) // 城镇话率: 城镇化率
	return question{text: q, lang: lang, tags: tags}
}

// reQuotedPlan is a five-year plan's name in quotation marks (“十三五”).
var reQuotedPlan = regexp.MustCompile(`[“‘「『"](十[一二三四五六七八九]五)[”’」』"]`)

// readEnglish matches an English question's words, longest phrase first,
// against the glossary (the report's terms), the question words (how many →
// 多少, last year → 去年) and the places, then the dictionary; years stay as
// they are.
func (b *Book) readEnglish(q string) question {
	r := b.newEnglishReader(q)
	for i := 0; i < len(r.words); {
		if n := r.phraseAt(i); n > 0 {
			i += n
		} else if n := r.dictAt(i); n > 0 {
			i += n
		} else {
			r.word(r.words[i])
			i++
		}
	}
	r.endCount(false)
	r.bagPhrases()
	r.out.text = strings.Join(r.cues, "，")
	return r.out
}

// englishWithoutTerms returns an English question without the words read as
// the glossary's terms: What GDP growth target did Luoyang set for 2017 is
// what growth target did luoyang set for 2017.
func (b *Book) englishWithoutTerms(q string) string {
	r := b.newEnglishReader(q)
	for i := 0; i < len(r.words); {
		if n := r.phraseAt(i); n > 0 {
			i += n
		} else {
			i++
		}
	}
	var kept []string
	for i, w := range r.words {
		if !r.termAt[i] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// newEnglishReader starts reading an English question: its words and their
// stems.
func (b *Book) newEnglishReader(q string) *englishReader {
	r := &englishReader{b: b, out: question{lang: LangEN, original: q}, words: englishWords(q)}
	r.stems = make([]string, len(r.words))
	for i, w := range r.words {
		r.stems[i] = stem(w)
	}
	r.termAt = make([]bool, len(r.words))
	return r
}

// englishReader is the state of reading one English question.
type englishReader struct {
	b            *Book
	out          question
	words, stems []string
	cues         []string // the Chinese question words read
	// After "how many", the words up to the next known one name what is
	// counted: unknown words there, with no term of the report after
	// them, are what it asks the number of (how many employees does …,
	// but not how many major projects).
	counting bool
	counted  []string
	termAt   []bool   // the words read as a glossary term's phrase
	ctx      []string // in a Chinese question, its own Chinese words, which choose among a phrase's terms
}

// bagPhrases reads the glossary phrases whose words the question holds in
// another order or with other words between them, among the words no
// phrase read: rural residents' per capita disposable income (per capita
// disposable income of rural resident), old urban residential compounds
// (old residential compound). The phrase with the most words first; its
// words are no longer unknown.
func (r *englishReader) bagPhrases() {
	lx := r.b.lex
	free := map[string]bool{}
	for i, st := range r.stems {
		if !r.termAt[i] && len(st) > 2 && lx.enCue[st] != "_" {
			free[st] = true
		}
	}
	if len(free) < minBagWords {
		return
	}
	bag := lx.bag()
	for {
		best, bestN := "", 0
		for st := range free {
			for _, key := range bag[st] {
				stems := lx.bagStems[key]
				more := len(stems) > bestN || len(stems) == bestN && key < best // the same phrase whatever the map's order
				if more && !slices.ContainsFunc(stems, func(s string) bool { return !free[s] }) {
					best, bestN = key, len(stems)
				}
			}
		}
		if best == "" {
			return
		}
		r.out.groups = append(r.out.groups, lx.en[best])
		for _, st := range lx.bagStems[best] {
			delete(free, st)
		}
		r.out.unknown = slices.DeleteFunc(r.out.unknown, func(w string) bool { return slices.Contains(lx.bagStems[best], stem(w)) })
	}
}

// endCount ends what "how many" counts. The counted thing is a plural noun
// (employees, flights), not the adjective or verb before or after it; none
// when a term of the report ends the count.
func (r *englishReader) endCount(term bool) {
	if r.counting && !term {
		for k := len(r.counted) - 1; k >= 0; k-- {
			if w := r.counted[k]; len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				if g := slices.IndexFunc(r.out.dict, func(g dictGroup) bool { return g.en == w }); g >= 0 {
					// only the dictionary knows it: the answer must use a
					// word it glosses
					r.out.dict[g].asked = true
					break
				}
				r.out.asked = w
				break
			}
		}
	}
	r.counting, r.counted = false, nil
}

// phraseAt reads the longest phrase of the data that starts at word i: the
// report's city, a glossary term, another place or a question word. It
// returns how many words it read, 0 when none.
func (r *englishReader) phraseAt(i int) int {
	lx := r.b.lex
	for n := min(lx.enMaxLen, len(r.words)-i); n >= 1; n-- {
		key := strings.Join(r.stems[i:i+n], " ")
		terms, isTerm := lx.en[key]
		if _, ok := lx.homeEn[key]; ok {
			r.out.home = true // the report's own city: nothing to check
			r.endCount(false)
		} else if isTerm {
			r.out.groups = append(r.out.groups, terms) // zhoushan: 周山 of the report, not 舟山
			for k := i; k < i+n; k++ {
				r.termAt[k] = true
				if cue := lx.enCue[r.stems[k]]; n > 1 && cue == "增长" && strings.HasPrefix(r.stems[k], "grow") {
					// gdp growth, a glossary phrase, still asks a growth (not
					// consumer price increase, a level of prices)
					r.cue(cue, r.words[k])
				}
			}
			r.endCount(true)
		} else if p, ok := lx.placeEn[key]; ok {
			r.out.places = append(r.out.places, p)
			r.endCount(false)
		} else if cue, ok := lx.enCue[key]; ok {
			r.cue(cue, strings.Join(r.words[i:i+n], " "))
			r.endCount(false)
			r.counting = key == "how many"
		} else {
			continue
		}
		return n
	}
	return 0
}

// cue notes a question word and the English that said it.
func (r *englishReader) cue(cue, said string) {
	if cue == "_" {
		return
	}
	if n := len(r.cues); n > 0 && r.cues[n-1] == "多少" && slices.Contains(units, cue) && !strings.HasPrefix(cue, "个") {
		// how many households: 多少户, the unit asked (not 多少个百分点,
		// which would read as 多少个)
		r.cues[n-1] += cue
		r.out.said[r.cues[n-1]] = r.out.said["多少"] + " " + said
		return
	}
	r.cues = append(r.cues, cue)
	if r.out.said == nil {
		r.out.said = map[string]string{}
	}
	r.out.said[cue] = said
}

// dictAt reads a word no glossary knows through the dictionary: the words
// it glosses that the report uses. It returns how many words it read.
func (r *englishReader) dictAt(i int) int {
	n, terms := r.b.lex.dictAt(r.stems[i:])
	if n == 0 {
		return 0
	}
	r.out.groups = append(r.out.groups, terms)
	r.out.dict = append(r.out.dict, dictGroup{en: strings.Join(r.words[i:i+n], " "), terms: terms})
	if r.counting {
		r.counted = append(r.counted, r.words[i:i+n]...) // how many employees: still what is counted
	}
	return n
}

// word reads a word no data knows: a year, a number, a code the report
// writes (pm2.5, 5g), or an unknown word.
func (r *englishReader) word(w string) {
	switch {
	case reYearDigits.MatchString(w):
		r.cues = append(r.cues, w+"年")
		r.endCount(false)
	case len(w) > 1 && isCode(w) && strings.Contains(r.b.texts.text, w):
		r.out.groups = append(r.out.groups, []string{w})
		r.endCount(true)
	case isDigit(rune(w[0])):
		r.cues = append(r.cues, w)
		r.endCount(false)
	case len(w) > 1:
		if names := r.b.namesInPinyin(w); len(names) > 0 {
			// the Lanyu bridge: a name of the report, written in its reading
			r.out.groups = append(r.out.groups, names)
			r.endCount(true)
			return
		}
		r.out.unknown = append(r.out.unknown, w)
		if r.counting {
			r.counted = append(r.counted, w)
		}
	}
}

// minPinyinLetters is the length of the shortest English word read as a
// name of the report written in its reading (lanyu): shorter ones are
// English words as often (dean: 的安, huge: 护隔).
const minPinyinLetters = 5

// standsAsName tells whether letters of the report read as a name: no stop
// word or letter in them (我们, 的安), and a word of their own somewhere in
// the report, starting and ending where the segmenter's words do (岚屿, not
// 府建 of 政府建设).
func (b *Book) standsAsName(name string) bool {
	if stopWords[name] || strings.IndexFunc(name, func(r rune) bool { return stopWords[string(r)] }) >= 0 {
		return false
	}
	for _, h := range b.termHits(strings.ToLower(name)) {
		text := b.sentences[h.i].Text
		starts := wordStarts(text, b.seg.Cut(text))
		for k := range occurrences(text, name) {
			if end := k + len(name); starts[k] && (end == len(text) || starts[end]) {
				return true
			}
		}
	}
	return false
}

// namesInPinyin returns the report's words of two to four letters whose
// reading, without tones, is a word of an English question that no data
// knows (lanyu: 岚屿, xinji: 新集): the names of its places and projects,
// which no glossary can hold.
func (b *Book) namesInPinyin(w string) []string {
	if len(w) < minPinyinLetters || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return nil
	}
	var out []string
	text := b.texts.text
	for i := range text {
		acc, j := "", i
		for n := 1; n <= 4 && j < len(text); n++ {
			r, size := utf8.DecodeRuneInString(text[j:])
			p := b.lex.readings[r]
			if p == "" || !isHan(r) {
				break
			}
			j += size
			if acc += p; !strings.HasPrefix(w, acc) {
				break
			}
			if name := text[i:j]; acc == w && n >= 2 && !slices.Contains(out, name) && b.standsAsName(name) {
				out = append(out, name)
			}
		}
	}
	return out
}

// reportYear reads the year of the report's date line (――2017年1月9日在…),
// or of its title when there is none; 0 when neither has one.
func reportYear(s string) int {
	if m := reFullDate.FindString(s); m != "" {
		y, _ := strconv.Atoi(m[:4])
		return y
	}
	if m := reYearWord.FindString(s); m != "" {
		y, _ := strconv.Atoi(m[:4])
		return y
	}
	return 0
}

// English returns the glossary's English for a term of the report (the
// first phrase of its line), or "".
func (b *Book) English(term string) string {
	if en := b.lex.enOf[term]; en != "" {
		return en
	}
	if t := withoutScope(term); t != "" {
		return b.lex.enOf[t] // 全社会研发经费投入强度: R&D intensity
	}
	return ""
}

// withoutScope returns a subject without the scope word it opens with
// (全社会研发经费投入强度: 研发经费投入强度), "" when it opens with none or is
// nothing more.
func withoutScope(subject string) string {
	for _, w := range scopeWords {
		if t, ok := strings.CutPrefix(subject, w); ok && t != "" {
			return t
		}
	}
	return ""
}
