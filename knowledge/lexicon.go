package knowledge

import (
	"cmp"
	"fmt"
	"index/suffixarray"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"reportbot/seeds"
)

// TermLine is one line of a term table: a term and the other ways to say it.
type TermLine struct {
	Term  string
	Words []string
	Line  int
}

// ParseTermTable reads a term table (the lexicon, the glossary, the places,
// the English cues): one line a term, TERM<TAB>word | word | …, # comments.
// It returns ErrInvalidInput, naming the file and line, for a line without
// a tab or words, a word twice in a line, or a word equal to its term.
func ParseTermTable(name string, data []byte) ([]TermLine, error) {
	var out []TermLine
	err := eachDataLine(data, func(n int, line string) error {
		term, rest, ok := strings.Cut(line, "\t")
		term = strings.TrimSpace(term)
		if !ok || term == "" {
			return fmt.Errorf("%s line %d: want TERM<tab>word | word: %w", name, n, ErrInvalidInput)
		}
		tl := TermLine{Term: term, Line: n}
		seen := map[string]bool{}
		for _, w := range strings.Split(rest, "|") {
			w = strings.TrimSpace(w)
			if w == "" {
				continue
			}
			key := strings.ToLower(w)
			if seen[key] {
				return fmt.Errorf("%s line %d: %q twice: %w", name, n, w, ErrInvalidInput)
			}
			if w == term {
				return fmt.Errorf("%s line %d: %q is its own term: %w", name, n, w, ErrInvalidInput)
			}
			seen[key] = true
			tl.Words = append(tl.Words, w)
		}
		if len(tl.Words) == 0 {
			return fmt.Errorf("%s line %d: no words after the tab: %w", name, n, ErrInvalidInput)
		}
		out = append(out, tl)
		return nil
	})
	return out, err
}

// Lexicon maps the words people use to the report's terms: everyday Chinese
// (看病 → 医疗) from seeds/lang/lexicon, and English (hospital → 医院) from
// seeds/lang/glossary with the question words of seeds/lang/english.txt.
type Lexicon struct {
	zh        map[string][]string // everyday word → report terms
	zhOf      map[string][]string // report term → its everyday words (zh read backwards)
	zhByLen   []string            // everyday words, longest first
	zhByFirst map[rune][]string   // everyday words by their first letter, longest first
	en        map[string][]string // stemmed English phrase → report terms
	enOf      map[string]string   // report term → its first English phrase, as written
	enCue     map[string]string   // stemmed English phrase → cue word ("_": nothing)
	enMaxLen  int                 // words in the longest English phrase
	enBag     map[string][]string // a content stem → the glossary phrases (stemmed) that hold it, for phrases whose words come in another order; made by bag
	bagStems  map[string][]string // a phrase of enBag → its content stems
	bagOnce   sync.Once
	enDict    map[string][]string // stemmed English gloss → the dictionary's words the report uses, a glossary of last resort
	dictMax   int                 // words in the longest gloss of enDict
	places    map[string]string   // another place → its English name
	placeEn   map[string]string   // stemmed English name of a place → the place
	home      map[string]bool     // the report's own city and its parts
	area      string              // the district or county the report is of (金水区), no part of it; "" for a city's report
	city      [2]string           // the report's city, in Chinese and English: the first line of home.txt
	attrs     []attribute         // what a question may ask of a thing, longest cue first
	parts     []string            // parts of a whole the report gives as a total, longest first
	homeEn    map[string]string   // stemmed English name → the home place
	scopes    map[string][]string // a place that holds the report's city → the report's words for it (河南 → 全省)
	readings  map[rune]string     // a character's reading without tones (the dictionary's)
}

