package knowledge

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestIntent: a question reads as an intent, printed one field a line;
// each row names lines the printed intent must hold.
func TestIntent(t *testing.T) {
	bk := openTestBase(t).Default()
	for _, tt := range []struct {
		question string
		want     []string
		lacks    []string
	}{
		{"今年旅游收入目标是多少", []string{"period    plan", "asks      figure count", "concept   旅游收入|旅游总收入"}, nil},
		{"去年地区生产总值增长多少", []string{"period    review", "asks      figure count growth", "year      2016"}, nil},
		{"人均预期寿命提高到多少岁", nil, []string{"period"}},
		{"去年有多少穷人脱了贫", []string{"units     万人 万人次 万名 人 人次 亿人次 名"}, nil},
		{"全市造林发展到了多少万亩", []string{"units     万亩 亩\n"}, nil},
		{"去年新建改扩建了几多间公办幼儿园", []string{"units     个 家 座 所 间\n"}, nil}, // 间, as Hong Kong counts buildings
		{"十三五时期新增多少张养老床位", []string{"concept   十三五 "}, []string{"concept   十三 "}},
		{"地铁1号线什么时候开工", []string{"asks      time"}, nil},
		{"郑州去年旅游收入多少", []string{"places    郑州"}, nil},
		{"北京到上海坐高铁要几个小时", []string{"places    北京 上海"}, nil},
		{"上海到北京坐高铁要几个小时", []string{"places    上海 北京"}, nil},
		{"嵩县去年旅游收入多少", []string{"counties  嵩县"}, nil},
		{"孙辛路有多长", []string{"attrs     有多长"}, nil},
		{"洛阳市委书记是谁", []string{"asks      person", "role      市委书记"}, nil},
		{"What was total tourism revenue in 2016?", []string{"years     2016", "concept   旅游总收入"}, nil},
		{"明天洛阳天气怎么样", []string{"day       明天"}, nil},
		{"When was the report delivered?", []string{"asks      date"}, nil},
		{"今年开个公司办手续要几天", []string{"个工作日"}, nil},
		{"去年改扩建了几家乡镇卫生院", []string{"units     万家 万户 家 户 所"}, nil},
		{"十四五时期新增多少张养老床位", []string{"units     万张 张"}, nil},
		{"What GDP growth target did Luoyang set for 2017?", []string{"asks      figure growth", "地区生产总值"}, nil},
		{"去年来洛阳旅游的人有多少", []string{"concept   来旅游的人"}, nil},
		{"今年预计会有多少人来洛阳玩", []string{"concept   来玩", "units     万人 万人次 万名 人 人次 亿人次 名"}, nil},
		{"去年到洛阳来旅游的人有多少", []string{"concept   来旅游的人"}, nil},
		{"去年去洛阳石化参观的人有多少", []string{"洛阳石化"}, nil},
		{"报告是什么时候作的", []string{"asks      date"}, nil},
		{"How many households got new housing?", []string{`intent of "多少户`, "units     万套 万户 套 户"}, nil},
		{"How many percentage points higher?", []string{`intent of "多少，个百分点`}, nil},
		{"去年引进了多少人才", []string{"units     万人 万人次"}, nil},
		{"全年接待游客多少万人次、旅游综合收入多少", []string{"units     万人次 亿人次"}, nil},
		{"What's the RMB to USD exchange rate today?", []string{"day       今天"}, nil},
		{"What was the average annual GDP growth over the past five years?", []string{"年均"}, nil},
		{"今年新开工多少人才公寓", []string{"asks      figure count"}, []string{"units"}},
		{"去年山里关掉了多少个矿", []string{"concept   矿|"}, nil},                                                              // 个矿, glued by the segmenter: 个 is the unit
		{"去年从外地挖来了多少人才", []string{"concept   人才"}, nil},                                                             // a word of its own
		{"去年淘汰咗幾多架黃標車同老舊車", []string{"units     万台 万辆 台 架 辆"}, nil},                                                 // Hong Kong counts cars in 架
		{"去年三公经费少花了多少钱", []string{"units     % 万元 亿元 亿美元 元"}, nil},                                                  // a decline is said in percent too
		{"By how much did spending on official travel, receptions and cars fall?", []string{"units     % 万元"}, nil}, // 下降, read from English
		{"一年里空气好的天数占比多少", []string{"concept   空气好"}, []string{"concept   一年"}},
	} {
		got := bk.analyze(bk.prepare(NormalizeQuestion(tt.question))).String()
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: intent lacks %q:\n%s", tt.question, w, got)
			}
		}
		for _, w := range tt.lacks {
			if strings.Contains(got, w) {
				t.Errorf("%s: intent holds %q:\n%s", tt.question, w, got)
			}
		}
	}
}

// TestExplain: --explain shows the report, the intent, the candidates and
// the rules run, up to the one that decided.
func TestExplain(t *testing.T) {
	b := openTestBase(t)
	got, err := b.Explain(context.Background(), "十二五期间地区生产总值是多少")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"report: 2017年洛阳市政府工作报告", "intent of", "candidates:", "地区生产总值3740亿元", "rules:", "month             ok", "plan-period       NOT ANSWERED", "not answered, by rule plan-period"} {
		if !strings.Contains(got, w) {
			t.Errorf("explain lacks %q:\n%s", w, got)
		}
	}
	if _, err := b.Explain(context.Background(), "？？"); err == nil {
		t.Error("explain of no words: no error")
	}
}

