package knowledge

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"reportbot/report"
)

// TestSyntheticReport ingests a report written for this test, of another
// city and year and with the four parts of a new government term (过去五年
// 回顾, 今后五年, 2019年重点工作, 政府自身建设), through the same code as the
// real one, and checks the years, kinds and subjects of its figures: none of
// them may come from anything but its own text.
func TestSyntheticReport(t *testing.T) {
	raw, err := os.ReadFile("../testdata/synthetic-2019-report.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Year != 2019 || doc.Date != "2019-01-15" {
		t.Errorf("date = %s, year %d; want 2019-01-15, 2019", doc.Date, doc.Year)
	}
	wantPeriods := []Period{PeriodReview, PeriodPlan, PeriodPlan, PeriodPlan}
	if len(doc.Parts) != len(wantPeriods) {
		t.Fatalf("%d parts, want %d", len(doc.Parts), len(wantPeriods))
	}
	for i, p := range doc.Parts {
		if got := doc.spans[i].period; got != wantPeriods[i] {
			t.Errorf("part %s: period %v, want %v", p.Title, got, wantPeriods[i])
		}
	}
	type fig struct {
		snippet, raw, metric, subject string
		measure, kind                 string
		yearFrom, year                int
	}
	const (
		actual, target, base, share, other = KindActual, KindTarget, KindBase, KindShare, KindOther
		level, count, growth, pct, points  = MeasureLevel, MeasureCount, MeasureGrowth, MeasureShare, MeasurePoints
	)
	for _, w := range []fig{
		// 过去五年: spans of five years, bases before them, levels at their end.
		{"由2013年的1200亿元", "1200亿元", "地区生产总值", "地区生产总值", level, base, 0, 2013},
		{"增加到1850亿元", "1850亿元", "地区生产总值", "地区生产总值", level, actual, 0, 2018},
		{"年均增长7.8%", "7.8%", "地区生产总值年均增长", "地区生产总值", growth, actual, 2014, 2018},
		{"累计完成固定资产投资8600亿元", "8600亿元", "固定资产投资", "固定资产投资", level, actual, 2014, 2018},
		{"比重达到48%", "48%", "第三产业增加值占地区生产总值比重", "第三产业增加值占地区生产总值比重", pct, share, 2014, 2018},
		{"比2013年提高6.5个百分点", "6.5个百分点", "第三产业增加值占地区生产总值比重提高", "第三产业增加值占地区生产总值比重", points, actual, 2014, 2018},
		{"由48.5%提高到", "48.5%", "常住人口城镇化率", "常住人口城镇化率", pct, base, 0, 2013},
		{"提高到55.2%", "55.2%", "常住人口城镇化率", "常住人口城镇化率", pct, actual, 0, 2018},
		{"五年来累计减少贫困人口12.6万人", "12.6万人", "减少贫困人口", "减少贫困人口", count, actual, 2014, 2018},
		{"五年共实施亿元以上项目1260个", "1260个", "亿元以上项目", "亿元以上项目", count, actual, 2014, 2018},
		{"由85家增加到230家", "85家", "高新技术企业", "高新技术企业", count, base, 0, 2013},
		{"占全省的7.1%", "7.1%", "高新技术企业占全省比重", "高新技术企业占全省比重", pct, share, 2014, 2018},
		// 2018年，… and 去年: last year, for all of the paragraph.
		{"全市地区生产总值达到1850亿元，增长7.5%", "7.5%", "地区生产总值增长", "地区生产总值", growth, actual, 0, 2018},
		{"平均水平0.9个百分点", "0.9个百分点", "地区生产总值增速高于全省平均水平", "地区生产总值增速高于全省平均水平", points, other, 0, 2018},
		{"去年，一般公共预算收入135亿元", "135亿元", "一般公共预算收入", "一般公共预算收入", level, actual, 0, 2018},
		{"游客5200万人次", "5200万人次", "游客", "游客", count, actual, 0, 2018},
		{"分别增长12%和15%", "15%", "旅游总收入增长", "旅游总收入", growth, actual, 0, 2018},
		{"新建养老床位1800张", "1800张", "新建养老床位", "新建养老床位", count, actual, 0, 2018},
		// 今后五年 and 到2020年: targets of their own years.
		{"突破2600亿元", "2600亿元", "地区生产总值", "地区生产总值", level, target, 0, 2023},
		{"城镇化率达到62%", "62%", "常住人口城镇化率", "常住人口城镇化率", pct, target, 0, 2023},
		{"剩余3.2万贫困人口", "3.2万", "剩余贫困人口", "剩余贫困人口", count, target, 0, 2020},
		// 2019年重点工作: this year's targets, with the heading's field.
		{"一般公共预算收入增长6%", "6%", "一般公共预算收入增长", "一般公共预算收入", growth, target, 0, 2019},
		{"总投资1500亿元", "1500亿元", "省市重点项目总投资", "省市重点项目总投资", level, target, 0, 2019},
		{"计划实施重大项目120个", "120个", "三大支柱产业重大项目", "三大支柱产业重大项目", count, target, 0, 2019},
		{"完成投资160亿元", "160亿元", "四大新兴产业重大项目投资", "四大新兴产业重大项目投资", level, target, 0, 2019},
		{"由70%提高到75%", "70%", "空气优良天数比例", "空气优良天数比例", pct, base, 0, 2018},
		{"由70%提高到75%", "75%", "空气优良天数比例", "空气优良天数比例", pct, target, 0, 2019},
		{"森林覆盖率达到40%", "40%", "森林覆盖率", "森林覆盖率", pct, target, 0, 2020},
		// 四、加强政府自身建设: still this year's plan.
		{"一般性支出压减5%以上", "5%以上", "一般性支出压减", "一般性支出", growth, target, 0, 2019},
	} {
		var got *Figure
		for _, s := range doc.Sentences {
			if !strings.Contains(s.Text, w.snippet) {
				continue
			}
			for i := range s.Figures {
				if s.Figures[i].Raw == w.raw {
					got = &s.Figures[i]
				}
			}
		}
		if got == nil {
			t.Errorf("%s: no figure %s", w.snippet, w.raw)
			continue
		}
		g := fig{w.snippet, got.Raw, got.Metric, got.Subject, got.Measure, got.Kind, got.YearFrom, got.Year}
		if g != w {
			t.Errorf("%s:\n got %+v\nwant %+v", w.snippet, g, w)
		}
	}
	// Comparisons: last year's figures beside this year's targets of the same
	// subject and measure, and no sum of five years beside one year.
	b := &Book{outline: report.Outline{Year: doc.Year}}
	var hits []FigureHit
	for _, s := range doc.Sentences {
		for _, f := range s.Figures {
			hits = append(hits, FigureHit{Figure: f, SentenceID: s.ID, Text: s.Text})
		}
	}
	got := map[string]bool{}
	for _, c := range b.Comparisons(hits) {
		got[c.Actual.Raw+" → "+c.Target.Raw] = true
		if c.Actual.Subject != c.Target.Subject || c.Actual.YearFrom != 0 || c.Actual.Year != 2018 || c.Target.Year != 2019 {
			t.Errorf("false comparison %s %s → %s %s", c.Actual.Subject, c.Actual.Raw, c.Target.Subject, c.Target.Raw)
		}
	}
	for _, w := range []string{"7.5% → 7%左右", "6.2% → 6%", "10.4% → 9%", "5200万人次 → 5800万人次", "420亿元 → 480亿元", "6.4万人 → 6.5万人", "1800张 → 2000张"} {
		if !got[w] {
			t.Errorf("comparison %s missing; got %v", w, got)
		}
	}
	if len(got) != 7 {
		t.Errorf("%d comparisons, want 7: %v", len(got), got)
	}
}

