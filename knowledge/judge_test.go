package knowledge

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestJudgeRules runs each rule of the judge alone on a question and a
// sentence of the report: whether it finds something the report lacks.
func TestJudgeRules(t *testing.T) {
	bk := openTestBase(t).Default()
	rules := map[string]rule{}
	for _, r := range judgeRules {
		if r.doc == "" || r.run == nil {
			t.Errorf("rule %q has no doc or no run", r.name)
		}
		rules[r.name] = r
	}
	tested := map[string]bool{}
	for _, tt := range []struct {
		rule, question, sentence string // sentence: a snippet of the sentence judged
		fires                    bool
	}{
		{"month", "去年12月的社会消费品零售总额是多少", "社会消费品零售总额1800亿元", true},
		{"month", "去年社会消费品零售总额是多少", "社会消费品零售总额1800亿元", false},
		{"day", "明天旅游总收入是多少", "旅游总收入905亿元", true},
		{"day", "去年旅游总收入是多少", "旅游总收入905亿元", false},
		{"other-year", "2014年旅游总收入是多少", "旅游总收入905亿元", true},
		{"other-year", "2016年旅游总收入是多少", "旅游总收入905亿元", false},
		{"other-year", "2016—2020年洛阳的发展目标是什么", "描绘了“十三五”洛阳", false},
		{"other-year", "2016—2020年洛阳的发展目标是什么", "旅游总收入905亿元", true},
		{"other-year", "What are the development goals for 2016-2020?", "描绘了“十三五”洛阳", false},
		{"other-place", "郑州去年旅游总收入是多少", "旅游总收入905亿元", true},
		{"other-place", "洛阳去年旅游总收入是多少", "旅游总收入905亿元", false},
		{"county", "嵩县去年旅游总收入是多少", "旅游总收入905亿元", true},
		{"county", "去年旅游总收入是多少", "旅游总收入905亿元", false},
		{"kind-place", "柳林县去年旅游总收入是多少", "旅游总收入905亿元", true},
		{"kind-place", "偃师市去年旅游总收入是多少", "旅游总收入905亿元", false}, // the city's own county: rule county
		{"kind-place", "高新区去年引进了多少企业", "旅游总收入905亿元", false},  // no place the segmenter knows
		{"unknown-word", "去年台风造成的损失有多少", "旅游总收入905亿元", true},
		{"unknown-word", "2018年世界杯冠军是哪个国家", "世界", true},
		{"unknown-word", "What's the difference between a list and a tuple in Python?", "分别入选", true},
		{"unknown-word", "怎么办理护照", "办理人大代表建议", true},
		{"unknown-word", "How do I renew my passport online?", "高校毕业生高质量就业", true},
		{"unknown-word", "今年怎样去库存？是不是鼓励租楼？", "围绕去库存", false},
		{"unknown-word", "What was the difference between the two growth rates?", "分别增长9.5%和16%", false},
		{"unknown-word", "去年PM10的年均浓度是多少", "大气污染防治", true},
		{"unknown-word", "去年GDP3740亿元，增长了多少", "地区生产总值3740亿元", false},
		{"attribute", "去年脱贫的贫困人口有多少", "46760名", false},
		{"attribute", "洛阳现在60岁以上的老人有多少？", "新增养老床位3400张", true}, // which people, the answer must say too
		{"share-of", "研发投入占比是多少", "地区生产总值3740亿元", true},
		{"unknown-word", "去年旅游收入是多少", "旅游总收入905亿元", false},
		{"unknown-word", "去年拆了多少套破旧的平房和危房重建", "棚户区改造", false},
		{"total-cost", "全市产业集聚区的总投资是多少", "全市产业集聚区完成投资1878.8亿元", true},
		{"total-cost", "全市产业集聚区去年完成投资多少", "全市产业集聚区完成投资1878.8亿元", false},
		{"attribute", "去年PM2.5年平均浓度是多少", "大气污染防治", true},
		{"dictionary-word", "What's a good name for a golden retriever puppy?", "旅游总收入905亿元", true},
		{"dictionary-word", "How many employees does China YTO have?", "中国一拖", true},
		{"no-time", "洛阳银行哪一年上市", "洛阳银行", true},
		{"no-time", "地铁1号线什么时候开工", "1号线上半年开工", false},
		{"no-date", "政府工作报告是哪一天作的", "各位代表", true},
		{"no-date", "政府工作报告是哪一天作的", "2017年1月9日", false},
		{"main-thing", "市民中心什么时候建成", "确保东环路二期、南环路牡丹文化节前完工", true},
		{"main-thing", "洛吉快速通道黄河大桥什么时候能把主体弄完", "洛吉快速通道黄河大桥10月主体建成", false},
		{"part-of-whole", "去年出口额是多少", "进出口总额", true},
		{"part-of-whole", "去年进出口总额是多少", "进出口总额", false},
		{"part-of-whole", "2016年洛阳税收收入是多少", "一般公共预算收入302.7亿元", true},
		{"part-of-whole", "2016年洛阳人均GDP在全省排第几", "增速保持全省第一方阵", true},
		{"plan-period", "十二五期间地区生产总值是多少", "地区生产总值3740亿元", true},
		{"plan-period", "去年地区生产总值是多少", "地区生产总值3740亿元", false},
		{"year-of-number", "去年年底的常住人口城镇化率是多少", "常住人口城镇化率达到55.8%", true},
		{"attribute", "旅游总收入在全省排第几", "旅游总收入905亿元", true},
		{"attribute", "刘宛康代市长是哪里人", "代市长刘宛康", true},
		{"attribute", "牡丹每斤卖多少钱", "旅游总收入905亿元", true},
		{"attribute", "去年地区生产总值增速在全省排第几", "增速保持全省第一方阵", false},
		{"person-past", "代市长刘宛康之前担任什么职务", "洛阳市人民政府代市长刘宛康", true},
		{"person-past", "刘宛康的hometown是哪里", "洛阳市人民政府代市长刘宛康", true},
		{"person-past", "作报告的代市长是谁", "洛阳市人民政府代市长刘宛康", false},
		{"rank-of-growth", "洛阳去年GDP总量在全省排第几名", "增速保持全省第一方阵", true},
		{"rank-of-growth", "洛阳去年GDP增速在全省排第几名", "增速保持全省第一方阵", false},
		{"attribute-of-thing", "洛阳市的总面积有多大", "新增有效灌溉面积4.26万亩", true},
		{"attribute-of-thing", "自贸区洛阳片区的面积有多少平方公里", "治理水土流失面积153平方公里", true}, // 面积 names what is asked, not whose
		{"attribute-of-thing", "地铁1号线啥时候通车", "城市轨道交通1号、2号线试验段", true},
		{"attribute-of-thing", "今年旅游总收入目标是多少", "旅游总收入1040亿元", false},
		{"attribute-of-thing", "今年牡丹文化節幾時開幕？", "确保东环路二期、南环路牡丹文化节前完工", true},                                      // 完工 is of the roads; 开幕 is asked
		{"attribute", "When will Luoyang Metro Line 1 open to passengers?", "确保城市轨道交通1号线上半年开工、力争2号线下半年开工", true}, // an English when-question's event: started is not opened
		{"attribute", "When will Science Avenue open to traffic?", "力争科技大道等项目牡丹文化节前建成通车", false},
		{"day", "聽日洛陽會唔會落雨？", "只要我们牢记使命、久久为功", true},                                // 聽日: 明天
		{"particular-thing", "今年全年计划接待多少游客？", "全年接待游客1.23亿人次，实现旅游总收入1040亿元", false}, // 全年计划: when, not what
		{"whole-of-share", "去年GDP是多少", "第三产业增加值占GDP的比重达44.3%", true},
		{"whole-of-share", "去年第三产业增加值是多少", "第三产业增加值占GDP的比重达44.3%", false},
		{"whole-of-share", "第三产业增加值占GDP的比重是多少", "第三产业增加值占GDP的比重达44.3%", false},
		{"rate", "What was the registered unemployment rate in 2016?", "新增城镇就业13万人", true},
		{"rate", "第三产业增加值占GDP的比重是多少", "第三产业增加值占GDP的比重达44.3%", false},
		{"rate-of-thing", "去年体育健身设施覆盖率是多少？", "体育健身设施覆盖率达100%", false},
		{"rate-of-thing", "去年货币化安置率是多少？", "货币化安置率达52.7%", false},
		{"share-of", "2016年研发投入占GDP比重是多少", "地区生产总值3740亿元", true},
		{"share-of", "去年研发投入占GDP多少", "地区生产总值3740亿元", true},
		{"share-of", "产业园占地多少亩", "地区生产总值3740亿元", false}, // 占地: the land it takes, no share
		{"share-of", "第三产业增加值占GDP的比重是多少", "第三产业增加值占GDP的比重达44.3%", false},
		{"share-of", "去年服务行业在整个经济盘子里占了多大比重？", "第三产业增加值占GDP的比重达44.3%", false},
		{"kind-of-thing", "洛阳常住人口有多少万人", "8.12万贫困人口脱贫任务", true},
		{"kind-of-thing", "洛阳贫困人口有多少万人", "8.12万贫困人口脱贫任务", false},
		{"numbered-name", "地铁3号线什么时候开工", "确保城市轨道交通1号线上半年开工、力争2号线下半年开工", true},
		{"numbered-name", "地铁2号线什么时候开工", "确保城市轨道交通1号线上半年开工、力争2号线下半年开工", false},
		{"topic", "今年旅游总收入目标是多少", "各位代表", true},
		{"topic", "今年旅游总收入目标是多少", "旅游总收入1040亿元", false},
		{"topic", "今年GDP总量的目标是多少亿元", "全年计划实施亿元以上项目1400个，完成投资2800亿元", true}, // 亿元, the unit asked, is no topic
		{"topic", "去年研发经费投入总额是多少", "实现进出口总额17.1亿美元", true},                 // 总额, the measure asked, is none either
		{"topic", "Who won the Champions League final in 2016?", "洛阳市人民政府代市长刘宛康", true},
		{"topic", "这份报告是谁作的", "洛阳市人民政府代市长刘宛康", false},
		{"role", "洛阳市委书记是谁", "习近平总书记", true},
		{"role", "洛阳市代市长是谁", "刘宛康", false},
		{"part-of-set", "新增的260家研发平台里，国家级的有多少家", "研发平台260家", true},
		{"list-not-named", "新三板挂牌的11家企业都是哪几家", "挂牌企业11家", true},
		{"list-not-named", "302.7亿元指的是哪一项", "一般公共预算收入302.7亿元", false},
		{"no-number", "去年旅游总收入是多少", "旅游产业", true},
		{"no-number", "去年旅游总收入是多少", "旅游总收入905亿元", false},
		{"no-number", "河科大二附院综合楼建好后有多少张床位", "争取河科大二附院综合楼等54个项目开工建设", true}, // 个 counts projects, not beds
		{"no-number", "去年新建改扩建了多少所公办幼儿园", "新建、改扩建公办幼儿园48所", false},
		{"total-not-added", "现在一共有多少家高新技术企业", "高新技术企业", true},
		{"money-of-thing", "中信重工去年营业收入是多少", "中信重工成为国家首批企业", true},
		{"money-of-thing", "去年旅游总收入是多少", "旅游总收入905亿元", false},
		{"money-of-thing", "去年民生支出多少？占一般公共预算支出多少？", "全年民生支出达378.4亿元", false},
		{"quoted-number", "民生支出378.4亿元、占比73.2%，其中教育支出是多少", "民生支出达378.4亿元", true},
		{"quoted-number", "去年洛阳GDP总量和增速分别是多少", "预计全年实现地区生产总值3740亿元，同比增长8.8%", false}, // each ask in its own unit
		{"particular-thing", "孙辛路改造花了多少钱", "孙辛路", true},
	} {
		tested[tt.rule] = true
		checkRule(t, bk, rules, tt.rule, tt.question, tt.sentence, tt.fires)
	}
	for _, r := range judgeRules {
		if !tested[r.name] {
			t.Errorf("rule %q has no row in the table", r.name)
		}
	}
}