// A web address in a question says where the asker read, not what is asked.
func TestQuestionWithURL(t *testing.T) {
	for q, want := range map[string]string{
		"去年“三公经费”下降了多少？（https://weibo.com/luoyang）":    "去年“三公经费”下降了多少？",
		"2016年新增城镇就业多少人?之前在 https://www.ly.gov.cn 上看过": "2016年新增城镇就业多少人?之前在   上看过",
		"旅游收入 www.example.com/a?b=1 多少":                "旅游收入   多少",
	} {
		if got := NormalizeQuestion(q); got != want {
			t.Errorf("NormalizeQuestion(%q) = %q, want %q", q, got, want)
		}
	}
	b := openTestBase(t)
	res, err := b.Ask(context.Background(), "去年“三公经费”下降了多少？（https://weibo.com/luoyang）", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Line, "34.1%") {
		t.Errorf("with a URL: answered %v line %q %+v", res.Answered, res.Line, res.Missing)
	}
}

// The 年 of a year ends it (2020年全社会: 年 | 全社会, not 年全), unless it
// makes a word with what follows (2020年底: 年底).
func TestCutAfterYear(t *testing.T) {
	bk := openTestBase(t).Default()
	for q, want := range map[string]string{"2020年全社会研发经费": "年", "2020年底完成": "年底"} {
		if got := bk.seg.Cut(q); !slices.Contains(got, want) || slices.Contains(got, "年全") {
			t.Errorf("Cut(%q) = %q, want %q among them", q, got, want)
		}
	}
}

// A term with capitals (GDP, PM2.5平均浓度, from the synonym table or the
// lexicon) is found in the lower-cased sentences.
func TestMatchCapitals(t *testing.T) {
	bk := openTestBase(t).Default()
	levels, df := bk.match([]string{"GDP"})
	i := slices.IndexFunc(bk.sentences, func(s Sentence) bool { return strings.Contains(s.Text, "占GDP的比重达44.3%") })
	if i < 0 {
		t.Fatal("no sentence of GDP's share")
	}
	if levels[i] != inText || df == 0 {
		t.Errorf("match(GDP): sentence %d at level %v, df %d; want inText", i, levels[i], df)
	}
}

// A figure of part of the year (冬季接待游客) fits a question of the year's
// worse than the year's own (全年接待游客), unless the question names that part.
func TestSeasonFiguresFitWorse(t *testing.T) {
	bk := openTestBase(t).Default()
	fc := figureContext{year: 2018, period: PeriodReview, from: 2017, to: 2017}
	winter := &Sentence{Figures: extractFigures("冬季接待游客860万人次。", fc)}
	year := &Sentence{Figures: extractFigures("全年接待游客2460万人次。", fc)}
	it := bk.analyze(bk.prepare(NormalizeQuestion("去年接待游客多少人次")))
	w, y := bk.figureFit(winter, &it), bk.figureFit(year, &it)
	if w >= y {
		t.Errorf("fit of the winter's %.2f, of the year's %.2f: want the year's better", w, y)
	}
	asked := bk.analyze(bk.prepare(NormalizeQuestion("去年冬季接待游客多少人次")))
	if wa := bk.figureFit(winter, &asked); wa <= w {
		t.Errorf("fit of the winter's %.2f asked of winter, %.2f asked of the year: want it better", wa, w)
	}
}

// TestAskedUnits: the units a question asks a figure in, read from its
// words.
func TestAskedUnits(t *testing.T) {
	for _, tt := range []struct {
		question string
		want     []string // units that must be asked
		not      []string // units that must not
	}{
		{"中信重工去年营业收入是多少", []string{"亿元", "万元"}, []string{"个"}},
		{"冬天家里的暖气今年能多覆盖多少面积", []string{"万平方米", "亩"}, []string{"亿元"}},
		{"线路多长、总投资多少", nil, []string{"亿元"}},      // two asks, each its own unit
		{"民生支出占一般公共预算支出多少", nil, []string{"亿元"}}, // a share
		{"去年旅游总收入增长多少", []string{"%"}, []string{"亿元"}},
	} {
		got := askedUnits(tt.question, nil)
		for _, u := range tt.want {
			if !got[u] {
				t.Errorf("askedUnits(%s) lacks %s: %v", tt.question, u, got)
			}
		}
		for _, u := range tt.not {
			if got[u] {
				t.Errorf("askedUnits(%s) has %s: %v", tt.question, u, got)
			}
		}
	}
	if !asksSeveral("线路多长、总投资多少") || asksSeveral("总投资多少") {
		t.Error("asksSeveral: 多长 and 多少 are two asks, 多少 alone one")
	}
}

