package knowledge

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

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
	if !hasHan(q) || loadConverters() != nil {
		return q, false
	}
	plain, err := converters.t2s.Convert(q)
	if err != nil || plain == q {
		return q, false
	}
	out, err := converters.tw2sp.Convert(q)
	if err != nil {
		return plain, true
	}
	return out, true
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
	text    string            // what the Chinese analysis reads
	lang    string            // LangZH, LangZHHant or LangEN
	groups  [][]string        // for English: the report's terms of each phrase
	unknown []string          // for English: content words the glossary does not know
	dict    []dictGroup       // for English: words only the dictionary knows, with the report's words they gloss
	asked   string            // for English: the unknown word right after "how many", what it asks the number of
	places  []string          // for English: other places it names
	home    bool              // for English: it names the report's city
	said    map[string]string // for English: a cue word → the English words that brought it (市委书记 → party secretary)
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
	if s, ok := ToSimplified(q); ok {
		return question{text: s, lang: LangZHHant}
	}
	return question{text: q, lang: LangZH}
}

// readEnglish matches an English question's words, longest phrase first,
// against the glossary (the report's terms), the question words (how many →
// 多少, last year → 去年) and the places; years stay as they are.
func (b *Book) readEnglish(q string) question {
	out := question{lang: LangEN}
	words := englishWords(q)
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = stem(w)
	}
	var cues []string
	lx := b.lex
	// After "how many", the words up to the next known one name what is
	// counted: unknown words there, with no term of the report after
	// them, are what it asks the number of (how many employees does …,
	// but not how many major projects).
	counting := false
	var counted []string
	endCount := func(term bool) {
		if counting && !term {
			// The counted thing is a plural noun (employees, flights), not
			// the adjective or verb before or after it.
			for k := len(counted) - 1; k >= 0; k-- {
				if w := counted[k]; len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
					if g := slices.IndexFunc(out.dict, func(g dictGroup) bool { return g.en == w }); g >= 0 {
						// only the dictionary knows it: the answer must
						// use a word it glosses
						out.dict[g].asked = true
						break
					}
					out.asked = w
					break
				}
			}
		}
		counting, counted = false, nil
	}
	for i := 0; i < len(words); {
		matched := false
		for n := min(lx.enMaxLen, len(words)-i); n >= 1 && !matched; n-- {
			key := strings.Join(stems[i:i+n], " ")
			terms, isTerm := lx.en[key]
			if _, ok := lx.homeEn[key]; ok {
				// the report's own city: nothing to check
				out.home = true
				endCount(false)
			} else if isTerm {
				out.groups = append(out.groups, terms) // zhoushan: 周山 of the report, not 舟山
				endCount(true)
			} else if p, ok := lx.placeEn[key]; ok {
				out.places = append(out.places, p)
				endCount(false)
			} else if cue, ok := lx.enCue[key]; ok {
				if cue != "_" {
					cues = append(cues, cue)
					if out.said == nil {
						out.said = map[string]string{}
					}
					out.said[cue] = strings.Join(words[i:i+n], " ")
				}
				endCount(false)
				counting = key == "how many"
			} else {
				continue
			}
			i += n
			matched = true
		}
		if matched {
			continue
		}
		if n, terms := lx.dictAt(stems[i:]); n > 0 {
			// a word no glossary knows, in the dictionary: the words it
			// glosses that the report uses
			out.groups = append(out.groups, terms)
			out.dict = append(out.dict, dictGroup{en: strings.Join(words[i:i+n], " "), terms: terms})
			if counting {
				counted = append(counted, words[i:i+n]...) // how many employees: still what is counted
			}
			i += n
			continue
		}
		w := words[i]
		switch {
		case reYearDigits.MatchString(w):
			cues = append(cues, w+"年")
			endCount(false)
		case isDigit(rune(w[0])):
			cues = append(cues, w)
			endCount(false)
		case len(w) > 1 && isCode(w) && strings.Contains(b.texts.text, w):
			// pm2.5, 5g: a code the report writes as it stands
			out.groups = append(out.groups, []string{w})
			endCount(true)
		case len(w) > 1:
			out.unknown = append(out.unknown, w)
			if counting {
				counted = append(counted, w)
			}
		}
		i++
	}
	endCount(false)
	out.text = strings.Join(cues, "，")
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
	return b.lex.enOf[term]
}