// Data is the language data for one report: the general files of
// seeds/lang, the report's own data files, and its text, which decides which
// general terms apply (a general term the report never uses maps no word).
type Data struct {
	Lang map[string][]byte // general: synonyms.txt, lexicon/*.txt, …
	Own  map[string][]byte // the report's: home.txt, lexicon.txt, glossary.txt (may be nil)
	Text string            // the report's text; "" keeps every general term
	City string            // the report's city as its opening lines name it, when Own has no home.txt
	Area string            // the district or county of the city the report is of, as its opening lines name it (金水区)

	index  *suffixarray.Index    // of Text, made by LoadLexicon
	grams  map[string]struct{}   // the runs of 2 to maxGram letters of Text, made by LoadLexicon
	dict   *dictionary           // the bilingual dictionary, parsed once; nil: parsed from Lang
	tables map[string][]TermLine // Lang's term tables, parsed once; nil: parsed here
}

// keeps tells whether a general term applies to the report.
func (d Data) keeps(term string) bool {
	if d.Text == "" {
		return true
	}
	if d.grams != nil && utf8.RuneCountInString(term) <= maxGram {
		_, ok := d.grams[term]
		return ok
	}
	if d.index == nil {
		return strings.Contains(d.Text, term)
	}
	return len(d.index.Lookup([]byte(term), 1)) > 0
}

// maxGram is the length of the longest run of letters kept in Data.grams.
const maxGram = 6

// gramsOf returns every run of two to maxGram letters of text: what a short
// term is looked up in, faster than the suffix array for the dictionary's
// tens of thousands of words.
func gramsOf(text string) map[string]struct{} {
	out := make(map[string]struct{}, len(text))
	var starts []int // byte offsets of the last maxGram letters
	for i, r := range text {
		if r == '\n' {
			starts = starts[:0]
			continue
		}
		starts = append(starts, i)
		if len(starts) > maxGram {
			starts = starts[1:]
		}
		end := i + utf8.RuneLen(r)
		for k := 0; k < len(starts)-1; k++ {
			out[text[starts[k]:end]] = struct{}{}
		}
	}
	return out
}

// LoadLexicon reads the lexicon, the glossary, the English cues and the
// places that apply to one report. A malformed line is an ErrInvalidInput.
// That the report's own terms still stand in it is CheckLexicon's to tell:
// a test's, not every start's.
func LoadLexicon(d Data) (*Lexicon, error) {
	lx := &Lexicon{
		zh: map[string][]string{}, zhOf: map[string][]string{}, en: map[string][]string{}, enCue: map[string]string{}, enOf: map[string]string{},
		places: map[string]string{}, placeEn: map[string]string{}, home: map[string]bool{}, homeEn: map[string]string{},
		scopes: map[string][]string{},
	}
	if d.Text != "" && d.index == nil {
		d.index = suffixarray.New([]byte(d.Text))
		d.grams = gramsOf(d.Text)
	}
	if d.dict == nil {
		d.dict = parseDictionary(d.Lang)
	}
	lx.readings = d.dict.pinyin
	for _, step := range []func(Data) error{lx.readPlaces, lx.readHome, lx.readTerms, lx.readCues, lx.readAttributes, lx.readParts, lx.readDictionary} {
		if err := step(d); err != nil {
			return nil, err
		}
	}
	lx.index()
	return lx, nil
}

// tables returns the term tables of one kind that apply to a report: every
// general file of dir, then the report's own file.
func (d Data) termTables(dir, own string) []namedTable {
	var out []namedTable
	for _, name := range seeds.InDir(d.Lang, dir) {
		out = append(out, namedTable{name, d.Lang[name], true})
	}
	if b, ok := d.Own[own]; ok {
		out = append(out, namedTable{own, b, false})
	}
	return out
}

// namedTable is a term table with its file's name; general says whether its
// terms apply only where the report uses them.
type namedTable struct {
	name    string
	data    []byte
	general bool
}

// readPlaces reads the places a question may name other than the report's
// own.
func (lx *Lexicon) readPlaces(d Data) error {
	lines, err := ParseTermTable(seeds.PlacesFile, d.Lang[seeds.PlacesFile])
	if err != nil {
		return err
	}
	for _, tl := range lines {
		lx.places[tl.Term] = tl.Words[0]
		for _, w := range tl.Words {
			if scope, ok := strings.CutPrefix(w, "="); ok {
				// 河南 =全省: the report's word for the place as the
				// scope of its city's ranks and comparisons.
				lx.scopes[tl.Term] = append(lx.scopes[tl.Term], scope)
				continue
			}
			key := stemPhrase(w)
			lx.placeEn[key] = tl.Term
			lx.enMaxLen = max(lx.enMaxLen, strings.Count(key, " ")+1)
		}
	}
	return nil
}

