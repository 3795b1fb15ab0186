package knowledge

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// openTestBase opens a knowledge base on a new SQLite file.
func openTestBase(t testing.TB) *Base {
	t.Helper()
	b, err := Open(context.Background(), Config{Path: filepath.Join(t.TempDir(), "reportbot.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

type evalCase struct {
	question string
	want     []string
}

// readEval reads an eval file: question, a tab, the |-separated strings the
// answer sentence must contain.
func readEval(t testing.TB, path string) []evalCase {
	t.Helper()
	var out []evalCase
	for _, cols := range readRows(t, path, 2) {
		out = append(out, evalCase{cols[0], strings.Split(cols[1], "|")})
	}
	return out
}

// readRows reads a tab-separated test file of n columns, skipping blank and
// # lines; a row of another width fails the test.
func readRows(t testing.TB, path string, n int) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(cols) != n {
			t.Fatalf("%s: want %d tab-separated columns: %q", path, n, line)
		}
		out = append(out, cols)
	}
	return out
}

// TestAnswerQuality scores the questions of testdata the way
// ../shared/eval/score_ask.py does: a hit at k is one of the first k answers,
// at most 320 characters long, holding every expected string.
func TestAnswerQuality(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct {
		file    string
		minHit1 float64
		minHit3 float64
	}{
		{"dev_ask.tsv", 0.95, 1},
		{"extra_ask.tsv", 0.95, 1},
	} {
		t.Run(tt.file, func(t *testing.T) {
			cases := readEval(t, filepath.Join("..", "testdata", tt.file))
			var hit1, hit3, unanswered int
			for _, c := range cases {
				res, err := b.Ask(context.Background(), c.question, 5)
				answers := res.Answers
				if err != nil {
					t.Fatalf("Ask(%q): %v", c.question, err)
				}
				if !res.Answered {
					unanswered++
					t.Logf("marked unanswered: %s (%+v)", c.question, res.Missing)
				}
				rank := 0
				for i, a := range answers {
					if utf8.RuneCountInString(a.Text) > 320 {
						continue
					}
					all := true
					for _, w := range c.want {
						all = all && strings.Contains(a.Text, w)
					}
					if all {
						rank = i + 1
						break
					}
				}
				if rank == 1 {
					hit1++
				}
				if rank >= 1 && rank <= 3 {
					hit3++
				}
				if rank != 1 {
					top := ""
					if len(answers) > 0 {
						top = answers[0].Text
					}
					t.Logf("miss@1 %s want %v rank=%d top=%s", c.question, c.want, rank, top)
				}
			}
			n := float64(len(cases))
			t.Logf("n=%d hit@1=%.3f hit@3=%.3f marked-unanswered=%.3f", len(cases), float64(hit1)/n, float64(hit3)/n, float64(unanswered)/n)
			// Every question of these files is answered by the report.
			if got := float64(unanswered) / n; got > 0.02 {
				t.Errorf("%.3f of answerable questions marked unanswered, want <= 0.02", got)
			}
			if got := float64(hit1) / n; got < tt.minHit1 {
				t.Errorf("hit@1 = %.3f, want >= %.2f", got, tt.minHit1)
			}
			if got := float64(hit3) / n; got < tt.minHit3 {
				t.Errorf("hit@3 = %.3f, want >= %.2f", got, tt.minHit3)
			}
		})
	}
}

func TestAskReturnsSentencesAsTheyStand(t *testing.T) {
	b := openTestBase(t)
	res, err := b.Ask(context.Background(), "今年旅游收入目标是多少？", 3)
	answers := res.Answers
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) == 0 {
		t.Fatal("no answers")
	}
	a := answers[0]
	if got, want := a.Text, "全年接待游客1.23亿人次，实现旅游总收入1040亿元。"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	if got, want := a.Section, "二、2017年总体要求及重点工作安排 › (七)传承历史文脉… › 二是做大做强文化旅游产业"; got != want {
		t.Errorf("section = %q, want %q", got, want)
	}
	var found bool
	for _, f := range a.Figures {
		if f.Metric == "旅游总收入" && f.Value == 1040 && f.Unit == "亿元" && f.Year == 2017 && f.Kind == KindTarget {
			found = true
		}
	}
	if !found {
		t.Errorf("figures %+v lack 旅游总收入 1040亿元 2017 target", a.Figures)
	}
	for i := 1; i < len(answers); i++ {
		if answers[i].Score > answers[i-1].Score {
			t.Errorf("answers not ranked: %v after %v", answers[i].Score, answers[i-1].Score)
		}
	}
}

// TestFiguresBothYears: for a metric the report gives for both years, the
// 2016 actual and the 2017 target are among the first five figures.
func TestFiguresBothYears(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct {
		query    string
		want2016 string // raw figure of 2016
		want2017 string
	}{
		{"地区生产总值", "3740亿元", "8.8%"},
		{"GDP", "3740亿元", "8.8%"},
		{"一般公共预算收入", "302.7亿元", "8.5%"},
		{"固定资产投资", "4085亿元", "13%"},
		{"社会消费品零售总额", "1800亿元", "12%"},
		{"旅游总收入", "905亿元", "1040亿元"},
		{"游客", "1.14亿人次", "1.23亿人次"},
		{"养老床位", "3400张", "3000张"},
		{"供热面积", "364万平方米", "800万平方米"},
		{"创业担保贷款", "29.8亿元", "15亿元"},
		{"有效灌溉面积", "4.26万亩", "3万亩"},
		{"治理水土流失面积", "153平方公里", "150平方公里"},
		{"农村劳动力转移就业", "3.1万人", "2.6万人"},
		{"新增城镇就业", "13万人", "10万人"},
		{"棚户区改造", "717.4万平方米", "680万平方米"},
	} {
		hits, err := b.Figures(tt.query)
		if err != nil {
			t.Fatalf("Figures(%q): %v", tt.query, err)
		}
		if len(hits) > 5 {
			hits = hits[:5]
		}
		var got16, got17 bool
		for _, h := range hits {
			if h.Year == 2016 && h.Kind == KindActual && h.Raw == tt.want2016 {
				got16 = true
			}
			if h.Year == 2017 && h.Kind == KindTarget && strings.HasPrefix(h.Raw, tt.want2017) {
				got17 = true
			}
		}
		if !got16 || !got17 {
			t.Errorf("Figures(%q) first five = %+v; want 2016 actual %s and 2017 target %s", tt.query, hits, tt.want2016, tt.want2017)
		}
	}
}

func TestFiguresBadInput(t *testing.T) {
	b := openTestBase(t)
	for _, q := range []string{"", "   ", "？！。", "\x00\xff"} {
		if _, err := b.Figures(q); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("Figures(%q) err = %v, want ErrInvalidInput", q, err)
		}
	}
	hits, err := b.Figures("火星基地")
	if err != nil || len(hits) != 0 {
		t.Errorf("Figures(火星基地) = %v, %v; want no figures, no error", hits, err)
	}
}