// TestTranslateLatinGrowth: a glossary phrase with growth in it, inside a
// Chinese question, still asks the growth.
// TestWholePlaceName: a place the segmenter cut (都/d 岭市/x) is one concept,
// the name the report writes, not its piece.
func TestWholePlaceName(t *testing.T) {
	bk := openReports(t, false, testReport(t, "qianling-2019")).Default()
	it := bk.analyze(bk.prepare("都岭市去年的GDP是多少？"))
	var terms []string
	for _, c := range it.concepts {
		terms = append(terms, c.terms[0])
	}
	if !slices.Contains(terms, "都岭市") || slices.Contains(terms, "岭市") {
		t.Errorf("concepts %q, want 都岭市 and not 岭市", terms)
	}
}

func TestTranslateLatinGrowth(t *testing.T) {
	bk := openTestBase(t).Default()
	for q, want := range map[string]string{
		"前11个月规模以上工业profit growth多少？":          "利润增长",
		"去年investment growth多少？":               "投资增长",
		"今年常住人口urbanization rate要达到多少percent？": "今年常住人口城镇化率要达到多少%", // the Chinese before is not written twice
	} {
		if got := bk.translateLatin(q); !strings.Contains(got, want) {
			t.Errorf("translateLatin(%s) = %q, want %q in it", q, got, want)
		}
	}
}

// TestOwnThingFitsBetter: a sentence of the asked thing's own figures fits
// a figure question better than one of another thing beside it: a growth
// beside a share of the asked thing (民间投资增长5.8%，占固定资产投资比重), a
// level and growth of a longer thing that holds its word (海洋生产总值).
func TestOwnThingFitsBetter(t *testing.T) {
	bk := openTestBase(t).Default()
	fc := figureContext{year: 2017, period: PeriodReview, from: 2016, to: 2016}
	for _, tt := range []struct{ question, own, other string }{
		{"2016年全市固定资产投资增速是多少", "全市固定资产投资增长6.2%，其中制造业投资增长11.5%。", "全年民间投资增长5.8%，占固定资产投资比重达到58.2%。"},
		{"2016年地区生产总值是多少，比上年增长多少？", "全市地区生产总值达到3740亿元，比上年增长8.8%。", "全市海洋生产总值达到1540亿元，增长7.1%。"},
		{"招商引资实际到位资金多少", "实际到位资金68.2亿元，增长12.7%。", "力争全年新签约项目60个以上、签约金额250亿元以上，实际到位资金增长10%以上。"},
	} {
		own := &Sentence{Figures: extractFigures(tt.own, fc)}
		other := &Sentence{Figures: extractFigures(tt.other, fc)}
		it := bk.analyze(bk.prepare(NormalizeQuestion(tt.question)))
		if o, x := bk.figureFit(own, &it), bk.figureFit(other, &it); o <= x {
			t.Errorf("%s: fit of its own %.2f, of another's %.2f: want its own better", tt.question, o, x)
		}
	}
}

// TestPlanOwnPart: a question naming a five-year plan is answered from the
// part the plan heads (二、“十五五”时期发展的主要目标), not from the year's
// targets after a paragraph that names the plan in passing.
func TestPlanOwnPart(t *testing.T) {
	b := openReports(t, false, testReport(t, "tingxi-2026"))
	res, err := b.Ask(context.Background(), "十五五时期研发经费投入强度目标是多少？", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Answered || !strings.Contains(res.Line, "3.3%") {
		t.Errorf("answered %v, line %q: want the plan's 3.3%%", res.Answered, res.Line)
	}
}

// TestSimplified: a question in traditional characters reads Taiwan's
// phrases as the mainland writes them (捷運: 地铁), but keeps a word the
// report writes as its characters convert (新增, not Taiwan's 添加).
func TestSimplified(t *testing.T) {
	bk := openTestBase(t).Default()
	for q, want := range map[string]string{
		"今年新增養老床位幾多張？": "今年新增养老床位几多张？",
		"網路購物":         "网络购物",
	} {
		if got, _ := bk.simplified(q); got != want {
			t.Errorf("simplified(%s) = %s, want %s", q, got, want)
		}
	}
	for _, tt := range []struct{ a, b, want string }{
		{"今年新增床位", "今年添加床位", "今年|新增/添加|床位"},
		{"网路", "网络", "网|路/络"},
	} {
		var parts []string
		for _, h := range runeHunks([]rune(tt.a), []rune(tt.b)) {
			if h.same {
				parts = append(parts, h.a)
			} else {
				parts = append(parts, h.a+"/"+h.b)
			}
		}
		if got := strings.Join(parts, "|"); got != tt.want {
			t.Errorf("runeHunks(%s, %s) = %s, want %s", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestWhichFew: Cantonese 边几 asks which ones where 边 is a word of its
// own, not the end of 周边.
func TestWhichFew(t *testing.T) {
	bk := openTestBase(t).Default()
	for q, want := range map[string]string{
		"今年打算引进边几间银行？":     "今年打算引进哪几间银行？",
		"主城区加周边几个卫星城，今年呢？": "主城区加周边几个卫星城，今年呢？",
	} {
		if got := bk.whichFew(q); got != want {
			t.Errorf("whichFew(%s) = %s, want %s", q, got, want)
		}
	}
}
