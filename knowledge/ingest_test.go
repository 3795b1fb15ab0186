package knowledge

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"reportbot/seeds"
)

// parseSeed parses the embedded report with its corrections.
func parseSeed(t testing.TB, report []byte) *Document {
	t.Helper()
	cs, err := ParseCorrections(seeds.Report()[seeds.CorrectionsFile])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(report, cs)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func seedReport() []byte { return seeds.Report()[seeds.ReportFile] }

func TestParseStructure(t *testing.T) {
	doc := parseSeed(t, seedReport())
	if got, want := doc.Title, "2017年洛阳市政府工作报告"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if !strings.Contains(doc.Subtitle, "2017年1月9日") || !strings.Contains(doc.Speaker, "刘宛康") {
		t.Errorf("subtitle %q, speaker %q: want the date and the speaker", doc.Subtitle, doc.Speaker)
	}
	wantParts := []string{"一、2016年工作回顾", "二、2017年总体要求及重点工作安排", "三、加快建设人民满意的服务型政府"}
	if len(doc.Parts) != len(wantParts) {
		t.Fatalf("got %d parts, want %d", len(doc.Parts), len(wantParts))
	}
	for i, want := range wantParts {
		if got := doc.Parts[i].Title; got != want {
			t.Errorf("part %d = %q, want %q", i+1, got, want)
		}
	}
	areas := doc.Parts[1].Areas
	if len(areas) != 10 {
		t.Fatalf("part 二 has %d areas, want 10", len(areas))
	}
	seventh := areas[6]
	if got, want := seventh.Heading(), "(七)传承历史文脉，彰显文化特色，加快构建文化传承创新体系"; got != want {
		t.Errorf("area 七 = %q, want %q", got, want)
	}
	if got, want := strings.Join(seventh.Items, "/"), "一是彰显历史文化名城底蕴/二是做大做强文化旅游产业/三是完善公共文化服务体系"; got != want {
		t.Errorf("items of 七 = %q, want %q", got, want)
	}
	if n := len(doc.Parts[2].Areas); n != 4 {
		t.Errorf("part 三 has %d areas, want 4", n)
	}
}

func TestParseAppliesCorrections(t *testing.T) {
	doc := parseSeed(t, seedReport())
	for _, s := range doc.Sentences {
		if strings.Contains(s.Text, "静州往事") || strings.Contains(s.Part, "静州往事") {
			t.Fatalf("sentence %d still holds the web debris: %q / %q", s.ID, s.Part, s.Text)
		}
	}
	if !bytes.Contains(seedReport(), []byte("静州往事")) {
		t.Fatal("the seed itself must stay as given, debris included")
	}
}

func TestParseCorrectionThatDoesNotOccur(t *testing.T) {
	_, err := Parse(seedReport(), []Correction{{From: "no such text", To: ""}})
	if !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("err = %v, want ErrInvalidInput", err)
	}
}

func TestParseKeepsRepeatedParagraphsOnce(t *testing.T) {
	full := parseSeed(t, seedReport())
	// The seed holds the report eight times; one copy must give the same sentences.
	text := string(seedReport())
	second := strings.Index(text[1:], "2017年洛阳市政府工作报告\n") + 1
	if second <= 0 {
		t.Fatal("the seed should repeat its title")
	}
	one := parseSeed(t, []byte(text[:second]))
	if len(full.Sentences) != len(one.Sentences) {
		t.Fatalf("eight copies give %d sentences, one copy %d", len(full.Sentences), len(one.Sentences))
	}
	seen := map[string]int{}
	for _, s := range full.Sentences {
		key := s.Section() + "|" + s.Text
		if prev, ok := seen[key]; ok {
			t.Errorf("sentence %d repeats sentence %d: %q", s.ID, prev, s.Text)
		}
		seen[key] = s.ID
	}
}

