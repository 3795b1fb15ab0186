package knowledge

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// labelledFigure is one row of testdata/figures.tsv: a figure of the report
// as a person reads it.
type labelledFigure struct {
	line                int
	snippet, raw        string
	subjects            []string // equally right labels
	measure, kind, pair string
	year                int
}

// readFigureTable reads testdata/figures.tsv; a malformed row fails the test.
func readFigureTable(t *testing.T, path string) []labelledFigure {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelledFigure
	seen := make(map[string]bool)
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "snippet\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 7 {
			t.Fatalf("%s:%d: %d columns, want 7", path, n, len(c))
		}
		y, err := strconv.Atoi(c[4])
		if err != nil || !strings.Contains(c[0], reNumber.FindString(c[1])) || c[2] == "" {
			t.Fatalf("%s:%d: malformed row %q", path, n, line)
		}
		if seen[c[0]+"\t"+c[1]] {
			t.Fatalf("%s:%d: the figure %s %s is in the table twice", path, n, c[0], c[1])
		}
		seen[c[0]+"\t"+c[1]] = true
		lf := labelledFigure{line: n, snippet: c[0], raw: c[1], measure: c[3], year: y, kind: c[5], pair: c[6]}
		for _, s := range strings.Split(c[2], "|") {
			lf.subjects = append(lf.subjects, normLabel(s))
		}
		out = append(out, lf)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// normLabel drops what a label may or may not carry: quotes and spaces.
func normLabel(s string) string {
	return strings.NewReplacer("“", "", "”", "", "\"", "", "‘", "", "’", "", "《", "", "》", "", " ", "").Replace(strings.TrimSpace(s))
}

// figureScores are the measures of the extractor against the labelled table.
type figureScores struct {
	rows, found, spurious               int
	label, year, kind, measure          int
	predicted, truePredicted, truePairs int
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return float64(a) * 100 / float64(b)
}

