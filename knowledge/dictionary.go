package knowledge

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// The files of the bilingual dictionary, derived from CC-CEDICT, inside the
// general language data.
const (
	dictEnglishFile = "cedict/english.txt"
	dictPinyinFile  = "cedict/pinyin.txt"
)

// dictionary is the bilingual dictionary: English glosses of Chinese words,
// and a reading of each character.
type dictionary struct {
	// english is the English file as one string, its lines read when a
	// report keeps its words (eachWord): parsed into words and glosses, the
	// whole dictionary would hold four times its size for the process's life.
	english string
	pinyin  map[rune]string
}

// eachWord calls fn with every Chinese word of the dictionary and its
// English glosses as written, separated by " | ".
func (d *dictionary) eachWord(fn func(word, glosses string)) {
	for line := range strings.Lines(d.english) {
		line = strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(line, "#") {
			continue
		}
		if word, glosses, ok := strings.Cut(line, "\t"); ok {
			fn(word, glosses)
		}
	}
}

// parsedDicts caches the parse of the dictionary files, which are the same
// for every report of a process.
var parsedDicts struct {
	sync.Mutex
	byData map[*byte]*dictionary
}

// parseDictionary reads the dictionary files of the general language data;
// an empty dictionary when they are missing.
func parseDictionary(lang map[string][]byte) *dictionary {
	en, py := lang[dictEnglishFile], lang[dictPinyinFile]
	if len(en) == 0 {
		return &dictionary{pinyin: map[rune]string{}}
	}
	parsedDicts.Lock()
	defer parsedDicts.Unlock()
	if d := parsedDicts.byData[&en[0]]; d != nil {
		return d
	}
	d := &dictionary{english: string(en), pinyin: map[rune]string{}}
	_ = eachDataLine(py, func(_ int, line string) error {
		c, reading, ok := strings.Cut(line, "\t")
		if r, size := utf8.DecodeRuneInString(c); ok && size == len(c) {
			d.pinyin[r] = reading
		}
		return nil
	})
	if parsedDicts.byData == nil {
		parsedDicts.byData = map[*byte]*dictionary{}
	}
	parsedDicts.byData[&en[0]] = d
	return d
}

// pinyinOf writes a name in the letters of its reading (江州: jiangzhou), or
// "" when a character has none.
func (d *dictionary) pinyinOf(name string) string {
	var sb strings.Builder
	for _, r := range name {
		p := d.pinyin[r]
		if p == "" {
			return ""
		}
		sb.WriteString(p)
	}
	return sb.String()
}

// minDictLetters is the length of the shortest English word the
// dictionary is asked for: shorter ones are too vague to stand for a term.
const minDictLetters = 3

// readDictionary keeps the dictionary's words that the report uses, under
// each of their glosses.
func (lx *Lexicon) readDictionary(d Data) error {
	lx.enDict = map[string][]string{}
	if d.Text == "" {
		return nil // the general data alone: nothing to keep
	}
	d.dict.eachWord(func(word, glosses string) {
		if !d.keeps(word) {
			return
		}
		for g := range strings.SplitSeq(glosses, " | ") {
			if len(g) < minDictLetters {
				continue
			}
			key := stemPhrase(g)
			if key == "" {
				continue
			}
			lx.enDict[key] = appendNew(lx.enDict[key], word)
			lx.dictMax = max(lx.dictMax, strings.Count(key, " ")+1)
		}
	})
	return nil
}

// dictAt returns the dictionary's words for the longest gloss that the
// stemmed words start with, and how many words it spans; 0 when none.
func (lx *Lexicon) dictAt(stems []string) (int, []string) {
	for n := min(lx.dictMax, len(stems)); n >= 1; n-- {
		if terms := lx.enDict[strings.Join(stems[:n], " ")]; terms != nil {
			return n, terms
		}
	}
	return 0, nil
}

// dictGroup is an English word of a question that only the dictionary
// knows, with the report's words it glosses.
type dictGroup struct {
	en    string
	terms []string
	asked bool // it is what "how many" asks the number of
}
