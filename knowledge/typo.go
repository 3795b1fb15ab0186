package knowledge

import (
	"strings"
	"unicode/utf8"
)

// Fast typing puts a character of the same sound in a word (城镇话率 for
// 城镇化率, 刑事警清 for 刑事警情) or one a key away (生厂 for 生产). The
// report's own text says what was meant: after the word before, it goes on
// with the question's letters but one.

// maxRespell is how many letters after a word a typo is looked for in.
const maxRespell = 6

// respelled returns a Chinese question with its typos put right by the
// report's text, and whether it changed; unchanged, also its tagged words.
func (b *Book) respelled(q string) (string, bool, []TaggedWord) {
	tags := b.seg.Tag(q)
	var sb strings.Builder
	changed, pos := false, 0 // pos: how much of q is written
	for i, at := range tagOffsets(q, tags) {
		tw := tags[i]
		w := tw.Word
		if at < 0 || at < pos || i == 0 || !allHan(tags[i-1].Word) {
			continue // inside a fix already written, the first word, or after 2026年
		}
		if utf8.RuneCountInString(w) > 1 && tw.Tag != "x" || stopWords[w] || stopWords[tags[i-1].Word] {
			continue // 世界杯: a word of the dictionary, asked as it is; 的, 多少: how it asks
		}
		if fix, n := b.respell(tags[i-1].Word, q[at:]); n > 0 {
			sb.WriteString(q[pos:at])
			sb.WriteString(fix)
			pos, changed = at+n, true
		}
	}
	if !changed {
		return q, false, tags
	}
	sb.WriteString(q[pos:])
	return sb.String(), true, nil
}

// respell returns what the report writes after prev where rest, the
// question after prev, has one letter wrong, and how many bytes of rest it
// replaces; 0 when rest goes on as the report does, or as it never does.
// The wrong letter must sound as the report's does (化 for 话), unless the
// fix is four letters or more and goes on past it (生产总值 for 生厂总值); a
// fix the report's text allows two ways is none.
func (b *Book) respell(prev, rest string) (string, int) {
	q := []rune(rest)
	if utf8.RuneCountInString(prev) < 2 || len(q) < 2 || !isHan(q[0]) || !isHan(q[1]) {
		return "", 0
	}
	text := b.texts.text
	if strings.Contains(text, prev+string(q[:2])) {
		return "", 0
	}
	best, bestN, ambiguous := "", 0, false
	for i := range occurrences(text, prev) {
		fix, n := respellAt([]rune(firstRunes(text[i+len(prev):], maxRespell)), q, b.lex.readings)
		switch {
		case n > bestN:
			best, bestN, ambiguous = fix, n, false
		case n == bestN && n > 0 && fix != best:
			ambiguous = true
		}
	}
	if bestN == 0 {
		return b.respellLast(prev, q)
	}
	if ambiguous {
		return "", 0
	}
	return best, len(string(q[:bestN]))
}

// respellLast returns the letter the report writes after prev in place of
// q's first, of the same sound, where the two make one word and prev with
// q's first does not (幼儿圆 for 幼儿园: a typo in a word's last letter, which
// nothing after it confirms); a fix the report allows two ways is none.
func (b *Book) respellLast(prev string, q []rune) (string, int) {
	if b.lex.readings[q[0]] == "" || b.isWord(prev+string(q[0])) {
		return "", 0
	}
	fix := ""
	for i := range occurrences(b.texts.text, prev) {
		t, _ := utf8.DecodeRuneInString(b.texts.text[i+len(prev):])
		if t == q[0] || !sameSound(b.lex.readings, q[0], t) || !b.isWord(prev+string(t)) {
			continue
		}
		if fix != "" && fix != string(t) {
			return "", 0
		}
		fix = string(t)
	}
	if fix == "" {
		return "", 0
	}
	return fix, len(string(q[0]))
}

// isWord tells whether the segmenter reads w as one word (幼儿园, not 幼儿圆).
func (b *Book) isWord(w string) bool {
	return len(b.seg.Cut(w)) == 1
}

// sameSound tells whether two letters are read alike (化 and 话); a letter
// of no known reading sounds as nothing.
func sameSound(readings map[rune]string, a, b rune) bool {
	return readings[a] != "" && readings[a] == readings[b]
}

// respellAt compares the question's letters q with the report's t from
// their starts: the longest run of two letters or more with exactly one
// letter different, that letter of the same sound or the run four letters
// or more and going on past it, as the report writes it and its length in
// letters.
func respellAt(t, q []rune, readings map[rune]string) (string, int) {
	diff, at, n := 0, -1, 0
	for k := 0; k < len(t) && k < len(q) && isHan(q[k]); k++ {
		if t[k] != q[k] {
			if diff++; diff > 1 {
				break
			}
			at = k
		}
		if diff == 1 && k >= 1 {
			n = k + 1
		}
	}
	if n == 0 {
		return "", 0
	}
	same := sameSound(readings, t[at], q[at])
	if !same && (n < 4 || at == n-1) {
		return "", 0
	}
	return string(t[:n]), n
}

// firstRunes returns up to n letters of s from its start.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// allHan tells whether s is Chinese letters only.
func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}