// TestSyntheticReportIndexed takes the synthetic report through the whole
// of the knowledge base: index, SQLite, figure queries, comparisons.
func TestSyntheticReportIndexed(t *testing.T) {
	raw, err := os.ReadFile("../testdata/synthetic-2019-report.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(context.Background(), Config{Path: filepath.Join(t.TempDir(), "synthetic.db"), Reports: []Source{{Name: "synthetic", Origin: "synthetic-2019-report.txt", Files: map[string][]byte{"report.txt": raw}}}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if o := b.Outline(); o.Year != 2019 || o.Title != "2019年青川市政府工作报告" || len(o.Parts) != 4 {
		t.Fatalf("outline = %q, year %d, %d parts", o.Title, o.Year, len(o.Parts))
	}
	hits, err := b.Figures("旅游总收入")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, c := range b.Comparisons(hits) {
		lines = append(lines, c.Metric+" "+c.Actual.Raw+" → "+c.Target.Raw)
	}
	if !containsString(lines, "旅游总收入 420亿元 → 480亿元") {
		t.Errorf("comparisons of 旅游总收入 = %q, want 旅游总收入 420亿元 → 480亿元", lines)
	}
	hits, err = b.Figures("地区生产总值")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		if h.Raw == "2600亿元" {
			found = h.Year == 2023 && h.Kind == KindTarget
		}
	}
	if !found {
		t.Errorf("地区生产总值 lacks 2600亿元 as the 2023 target: %+v", hits)
	}
}

// TestNoReportInCode: what is specific to the embedded report (its years,
// its city, its speaker) lives in seeds/, not in the Go code of any package:
// no string literal of a non-test file outside seeds/ and testdata/ names it.
func TestNoReportInCode(t *testing.T) {
	re := regexp.MustCompile(`洛阳|洛陽|(?i:luoyang)|刘宛康|(?:^|[^\d])201[67](?:[^\d]|$)`)
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "seeds" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != "..") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING && re.MatchString(lit.Value) {
				t.Errorf("%s: %s names the report, not the language", fset.Position(lit.Pos()), lit.Value)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