func TestParseSentences(t *testing.T) {
	doc := parseSeed(t, seedReport())
	byText := map[string]Sentence{}
	for _, s := range doc.Sentences {
		if n := utf8.RuneCountInString(s.Text); n > 300 {
			t.Errorf("sentence %d is %d characters long", s.ID, n)
		}
		if !strings.Contains(string(seedReport()), s.Text) {
			t.Errorf("sentence %d does not stand in the report as written: %q", s.ID, s.Text)
		}
		byText[s.Text] = s
	}
	for _, tt := range []struct {
		text, section string
		period        Period
	}{
		{"全年接待游客1.23亿人次，实现旅游总收入1040亿元。", "二、2017年总体要求及重点工作安排 › (七)传承历史文脉… › 二是做大做强文化旅游产业", PeriodPlan},
		{"计划实施重大项目337个，完成投资616亿元。", "二、2017年总体要求及重点工作安排 › (三)强化项目支撑… › 一是做大做强五大主导产业", PeriodPlan},
		{"预计全年实现地区生产总值3740亿元，同比增长8.8%，增速保持全省第一方阵；", "一、2016年工作回顾 › 综合实力迈上新台阶", PeriodReview},
		{"396个省市重点项目完成投资1044亿元，占年计划的136.5%。", "一、2016年工作回顾 › 坚持把稳增长保态势作为重中之重… › 狠抓项目扩投资", PeriodReview},
		{"洛阳市人民政府代市长刘宛康", "报告开头", PeriodNone},
	} {
		s, ok := byText[tt.text]
		if !ok {
			t.Errorf("no sentence %q", tt.text)
			continue
		}
		if got := s.Section(); got != tt.section {
			t.Errorf("section of %q = %q, want %q", tt.text, got, tt.section)
		}
		if s.Period != tt.period {
			t.Errorf("period of %q = %v, want %v", tt.text, s.Period, tt.period)
		}
	}
}