// TestFigureTable measures the figures of the report against the table of
// them labelled by hand (testdata/figures.tsv) and fails below the bar the
// bot is held to: figures found, labels, years, kinds and measures right,
// no false comparison, and most true 2016 → 2017 pairs shown.
func TestFigureTable(t *testing.T) {
	table := readFigureTable(t, "../testdata/figures.tsv")
	b := openTestBase(t)
	var hits []FigureHit
	for _, s := range b.Sentences() {
		for _, f := range s.Figures {
			hits = append(hits, FigureHit{Figure: f, SentenceID: s.ID, Text: s.Text, Section: s.Section()})
		}
	}
	rowOf := make(map[int]int) // hit index → table row
	var sc figureScores
	sc.rows = len(table)
	for r, lf := range table {
		hi := -1
		for i, h := range hits {
			if h.Raw == lf.raw && strings.Contains(h.Text, lf.snippet) {
				if _, taken := rowOf[i]; !taken {
					hi = i
					break
				}
			}
		}
		if hi < 0 {
			t.Logf("not found (line %d): %s %s", lf.line, lf.snippet, lf.raw)
			continue
		}
		rowOf[hi] = r
		sc.found++
		f := hits[hi].Figure
		if ok := containsString(lf.subjects, normLabel(f.Subject)); ok {
			sc.label++
		} else {
			t.Logf("label (line %d): %s: got %q, want %q", lf.line, lf.raw, f.Subject, strings.Join(lf.subjects, " | "))
		}
		if f.Year == lf.year {
			sc.year++
		} else {
			t.Logf("year (line %d): %s %s: got %d, want %d", lf.line, f.Subject, lf.raw, f.Year, lf.year)
		}
		if f.Kind == lf.kind {
			sc.kind++
		} else {
			t.Logf("kind (line %d): %s %s: got %s, want %s", lf.line, f.Subject, lf.raw, f.Kind, lf.kind)
		}
		if f.Measure == lf.measure {
			sc.measure++
		} else {
			t.Logf("measure (line %d): %s %s: got %s, want %s", lf.line, f.Subject, lf.raw, f.Measure, lf.measure)
		}
	}
	sc.spurious = len(hits) - len(rowOf)
	for i, h := range hits {
		if _, ok := rowOf[i]; !ok {
			t.Logf("not in the table: %s %s (sentence %d)", h.Metric, h.Raw, h.SentenceID)
		}
	}
	// Comparisons: every pair the bot would show with an arrow, against the
	// pairs the table calls true.
	for _, a := range table {
		for _, tg := range table {
			if a.pair != "" && a.pair == tg.pair && a.kind == KindActual && tg.kind == KindTarget {
				sc.truePairs++
			}
		}
	}
	for _, c := range b.Comparisons(hits) {
		sc.predicted++
		ai, ti := hitIndex(hits, c.Actual), hitIndex(hits, c.Target)
		ra, okA := rowOf[ai]
		rt, okT := rowOf[ti]
		if okA && okT && table[ra].pair != "" && table[ra].pair == table[rt].pair {
			sc.truePredicted++
			continue
		}
		t.Logf("false comparison: %s %s → %s %s", c.Actual.Subject, c.Actual.Raw, c.Target.Subject, c.Target.Raw)
	}
	t.Logf("figures: %d in the table, %d found (%.1f%%), %d found that the table lacks", sc.rows, sc.found, pct(sc.found, sc.rows), sc.spurious)
	t.Logf("of those found: labels %.1f%%, years %.1f%%, kinds %.1f%%, measures %.1f%%",
		pct(sc.label, sc.found), pct(sc.year, sc.found), pct(sc.kind, sc.found), pct(sc.measure, sc.found))
	t.Logf("comparisons: %d shown, %d true (precision %.1f%%); %d true pairs in the table (recall %.1f%%)",
		sc.predicted, sc.truePredicted, pct(sc.truePredicted, sc.predicted), sc.truePairs, pct(sc.truePredicted, sc.truePairs))
	for _, bar := range []struct {
		name      string
		got, want float64
	}{
		{"figures found", pct(sc.found, sc.rows), 97},
		{"figures not in the table", pct(sc.rows-sc.spurious, sc.rows), 97},
		{"labels", pct(sc.label, sc.found), 95},
		{"years", pct(sc.year, sc.found), 98},
		{"kinds", pct(sc.kind, sc.found), 97},
		{"measures", pct(sc.measure, sc.found), 95},
		{"comparison precision", pct(sc.truePredicted, sc.predicted), 100},
		{"comparison recall", pct(sc.truePredicted, sc.truePairs), 80},
	} {
		if bar.got < bar.want {
			t.Errorf("%s: %.1f%%, below %.0f%%", bar.name, bar.got, bar.want)
		}
	}
}

// hitIndex returns the index in hits of the figure of h's sentence and raw.
func hitIndex(hits []FigureHit, h FigureHit) int {
	for i, x := range hits {
		if x.SentenceID == h.SentenceID && x.Raw == h.Raw && x.Subject == h.Subject && x.Value == h.Value {
			return i
		}
	}
	return -1
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestFigureLabelsStandAlone: in a list of all the figures of a report, each
// label makes sense on its own: it has a subject, does not open with a
// particle or a verb fragment, and is not a fragment itself.
func TestFigureLabelsStandAlone(t *testing.T) {
	raw, err := os.ReadFile("../testdata/synthetic-2019-report.txt")
	if err != nil {
		t.Fatal(err)
	}
	synthetic, err := Parse(raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range []*Document{parseSeed(t, seedReport()), synthetic} {
		for _, s := range doc.Sentences {
			for _, f := range s.Figures {
				bad := f.Subject == "" || f.Metric == "" || f.Measure == "" || f.Kind == "" || f.Year == 0
				for _, p := range []string{"的", "向", "为", "占", "降", "与", "对", "在", "和", "及", "、", "，", "比", "由"} {
					bad = bad || strings.HasPrefix(f.Subject, p)
				}
				bad = bad || containsString([]string{"之一", "全部", "投资", "总投资", "项目", "竣工", "开工", "增长", "数字"}, f.Subject)
				bad = bad || strings.ContainsAny(f.Subject, "“”")
				if bad {
					t.Errorf("%s: %+v", s.Text, f)
				}
			}
		}
	}
}
