package knowledge

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"reportbot/report"
)

// Ask answers a question from the report it names (a city or a year that
// only one loaded report covers), else from the default report. With more
// than one report loaded, the result names the report it quotes.
func (b *Base) Ask(ctx context.Context, question string, top int) (report.Result, error) {
	if parts := splitAsks(NormalizeQuestion(question)); parts != nil {
		return b.askEach(ctx, parts, top)
	}
	bk, _ := b.pick(question)
	return b.askBook(ctx, bk, question, top)
}

// askBook answers a question from one report, naming it when several are
// loaded.
func (b *Base) askBook(ctx context.Context, bk *Book, question string, top int) (report.Result, error) {
	res, err := bk.Ask(ctx, question, top)
	if len(b.books) > 1 {
		res.Report = bk.Ref()
	}
	return res, err
}

// Books returns the loaded reports, the default one first.
func (b *Base) Books() []report.Book {
	out := make([]report.Book, len(b.books))
	for i, bk := range b.books {
		out[i] = bk
	}
	return out
}

// Pick returns the report a text names, and the text without the name of
// its city: the report whose city it names, else the one alone to cover a
// year it names, else the default report with the text as it is.
func (b *Base) Pick(text string) (report.Book, string) {
	bk, rest := b.pick(text)
	return bk, rest
}

func (b *Base) pick(text string) (*Book, string) {
	if len(b.books) == 1 {
		return b.books[0], text
	}
	q := NormalizeQuestion(text)
	if s, ok := ToSimplified(q); ok {
		q = s
	}
	if bk := only(b.books, func(bk *Book) bool { return bk.namedIn(q) }); bk != nil {
		return bk, bk.withoutCity(text, q)
	}
	for _, m := range reAskedYear.FindAllString(q, -1) {
		y, _ := strconv.Atoi(m)
		if bk := only(b.books, func(bk *Book) bool { return bk.covers(y) }); bk != nil {
			return bk, text
		}
	}
	return b.books[0], text
}

// withoutCity returns a command's argument without the name of the report's
// city that chose it (襄阳 旅游总收入 → 旅游总收入); text as it is when the
// name is not written as q reads it.
func (bk *Book) withoutCity(text, q string) string {
	city := bk.lex.city[0]
	if city == "" || !strings.Contains(text, city) {
		return text
	}
	rest := strings.Replace(text, city+"市", "", 1)
	if rest == text {
		rest = strings.Replace(text, city, "", 1)
	}
	return strings.TrimSpace(rest)
}

// only returns the one book for which ok holds, or nil when none or several do.
func only(books []*Book, ok func(*Book) bool) *Book {
	var found *Book
	for _, bk := range books {
		if ok(bk) {
			if found != nil {
				return nil
			}
			found = bk
		}
	}
	return found
}

// namedIn tells whether a question names the report's city, in Chinese or
// in English.
func (bk *Book) namedIn(q string) bool {
	city, en := bk.lex.city[0], bk.lex.city[1]
	if city != "" && strings.Contains(q, city) {
		return true
	}
	return en != "" && containsWord(strings.ToLower(q), strings.ToLower(en))
}

// containsWord tells whether s holds w as whole words (luoyang, not luoyangs).
func containsWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		start, end := i+k, i+k+len(w)
		if (start == 0 || !isLatin(rune(s[start-1]))) && (end == len(s) || !isLatin(rune(s[end]))) {
			return true
		}
		i = start + 1
	}
}

// covers tells whether the report speaks of a year: the one it plans for,
// the one it reviews, and those of its parts' spans.
func (bk *Book) covers(y int) bool {
	if y == bk.thisYear || y == bk.thisYear-1 {
		return true
	}
	for _, s := range bk.sentences {
		if s.Period == PeriodNone {
			continue
		}
		for _, f := range s.Figures {
			if f.Year == y && f.Kind != KindBase {
				return true
			}
		}
	}
	return false
}

// numbersIn counts the different numbers of a line.
func numbersIn(line string) int {
	seen := map[string]bool{}
	for _, n := range reNumber.FindAllString(line, -1) {
		seen[n] = true
	}
	return len(seen)
}

// reAskSeparator cuts a question of several asks: 2016年一般公共预算收入是多少？
// 比上年增长还是下降，幅度多少？ holds two.
var reAskSeparator = regexp.MustCompile(`[？?；;]+`)

// maxAsks bounds the asks of one question.
const maxAsks = 3

// splitAsks returns the asks of a question when it holds two or more, each
// with a question word of its own; nil otherwise.
func splitAsks(q string) []string {
	var parts []string
	for _, p := range reAskSeparator.Split(strings.TrimSpace(q), -1) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) < 2 || len(parts) > maxAsks {
		return nil
	}
	for _, p := range parts {
		if !hasAskWord(p) {
			return nil
		}
	}
	return parts
}

// hasAskWord tells whether a question holds a question word of either
// language.
func hasAskWord(q string) bool {
	return containsAny(q, askWords) || containsAny(q, []string{"呢", "吗"}) || reEnAsk.MatchString(q)
}

var reEnAsk = regexp.MustCompile(`(?i)\b(?:how|what|when|which|who|where|whether|is|are|was|were|did|does|do)\b`)

// askEach answers a question of several asks one by one, each after the one
// before (a follow-up of it), in one result: the first ask's result with the
// sentences of all, the answer line of each (or what the report does not
// answer for it), answered when any ask is.
func (b *Base) askEach(ctx context.Context, parts []string, top int) (report.Result, error) {
	var out report.Result
	var lines []string
	prev := ""
	seen := map[int]bool{}
	answered, first := 0, -1
	for k, p := range parts {
		res, err := b.AskIn(ctx, p, prev, top)
		if err != nil {
			return out, err
		}
		if res.Answered && len(res.Answers) > 0 {
			answered++
			if k == 0 {
				first = res.Answers[0].ID
			}
		}
		prev = res.Understood
		if k == 0 {
			out = res
			out.Answers = nil
		}
		line := res.Line
		if !res.Answered {
			line = res.Message
		}
		if head, rest, ok := strings.Cut(line, "，"); ok && res.Answered && slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, head) }) {
			// 什么时候建成通车 after 全长多少: the thing's clause is said already
			line = rest
		}
		if line != "" && !slices.Contains(lines, line) {
			lines = append(lines, line)
		}
		for _, a := range res.Answers {
			if !seen[a.ID] && (res.Answered || !out.Answered) {
				seen[a.ID] = true
				out.Answers = append(out.Answers, a)
			}
		}
		if res.Answered && !out.Answered {
			out.Answered, out.Missing, out.Message = true, nil, ""
		}
	}
	if len(out.Answers) > top {
		out.Answers = out.Answers[:top]
	}
	sep := "；"
	if out.Lang == LangEN {
		sep = "; "
	}
	out.Line = strings.Join(lines, sep)
	out.Understood = ""
	if answered == len(parts) && first >= 0 {
		// 安排重点项目多少个？年度计划投资多少？: when the asks read as one
		// are answered by the first ask's sentence, it answers them all, each
		// figure they name in one line (the later ask alone may find another
		// sentence's 投资总额, or the first ask's figure again).
		whole, err := b.Ask(ctx, strings.Join(parts, "，"), top)
		if err == nil && whole.Answered && len(whole.Answers) > 0 && whole.Answers[0].ID == first && numbersIn(whole.Line) >= numbersIn(out.Line) {
			out.Line, out.Answers = whole.Line, whole.Answers
		}
	}
	return out, nil
}
