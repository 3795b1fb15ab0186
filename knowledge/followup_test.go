package knowledge

import (
	"context"
	"strings"
	"testing"
)

// TestFollowUp: a follow-up is read with the question before it; a whole
// question is read as it stands; a follow-up with nothing before it is not
// answered.
func TestFollowUp(t *testing.T) {
	b := openTestBase(t)
	ctx := context.Background()
	for _, tt := range []struct {
		prev, q, understood, want string
	}{
		{"今年旅游收入目标是多少", "那去年呢", "去年旅游收入目标是多少", "905亿元"},
		{"去年一般公共预算收入多少", "增长多少", "去年一般公共预算收入增长多少", "9.1%"},
		{"去年一般公共预算收入增长多少", "今年的增长目标呢", "今年一般公共预算收入增长目标", "8.5%"},
		{"去年造林多少亩", "抚育改造森林呢", "去年抚育改造森林多少", "160万亩"},
		{"What was per-capita disposable income in 2016?", "and its growth?", "what was per-capita disposable income in 2016, its growth?", "8%"},
		{"今年旅游收入目标是多少", "去年社会消费品零售总额是多少", "去年社会消费品零售总额是多少", "1800亿元"},
		// a thing of its own that the merged reading's answer leaves out takes the previous one's place
		{"去年gdp增长目标是多少", "那旅游呢", "去年旅游目标是多少", "905亿元"},
		// … and when the merged reading is not answered at all
		{"2016年全市固定资产投资完成了多少", "社消零呢", "2016年社消零完成了多少", "1800亿元"},
		// a word too general to stand alone, with no cue, stays of the thing before
		{"洛阳2016年民生支出有多少", "今年计划投入多少", "今年洛阳民生支出计划投入多少", ""},
		// a thing of its own is asked in its own unit, not the thing before's
		{"去年新增有效灌溉面积多少亩？", "那水土流失呢？", "去年水土流失多少", "153平方公里"},
		// an English follow-up whose only word of its own is one the dictionary knows (actual)
		{"What's the 2017 growth target for fixed-asset investment?", "And last year's actual?", "what's the  growth target for fixed-asset investment, last year's actual?", "4085亿元"},
		// a thing named only by the item heading above its answer
		{"今年五大主导产业打算上多少个重大项目？", "六大新兴产业呢", "今年六大新兴产业多少", "160个"},
		// stages (开工, 竣工) are of the thing before; one thing is asked one number
		{"2016年洛阳棚户区改造完成征迁多少？", "开工和竣工分别是多少", "2016年开工和竣工分别是多少", "竣工520.3万平方米"},
		{"2016年洛阳棚户区改造开工和竣工分别是多少", "货币化安置率呢", "2016年货币化安置率是多少", "52.7%"},
	} {
		res, err := b.AskIn(ctx, tt.q, tt.prev, 3)
		if err != nil {
			t.Fatal(err)
		}
		if res.Understood != tt.understood {
			t.Errorf("%s after %s: understood %q, want %q", tt.q, tt.prev, res.Understood, tt.understood)
		}
		if !res.Answered || len(res.Answers) == 0 || !strings.Contains(res.Answers[0].Text+res.Line, tt.want) {
			t.Errorf("%s after %s: answered %v %+v, want %s", tt.q, tt.prev, res.Answered, res.Line, tt.want)
		}
	}
	// What is asked of a thing, with no thing named, is asked of the thing
	// before: the bridge's whole cost, which the report does not give.
	res, err := b.AskIn(ctx, "总投资多少？", "洛吉快速通道黄河大桥什么时候主体建成？", 3)
	if err != nil || res.Understood != "洛吉快速通道黄河大桥主体建成总投资多少" || res.Answered {
		t.Errorf("总投资多少 after the bridge: %v understood %q answered %v", err, res.Understood, res.Answered)
	}
	// A thing of its own that neither reading's answer names: not answered.
	res, err = b.AskIn(ctx, "農村的呢", "2016年洛阳居民人均可支配收入增长了多少", 3)
	if err != nil || res.Answered || res.Missing == nil || res.Missing.Rule != "follow-up-thing" || res.Message == "" {
		t.Errorf("農村的呢 after all residents' income: %v answered %v missing %+v", err, res.Answered, res.Missing)
	}
	// An English follow-up that names a thing of its own asks of it, with the
	// previous question's time and way of asking.
	res, err = b.AskIn(ctx, "what about tourism revenue?", "What GDP growth target did Luoyang set for 2017, fixed-asset investment", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Line, "1040亿元") {
		t.Errorf("what about tourism revenue? after GDP and investment: %v answered %v line %q", err, res.Answered, res.Line)
	}
	// 入 of 旅游总收入 stands in 一般公共预算收入: no reason to keep the merged reading
	res, err = b.AskIn(ctx, "what about tourism revenue?", "What was the general public budget revenue in 2016?", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Line, "905亿元") {
		t.Errorf("what about tourism revenue? after budget revenue: %v answered %v line %q", err, res.Answered, res.Line)
	}
	res, err = b.AskIn(ctx, "and how many villages?", "How many poor people in Luoyang got out of poverty in 2016?", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Line, "214个贫困村") {
		t.Errorf("and how many villages? after poor people: %v answered %v line %q", err, res.Answered, res.Line)
	}
	// A thing of its own the report never names: not answered, and said so.
	res, err = b.AskIn(ctx, "臭氧呢", "今年旅游总收入目标是多少", 3)
	if err != nil || res.Answered || res.Missing == nil || res.Missing.Rule != "unknown-word" || !strings.Contains(res.Message, "臭氧") {
		t.Errorf("臭氧呢 after tourism revenue: %v answered %v missing %+v message %q", err, res.Answered, res.Missing, res.Message)
	}
	res, err = b.AskIn(ctx, "那去年呢", "", 3)
	if err != nil || res.Answered || res.Missing == nil || res.Missing.Kind != "context" || !strings.Contains(res.Message, "请把问题问完整") {
		t.Errorf("a follow-up first: %v %+v", err, res)
	}
}

