package knowledge

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestAnswerLine: an answered question leads with one line that answers
// it, in the asker's language, with the report's own words for the figure.
func TestAnswerLine(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct{ question, want string }{
		{"今年旅游收入目标是多少", "2017年目标：实现旅游总收入1040亿元"},
		{"2016年全市地区生产总值增长多少", "2016年：预计全年实现地区生产总值3740亿元，同比增长8.8%"},
		{"How much did tourism revenue grow last year?", "Total tourism revenue, 2016: 90.5 billion yuan, up 16% (旅游总收入905亿元，分别增长9.5%和16%)"},
		{"今年旅遊總收入目標是多少", "2017年目標：实现旅游总收入1040亿元"},
		{"What is the GDP growth target for this year?", "GDP, 2017 target: up 8.8% (地区生产总值增长8.8%)"},
		{"去年地企合作会议签约多少个项目，总投资多少", "2016年：四次地企合作会议签约项目100个，总投资667.4亿元"},
		{"去年建成社区养老服务中心和农村老年幸福院各多少个", "2016年：建成社区养老服务中心30个，新建农村老年幸福院202个"},
		// a figure the question quotes is not the one it asks
		{"去年67件民生实事完成了几件?", "2016年：67件民生实事中，除1件调整计划外，其它66件全部完成"},
		// things listed with 、 share the figure after them
		{"去年淘汰了多少辆黄标车和老旧车？", "2016年：淘汰黄标车、老旧车2.4万辆"},
	} {
		res, err := b.Ask(context.Background(), tt.question, 3)
		if err != nil {
			t.Fatal(err)
		}
		if res.Line != tt.want {
			t.Errorf("%s: answer line %q, want %q", tt.question, res.Line, tt.want)
		}
	}
	for _, tt := range []struct {
		v          float64
		unit, want string
	}{
		{905, "亿元", "90.5 billion yuan"}, {1.14, "亿人次", "114 million visits"}, {6.4, "万人", "64,000 people"}, {1.56, "万亿元", "1.56 trillion yuan"},
		{21120, "元", "21,120 yuan"}, {3, "个百分点", "3 percentage points"}, {7, "大类", ""},
	} {
		if got := amountEN(tt.v, tt.unit); got != tt.want {
			t.Errorf("amountEN(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

// An English question names a term written in capitals (PM2.5) as the
// index and the figures hold it.
func TestAnswerLineCapitalTerm(t *testing.T) {
	b := openReports(t, false, testReport(t, "hailan-2024"))
	res, err := b.Ask(context.Background(), "What is the PM2.5 target for this year?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered || !strings.Contains(res.Line, "25微克/立方米以内") {
		t.Errorf("answered %v, line %q: want the PM2.5 target", res.Answered, res.Line)
	}
}

// A name of the report written in its reading in an English question
// (the Lanyu bridge) is read as the report's name.
func TestNamesInPinyin(t *testing.T) {
	bk := openReports(t, false, testReport(t, "hailan-2024")).Default()
	for w, want := range map[string]string{"lanyu": "岚屿", "bailudao": "白鹭岛", "graduates": "", "lan": "", "lan-yu": "",
		"women": "", "dean": "", "huge": ""} { // English words: 我们 is a stop word, the others too short
		got := bk.namesInPinyin(w)
		if want == "" && len(got) > 0 || want != "" && !slices.Contains(got, want) {
			t.Errorf("namesInPinyin(%q) = %v, want %q", w, got, want)
		}
	}
	res, err := bk.Ask(context.Background(), "When is the Lanyu cross-sea bridge expected to open to traffic?", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Answers[0].Text, "岚屿跨海大桥") {
		t.Errorf("the Lanyu bridge: %v answered %v %+v", err, res.Answered, res.Missing)
	}
}

// A glossary phrase whose words an English question holds with others
// between them (old urban residential compounds: old residential compound)
// is read as its term.
func TestEnglishPhraseApart(t *testing.T) {
	bk := openReports(t, false, testReport(t, "changde-2023")).Default()
	it := bk.analyze(bk.prepare("How many old urban residential compounds will be renovated in 2023?"))
	if !slices.ContainsFunc(it.concepts, func(c concept) bool { return slices.Contains(c.terms, "老旧小区") }) {
		t.Errorf("concepts %v: want 老旧小区", it.concepts)
	}
	it = bk.analyze(bk.prepare("How many compounds will be renovated in 2023?"))
	if slices.ContainsFunc(it.concepts, func(c concept) bool { return slices.Contains(c.terms, "老旧小区") }) {
		t.Errorf("one word of the phrase read as 老旧小区: %v", it.concepts)
	}
}

// 城镇和农村居民人均可支配收入分别达到68420元和37150元: a question of the
// rural one is answered, its line names the rural figure first; asked of
// the tax revenue, the sentence of the whole budget revenue is no answer.
func TestAnswerLineRespectively(t *testing.T) {
	b := openReports(t, false, testReport(t, "hailan-2024"))
	for q, want := range map[string]string{
		"去年农民收入是多少":  "2023年：农村居民人均可支配收入37150元（",
		"去年农民收入增长多少": "，增长7.3%（分别增长5.1%和7.3%）",
		"去年城里人收入是多少": "2023年：城镇居民人均可支配收入68420元（",
	} {
		res, err := b.Ask(context.Background(), q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered || !strings.Contains(res.Line, want) {
			t.Errorf("%s: answered %v, line %q; want %q in it", q, res.Answered, res.Line, want)
		}
	}
}

// An English question of PM2.5 reads the term the report writes as it is,
// and its line gives PM2.5's figure first, not PM10's beside it.
func TestAnswerLineLatinTerm(t *testing.T) {
	b := openReports(t, false, testReport(t, "lanxi-2018"))
	res, err := b.Ask(context.Background(), "What was the annual average PM2.5 concentration in the central urban area in 2017?", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered || !strings.HasPrefix(res.Line, "PM2.5年均浓度, 2017: 42微克/立方米") {
		t.Errorf("answered %v, line %q", res.Answered, res.Line)
	}
}

// The phrase of a figure runs back over things listed with 、 that share
// it, not over a figure of their own.
func TestFigurePhrase(t *testing.T) {
	for _, tt := range []struct{ text, raw, want string }{
		{"淘汰黄标车、老旧车2.4万辆。", "2.4万辆", "淘汰黄标车、老旧车2.4万辆"},
		{"新建、改扩建农村中小学151个。", "151个", "新建、改扩建农村中小学151个"},
		{"其中高新技术企业38家、创新型试点企业6家。", "6家", "创新型试点企业6家"},
		{"完成投资100亿元，新建、改扩建学校12所。", "12所", "新建、改扩建学校12所"},
	} {
		if got := figurePhrase(tt.text, Figure{Raw: tt.raw}); got != tt.want {
			t.Errorf("figurePhrase(%s, %s) = %s, want %s", tt.text, tt.raw, got, tt.want)
		}
	}
}

// The figure after the asked one, of the same thing with nothing of its own
// named between (开工3.2万户、基本建成2.8万户), stands in the line too; one
// of another thing does not.
func TestAnswerLineNextOfSameThing(t *testing.T) {
	b := openReports(t, false, testReport(t, "beishan-2018"))
	for q, want := range map[string]string{
		"2017年棚户区改造开工多少户？":   "3.2万户，基本建成2.8万户",
		"去年黑土地保护利用工程实施了多少亩？": "120万亩",
	} {
		res, err := b.Ask(context.Background(), q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered || !strings.Contains(res.Line, want) {
			t.Errorf("%s: answered %v, line %q; want %q in it", q, res.Answered, res.Line, want)
		}
	}
	s := &Sentence{Text: "改造老旧小区136个，新建城市公园12个。"}
	s.Figures = extractFigures(s.Text, figureContext{year: 2024, period: PeriodReview, from: 2023, to: 2023})
	it := b.Default().analyze(b.Default().prepare("去年改造了多少个老旧小区"))
	if f, ok := nextOfSameThing(s, 0, &it); ok {
		t.Errorf("next of 改造老旧小区136个: %+v, want none (城市公园 is a thing of its own)", f)
	}
}

// TestAnswerLineAskedUnits: a question of several asks gets a figure for
// each ask's units, though the second names no thing of its own (挣多少钱).
func TestAnswerLineAskedUnits(t *testing.T) {
	b := openReports(t, false, testReport(t, "xiling-2019"), testReport(t, "linjiang-2019"))
	for _, tt := range []struct {
		report, question string
		want             []string
	}{
		{"xiling-2019", "农村人出去打工的去年有多少，打工挣了多少钱？", []string{"23.4万人次", "52.6亿元"}},
		{"linjiang-2019", "126个区级重点项目全年完成投资多少？完成年度计划的百分之几？", []string{"418.6亿元", "108.3%"}}, // a percent asked
	} {
		res, err := b.Ask(context.Background(), tt.report+" "+tt.question, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range tt.want {
			if !strings.Contains(res.Line, want) {
				t.Errorf("%s: answer line %q: want %q in it", tt.question, res.Line, want)
			}
		}
	}
}

// TestAnswerLineWhen: a question of when an event happens gets the clause
// that says when, after the thing's; one of how long a thing takes gets
// the figure.
func TestAnswerLineWhen(t *testing.T) {
	for _, tt := range []struct{ report, q, want string }{
		{"baiyun-2016", "白青高速公路白云段什么时候建成通车的？", "于2015年12月28日建成通车"},
		{"qianshan-2022", "貴凱高鐵通車後凱嶺到貴陽最快要多久？", "38分钟"},
	} {
		res, err := openReports(t, false, testReport(t, tt.report)).Ask(context.Background(), tt.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered || !strings.Contains(res.Line, tt.want) {
			t.Errorf("%s: answered %v, line %q; want %q in it", tt.q, res.Answered, res.Line, tt.want)
		}
	}
	// asked after its length, the thing's clause is not said twice
	res, err := openReports(t, false, testReport(t, "baiyun-2016")).Ask(context.Background(), "白青高速公路白云段全长多少？什么时候建成通车的？", 3)
	if err != nil || strings.Count(res.Line, "全长38公里") != 1 || !strings.Contains(res.Line, "于2015年12月28日建成通车") {
		t.Errorf("length, then when: %v line %q", err, res.Line)
	}
}

// TestJoinPhrases: phrases side by side keep the report's 、; others are
// joined by a comma.
func TestJoinPhrases(t *testing.T) {
	text := "“河洛英才计划”新引进团队5个、人才87名，办理人大代表建议296件。"
	for _, tt := range []struct {
		phrases []string
		want    string
	}{
		{[]string{"“河洛英才计划”新引进团队5个", "人才87名"}, "“河洛英才计划”新引进团队5个、人才87名"},
		{[]string{"人才87名", "办理人大代表建议296件"}, "人才87名，办理人大代表建议296件"},
	} {
		if got := joinPhrases(text, tt.phrases); got != tt.want {
			t.Errorf("joinPhrases(%q) = %q, want %q", tt.phrases, got, tt.want)
		}
	}
}

func TestCapitalize(t *testing.T) {
	for in, want := range map[string]string{
		"r&d intensity":         "R&D intensity",
		"pm2.5 concentration":   "PM2.5 concentration",
		"gdp per capita":        "GDP per capita",
		"total tourism revenue": "Total tourism revenue",
		"5g base station":       "5G base station",
		"gdp":                   "GDP",
		"旅游总收入":                 "旅游总收入",
	} {
		if got := capitalize(in); got != want {
			t.Errorf("capitalize(%q) = %q, want %q", in, got, want)
		}
	}
}
