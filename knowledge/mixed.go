package knowledge

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Questions in Chinese and English at once (今年GDP的target多少, retail
// sales今年增长目标, What was 旅游总收入 in 2016?). The question's main
// language is the one most of it is in; the other language's words are read
// into it: English words of a Chinese question through the same English
// vocabulary as English questions, Chinese words of an English question as
// the report's own words.

// reLatinRun is a run of latin words inside a question (high-tech industry).
var reLatinRun = regexp.MustCompile(`[A-Za-z][A-Za-z0-9.'’&\-]*(?:[ ]+[A-Za-z][A-Za-z0-9.'’&\-]*)*`)

// reHanRun is a run of Chinese letters.
var reHanRun = regexp.MustCompile(`\p{Han}+`)

// englishMain tells whether a question that mixes both languages is mostly
// English: three English words or more, and more of them than half its
// Chinese letters.
func englishMain(q string) bool {
	words := len(englishWords(reHanRun.ReplaceAllString(q, " ")))
	han := 0
	for _, r := range q {
		if isHan(r) {
			han++
		}
	}
	return words >= 3 && 2*words > han
}

// translateLatin reads the English words of a Chinese question into Chinese:
// each run of them through the glossary, the question words and the
// dictionary (target: 目标, revenue: 收入, retail sales: 社会消费品零售总额).
// A word the report writes as it stands (GDP, PM2.5, 5G) and a word no data
// knows stay as they are.
func (b *Book) translateLatin(q string) string {
	var sb strings.Builder
	pos := 0
	ctx := b.hanContext(q)
	for _, m := range reLatinRun.FindAllStringIndex(q, -1) {
		run := q[m[0]:m[1]]
		sb.WriteString(q[pos:m[0]])
		pos = m[1]
		if b.knowsLatin(run) {
			sb.WriteString(run)
			continue
		}
		// 5G, PM2.5: a code, which the report writes as it is or not at
		// all; the words after it are read (5G base stations: 5G基站)
		before, _ := utf8.DecodeLastRuneInString(q[:m[0]])
		head, rest, _ := strings.Cut(run, " ")
		if isCode(strings.ToLower(head)) || isDigit(before) {
			sb.WriteString(head)
			if rest = strings.TrimSpace(rest); rest != "" {
				sb.WriteString(b.chineseOf(rest, ctx))
			}
			continue
		}
		sb.WriteString(withoutOverlap(sb.String(), b.chineseOf(run, ctx)))
	}
	sb.WriteString(q[pos:])
	return sb.String()
}

// withoutOverlap returns zh without the words of two letters or more it
// opens with that the text before it ends with: 常住人口urbanization rate is
// 常住人口城镇化率, not 常住人口常住人口城镇化率.
func withoutOverlap(before, zh string) string {
	lead := strings.TrimLeft(zh, " ")
	for k := min(len(before), len(lead)); k > 0; k-- {
		if !utf8.ValidString(lead[:k]) || utf8.RuneCountInString(lead[:k]) < 2 {
			continue
		}
		if strings.HasSuffix(before, lead[:k]) {
			return lead[k:]
		}
	}
	return zh
}

// knowsLatin tells whether the report or the synonym table writes an English
// run as it stands.
func (b *Book) knowsLatin(run string) bool {
	lw := strings.ToLower(strings.TrimSpace(run))
	return b.synonyms.has(lw) || strings.Contains(b.texts.text, lw)
}

// chineseOf writes an English run in Chinese, phrase by phrase, in order:
// a glossary term as the report's term (of several, the one the report
// writes most beside ctx, the question's Chinese words), a question word as
// its cue, a word of the dictionary as the report's word it glosses; the
// rest as it stands.
func (b *Book) chineseOf(run string, ctx []string) string {
	r := b.newEnglishReader(run)
	r.ctx = ctx
	var sb strings.Builder
	for i := 0; i < len(r.words); {
		if n, zh := r.chineseAt(i); n > 0 {
			sb.WriteString(zh)
			i += n
			continue
		}
		if n, terms := b.lex.dictAt(r.stems[i:]); n > 0 {
			sb.WriteString(terms[0])
			i += n
			continue
		}
		sb.WriteString(" " + r.words[i] + " ")
		i++
	}
	return sb.String()
}

// chineseAt returns the Chinese of the longest phrase of the data that starts
// at word i, and how many words it spans; 0 when none.
func (r *englishReader) chineseAt(i int) (int, string) {
	lx := r.b.lex
	for n := min(lx.enMaxLen, len(r.words)-i); n >= 1; n-- {
		key := strings.Join(r.stems[i:i+n], " ")
		if terms, ok := lx.en[key]; ok {
			term := r.b.termBeside(terms, r.ctx)
			if slices.ContainsFunc(r.stems[i:i+n], func(st string) bool { return strings.HasPrefix(st, "grow") && lx.enCue[st] == "增长" }) {
				return n, term + "增长" // 规模以上工业profit growth: the growth is asked too
			}
			return n, term
		}
		if home, ok := lx.homeEn[key]; ok {
			return n, home
		}
		if p, ok := lx.placeEn[key]; ok {
			return n, p
		}
		if cue, ok := lx.enCue[key]; ok {
			if cue == "_" {
				return n, ""
			}
			return n, cue
		}
	}
	return 0, ""
}

// hanContext returns the question's own Chinese words that the report
// writes (廊道 of 今年廊道greening要完成多少公里), two letters or more and not
// how it asks.
func (b *Book) hanContext(q string) []string {
	var out []string
	for _, w := range b.seg.Cut(q) {
		if allHan(w) && utf8.RuneCountInString(w) >= 2 && !stopWords[w] && !slices.Contains(out, w) && strings.Contains(b.texts.text, w) {
			out = append(out, w)
		}
	}
	return out
}

// termBeside returns, of a glossary phrase's terms, the one the report's
// sentences write most often beside one of ctx (greening beside 廊道: 绿化,
// of 廊道绿化, not 园林绿化); terms[0] when none is.
func (b *Book) termBeside(terms, ctx []string) string {
	best, bestN := terms[0], 0
	if len(terms) == 1 || len(ctx) == 0 {
		return best
	}
	for _, t := range terms {
		lt, n := strings.ToLower(t), 0
		// a word of the question the term holds (实际 of 实际使用外资) is
		// the term's own, not what stands beside it
		beside := slices.DeleteFunc(slices.Clone(ctx), func(w string) bool { return strings.Contains(lt, w) })
		if len(beside) == 0 {
			continue
		}
		for i := range b.sentences {
			if strings.Contains(b.lower[i], lt) && containsAny(b.lower[i], beside) {
				n++
			}
		}
		if n > bestN {
			best, bestN = t, n
		}
	}
	return best
}

// chineseAsks returns the words of an English question's Chinese runs that
// say how it asks (多少, 什么时候, 目标, 全长), joined as the cues of an
// English question are.
func (b *Book) chineseAsks(q string) string {
	var asks []string
	for _, run := range reHanRun.FindAllString(q, -1) {
		s, _ := ToSimplified(run)
		for _, w := range b.seg.Cut(s) {
			if b.asksSomething(w) || containsAny(w, planCues) || containsAny(w, reviewCues) || b.isAttributeCue(w) {
				asks = append(asks, w)
			}
		}
	}
	return strings.Join(asks, "，")
}

// isAttributeCue tells whether a word is one an attribute is asked by (全长, 门票).
func (b *Book) isAttributeCue(w string) bool {
	for k := range b.lex.attrs {
		if b.lex.attrs[k].cue == w {
			return true
		}
	}
	return false
}

// hanGroups returns the Chinese runs of an English question as the report's
// words: each run with the report's terms its everyday words bring.
func (b *Book) hanGroups(q string) [][]string {
	var out [][]string
	for _, run := range reHanRun.FindAllString(q, -1) {
		s, _ := ToSimplified(run)
		g := b.synonyms.Group(s)
		for _, t := range b.lex.zh[s] {
			g = appendNew(g, t)
		}
		out = append(out, g)
	}
	return out
}