// hostileQuestions is input a chat user may send; none may crash or fail
// with anything but ErrInvalidInput.
var hostileQuestions = []string{
	"", " ", "\t\n", "？？？", "。，、；：", "!!!", "\x00", "\xff\xfe\xfd", "洛\xff阳GDP",
	`"`, `""`, `"GDP`, `GDP"增长"`, "*", "GDP*", "^GDP", "GDP:", "words:GDP", "{words ctx}: 旅游",
	"NEAR(旅游 收入)", "旅游 AND 收入", "旅游 OR", "NOT 旅游", "(旅游", "旅游)", "-旅游", "+", "AND OR NOT",
	"😀😀😀", "旅游😀收入", "\u200b\u200b", "旅\u200b游收入", "ＧＤＰ是多少", "gdp", "2017", "8.8%", "3740",
	strings.Repeat("旅游收入", 2500), strings.Repeat("a", 10000), strings.Repeat("😀", 3000), strings.Repeat("\"*", 5000),
	"@everyone 今年GDP增长目标是多少", "<@123456789012345678> 旅游", "`code` **bold**", "DROP TABLE idx_fts;--",
}

func TestAskHostileInput(t *testing.T) {
	b := openTestBase(t)
	for _, q := range hostileQuestions {
		res, err := b.Ask(context.Background(), q, 3)
		answers := res.Answers
		if err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Errorf("Ask(%.40q): %v", q, err)
		}
		for _, a := range answers {
			if !utf8.ValidString(a.Text) || a.Text == "" {
				t.Errorf("Ask(%.40q) gave a bad answer %q", q, a.Text)
			}
		}
	}
	// Operators are text: a question full of them still finds its words.
	res, err := b.Ask(context.Background(), `NEAR("旅游总收入" * ^目标): 2017`, 3)
	answers := res.Answers
	if err != nil || len(answers) == 0 || !strings.Contains(answers[0].Text, "旅游总收入") {
		t.Errorf("question with FTS5 syntax: %v, %v", answers, err)
	}
}