// checkRule runs the named rule alone on a question and the first sentence
// of bk holding sentence, and reports when it fires other than wanted.
func checkRule(t *testing.T, bk *Book, rules map[string]rule, name, question, sentence string, fires bool) {
	t.Helper()
	r, ok := rules[name]
	if !ok {
		t.Errorf("no rule %q", name)
		return
	}
	best := slices.IndexFunc(bk.sentences, func(s Sentence) bool { return strings.Contains(s.Text, sentence) })
	if best < 0 {
		t.Errorf("%s: no sentence holds %q", name, sentence)
		return
	}
	it := bk.analyze(bk.prepare(NormalizeQuestion(question)))
	j := &judging{b: bk, it: &it, best: best, text: bk.lower[best], s: &bk.sentences[best]}
	if got := r.run(j) != nil; got != fires {
		t.Errorf("%s(%s | %s) fires = %v, want %v", name, question, sentence, got, fires)
	}
}

// TestJudgeRulesOtherReports runs rules alone on sentences of other
// reports, for forms the Luoyang report does not write.
func TestJudgeRulesOtherReports(t *testing.T) {
	rules := map[string]rule{}
	for _, r := range judgeRules {
		rules[r.name] = r
	}
	books := map[string]*Book{}
	for _, tt := range []struct {
		report, rule, question, sentence string
		fires                            bool
	}{
		// which value is asked (最低) says nothing of whose: the thing the report names does
		{"haizhou-2025", "attribute-of-thing", "海州地铁单程票价最低多少钱？", "全市最低工资标准自2024年7月1日起调整为每月2280元", true},
		{"taoyuan-2023", "attribute-of-thing", "在桃源打工一个月最低能拿多少钱", "全市月最低工资标准由1720元提高到1850元", false},
		{"qingshui-2024", "kind-of-thing", "清水市常住人口有多少万人？", "脱贫人口务工就业规模达到16.8万人", true},
		{"songhe-2023", "kind-of-thing", "2022年松河经济开发区完成营业收入多少？", "全年开发区完成营业收入58.4亿元", false}, // 全年: when, no kind
		{"jinsha-2024", "attribute-of-thing", "地铁11号线金沙段预计哪一年建成通车？", "地铁6号线金沙段建成通车，区内设站7座；地铁11号线金沙段开工建设", true},
		// the event said of another thing in the sentence: a road in a clause before, a road beside the named one, another line's phase
		{"qingshui-2024", "attribute-of-thing", "长清城际铁路预计什么时候建成通车？", "清岳高速公路通车运营，长清城际铁路开工建设，清水凤凰机场航线网络通达全国21个城市", true},
		{"yunling-2021", "attribute-of-thing", "云岭至桐江高速公路计划哪一年建成通车？", "开工建设云岭至桐江高速公路，全长96公里，总投资186亿元；加快沧河至石门高速公路建设，确保青溪至龙泉高速公路年内建成通车", true},
		{"haizhou-2025", "attribute-of-thing", "海州地铁4号线一期计划什么时候开通运营？", "地铁3号线一期年内建成开通，新增运营里程28公里，全市轨道交通运营里程达到146公里；加快地铁4号线一期、1号线东延段建设", true},
		{"fengxi-2025", "attribute-of-thing", "丰宁高速丰溪北互通连接线全长多少公里，什么时候通车？", "丰宁高速丰溪北互通连接线全长8.6公里，力争年底建成通车", false},
		{"jinsha-2024", "whole-of-share", "2023年全区一般公共预算支出总额是多少？", "全区民生支出占一般公共预算支出的比重达到78.2%", true},
		// a share asked of a thing named with a light everyday word: the heaviest of the part's words decides
		{"baiyun-2016", "share-of", "今年县城空气好的日子要占多少比例？", "今年县城空气质量优良率保持在94%以上", false},
		// 比上年 says how it is asked; 优良天数比 is no name
		{"jinsha-2024", "particular-thing", "去年空气质量优良天数比上年增加几天？", "全年空气质量优良天数达到312天，优良天数比例为85.5%，较上年增加11天", false},
		// the year of the asked thing's figure, not of another figure beside it (开通航线32条)
		{"yunling-2021", "year-of-number", "凤栖机场2020年旅客吞吐量是多少？", "凤栖机场改扩建工程完工，开通航线32条，2019年旅客吞吐量首次突破200万人次", true},
		{"lanxi-2018", "numbered-name", "白河县风电基地二期装机规模是多少？", "白河县百万千瓦风电基地一期40万千瓦建成并网", true},
		{"nanhu-2021", "numbered-name", "十三五期间累计实际使用外资多少？", "五年累计实际使用外资132.6亿美元", false}, // 十三五期间: a plan's time
		{"songhe-2023", "attribute-of-thing", "全县耕地总面积是多少亩？", "全县苹果种植面积达到18.6万亩", true},
		{"songhe-2023", "attribute-of-thing", "全县苹果种植面积是多少亩？", "全县苹果种植面积达到18.6万亩", false},
		// a thing the report never names, of which an attribute is asked
		{"hailan-2024", "unknown-word", "全市高速公路通车里程是多少公里？", "新改建农村公路326公里", true},
		// a number before a cue that opens with its unit (80岁以上) says which people, as the answer does (80周岁以上)
		{"songhe-2023", "attribute", "80岁以上的老人，有多少人按月领了高龄津贴？", "为9800名80周岁以上老年人按月发放高龄津贴", false},
		{"songhe-2023", "attribute-of-thing", "80岁以上的老人，有多少人按月领了高龄津贴？", "为9800名80周岁以上老年人按月发放高龄津贴", false},
		{"songhe-2023", "attribute", "60岁以上的老人，有多少人按月领了高龄津贴？", "为9800名80周岁以上老年人按月发放高龄津贴", true},
		// people counted by their homes
		{"xiangyang-2021", "no-number", "去年改造老旧小区惠及多少居民？", "惠及居民3.9万户", false},
		// a rate of another thing of the same rate word
		{"yanzhou-2022", "rate-of-thing", "去年城乡居民基本医疗保险参保率是多少？", "城乡居民基本养老保险参保率稳定在95%以上", true},
		{"yanzhou-2022", "rate-of-thing", "城乡居民基本养老保险参保率是多少？", "城乡居民基本养老保险参保率稳定在95%以上", false},
		{"baiyun-2016", "rate-of-thing", "去年空气优良率是多少", "空气质量优良率达到93.7%", false},
		{"hailan-2024", "rate-of-thing", "城乡居民医保参保率是多少", "基本医疗保险参保率稳定在98%以上", false},
		// a total given beside what was added; not a part of what was added
		{"changde-2023", "total-not-added", "全市A级旅游景区现在有多少家？", "全市A级旅游景区达到62家", false},
		{"changde-2023", "total-not-added", "全市a级旅游景区现在有多少家？", "全市A级旅游景区达到62家", false},
		// 冰雪赛事和冰雪活动126项: two things of the question's words, joined
		{"beishan-2018", "particular-thing", "第十九届北山国际冰雪节推出了多少项活动", "推出冰雪赛事和冰雪活动126项", false},
		// a name the question and the answer share, whose clause has no number
		{"baiyun-2016", "particular-thing", "白云至河口一级公路全长多少公里？", "建成白云至河口一级公路", true},
		{"beishan-2018", "particular-thing", "去年全市集中供热面积是多少", "全市集中供热面积达到1.26亿平方米", false},
		// money of another kind; the time and the verb before a figure name no thing
		{"xiling-2019", "money-of-thing", "华岭能源80万吨煤制烯烃项目的总投资是多少？", "当年实现产值46.2亿元", true},
		{"tingxi-2026", "particular-thing", "今年汀竹公路二期投资多少？", "年内完成投资6.5亿元", false},
		// a rank asked among the world's (全球) is not a rank among the country's
		{"haizhou-2025", "attribute", "海州港2024年货物吞吐量在全球港口中排名第几？", "在全国综合实力百强县（市）中排名跃升至第38位", true},
		// the report's own province, which the places list lacks
		{"haizhou-2025", "other-place", "东海省2024年地区生产总值总量是多少亿元？", "全市地区生产总值达到5386.2亿元", true},
		{"haizhou-2025", "other-place", "海州2024年地区生产总值在东海省排第几？", "高于全省0.4个百分点", false},
		// a day without its year, in the year reviewed
		{"haizhou-2025", "no-date", "青屿跨海大桥是哪一天建成通车的？", "青屿跨海大桥于9月28日建成通车", false},
		// a place named by its kind that is not the report's own: the city
		// above a county, another county, a town the report names
		{"songhe-2023", "kind-place", "白原市柳林县去年粮食总产量是多少？", "粮食总产量达到41.3万吨", true},
		{"songhe-2023", "kind-place", "白原市2022年全市地区生产总值是多少？", "全年实现地区生产总值142.6亿元", true},
		{"songhe-2023", "kind-place", "松河县2022年地区生产总值是多少？", "全年实现地区生产总值142.6亿元", false},
		{"yunling-2021", "other-year", "How many new urban jobs were created in total from 2016 to 2020?", "城镇新增就业累计22.3万人", false}, // the plan its part reviews (“十三五”时期和2020年工作回顾)
		{"yunling-2021", "kind-place", "澜州市2020年地区生产总值是多少？", "全年实现地区生产总值1538.7亿元", true},                                            // 澜/ns 州市, cut by the segmenter
		{"tingxi-2026", "kind-place", "今年竹岭镇的地区生产总值目标是多少？", "地区生产总值增长6%左右", true},
		{"linjiang-2019", "kind-place", "2018年臨江區一般公共預算收入係幾多？", "一般公共预算收入完成96.8亿元", false},
		{"fengxi-2025", "kind-place", "现在看病不出县的比例有多少", "县域内就诊率", false},
		// Huai'an in the report of 槐安 (huaian) is the report's place, not 淮安
		{"huaian-2016", "other-place", "What was Huai'an Port's container throughput in 2015?", "槐安港全年完成货物吞吐量5260万吨，集装箱吞吐量达到26.8万标箱", false},
		{"huaian-2016", "whole-of-share", "What was Huai'an's real GDP growth rate in 2015?", "服务业增加值增长11.3%，占地区生产总值比重比上年提高1.6个百分点", true}, // a growth rate asks no share
		{"huaian-2016", "numbered-name", "有轨电车T2线线路全长多少公里？", "有轨电车T1线于2015年12月28日开通试运营，线路全长20.3公里", true},
		{"huaian-2016", "attribute", "去年东西的价格总体涨了多少？", "全年居民消费价格上涨1.6%，涨幅低于年初预期目标", false}, // a rise of prices is in percent
		// PM2.5, which the report writes 细颗粒物; its fall asked, in percent
		{"huaian-2016", "unknown-word", "今年PM2.5浓度下降目标是多少？", "今年全市细颗粒物年平均浓度下降5%以上，空气质量优良天数比例达到70%", false},
		{"huaian-2016", "attribute", "今年PM2.5浓度下降目标是多少？", "今年全市细颗粒物年平均浓度下降5%以上，空气质量优良天数比例达到70%", false},
		{"lanxi-2018", "attribute", "2018年全国GDP增长目标是多少？", "全市经济社会发展的主要预期目标是：地区生产总值增长7.5%左右", true},
		// the clause after a name's, opening with what was done and no subject of its own, is the name's
		{"qianling-2019", "particular-thing", "請問去年黔嶺機場新開通了幾條航線？", "黔岭机场旅客吞吐量达到108.6万人次，首次突破百万人次，增长26.4%；新开通至北京、成都、海州等航线5条，通航城市达到21个", false},
		// a span's sum is not its last year's number; the level it reaches is
		{"qianling-2019", "year-of-number", "2018年全州新建改建普通国省干线公路多少公里？", "三年累计建成农村“组组通”硬化路1.32万公里，新建改建普通国省干线公路620公里", true},
		{"yanzhou-2022", "year-of-number", "What life expectancy does the city target for 2026?", "城镇调查失业率控制在5.5%以内，人均预期寿命达到79岁", false},
		// this government's term and the years its review spans
		{"qianling-2019", "particular-thing", "本届政府三年累计完成固定资产投资多少？", "三年累计完成固定资产投资4186.5亿元，是上一个三年的1.9倍", false},
		{"qianling-2019", "other-year", "2016年到2018年全州地区生产总值年均增长多少？", "三年来，全州地区生产总值年均增长10.8%，一般公共预算收入年均增长9.2%", false},
		{"qianling-2019", "kind-place", "都岭市今年一般公共预算收入的目标是多少？", "一般公共预算收入增长6%左右", true},              // 都/d 岭市/x, which the report writes whole
		{"qianling-2019", "kind-place", "2018年全州一般公共预算收入是多少？", "一般公共预算收入完成132.6亿元，同口径增长8.7%", false}, // 年/m 全州/n is no place
		// an area in 亿平方米
		{"beishan-2018", "attribute", "去年全市集中供热面积是多少", "全市集中供热面积达到1.26亿平方米", false},
	} {
		bk := books[tt.report]
		if bk == nil {
			bk = openReports(t, false, testReport(t, tt.report)).Default()
			books[tt.report] = bk
		}
		checkRule(t, bk, rules, tt.rule, tt.question, tt.sentence, tt.fires)
	}
}