func TestCleanText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a\x00b", "ab"},
		{"洛\xff阳", "洛阳"},
		{"旅\u200b游", "旅游"},
		{"\ufeff报告", "报告"},
		{"一\r\n二", "一\n\n二"},
	} {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtractFigures(t *testing.T) {
	type fig struct {
		metric, subject string
		value           float64
		unit            string
		measure, kind   string
		year            int
	}
	const (
		actual, target, base, share, other = KindActual, KindTarget, KindBase, KindShare, KindOther
		level, count, growth, pct, points  = MeasureLevel, MeasureCount, MeasureGrowth, MeasureShare, MeasurePoints
	)
	for _, tt := range []struct {
		text   string
		period Period
		want   []fig
	}{
		{"预计全年实现地区生产总值3740亿元，同比增长8.8%，增速保持全省第一方阵；", PeriodReview,
			[]fig{{"地区生产总值", "地区生产总值", 3740, "亿元", level, actual, 2016}, {"地区生产总值增长", "地区生产总值", 8.8, "%", growth, actual, 2016}}},
		{"一般公共预算收入增长6%，完成45亿元。", PeriodReview, // a level after the rate of its thing, no level before
			[]fig{{"一般公共预算收入增长", "一般公共预算收入", 6, "%", growth, actual, 2016}, {"一般公共预算收入", "一般公共预算收入", 45, "亿元", level, actual, 2016}}},
		{"地区生产总值年均增长7%左右，到2026年突破2100亿元。", PeriodPlan,
			[]fig{{"地区生产总值年均增长", "地区生产总值", 7, "%", growth, target, 2017}, {"地区生产总值", "地区生产总值", 2100, "亿元", level, target, 2026}}},
		{"全年接待游客1.14亿人次、旅游总收入905亿元，分别增长9.5%和16%。", PeriodReview,
			[]fig{{"游客", "游客", 1.14, "亿人次", count, actual, 2016}, {"旅游总收入", "旅游总收入", 905, "亿元", level, actual, 2016},
				{"游客增长", "游客", 9.5, "%", growth, actual, 2016}, {"旅游总收入增长", "旅游总收入", 16, "%", growth, actual, 2016}}},
		{"审批环节、时限平均压缩20.9%和32.2%。", PeriodReview,
			[]fig{{"审批环节压缩", "审批环节", 20.9, "%", growth, actual, 2016}, {"审批时限压缩", "审批时限", 32.2, "%", growth, actual, 2016}}},
		{"脱贫攻坚初战告捷，214个贫困村46760名贫困人口如期脱贫。", PeriodReview,
			[]fig{{"贫困村", "贫困村", 214, "个", count, actual, 2016}, {"贫困人口", "贫困人口", 46760, "名", count, actual, 2016}}},
		{"居民消费价格涨幅控制在3%左右，城镇新增就业10万人以上，常住人口城镇化率提高1.65个百分点", PeriodPlan,
			[]fig{{"居民消费价格涨幅", "居民消费价格", 3, "%", growth, target, 2017}, {"城镇新增就业", "城镇新增就业", 10, "万人", count, target, 2017},
				{"常住人口城镇化率提高", "常住人口城镇化率", 1.65, "个百分点", points, target, 2017}}},
		{"前11个月，全市产业集聚区完成投资1878.8亿元，占全市的46%。", PeriodReview,
			[]fig{{"产业集聚区投资", "产业集聚区投资", 1878.8, "亿元", level, actual, 2016}, {"产业集聚区投资占全市比重", "产业集聚区投资占全市比重", 46, "%", pct, share, 2016}}},
		{"棚户区改造完成征迁717.4万平方米、开工912.3万平方米、竣工520.3万平方米，货币化安置率达52.7%、高于全省19.5个百分点。", PeriodReview,
			[]fig{{"棚户区改造征迁", "棚户区改造征迁", 717.4, "万平方米", level, actual, 2016}, {"棚户区改造开工", "棚户区改造开工", 912.3, "万平方米", level, actual, 2016},
				{"棚户区改造竣工", "棚户区改造竣工", 520.3, "万平方米", level, actual, 2016}, {"货币化安置率", "货币化安置率", 52.7, "%", pct, actual, 2016},
				{"货币化安置率高于全省", "货币化安置率高于全省", 19.5, "个百分点", points, other, 2016}}},
		{"全市地区生产总值达到1538.7亿元，比2015年的1386.2亿元明显增加。", PeriodReview, // the level compared with is the year's it names
			[]fig{{"地区生产总值", "地区生产总值", 1538.7, "亿元", level, actual, 2016}, {"地区生产总值", "地区生产总值", 1386.2, "亿元", level, base, 2015}}},
		{"商品房库存消化周期由2015年的23.5个月降为9个月；", PeriodReview,
			[]fig{{"商品房库存消化周期", "商品房库存消化周期", 23.5, "个月", level, base, 2015}, {"商品房库存消化周期", "商品房库存消化周期", 9, "个月", level, actual, 2016}}},
		{"大力实施“9643”合理有效投资行动计划，突出抓好415个总投资3295亿元的省市重点项目。", PeriodPlan,
			[]fig{{"省市重点项目", "省市重点项目", 415, "个", count, target, 2017}, {"省市重点项目总投资", "省市重点项目总投资", 3295, "亿元", level, target, 2017}}},
		{"中信重工成为国家首批企业“双创”示范基地、17个国家专业化众创空间之一。", PeriodReview,
			[]fig{{"国家专业化众创空间", "国家专业化众创空间", 17, "个", count, other, 2016}}},
		{"到2020年，全市常住人口城镇化率达到60%。", PeriodPlan,
			[]fig{{"常住人口城镇化率", "常住人口城镇化率", 60, "%", pct, target, 2020}}},
		{"大力实施5个重大专项，加快智慧旅游试点城市建设和4个全域旅游示范区创建", PeriodPlan,
			[]fig{{"重大专项", "重大专项", 5, "个", count, target, 2017}, {"全域旅游示范区创建", "全域旅游示范区创建", 4, "个", count, target, 2017}}},
		{"国舰机器人核心部件产业化、110千伏伊滨区拓展等项目4A级", PeriodPlan, nil},
	} {
		fc := figureContext{year: 2017, period: tt.period, from: 2016, to: 2016}
		if tt.period == PeriodPlan {
			fc.from, fc.to = 2017, 2017
		}
		got := extractFigures(tt.text, fc)
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %d figures %+v, want %d", tt.text, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			gf := fig{g.Metric, g.Subject, g.Value, g.Unit, g.Measure, g.Kind, g.Year}
			if gf != w {
				t.Errorf("%s: figure %d = %+v, want %+v", tt.text, i, gf, w)
			}
		}
	}
}