// readHome reads the report's own city and its counties and districts: its
// home.txt, or the city its opening lines name. The home places are no
// other place.
func (lx *Lexicon) readHome(d Data) error {
	lines, err := ParseTermTable(seeds.HomeFile, d.Own[seeds.HomeFile])
	if err != nil {
		return err
	}
	if len(lines) == 0 && d.City != "" {
		tl := TermLine{Term: d.City}
		if en := lx.places[d.City]; en != "" {
			tl.Words = []string{en}
		} else if en := d.dict.pinyinOf(d.City); en != "" {
			tl.Words = []string{en} // 江州: jiangzhou
		}
		lines = []TermLine{tl}
		for _, c := range countiesIn(d.Text) {
			lines = append(lines, TermLine{Term: c})
		}
	}
	if d.Area != "" {
		lx.area = d.Area
		tl := TermLine{Term: d.Area}
		if en := d.dict.pinyinOf(strings.TrimRight(d.Area, "区县")); en != "" {
			tl.Words = []string{en} // 金水区: jinshui
		}
		lines = append(lines, tl)
	}
	for _, tl := range lines {
		lx.home[tl.Term] = true
		if lx.city[0] == "" {
			lx.city[0] = tl.Term
			if len(tl.Words) > 0 {
				lx.city[1] = tl.Words[0]
			}
		}
		if _, ok := lx.places[tl.Term]; ok {
			delete(lx.places, tl.Term)
			for k, p := range lx.placeEn {
				if p == tl.Term {
					delete(lx.placeEn, k)
				}
			}
		}
		for _, w := range tl.Words {
			key := stemPhrase(w)
			lx.homeEn[key] = tl.Term
			lx.enMaxLen = max(lx.enMaxLen, strings.Count(key, " ")+1)
			sound := strings.ReplaceAll(key, " ", "")
			for k := range lx.placeEn {
				if strings.ReplaceAll(k, " ", "") == sound {
					// Huai'an in the report of 槐安 (huaian) is the report's
					// place, not 淮安, another city of that sound
					delete(lx.placeEn, k)
					lx.homeEn[k] = tl.Term
				}
			}
		}
	}
	if own := cmp.Or(lx.area, lx.city[0]); own != "" {
		for _, w := range placeLevelWords(d.Text) {
			lx.homeEn[stemPhrase(w)] = own // the county of a county's report is its own
		}
	}
	return nil
}

// placeLevelWords returns the English words for the kind of place a report is of
// (county, district, prefecture), read from the speaker's title in its
// opening (县长, 区长, 州长); none for a city, whose word says nothing anyway.
func placeLevelWords(text string) []string {
	head := text[:min(len(text), openingBytes)]
	for _, l := range []struct {
		title string
		words []string
	}{{"县长", []string{"county", "county's"}}, {"区长", []string{"district", "district's"}}, {"州长", []string{"prefecture", "prefecture's"}}} {
		if strings.Contains(head, l.title) {
			return l.words
		}
	}
	return nil
}

// openingBytes is how much of a report's text its opening lines (title,
// date, speaker) take at most.
const openingBytes = 600

// reCountyName is a county's or a district's name: two or three letters and
// 县 or 区.
var reCountyName = regexp.MustCompile(`\p{Han}{2,3}[县区]|\p{Han}县`)

