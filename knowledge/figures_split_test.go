package knowledge

import (
	"fmt"
	"testing"
)

// TestSubjectSteps gives each of readGroup's subject steps a sentence where
// it decides a figure's subject (or kind), and checks that without the step
// the figure reads otherwise: no step is there for nothing.
func TestSubjectSteps(t *testing.T) {
	fc := figureContext{year: 2017, period: PeriodReview, from: 2016, to: 2016}
	read := func(text string, i int) string {
		figs := extractFigures(text, fc)
		if i >= len(figs) {
			return fmt.Sprintf("%d figures", len(figs))
		}
		return figs[i].Subject + " " + figs[i].Kind
	}
	tests := []struct {
		step string
		text string
		i    int // the figure the step decides
		want string
	}{
		{"margin", "棚户区改造货币化安置率达52.7%、高于全省19.5个百分点。", 1, "棚户区改造货币化安置率高于全省 other"},
		{"share-of-last", "前11个月，全市产业集聚区完成投资1878.8亿元，占全市的46%。", 1, "产业集聚区投资占全市比重 share"},
		{"share-in-metric", "服务业增加值占生产总值比重达到48%。", 0, "服务业增加值占生产总值比重 share"},
		{"rate-of-levels", "全年接待游客1.14亿人次、旅游总收入905亿元，分别增长9.5%和16%。", 2, "游客 actual"},
		{"classes", "完成4大类57项重点改革任务。", 0, "重点改革任务大类 actual"},
		{"change-of-before", "服务业增加值占生产总值比重达到48%，比2013年提高6.5个百分点。", 1, "服务业增加值占生产总值比重 actual"},
		{"contribution", "服务业增加值占生产总值的比重达44.3%，对经济增长贡献率达56.6%。", 1, "服务业增加值对经济增长贡献率 actual"},
		{"exception", "67件民生实事中，除1件调整计划外，其它66件全部完成。", 1, "民生实事调整计划 actual"},
		{"words-after", "214个贫困村46760名贫困人口如期脱贫。", 0, "贫困村 actual"},
		{"shared-tail", "城镇和农村居民人均可支配收入分别达到68420元和37150元。", 1, "农村居民人均可支配收入 actual"},
		{"same-as-last", "67件民生实事中，除1件调整计划外，其它66件全部完成。", 2, "民生实事全部完成 actual"},
		{"total-of-last", "新增国家级专精特新“小巨人”企业23家，总数达到71家。", 1, "国家级专精特新小巨人企业 actual"},
		{"rate-of-last", "签约资金826亿元，落实率90%以上。", 1, "签约资金落实率 actual"},
		{"list", "审批环节、时限平均压缩20.9%和32.2%。", 1, "审批时限 actual"},
		{"respectively", "新建学校3所、医院2家，总量分别为10和8家。", 2, "新建学校 actual"},
		{"named", "预计全年实现地区生产总值3740亿元。", 0, "地区生产总值 actual"},
	}
	if len(tests) != len(subjectSteps) {
		t.Errorf("%d cases for %d steps", len(tests), len(subjectSteps))
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			if got := read(tt.text, tt.i); got != tt.want {
				t.Fatalf("%s: figure %d = %q, want %q", tt.text, tt.i, got, tt.want)
			}
			withoutStep(t, tt.step)
			if got := read(tt.text, tt.i); got == tt.want {
				t.Errorf("%s: without %s, figure %d is still %q", tt.text, tt.step, tt.i, got)
			}
		})
	}
}

// withoutStep removes the named step from subjectSteps until the test ends.
func withoutStep(t *testing.T, name string) {
	t.Helper()
	saved := subjectSteps
	var kept []subjectStep
	for _, s := range saved {
		if s.name != name {
			kept = append(kept, s)
		}
	}
	if len(kept) != len(saved)-1 {
		t.Fatalf("%d steps named %q, want 1", len(saved)-len(kept), name)
	}
	subjectSteps = kept
	t.Cleanup(func() { subjectSteps = saved })
}

// A pair of latin names sharing the tail (PM10、PM2.5年均浓度) splits at the
// end of the last name, whatever its length.
func TestSharedTailLatin(t *testing.T) {
	got := splitSharedTail("PM10、PM2.5年均浓度")
	if want := []string{"PM10年均浓度", "PM2.5年均浓度"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("splitSharedTail = %q, want %q", got, want)
	}
	if got := splitSharedTail("出口和进出口总额"); got != nil {
		t.Errorf("出口和进出口总额 split into %q", got)
	}
}

// A rate after a level names the level's thing by its last words (投入强度
// after 研发经费投入) or not at all, and the verb of reaching it (提高到,
// 稳定在) is no part of a subject.
func TestRateOfLastSubject(t *testing.T) {
	fc := figureContext{year: 2023, period: PeriodReview, from: 2022, to: 2022}
	for _, tt := range []struct {
		text string
		i    int
		want string
	}{
		{"预计全社会研发经费投入98.5亿元，投入强度提高到2.13%。", 1, "全社会研发经费投入强度"},
		{"签约资金826亿元，落实率90%以上。", 1, "签约资金落实率"},
		{"全市森林覆盖率提高到19.6%。", 0, "森林覆盖率"},
		{"粮食播种面积稳定在260万亩以上。", 0, "粮食播种面积"},
	} {
		figs := extractFigures(tt.text, fc)
		if tt.i >= len(figs) || figs[tt.i].Subject != tt.want {
			t.Errorf("%s: figure %d of %v, want subject %q", tt.text, tt.i, figs, tt.want)
		}
	}
}

// How a growth was reckoned (按可比价格计算) is no subject: the growth is of
// the figure before.
func TestMannerIsNoSubject(t *testing.T) {
	fc := figureContext{year: 2019, period: PeriodReview, from: 2018, to: 2018}
	figs := extractFigures("2018年全市地区生产总值达到1286.4亿元，按可比价格计算增长7.6%。", fc)
	if len(figs) < 2 || figs[1].Subject != "地区生产总值" || figs[1].Measure != MeasureGrowth {
		t.Errorf("figures %v: want the growth of 地区生产总值", figs)
	}
}
