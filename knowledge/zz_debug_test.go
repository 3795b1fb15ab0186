package knowledge

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"testing"
)

// go test -tags sqlite_fts5 -run TestZZDebug ./knowledge with QS=file
func TestZZDebug(t *testing.T) {
	f := os.Getenv("QS")
	if f == "" {
		t.Skip()
	}
	kb, err := Open(context.Background(), Config{Path: "/tmp/zzdebug.db"})
	if err != nil {
		t.Fatal(err)
	}
	defer kb.Close()
	fh, _ := os.Open(f)
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		q := sc.Text()
		qs := kb.prepare(NormalizeQuestion(q))
		it := kb.analyze(qs)
		res, _ := kb.Ask(context.Background(), q, 3)
		fmt.Printf("Q %s\n  text=%q lang=%s groups=%v unknown=%v qsunk=%v nouns=%v years=%v count=%v fig=%v units=%v period=%v\n", q, qs.text, qs.lang, qs.groups, it.unknown, qs.unknown, it.nouns, it.years, it.wantCount, it.wantFigure, it.units, it.period)
		for _, c := range it.concepts {
			fmt.Printf("  concept %v w=%.2f plain=%v own=%v\n", c.terms, c.weight, c.plain, c.own)
		}
		for _, a := range it.attrs {
			fmt.Printf("  attr %s %v\n", a.cue, a.units)
		}
		fmt.Printf("  answered=%v missing=%+v\n", res.Answered, res.Missing)
		for _, a := range res.Answers {
			fmt.Printf("  -> %.80s\n", a.Text)
			for _, fg := range a.Figures {
				fmt.Printf("     fig %s %v%s year=%d kind=%v measure=%v\n", fg.Subject, fg.Value, fg.Unit, fg.Year, fg.Kind, fg.Measure)
			}
		}
	}
}