func TestLeadTimeWords(t *testing.T) {
	for _, tt := range []struct{ first, want string }{
		{"2018年，全市经济运行稳中向好。", "2018年"},
		{"刚刚过去的2021年，是“十四五”开局之年。", "2021年"},
		{"各位代表，刚刚过去的2021年，是中国共产党成立100周年。", "2021年"},
		{"各位代表，我们要看到困难。", ""},
		{"2021年是极不平凡的一年。", "2021年"},
		{"过去的一年，我们攻坚克难。", "过去的一年"},
		{"五年来，我们主要做了以下工作：", "五年来"},
		{"2021年底前建成通车。", ""},
		{"全市地区生产总值完成2318.6亿元。", ""},
	} {
		if got := leadTimeWords(tt.first); got != tt.want {
			t.Errorf("leadTimeWords(%q) = %q, want %q", tt.first, got, tt.want)
		}
	}
}

// A change to a year's level (增加到2021年的2318.6亿元) is the level of the
// same thing as its base, in the year named.
func TestChangeToYearSubject(t *testing.T) {
	fc := figureContext{year: 2022, period: PeriodReview, from: 2017, to: 2021}
	figs := extractFigures("全市地区生产总值由2016年的1486.2亿元增加到2021年的2318.6亿元，年均增长7.1%", fc)
	if len(figs) < 2 {
		t.Fatalf("got %d figures %+v, want 3", len(figs), figs)
	}
	base, level := figs[0], figs[1]
	if base.Subject != "地区生产总值" || base.Kind != KindBase || base.Year != 2016 {
		t.Errorf("base = %s %s %d, want 地区生产总值 %s 2016", base.Subject, base.Kind, base.Year, KindBase)
	}
	if level.Subject != "地区生产总值" || level.Kind != KindActual || level.Year != 2021 || level.YearFrom != 0 {
		t.Errorf("level = %s %s %d (from %d), want 地区生产总值 %s 2021", level.Subject, level.Kind, level.Year, level.YearFrom, KindActual)
	}
}

func TestPartSpan(t *testing.T) {
	for _, tt := range []struct {
		title string
		want  yearSpan
	}{
		{"一、2016年工作回顾", yearSpan{PeriodReview, 2016, 2016}},
		{"二、2017年工作安排", yearSpan{PeriodPlan, 2017, 2017}},
		{"一、过去五年工作回顾", yearSpan{PeriodReview, 2012, 2016}},
		{"二、今后五年的奋斗目标", yearSpan{PeriodPlan, 2017, 2021}},
		{"二、“十四五”时期发展的主要目标", yearSpan{PeriodPlan, 2021, 2025}},
		{"一、2016年和“十三五”工作回顾", yearSpan{PeriodReview, 2016, 2016}},
		{"三、加快建设人民满意的服务型政府", yearSpan{PeriodPlan, 2017, 2017}},
	} {
		if got := partSpan(tt.title, 2017, PeriodPlan); got != tt.want {
			t.Errorf("partSpan(%q) = %+v, want %+v", tt.title, got, tt.want)
		}
	}
}

// The time words opening a paragraph hold for the paragraphs after it in
// its part, until another opens with its own: a review of five years and
// then of one.
func TestParagraphTimeCarries(t *testing.T) {
	text := "2021年某市政府工作报告\n——2021年1月10日在某市第八届人民代表大会第一次会议上\n各位代表：\n" +
		"一、“十三五”和2020年工作回顾\n" +
		"2020年，是极不平凡的一年。全年实现地区生产总值4580.6亿元，下降5.8%。\n" +
		"过去五年，是极不平凡的五年。我们坚持稳中求进。\n" +
		"综合实力跨上新台阶。地区生产总值年均增长5.1%。\n" +
		"二、2021年重点工作\n地区生产总值增长12%左右。\n"
	years := figureYears(t, text)
	for raw, want := range map[string][2]int{"4580.6亿元": {0, 2020}, "5.1%": {2016, 2020}, "12%左右": {0, 2021}} {
		if years[raw] != want {
			t.Errorf("%s: years %v, want %v", raw, years[raw], want)
		}
	}
	// 五年来 opening a review paragraph's second sentence holds as well, in a
	// part that looks back; not in one that plans (过去五年 in 政府自身建设)
	text = "2021年某市政府工作报告\n——2021年1月20日在某市第七届人民代表大会第六次会议上\n各位代表：\n" +
		"一、“十三五”时期和2020年工作回顾\n城镇新增就业4.26万人。\n" +
		"各位代表，2020年各项工作圆满收官。五年来，我们牢记嘱托。\n" +
		"——民生福祉达到新水平。城镇新增就业累计22.3万人。\n" +
		"二、2021年主要目标和重点工作\n新时代对政府工作提出新要求。过去五年，政府工作取得成绩。\n" +
		"一般性支出压减10%以上。\n"
	years = figureYears(t, text)
	for raw, want := range map[string][2]int{"4.26万人": {0, 2020}, "22.3万人": {2016, 2020}, "10%以上": {0, 2021}} {
		if years[raw] != want {
			t.Errorf("%s: years %v, want %v", raw, years[raw], want)
		}
	}
}

