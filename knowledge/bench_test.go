package knowledge

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkAsk measures answering one question in process, over the dev
// questions in turn (goal: under 1 ms).
func BenchmarkAsk(b *testing.B) {
	kb := openTestBase(b)
	benchAsk(b, kb, []string{
		"2016年全市地区生产总值增长多少", "今年旅游收入目标是多少？", "地铁2号线什么时候开工",
		"有多少个贫困村脱贫", "今年新开工项目目标多少个", "科技方面存在什么问题", "报告是哪天作的",
	})
}

// benchAsk asks the questions in turn, one per iteration.
func benchAsk(b *testing.B, kb *Base, questions []string) {
	ctx := context.Background()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kb.Ask(ctx, questions[i%len(questions)], 3); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkAskMixed measures ask over the tuning sets' questions: everyday
// words, traditional characters, English, typos, lists and questions the
// report does not answer, which take the longer paths (OpenCC, the glossary,
// the not-answered checks).
func BenchmarkAskMixed(b *testing.B) {
	kb := openTestBase(b)
	var questions []string
	for _, f := range []string{"ask_c_tune.tsv", "ask_c_tune2.tsv", "ask_c_tune3.tsv"} {
		for _, c := range readAskC(b, filepath.Join("..", "testdata", f)) {
			questions = append(questions, c.question)
		}
	}
	benchAsk(b, kb, questions)
}

// BenchmarkFigures measures one figure query.
func BenchmarkFigures(b *testing.B) {
	kb := openTestBase(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kb.Figures("旅游总收入"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenExisting measures opening an index that is up to date, beyond
// the dictionary load, which happens once per process (goal: under 100 ms).
func BenchmarkOpenExisting(b *testing.B) { benchOpen(b, nil) }

// BenchmarkOpenExistingTwo is BenchmarkOpenExisting with two reports
// loaded: the embedded one and a report no data was written for.
func BenchmarkOpenExistingTwo(b *testing.B) { benchOpen(b, twoReports(b)) }

func benchOpen(b *testing.B, srcs []Source) {
	path := filepath.Join(b.TempDir(), "reportbot.db")
	kb, err := Open(context.Background(), Config{Path: path, Reports: srcs})
	if err != nil {
		b.Fatal(err)
	}
	kb.Close()
	for b.Loop() {
		kb, err := Open(context.Background(), Config{Path: path, Reports: srcs})
		if err != nil {
			b.Fatal(err)
		}
		if kb.Rebuilt() {
			b.Fatal("rebuilt an up-to-date index")
		}
		kb.Close()
	}
}

// twoReports returns the embedded report and testdata's xiangyang-2021.
func twoReports(b *testing.B) []Source {
	return []Source{EmbeddedSource(), testReport(b, "xiangyang-2021")}
}

// BenchmarkFirstStart measures the first start on an empty database: ingest,
// segmentation and indexing, beyond the dictionary load (goal: under 0.5 s).
func BenchmarkFirstStart(b *testing.B) { benchFirstStart(b, nil) }

// BenchmarkFirstStartTwo is BenchmarkFirstStart with two reports (goal:
// under 0.5 s beyond the dictionary load).
func BenchmarkFirstStartTwo(b *testing.B) { benchFirstStart(b, twoReports(b)) }

func benchFirstStart(b *testing.B, srcs []Source) {
	dir := b.TempDir()
	// The segmenter for these reports' words, loaded outside the timing.
	warm, err := Open(context.Background(), Config{Path: filepath.Join(dir, "warm.db"), Reports: srcs})
	if err != nil {
		b.Fatal(err)
	}
	warm.Close()
	n := 0
	for b.Loop() {
		n++
		kb, err := Open(context.Background(), Config{Path: filepath.Join(dir, fmt.Sprintf("r%d.db", n)), Reports: srcs})
		if err != nil {
			b.Fatal(err)
		}
		if !kb.Rebuilt() {
			b.Fatal("did not build")
		}
		kb.Close()
	}
}

// BenchmarkDictionaryLoad measures loading gojieba's dictionaries, the fixed
// cost of every process.
func BenchmarkDictionaryLoad(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		s, err := NewSegmenter(dir, nil)
		if err != nil {
			b.Fatal(err)
		}
		s.jieba.Free()
	}
}

// evalHit1 returns the share of questions whose first answer holds every
// expected string.
func evalHit1(b *testing.B, kb *Base, cases []evalCase) float64 {
	hits := 0
	for _, c := range cases {
		res, err := kb.Ask(context.Background(), c.question, 1)
		if err != nil {
			b.Fatal(err)
		}
		answers := res.Answers
		if len(answers) == 0 {
			continue
		}
		all := true
		for _, w := range c.want {
			all = all && strings.Contains(answers[0].Text, w)
		}
		if all {
			hits++
		}
	}
	return float64(hits) / float64(len(cases))
}

// BenchmarkSearchModes measures answer quality (hit@1 over the dev and extra
// questions) for bm25 over jieba words, character bigrams or both, alone and
// with the ranking signals; ns/op is the time to answer every question.
func BenchmarkSearchModes(b *testing.B) {
	kb := openTestBase(b)
	cases := append(readEval(b, filepath.Join("..", "testdata", "dev_ask.tsv")), readEval(b, filepath.Join("..", "testdata", "extra_ask.tsv"))...)
	for _, mode := range []struct {
		name string
		m    searchMode
	}{{"words", searchWords}, {"bigrams", searchBigrams}, {"both", searchBoth}} {
		for _, only := range []bool{true, false} {
			name := mode.name + "/signals"
			if only {
				name = mode.name + "/bm25"
			}
			b.Run(name, func(b *testing.B) {
				kb.mode, kb.bm25Only = mode.m, only
				defer func() { kb.mode, kb.bm25Only = searchBoth, false }()
				var hit1 float64
				for b.Loop() {
					hit1 = evalHit1(b, kb, cases)
				}
				b.ReportMetric(hit1, "hit@1")
			})
		}
	}
}
