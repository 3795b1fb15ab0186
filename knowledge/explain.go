package knowledge

import (
	"context"
	"fmt"
	"strings"

	"reportbot/report"
)

// explainCandidates is how many candidates Explain lists.
const explainCandidates = 8

// Explain answers a question as Ask does and tells how: the report chosen,
// the question as read (its intent), the candidate sentences with their
// scores, and the judge's rules run on the best one, up to the rule that
// decided. It returns ErrInvalidInput for a question with nothing to search
// for.
func (b *Base) Explain(ctx context.Context, question string) (string, error) {
	bk, _ := b.pick(question)
	res, a, err := bk.ask(ctx, question, explainCandidates)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "report: %s (%s)\n", bk.outline.FullTitle(), bk.outline.Name)
	sb.WriteString(a.intent.String())
	sb.WriteString("candidates:\n")
	if len(a.cands) == 0 {
		sb.WriteString("  none\n")
	}
	for k, c := range a.cands {
		if k == explainCandidates {
			break
		}
		s := &bk.sentences[c.i]
		fmt.Fprintf(&sb, "  %2d. %7.3f  #%d %s\n", k+1, c.score, s.ID, clipText(s.Text, 60))
	}
	sb.WriteString("rules:\n")
	if len(a.cands) > 0 {
		bk.judgeEach(&a.intent, a.cands[0].i, func(r rule, m *report.Missing) {
			verdict := "ok"
			if m != nil {
				verdict = fmt.Sprintf("NOT ANSWERED (%s %s)", m.Kind, strings.Join(m.What, " "))
			}
			fmt.Fprintf(&sb, "  %-17s %s\n", r.name, verdict)
		})
	}
	switch {
	case res.Answered:
		sb.WriteString("answered\n")
	case res.Missing != nil:
		fmt.Fprintf(&sb, "not answered, by rule %s: %s\n", res.Missing.Rule, res.Message)
	}
	return sb.String(), nil
}

// judgeEach runs the judge's rules on a sentence in order, calling fn with
// each rule and what it found, until one finds something missing.
func (b *Book) judgeEach(it *intent, best int, fn func(r rule, m *report.Missing)) {
	j := &judging{b: b, it: it, best: best, text: b.lower[best], s: &b.sentences[best]}
	for _, r := range judgeRules {
		m := r.run(j)
		fn(r, m)
		if m != nil {
			return
		}
	}
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