func FuzzAsk(f *testing.F) {
	for _, q := range hostileQuestions {
		f.Add(q)
	}
	f.Add("今年旅游收入目标是多少？")
	b := openTestBase(f)
	f.Fuzz(func(t *testing.T, q string) {
		res, err := b.Ask(context.Background(), q, 3)
		answers := res.Answers
		if err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("Ask(%q): %v", q, err)
		}
		for _, a := range answers {
			if a.Text == "" || a.Section == "" {
				t.Fatalf("Ask(%q): empty answer %+v", q, a)
			}
		}
		if _, err := b.Figures(q); err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("Figures(%q): %v", q, err)
		}
	})
}

func TestOpenBuildsOnceAndKeepsState(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reportbot.db")
	b, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Rebuilt() {
		t.Error("first open did not build the index")
	}
	n := len(b.Sentences())
	// Tables beside the index (the state package's) are left alone.
	if _, err := b.DB().Exec(`CREATE TABLE subscriptions (channel_id TEXT PRIMARY KEY); INSERT INTO subscriptions VALUES ('111111111111111111')`); err != nil {
		t.Fatal(err)
	}
	b.Close()

	b, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if b.Rebuilt() {
		t.Error("second open rebuilt an up-to-date index")
	}
	if got := len(b.Sentences()); got != n {
		t.Errorf("reopened index has %d sentences, want %d", got, n)
	}
	// An index from other seeds or another version is rebuilt; state stays.
	if _, err := b.DB().Exec(`UPDATE idx_meta SET value = 'stale' WHERE key = 'fingerprint'`); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !b.Rebuilt() {
		t.Error("stale index was not rebuilt")
	}
	var subs int
	b.DB().QueryRow(`SELECT count(*) FROM subscriptions`).Scan(&subs)
	if subs != 1 {
		t.Errorf("after rebuild: %d subscriptions, want 1", subs)
	}
	res, err := b.Ask(ctx, "2016年地区生产总值是多少", 1)
	answers := res.Answers
	if err != nil || len(answers) == 0 || !strings.Contains(answers[0].Text, "3740亿元") {
		t.Errorf("after rebuild: %v, %v", answers, err)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := Open(context.Background(), Config{}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("err = %v, want ErrInvalidInput", err)
	}
}

func TestSynonymsAndUserDictParse(t *testing.T) {
	if _, err := ParseSynonyms([]byte("只有一个词\n")); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("one-word group: err = %v, want ErrInvalidInput", err)
	}
	s, err := ParseSynonyms([]byte("# c\n地区生产总值 | GDP\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Group("gdp"), ","); got != "gdp,地区生产总值" {
		t.Errorf("Group(gdp) = %s", got)
	}
	if _, err := ParseUserDict([]byte("一带一路 abc\n")); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("bad weight: err = %v, want ErrInvalidInput", err)
	}
}

// An attribute the best sentence lacks is taken from a lower one about the
// same thing that names it (a rank, an area in 平方米), never an amount of
// money of something else.
func TestDecideTakesAttributeFromLower(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct {
		q, want string
	}{
		{"洛阳政府依法办事在省里排第几？", "名列全省第一"},
		{"今年老旧房子改造计划拆多少平方米？", "680万平方米"},
	} {
		res, err := b.Ask(context.Background(), tt.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered || len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, tt.want) {
			t.Errorf("%s: answered %v, first %+v; want %s first", tt.q, res.Answered, res.Answers[:min(1, len(res.Answers))], tt.want)
		}
	}
}