// A name the question's words make (城墙遗址公园) is not answered by a
// sentence naming another of its kind (洛浦公园) and not it.
func TestAnotherOfKind(t *testing.T) {
	bk := openTestBase(t).Default()
	for _, tt := range []struct {
		question, sentence, want string
	}{
		{"南城墙遗址公园有多少亩", "加快洛浦公园提升改造", "南城墙遗址公园"},
		{"洛浦公园提升改造花了多少钱", "加快洛浦公园提升改造", ""},
		{"南城墙遗址公园有多少亩", "南城墙遗址公园", ""},
		{"栾卢高速有多长", "二广高速e河站", "栾卢高速"},
	} {
		best := slices.IndexFunc(bk.sentences, func(s Sentence) bool { return strings.Contains(s.Text, tt.sentence) })
		if best < 0 {
			t.Fatalf("no sentence holds %q", tt.sentence)
		}
		it := bk.analyze(bk.prepare(NormalizeQuestion(tt.question)))
		j := &judging{b: bk, it: &it, best: best, text: bk.lower[best], s: &bk.sentences[best]}
		if got := j.anotherOfKind(); got != tt.want {
			t.Errorf("anotherOfKind(%s | %s) = %q, want %q (phrases %v)", tt.question, tt.sentence, got, tt.want, it.phrases)
		}
	}
}