// countiesIn returns the counties and districts a report's text lists (青屿县、
// 白鹭岛县, 岚城区和望潮区: a name beside another in an enumeration), for a
// report with no home.txt: a question about one of them asks about the
// report's place, and a figure of the city is not theirs.
func countiesIn(text string) []string {
	var out []string
	for _, loc := range reCountyName.FindAllStringIndex(text, -1) {
		w := text[loc[0]:loc[1]]
		before, _ := utf8.DecodeLastRuneInString(text[:loc[0]])
		after, _ := utf8.DecodeRuneInString(text[loc[1]:])
		// 澧县、桃源县 may open a sentence, or follow a comma
		listed := before == '、' || (loc[0] == 0 || strings.ContainsRune("，：（(和与及。；\n", before)) && strings.ContainsRune("、和与及", after)
		r := []rune(w)
		if !listed || strings.HasSuffix(w, "地区") || strings.HasSuffix(w, "社区") || strings.HasSuffix(w, "小区") ||
			strings.ContainsRune("两等各全每县本该我此一", r[len(r)-2]) || slices.Contains(out, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// readTerms reads the lexicon (everyday Chinese) and the glossary (English).
func (lx *Lexicon) readTerms(d Data) error {
	for _, kind := range []struct {
		dir, own string
		add      func(name string, tl TermLine) error
	}{{seeds.LexiconDir, seeds.LexiconFile, lx.addEveryday}, {seeds.GlossaryDir, seeds.GlossaryFile, lx.addEnglish}} {
		for _, t := range d.termTables(kind.dir, kind.own) {
			lines, ok := d.tables[t.name]
			if !ok || !t.general {
				var err error
				if lines, err = ParseTermTable(t.name, t.data); err != nil {
					return err
				}
			}
			for _, tl := range lines {
				if reYearTerm.MatchString(tl.Term) {
					return fmt.Errorf("%s line %d: %q is a year, which the question analyser reads itself: %w", t.name, tl.Line, tl.Term, ErrInvalidInput)
				}
				if t.general && !d.keeps(tl.Term) {
					continue
				}
				if err := kind.add(t.name, tl); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// addEveryday adds a lexicon line: each everyday word means the term.
func (lx *Lexicon) addEveryday(name string, tl TermLine) error {
	for _, w := range tl.Words {
		w = strings.ToLower(w)
		if askWord := containsAskWord(w); askWord != "" {
			return fmt.Errorf("%s line %d: %q holds the question word %q, which says how a question asks, not what about: %w", name, tl.Line, w, askWord, ErrInvalidInput)
		}
		lx.zh[w] = appendNew(lx.zh[w], tl.Term)
	}
	lx.zhOf[tl.Term] = append(lx.zhOf[tl.Term], tl.Words...) // as written; a question's words are lower-cased Chinese
	return nil
}

// addEnglish adds a glossary line: each English phrase means the term.
func (lx *Lexicon) addEnglish(name string, tl TermLine) error {
	words := tl.Words
	if isASCII(tl.Term) && !slices.ContainsFunc(words, func(w string) bool { return strings.EqualFold(w, tl.Term) }) {
		words = append([]string{strings.ToLower(tl.Term)}, words...) // PM2.5, GDP: the term is English too
	}
	for _, w := range words {
		key := stemPhrase(w)
		if key == "" {
			return fmt.Errorf("%s line %d: %q has no English word: %w", name, tl.Line, w, ErrInvalidInput)
		}
		if y := reAskedYear.FindString(w); y != "" && !strings.Contains(tl.Term, y) {
			// plan for 2017 would swallow the question's year.
			return fmt.Errorf("%s line %d: %q holds the year %s, which the question analyser reads itself: %w", name, tl.Line, w, y, ErrInvalidInput)
		}
		lx.en[key] = appendNew(lx.en[key], tl.Term)
		if lx.enOf[tl.Term] == "" {
			lx.enOf[tl.Term] = w
		}
		lx.enMaxLen = max(lx.enMaxLen, strings.Count(key, " ")+1)
	}
	return nil
}

// readCues reads the English words that say how a question asks.
func (lx *Lexicon) readCues(d Data) error {
	cues, err := ParseTermTable(seeds.EnglishFile, d.Lang[seeds.EnglishFile])
	if err != nil {
		return err
	}
	for _, tl := range cues {
		for _, w := range tl.Words {
			key := stemPhrase(w)
			lx.enCue[key] = tl.Term
			lx.enMaxLen = max(lx.enMaxLen, strings.Count(key, " ")+1)
		}
	}
	return nil
}

// readAttributes reads what a question may ask of a thing, longest cue first.
func (lx *Lexicon) readAttributes(d Data) error {
	attrs, err := ParseTermTable(seeds.AttributesFile, d.Lang[seeds.AttributesFile])
	if err != nil {
		return err
	}
	for _, tl := range attrs {
		units := map[string]bool{}
		for _, u := range strings.Fields(tl.Term) {
			units[u] = true
		}
		for _, w := range tl.Words {
			lx.attrs = append(lx.attrs, attribute{cue: w, units: units, kind: tl.Line})
		}
	}
	sort.SliceStable(lx.attrs, func(i, j int) bool { return len(lx.attrs[i].cue) > len(lx.attrs[j].cue) })
	return nil
}

// readParts reads the parts of wholes, longest first.
func (lx *Lexicon) readParts(d Data) error {
	parts, err := ParseTermTable(seeds.PartsFile, d.Lang[seeds.PartsFile])
	if err != nil {
		return err
	}
	for _, tl := range parts {
		for _, w := range tl.Words {
			if !slices.Contains(lx.parts, w) {
				lx.parts = append(lx.parts, w)
			}
		}
	}
	sort.SliceStable(lx.parts, func(i, j int) bool { return len(lx.parts[i]) > len(lx.parts[j]) })
	return nil
}

// index orders the everyday words for scanning a question: longest first,
// and by their first letter.
func (lx *Lexicon) index() {
	for w := range lx.zh {
		lx.zhByLen = append(lx.zhByLen, w)
	}
	sort.Slice(lx.zhByLen, func(i, j int) bool {
		if len(lx.zhByLen[i]) != len(lx.zhByLen[j]) {
			return len(lx.zhByLen[i]) > len(lx.zhByLen[j])
		}
		return lx.zhByLen[i] < lx.zhByLen[j]
	})
	lx.zhByFirst = map[rune][]string{}
	for _, w := range lx.zhByLen {
		r, _ := utf8.DecodeRuneInString(w)
		lx.zhByFirst[r] = append(lx.zhByFirst[r], w)
	}
}

var reYearTerm = regexp.MustCompile(`^\d{4}年$`)

// bag returns the glossary phrases by their content stems, made on the
// first English question that needs them.
func (lx *Lexicon) bag() map[string][]string {
	lx.bagOnce.Do(func() {
		lx.enBag, lx.bagStems = map[string][]string{}, map[string][]string{}
		for key := range lx.en {
			if stems := lx.contentStems(key); len(stems) >= minBagWords {
				lx.bagStems[key] = stems
				for _, st := range stems {
					lx.enBag[st] = append(lx.enBag[st], key)
				}
			}
		}
	})
	return lx.enBag
}

// minBagWords is how many content words a glossary phrase must have to be
// found in a question in another order or with words between them.
const minBagWords = 2

// contentStems returns the stems of a stemmed phrase that say what, not how:
// not the words that say nothing (the, of), nor words of two letters.
func (lx *Lexicon) contentStems(key string) []string {
	var out []string
	for _, st := range strings.Fields(key) {
		if len(st) > 2 && lx.enCue[st] != "_" && !slices.Contains(out, st) {
			out = append(out, st)
		}
	}
	return out
}

// attribute is what a question may ask of a thing (全长), with the units an
// answer to it carries (公里, 米).
type attribute struct {
	cue   string
	units map[string]bool
	kind  int // its line of attributes.txt: the cues of one line ask the same thing
}

func containsAskWord(w string) string {
	for _, a := range askWords {
		if strings.Contains(w, a) {
			return a
		}
	}
	return ""
}

// CheckLexicon loads the language data for a report and tells whether the
// report's own data still fits it: every term of its lexicon and glossary
// occurs in the report, every whole of parts.txt in the general data is a
// term a report may use, and no English word of a glossary is the name of a
// place the report names (zhengzhou under 郑洛新 would hide a question about
// 郑州). A term or a word that does not fit is an ErrInvalidInput, as is a
// malformed line.
func CheckLexicon(d Data) error {
	all := d
	all.Text = "" // every general line, to check each of them
	lx, err := LoadLexicon(all)
	if err != nil {
		return err
	}
	for _, name := range []string{seeds.LexiconFile, seeds.GlossaryFile} {
		lines, err := ParseTermTable(name, d.Own[name])
		if err != nil {
			return err
		}
		for _, tl := range lines {
			if !strings.Contains(d.Text, tl.Term) {
				return fmt.Errorf("%s line %d: term %q does not occur in the report: %w", name, tl.Line, tl.Term, ErrInvalidInput)
			}
		}
	}
	for _, t := range d.termTables(seeds.GlossaryDir, seeds.GlossaryFile) {
		lines, err := ParseTermTable(t.name, t.data)
		if err != nil {
			return err
		}
		for _, tl := range lines {
			if t.general && !d.keeps(tl.Term) {
				continue
			}
			for _, w := range tl.Words {
				if p := lx.placeEn[stemPhrase(w)]; p != "" && strings.Contains(d.Text, p) {
					return fmt.Errorf("%s line %d: %q names the place %s, which the report names too: %w", t.name, tl.Line, w, p, ErrInvalidInput)
				}
			}
		}
	}
	return nil
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Terms returns the report's terms for an everyday word, or nil.
func (lx *Lexicon) Terms(word string) []string {
	if lx == nil {
		return nil
	}
	return lx.zh[strings.ToLower(word)]
}

// stemPhrase lower-cases an English phrase and stems each of its words, so
// that "projects completed" and "project complete" meet.
func stemPhrase(s string) string {
	words := englishWords(s)
	for i, w := range words {
		words[i] = stem(w)
	}
	return strings.Join(words, " ")
}

// englishWords splits text into lower-cased words of latin letters and
// digits; an apostrophe's s (city's) goes with its word; a hyphen separates
// words (county-level is county level).
func englishWords(s string) []string {
	var out []string
	var sb strings.Builder
	flush := func() {
		if sb.Len() > 0 {
			out = append(out, sb.String())
			sb.Reset()
		}
	}
	rs := []rune(strings.ToLower(s))
	skip := false
	for i, r := range rs {
		if skip {
			skip = false
			continue
		}
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			sb.WriteRune(r)
		case (r == '\'' || r == '’') && sb.Len() > 0 && i+1 < len(rs) && rs[i+1] == 's' && (i+2 == len(rs) || !isLatin(rs[i+2])):
			// city's → city
			flush()
			skip = true
		case r == '.' && sb.Len() > 0 && i+1 < len(rs) && isDigit(rs[i+1]):
			sb.WriteRune(r)
		case r == ',' && i > 0 && isDigit(rs[i-1]) && i+3 < len(rs) && isDigit(rs[i+1]) && isDigit(rs[i+2]) && isDigit(rs[i+3]) && (i+4 == len(rs) || !isDigit(rs[i+4])):
			// 10,000: a thousands separator
		default:
			flush()
		}
	}
	flush()
	return out
}

// irregular maps English forms that the suffix rules below miss.
var irregular = map[string]string{
	"built": "build", "grew": "grow", "grown": "grow", "made": "make", "got": "get", "went": "go", "gone": "go",
	"people": "person", "children": "child", "women": "woman", "men": "man", "done": "do", "did": "do",
	"paid": "pay", "spent": "spend", "won": "win", "held": "hold", "began": "begin", "begun": "begin",
	"rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "led": "lead", "sold": "sell",
	"bought": "buy", "brought": "bring", "lent": "lend", "sent": "send", "cut": "cut", "taught": "teach", "kept": "keep", "met": "meet", "set": "set",
	"was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "has": "have", "had": "have",
}

// stem cuts a lower-case English word to a crude stem: plurals, -ed and
// -ing, and a final e, so that build, builds, building and built meet. It
// only has to give the same stem to the forms of one word.
func stem(w string) string {
	if s, ok := irregular[w]; ok {
		return s
	}
	if len(w) <= 3 || !isLatin(rune(w[0])) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		w = w[:len(w)-3]
	}
	if n := len(w); n > 4 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) {
		w = w[:n-1] // planned → plann → plan
	}
	return strings.TrimSuffix(w, "e")
}