// TestFollowUpEvent: a when-question that names only an event asks of the
// thing before, not of what was asked of it (its length), and its line is
// the clause that says when.
func TestFollowUpEvent(t *testing.T) {
	b := openReports(t, false, testReport(t, "baiyun-2016"))
	res, err := b.AskIn(context.Background(), "什么时候建成通车的？", "白青高速公路白云段全长多少？", 3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Understood != "白青高速公路白云段什么时候建成通车的" || !strings.Contains(res.Line, "于2015年12月28日建成通车") {
		t.Errorf("understood %q, line %q", res.Understood, res.Line)
	}
	// what a follow-up asks other than when is asked of the thing, as it was named
	res, err = b.AskIn(context.Background(), "增长多少", "全县常住人口是多少", 3)
	if err != nil || res.Understood != "全县常住人口增长多少" {
		t.Errorf("增长多少 after 常住人口: %v understood %q", err, res.Understood)
	}
}

// TestMixedLanguage: English words in a Chinese question are read through
// the English vocabulary, and Chinese words in an English one as the
// report's words; the answer follows the main language.
func TestMixedLanguage(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct{ q, lang, want string }{
		{"今年GDP的target多少", LangZH, "8.8%"},
		{"去年旅游revenue多少", LangZH, "905亿元"},
		{"retail sales今年增长目标", LangZH, "12%"},
		{"What was 旅游总收入 in 2016?", LangEN, "905亿元"},
		{"How many new urban jobs 今年计划创造？", LangEN, "10万人"},
		// of a phrase's terms, the one the report writes beside the question's Chinese words
		{"今年廊道greening要完成多少公里？", LangZH, "1045公里"},
		{"今年resettlement housing新开工多少套？", LangZH, "5.62万套"},
	} {
		res, err := b.Ask(context.Background(), tt.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Answered || res.Lang != tt.lang || !strings.Contains(res.Line, tt.want) {
			t.Errorf("%s: answered %v, lang %s, line %q; want %s, %s", tt.q, res.Answered, res.Lang, res.Line, tt.lang, tt.want)
		}
	}
	// The Chinese of an English question says what it asks: a length, which
	// the report gives of no metro line (km is the unit, not a thing).
	// A code (5G) is the report's word or none, not English read into
	// Chinese: a count of other things is no count of 5G base stations.
	for _, q := range []string{"Metro Line 1全长多少km？", "洛吉快速通道黃河大橋有幾長？", "今年要新建多少个5G基站？"} {
		res, err := b.Ask(context.Background(), q, 3)
		if err != nil || res.Answered {
			t.Errorf("%s: %v answered %v, line %q; want not answered", q, err, res.Answered, res.Line)
		}
	}
}

// TestHongKongWording: Cantonese question words and Hong Kong words are read
// as Mandarin, and the answer comes in traditional characters.
func TestHongKongWording(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct {
		q        string
		answered bool
		want     string // in the answer line or the message
	}{
		{"鄭登洛城際鐵路幾時開工", true, "年底前開工"},
		{"今年旅遊總收入目標係幾多", true, "1040亿元"},
		{"去年旅遊總收入係幾多", true, "905亿元"},
		{"去年有冇新增養老床位", true, "3400張"},
		{"洛陽市委書記係邊個", false, "市委書記"},
		// a when-question with traditional characters beside 幾時: read as
		// 什么时候 (not 什幺时候), so a sentence with no time does not answer it
		{"二里頭夏都遺址博物館幾時開館", false, "時間"},
	} {
		res, err := b.Ask(context.Background(), tt.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if res.Answered != tt.answered || res.Lang != LangZHHant || !strings.Contains(res.Line+res.Message, tt.want) {
			t.Errorf("%s: answered %v, lang %s, %q %q; want %v, %s", tt.q, res.Answered, res.Lang, res.Line, res.Message, tt.answered, tt.want)
		}
	}
	// 人工 and 既 are Mandarin too (人工造林, 既有住宅), not Cantonese for
	// wages and 的: the question stays in simplified characters.
	for _, q := range []string{"去年人工造林多少亩", "既有住宅加装电梯有什么打算"} {
		res, err := b.Ask(context.Background(), q, 3)
		if err != nil || res.Lang != LangZH {
			t.Errorf("%s: %v, lang %s; want %s", q, err, res.Lang, LangZH)
		}
	}
}

// TestSeveralAsks: a question of several asks is answered ask by ask, each
// read after the one before, in one result.
func TestSeveralAsks(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct {
		q    string
		want []string // in the answer line
	}{
		{"2016年一般公共预算收入是多少？比上年增长还是下降，幅度多少？", []string{"302.7亿元", "9.1%"}},
		{"去年旅游收入多少？今年目标多少？", []string{"905亿元", "1040亿元"}},
		{"三公经费是增加还是减少了？幅度多少？", []string{"34.1%"}},
		// one sentence answers both: each figure it names, not another
		// sentence's 投资总额 for the second ask
		{"去年地企合作会议签约多少个项目？总投资多少？", []string{"100个", "667.4亿元"}},
	} {
		res, err := b.Ask(context.Background(), tt.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !res.Answered || !strings.Contains(res.Line, w) {
				t.Errorf("%s: answered %v, line %q; want %s", tt.q, res.Answered, res.Line, w)
			}
		}
	}
}

// A second ask that only compares (比去年多多少) leans on the first: when the
// report does not answer the first, it answers neither.
func TestSeveralAsksLeaning(t *testing.T) {
	b := openTestBase(t)
	res, err := b.Ask(context.Background(), "今年洛阳高考一本上线多少人？比去年多多少？", 3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Answered {
		t.Errorf("answered, line %q; want not answered", res.Line)
	}
}

// Mandarin words that Hong Kong wording shares (有无) leave a simplified
// question simplified: the answer is not written in traditional characters.
func TestMandarinNotCantonese(t *testing.T) {
	b := openTestBase(t)
	res, err := b.Ask(context.Background(), "去年有无新建学校", 3)
	if err != nil {
		t.Fatal(err)
	}
	if res.Lang != LangZH {
		t.Errorf("去年有无新建学校: lang %s, want %s", res.Lang, LangZH)
	}
}

// A code in a Chinese question stays whole (5G, PM2.5), and the English
// words after it are still read.
func TestTranslateLatinKeepsCodes(t *testing.T) {
	bk := openTestBase(t).Default()
	for q, want := range map[string]string{
		"今年新建多少个5G基站":             "5G基站",
		"今年 5G base stations 多少个": "5G",
		"去年PM2.5 concentration多少": "PM2.5",
	} {
		got := bk.translateLatin(q)
		if !strings.Contains(got, want) || strings.Contains(got, " g ") || strings.Contains(strings.ToLower(got), "base") {
			t.Errorf("translateLatin(%s) = %q, want %s kept and the rest read", q, got, want)
		}
	}
}