// figureYears parses a report's text and returns each figure's first and
// last year, by how the text writes it.
func figureYears(t *testing.T, text string) map[string][2]int {
	t.Helper()
	doc, err := Parse([]byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	years := map[string][2]int{}
	for _, s := range doc.Sentences {
		for _, f := range s.Figures {
			years[f.Raw] = [2]int{f.YearFrom, f.Year}
		}
	}
	return years
}

// Parts headed 第一部分 are parts as 一、 ones are, with the years they speak of.
func TestPartHeadingStyles(t *testing.T) {
	text := "2024年某市政府工作报告\n——2024年1月16日在某市第八届人民代表大会第四次会议上\n各位代表：\n" +
		"第一部分　2023年工作回顾\n全年实现地区生产总值2487.3亿元，同比增长6.1%。\n" +
		"第二部分　2024年工作安排\n（一）坚定不移抓项目扩投资\n地区生产总值增长6%左右。\n" +
		"第三部分　加强政府自身建设\n我们要坚持依法行政。\n"
	doc, err := Parse([]byte(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range doc.Parts {
		titles = append(titles, p.Title)
	}
	if want := []string{"第一部分　2023年工作回顾", "第二部分　2024年工作安排", "第三部分　加强政府自身建设"}; !slices.Equal(titles, want) {
		t.Errorf("parts %q, want %q", titles, want)
	}
	for _, s := range doc.Sentences {
		for _, f := range s.Figures {
			if want := map[string]int{"2487.3亿元": 2023, "6%左右": 2024}[f.Raw]; want != 0 && f.Year != want {
				t.Errorf("%s: year %d, want %d", f.Raw, f.Year, want)
			}
		}
	}
}

// 1.56万亿元 is an amount in 万亿元, not 1.56万 of something named 亿元.
func TestTrillionUnit(t *testing.T) {
	figs := extractFigures("五年累计完成固定资产投资1.56万亿元，一般公共预算收入累计完成1096亿元", figureContext{year: 2021, period: PeriodReview, from: 2016, to: 2020})
	if len(figs) == 0 || figs[0].Unit != "万亿元" || figs[0].Subject != "固定资产投资" || figs[0].NormValue != 1.56e12 {
		t.Errorf("figures %+v: want 固定资产投资 1.56万亿元 (1.56e12 元)", figs)
	}
}

// 于2019年 dates one event, not the figures of the clauses after it.
func TestYearOfOneEvent(t *testing.T) {
	fc := figureContext{year: 2022, period: PeriodReview, from: 2017, to: 2021}
	for _, f := range extractFigures("雁峰山景区于2019年成功创建国家5A级旅游景区，五年累计接待游客2.7亿人次、实现旅游总收入2440亿元", fc) {
		if f.Year == 2019 {
			t.Errorf("%s %s read as 2019's", f.Subject, f.Raw)
		}
	}
}

// A year leading a subject (2015年全县…) is the figure's year, not its name.
func TestSubjectWithoutLeadingYear(t *testing.T) {
	figs := extractFigures("2015年全县民营经济上缴税收4.12亿元。", figureContext{year: 2016, period: PeriodReview, from: 2015, to: 2015})
	if len(figs) != 1 || figs[0].Subject != "全县民营经济上缴税收" {
		t.Errorf("figures %+v, want one of 全县民营经济上缴税收", figs)
	}
}
