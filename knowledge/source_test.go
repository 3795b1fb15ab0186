package knowledge

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testReport reads one of the reports of testdata/reports, which no data of
// seeds/ was written for.
func testReport(t testing.TB, name string) Source {
	t.Helper()
	src, err := ReadSource(filepath.Join("..", "testdata", "reports", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// openReports opens a knowledge base on the given reports, the embedded one
// first when withSeed.
func openReports(t testing.TB, withSeed bool, srcs ...Source) *Base {
	t.Helper()
	if withSeed {
		srcs = append([]Source{EmbeddedSource()}, srcs...)
	}
	b, err := Open(context.Background(), Config{Path: filepath.Join(t.TempDir(), "reportbot.db"), Reports: srcs})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestOutlineOfAnyReport reads each report's frame from its own text: its
// city, year and title, whatever its opening lines look like.
func TestOutlineOfAnyReport(t *testing.T) {
	b := openReports(t, true, testReport(t, "xiangyang-2021"), testReport(t, "jiangzhou-2019"), testReport(t, "qianshan-2022"), testReport(t, "fengxi-2025"), testReport(t, "linjiang-2019"))
	for _, tt := range []struct {
		name, city, full string
		year, parts      int
	}{
		{"luoyang-2017", "洛阳", "2017年洛阳市政府工作报告", 2017, 3},
		{"xiangyang-2021", "襄阳", "2021年襄阳市政府工作报告", 2021, 4},
		{"jiangzhou-2019", "江州", "江州市2019年政府工作报告", 2019, 4},
		{"qianshan-2022", "黔山", "2022年黔山布依族苗族自治州政府工作报告", 2022, 4}, // an autonomous prefecture
		{"fengxi-2025", "丰溪", "2025年丰溪县政府工作报告", 2025, 4},          // a county, its title bare
		{"linjiang-2019", "临江", "临江区2019年政府工作报告", 2019, 4},        // a district, naming no city
	} {
		var o = b.Default().Outline()
		for _, bk := range b.books {
			if bk.Outline().Name == tt.name {
				o = bk.Outline()
			}
		}
		if o.Name != tt.name || o.City != tt.city || o.FullTitle() != tt.full || o.Year != tt.year || len(o.Parts) != tt.parts {
			t.Errorf("%s: outline %s, city %q, %q, %d, %d parts; want %s, %q, %q, %d, %d parts", tt.name, o.Name, o.City, o.FullTitle(), o.Year, len(o.Parts), tt.name, tt.city, tt.full, tt.year, tt.parts)
		}
	}
}

// TestSeveralReports: a question that names a city, or a year only one
// report covers, is answered from that report, and the answer names it.
func TestSeveralReports(t *testing.T) {
	b := openReports(t, true, testReport(t, "xiangyang-2021"), testReport(t, "jiangzhou-2019"))
	for _, tt := range []struct {
		question, report, want string
	}{
		{"襄阳今年地区生产总值增长目标是多少", "xiangyang-2021", "12%左右"},
		{"江州去年旅游总收入多少", "jiangzhou-2019", "912.6亿元"},
		{"江州去年旅遊總收入多少", "jiangzhou-2019", "912.6亿元"},
		{"2018年旅游总收入是多少", "jiangzhou-2019", "912.6亿元"},
		{"What was Jiangzhou's tourism revenue last year?", "jiangzhou-2019", "912.6亿元"},
		{"今年旅游总收入目标是多少", "luoyang-2017", "1040亿元"},
		{"2016年旅游总收入是多少", "luoyang-2017", "905亿元"},
	} {
		res, err := b.Ask(context.Background(), tt.question, 3)
		if err != nil {
			t.Fatal(err)
		}
		if res.Report == nil || res.Report.Name != tt.report {
			t.Errorf("%s: answered from %+v, want %s", tt.question, res.Report, tt.report)
			continue
		}
		if !res.Answered || len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text, tt.want) {
			t.Errorf("%s: answered %v, %+v; want %s", tt.question, res.Answered, res.Answers, tt.want)
		}
	}
	bk, rest := b.Pick("襄阳 旅游总收入")
	if bk.Outline().Name != "xiangyang-2021" || rest != "旅游总收入" {
		t.Errorf("Pick(襄阳 旅游总收入) = %s, %q", bk.Outline().Name, rest)
	}
	// Ids name one sentence of one report.
	seen := map[int]bool{}
	for _, bk := range b.books {
		for _, s := range bk.Sentences() {
			if seen[s.ID] {
				t.Fatalf("id %d twice", s.ID)
			}
			seen[s.ID] = true
			if got, ok := b.Sentence(s.ID); !ok || got.Text != s.Text {
				t.Fatalf("Sentence(%d) = %q, want %q", s.ID, got.Text, s.Text)
			}
		}
	}
}

// TestBadReports: a report that cannot be read is an error naming its file
// and what is wrong, and nothing is left half-built.
func TestBadReports(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "jiangzhou-2019.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noDate := strings.Replace(string(good), "（2019年1月22日在江州市第十五届人民代表大会第四次会议上）", "", 1)
	noParts := strings.NewReplacer("一、", "", "二、", "", "三、", "", "四、", "").Replace(string(good))
	for _, tt := range []struct {
		name, path, want string
	}{
		{"empty", write("empty.txt", []byte(" \n")), "empty"},
		{"not UTF-8", write("gbk.txt", []byte{0xd5, 0xfe, 0xb8, 0xae, 0xb9, 0xa4, 0xd7, 0xf7}), "not UTF-8"},
		{"no date line", write("nodate.txt", []byte(noDate)), "no date line"},
		{"no parts", write("noparts.txt", []byte(noParts)), "no numbered part"},
		{"missing", filepath.Join(dir, "none.txt"), "none.txt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srcs, err := ReadSources(tt.path)
			if err == nil {
				db := filepath.Join(t.TempDir(), "r.db")
				_, err = Open(context.Background(), Config{Path: db, Reports: srcs})
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), filepath.Base(tt.path)) {
				t.Errorf("err = %v, want one naming %s and %q", err, filepath.Base(tt.path), tt.want)
			}
		})
	}
	// Corrections that do not apply are an error of their report's folder.
	folder := filepath.Join(dir, "jiangzhou")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	write("jiangzhou/report.txt", good)
	write("jiangzhou/corrections.txt", []byte("不在报告里的字\t别的字\n"))
	src, err := ReadSource(folder)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), Config{Path: filepath.Join(dir, "c.db"), Reports: []Source{src}})
	if !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), "jiangzhou") {
		t.Errorf("stale correction: err = %v, want ErrInvalidInput naming the folder", err)
	}
	// Two reports of the same title and year.
	_, err = Open(context.Background(), Config{Path: filepath.Join(dir, "d.db"), Reports: []Source{testReport(t, "jiangzhou-2019"), {Name: "copy", Origin: "copy.txt", Files: map[string][]byte{"report.txt": good}}}})
	if !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), "copy.txt") {
		t.Errorf("same title twice: err = %v, want ErrInvalidInput naming copy.txt", err)
	}
}