// A number asked of a thing is not another thing's, later in the sentence.
func TestFigureOfOtherThing(t *testing.T) {
	for _, tt := range []struct {
		q, name, text string
		units         []string
		want          bool
	}{
		{"金沙湾旅游度假区去年接待游客多少人次", "金沙湾旅游度假区", "金沙湾旅游度假区创成国家级旅游度假区，月牙湾海滨浴场接待游客520万人次。", []string{"万人次"}, true},
		{"襄阳东站的总投资是多少", "襄阳东站", "襄阳东站综合交通枢纽配套工程全面完工，新集水电站年度完成投资19.6亿元。", []string{"亿元"}, true},
		{"岚西大剧院有多少个座位", "岚西大剧院", "建成村级综合文化服务中心320个，岚西大剧院建成投用。", []string{"个"}, true},
		{"地铁1号线全长多少公里", "地铁1号线", "地铁1号线一期开通运营，全长28.6公里，设站22座。", []string{"公里"}, false},
		{"天府大道北延线绵竹段去年完成投资多少", "天府大道北延线绵竹段", "天府大道北延线绵竹段开工建设，全年完成投资9.8亿元。", []string{"亿元"}, false},
		{"今年养老院打算多添多少张床", "养老院", "提高农村养老院集中供养水平，新建养老床位3000张。", []string{"张"}, false},
		{"保障性住房今年计划基本建成多少套", "保障性住房", "加大保障性住房建设力度，基本建成公共租赁房5000套，分配入住4000套。", []string{"套"}, false},    // its kinds, after a clause of effort
		{"雁峰水库新增多少万千瓦", "雁峰水库", "加快雁峰水库、引雁济石工程建设，推进石门、云岭风电光伏项目建设，新增新能源装机80万千瓦。", []string{"万千瓦"}, true}, // another clause of effort between
		{"四次地企合作会议签约了多少个项目", "地企合作", "建立地企合作双月联席会议制度，四次地企合作会议签约项目100个。", []string{"个"}, false},
	} {
		it := &intent{text: tt.q, units: map[string]bool{}}
		for _, u := range tt.units {
			it.units[u] = true
		}
		it.concepts = []concept{{terms: []string{tt.name}}}
		if got := figureOfOtherThing(tt.text, tt.name, it); got != tt.want {
			t.Errorf("figureOfOtherThing(%q, %q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}

func TestNamesInPair(t *testing.T) {
	for _, tt := range []struct {
		text, part string
		want       bool
	}{
		{"城镇和农村居民人均可支配收入分别达到68420元和37150元", "城镇居民人均可支配收入", true},
		{"城镇、农村居民收入分别增长5%和7%", "城镇居民收入", true},
		{"全市居民人均可支配收入达21120元", "城镇居民人均可支配收入", false},
		{"城镇新增就业10万人，农村居民收入增长7%", "城镇居民收入", false},
	} {
		if got := namesInPair(tt.text, tt.part); got != tt.want {
			t.Errorf("namesInPair(%q, %q) = %v, want %v", tt.text, tt.part, got, tt.want)
		}
	}
}

// A word of three letters or more is known when its parts are, but not
// when a letter is left over that is more than a kind of the part.
func TestKnownWord(t *testing.T) {
	bk := openTestBase(t).Default()
	for w, want := range map[string]bool{"旅游业": true, "山沟沟": true, "世界杯": false, "牛肉面": false} {
		if got := bk.known(w); got != want {
			t.Errorf("known(%q) = %v, want %v", w, got, want)
		}
	}
}

// A number of items (赛事27项) does not count people; ten thousands written
// before the people they count (8.12万贫困人口) do.
func TestUnitFitsPeople(t *testing.T) {
	people := map[string]bool{"人": true, "万人": true, "名": true, "万名": true}
	items := &Sentence{Figures: []Figure{{Unit: "项", Value: 27}}}
	if unitFits(items, people, "项") {
		t.Error("赛事27项 answers 多少人")
	}
	if !unitFits(items, map[string]bool{"所": true}, "项") {
		t.Error("an item unit no longer answers a count of things")
	}
	poor := &Sentence{Figures: []Figure{{Unit: "万", Value: 8.12, Subject: "贫困人口"}}}
	if !unitFits(poor, people, "万") {
		t.Error("8.12万贫困人口 does not answer 多少人")
	}
	firms := &Sentence{Figures: []Figure{{Unit: "万", Value: 2.1, Subject: "市场主体"}}}
	if unitFits(firms, people, "万") {
		t.Error("市场主体2.1万 answers 多少人")
	}
}

// A rank asked is answered by a rank written with its number (第58位), not
// by any ordinal (第二十六届).
func TestRankUnit(t *testing.T) {
	units := map[string]bool{"=第一": true, "=@rank": true}
	for text, want := range map[string]bool{
		"在全国综合实力百强县市中的排名从第71位提升到第58位。": true,
		"成功举办第二十六届中国海岚开渔节。":            false,
		"经济总量居全省第一。":                   true,
	} {
		if got := hasUnit(&Sentence{Text: text}, units); got != want {
			t.Errorf("hasUnit(%q, rank) = %v, want %v", text, got, want)
		}
	}
}

// An event asked must start a word of the question: 建成 inside 创建成 asks
// no opening, and the year the sentence gives answers it.
func TestEventStartsWord(t *testing.T) {
	res, err := openReports(t, false, testReport(t, "yanzhou-2022")).Ask(context.Background(), "雁峰山景区是哪一年创建成国家5A级旅游景区的？", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Answers[0].Text, "于2019年成功创建") {
		t.Errorf("answered %v %+v: want the sentence with 于2019年成功创建", res.Answered, res.Missing)
	}
}

// A year asked that ends the five years a part of goals plans (by 2026) is
// that part's, though its sentences do not write it.
func TestPlanEndYear(t *testing.T) {
	b := openReports(t, false, testReport(t, "yanzhou-2022"))
	res, err := b.Ask(context.Background(), "What urbanization rate of the resident population is targeted by 2026?", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Answers[0].Text, "常住人口城镇化率达到63%") {
		t.Errorf("by 2026: answered %v %+v", res.Answered, res.Missing)
	}
	res, err = b.Ask(context.Background(), "2019年地区生产总值是多少", 3)
	if err != nil || res.Answered {
		t.Errorf("2019年: answered %v, want not: a year inside the review's five is not its end", res.Answered)
	}
}

// 多高 of a thing the report gives figures of asks how much, not a height.
func TestHowHighOfAmount(t *testing.T) {
	bk := openReports(t, false, testReport(t, "tingxi-2026")).Default()
	it := bk.analyze(bk.prepare("汀溪人均地區生產總值有多高？"))
	if len(it.attrs) > 0 {
		t.Errorf("人均地区生产总值有多高 read as attributes %v", it.attrs[0].cue)
	}
	it = bk.analyze(bk.prepare("汀溪电视塔有多高？"))
	if len(it.attrs) == 0 {
		t.Error("电视塔有多高 no longer asks a height")
	}
}

// Two numbers asked at once, in units of their own: the first's unit
// (人次) is not asked of the second thing (旅游综合收入).
func TestParticularThingSeveralAsks(t *testing.T) {
	res, err := openReports(t, false, testReport(t, "baiyun-2016")).Ask(context.Background(), "2015年全县接待游客多少人次，旅游综合收入多少？", 3)
	if err != nil || !res.Answered || !strings.Contains(res.Answers[0].Text, "旅游综合收入27.4亿元") {
		t.Errorf("%v answered %v missing %+v", err, res.Answered, res.Missing)
	}
}

// A rare name stands in a sentence as words of its own, beginning and ending
// where its words do: 农村人 does not stand in 农村人居环境.
func TestStandsAsWord(t *testing.T) {
	bk := openTestBase(t).Default()
	for _, tt := range []struct {
		text, w string
		want    bool
	}{
		{"扎实开展农村人居环境整治。", "农村人", false},
		{"洛吉快速通道黄河大桥10月主体建成。", "黄河大桥", true},
		{"建设孙辛路。", "孙辛路", true},
	} {
		if got := standsAsWord(tt.text, tt.w, wordStarts(tt.text, bk.seg.Cut(tt.text))); got != tt.want {
			t.Errorf("standsAsWord(%q, %q) = %v, want %v", tt.text, tt.w, got, tt.want)
		}
	}
}

// How many rooms: a word only the dictionary knows, counted, must stand in
// the answer as a word of its own (地方 of 地方性法规 is none).
func TestDictionaryWordStandsAsWord(t *testing.T) {
	res, err := openTestBase(t).Ask(context.Background(), "How many hotel rooms does the city have?", 3)
	if err != nil || res.Answered || res.Missing == nil || res.Missing.Rule != "dictionary-word" {
		t.Errorf("%v answered %v missing %+v line %q", err, res.Answered, res.Missing, res.Line)
	}
}

// TestJoinPieces: a word the segmenter cut in two (比特/币) is one unknown
// word when the report never writes it; known words stay cut.
func TestJoinPieces(t *testing.T) {
	bk := openTestBase(t).Default()
	for _, tt := range []struct {
		question string
		want     string // a word of the joined tags; "" for none joined
	}{
		{"比特币现在什么价格？", "比特币"},
		{"洛阳连着当了几回拥军模范城？", ""},
		{"旅游总收入是多少", ""},
	} {
		tags := bk.seg.Tag(tt.question)
		joined := bk.joinPieces(tags)
		got := ""
		if len(joined) < len(tags) {
			for _, tw := range joined {
				if !slices.ContainsFunc(tags, func(x TaggedWord) bool { return x.Word == tw.Word }) {
					got = tw.Word
				}
			}
		}
		if got != tt.want {
			t.Errorf("joinPieces(%s) joined %q, want %q", tt.question, got, tt.want)
		}
	}
}

// TestRequests: a request for something other than the report's facts is
// not answered, in either language; a request to look a figure up is.
func TestRequests(t *testing.T) {
	b := openTestBase(t)
	for q, want := range map[string]bool{
		"帮我写一首关于牡丹的诗":                                    false,
		"推荐一部好看的科幻电影":                                    false,
		"Recommend a good VPN for China travel":          false,
		"帮我查一下去年旅游总收入":                                   true,
		"可唔可以幫我寫首關於牡丹嘅詩？":                                false, // in traditional characters
		"你觉得洛阳的营商环境到底好不好？":                               false, // an opinion asked
		"世界上最高的山是哪座？":                                    false, // a fact of the world, not of the report
		"What's a good way to learn to play the guitar?": false, // advice
	} {
		res, err := b.Ask(context.Background(), q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if res.Answered != want {
			t.Errorf("%s: answered %v, want %v", q, res.Answered, want)
		}
		if !want && (res.Missing == nil || res.Missing.Rule != ruleRequest) {
			t.Errorf("%s: missing %+v, want rule %s", q, res.Missing, ruleRequest)
		}
	}
}

// TestRateWritten: a rate asked in fewer words than the report writes it
// (处理率 of 处理处置率) is the report's rate; another is not.
func TestRateWritten(t *testing.T) {
	bk := openTestBase(t).Default()
	for w, want := range map[string]bool{"处理率": true, "失业率": false, "出生率": false} {
		if got := bk.rateWritten(w); got != want {
			t.Errorf("rateWritten(%s) = %v, want %v", w, got, want)
		}
	}
}
