package knowledge

import (
	"context"
	"strings"
	"testing"
)

// TestArithmetic: an average per item, a base year from a growth rate and a
// change from last year's actual to this year's target are worked out from
// the report's figures and shown; what the figures do not allow is refused
// with the reason.
func TestArithmetic(t *testing.T) {
	b := openTestBase(t)
	for _, tt := range []struct {
		q        string
		answered bool
		want     string
	}{
		{"去年亿元以上招商合同平均每个合同多少钱", true, "计算：1769.1亿元 ÷ 390个 ≈ 4.54亿元/个"},
		{"今年亿元以上项目平均每个要投多少钱", true, "计算：2800亿元 ÷ 1400个 ≈ 2亿元/个"},
		{"2015年GDP按增速倒推是多少", true, "计算：2016年 3740亿元 ÷ (1+8.8%) ≈ 3437.5亿元（2015年）"},
		{"今年旅游收入目标比去年多多少", true, "计算：2017年目标 1040亿元 − 2016年 905亿元 = 135亿元"},
		{"去年洛阳商品房平均每平方米卖多少钱？", false, "每平方米"},
		{"去年给企业发的还贷周转金，平均每家企业拿到多少钱？", true, "计算：61.9亿元 ÷ 1515家 ≈ 408.58万元/家"},
		{"今年计划基本建成的公共租赁房中，分配入住的占多少比例？", true, "计算：4000套 ÷ 5000套 ≈ 80%"},
		{"去年第一产业增加值占GDP的比重是多少？", false, "报告没有直接回答这个问题"},
		{"去年每个月分别接待了多少人次游客？", false, "报告没有直接回答这个问题"},
		// the amount asked after 每个 names no thing; the pair of the things asked, not their neighbours'
		{"四次地企合作会议签约的项目平均每个多少投资？", true, "计算：667.4亿元 ÷ 100个 ≈ 6.67亿元/个"},
		{"去年产销对接合同平均每个金额多少？", true, "计算：15.65亿元 ÷ 50个 ≈ 3130万元/个"},
		// a whole from a part and its share, not a base year
		{"从民生支出及其占比推算，去年全市一般公共预算支出大约多少？", true, "计算：378.4亿元 ÷ 73.2% ≈ 516.94亿元（全市一般公共预算支出）"},
		{"去年民生支出大约占一般公共预算支出的比重多少？", true, "73.2%"},
		{"根据去年的人均可支配收入和增速，2015年大约是多少？", true, "计算：2016年 21120元 ÷ (1+8%) ≈ 19555.56元（2015年）"},
		// a part the sentence does not name (出口 of 进出口额) is not worked out of the whole's figures
		{"去年与一带一路沿线国家的出口占进出口总额的比重是多少？", false, "报告没有直接回答这个问题"},
	} {
		res, err := b.Ask(context.Background(), tt.q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if res.Answered != tt.answered || !strings.Contains(res.Line+res.Message, tt.want) {
			t.Errorf("%s: answered %v, %q %q; want %v, %s", tt.q, res.Answered, res.Line, res.Message, tt.answered, tt.want)
		}
	}
}

// The change of a rate is in percentage points; of an amount, in its units.
func TestDifference(t *testing.T) {
	for _, tt := range []struct {
		this, last Figure
		want       string
	}{
		{Figure{NormValue: 2, BaseUnit: "%"}, Figure{NormValue: 1.86, BaseUnit: "%"}, "0.14个百分点"},
		{Figure{NormValue: 1040e8, BaseUnit: "元"}, Figure{NormValue: 905e8, BaseUnit: "元"}, "135亿元"},
	} {
		v, unit := difference(&tt.this, &tt.last)
		if got := round3s(v) + unit; got != tt.want {
			t.Errorf("difference = %s, want %s", got, tt.want)
		}
	}
}

// An average divides an amount by a count of the same things: the amount's
// subject goes on from the count's, or is part of it.
func TestAverageOfSameThings(t *testing.T) {
	bk := openTestBase(t).Default()
	fc := figureContext{year: 2016, period: PeriodReview, from: 2015, to: 2015}
	for _, tt := range []struct {
		q, text string
		want    string // the line, or "" for a refusal
	}{
		{"招商引资合同平均每个合同多少钱", "签订亿元以上招商引资合同390个，投资总额1769.1亿元。", "计算：1769.1亿元 ÷ 390个 ≈ 4.54亿元/个"},
		{"保障性住房平均每套多少钱", "五年累计建设各类保障性住房4680套，其中公共租赁住房1860套，累计发放廉租住房租赁补贴2090万元。", ""},
	} {
		it := bk.analyze(bk.prepare(NormalizeQuestion(tt.q)))
		s := &Sentence{Text: tt.text, Figures: extractFigures(tt.text, fc)}
		if got := averageOf(&it, tt.q, s); got.line != tt.want {
			t.Errorf("%s | %s: %q (%s), want %q", tt.q, tt.text, got.line, got.refuse, tt.want)
		}
	}
}

// A difference is asked only against something named (比去年, than last
// year); 能多出多少 asks what is added.
func TestReadCalcChange(t *testing.T) {
	for q, want := range map[string]calcKind{
		"今年旅游收入目标比去年多多少":                               calcChange,
		"停车难，今年能多出多少公共停车位？":                            calcNone,
		"How many more parking spaces than last year?": calcChange,
		"How many more parking spaces will be added?":  calcNone,
		"By how much did the deficit fall?":            calcChange,
	} {
		if got := readCalc(q); got != want {
			t.Errorf("readCalc(%s) = %v, want %v", q, got, want)
		}
	}
}