// TestIndexMatchesReports: a sentence changed in the index is noticed at
// the next start, and the index is rebuilt from the reports; what is quoted
// always comes from the report's text.
func TestIndexMatchesReports(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reportbot.db")
	b, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.DB().Exec(`UPDATE idx_sentences SET hash = 'changed' WHERE id = 10`); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !b.Rebuilt() {
		t.Error("an index whose sentence no longer matches was not rebuilt")
	}
}

// TestDistrictReport: a district's report (临江市金水区) is of the district:
// a question naming it asks about the whole report, not about one of the
// city's parts.
func TestDistrictReport(t *testing.T) {
	b := openReports(t, false, testReport(t, "jinshui-2020"))
	if o := b.Default().Outline(); o.City != "临江" || o.Area != "金水区" {
		t.Errorf("outline city %q area %q; want 临江, 金水区", o.City, o.Area)
	}
	for q, want := range map[string]string{
		"2019年金水区地区生产总值是多少，增长多少？": "1286.5亿元",
		// a plan under way (十三五 in 2020) is the years its review looks back on (四年来)
		"“十三五”以来地区生产总值年均增长多少？": "7.6%",
	} {
		res, err := b.Ask(context.Background(), q, 3)
		if err != nil || !res.Answered || !strings.Contains(res.Line, want) {
			t.Errorf("%s: %v, answered %v, line %q; want %s", q, err, res.Answered, res.Line, want)
		}
	}
}
