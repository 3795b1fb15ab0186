package commands_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"reportbot/commands"
	"reportbot/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var _ commands.Knowledge = (*knowledge.Base)(nil)

var (
	kbOnce sync.Once
	kb     *knowledge.Base
	kbErr  error
)

// newRouter returns a router over the real report, in a database shared by
// the tests of this package.
func newRouter(t testing.TB) *commands.Router {
	t.Helper()
	kbOnce.Do(func() {
		dir, err := os.MkdirTemp("", "commands-test")
		if err != nil {
			kbErr = err
			return
		}
		kb, kbErr = knowledge.Open(context.Background(), knowledge.Config{Path: filepath.Join(dir, "reportbot.db")})
	})
	if kbErr != nil {
		t.Fatal(kbErr)
	}
	r := commands.NewRouter(kb, nil)
	loc, _ := time.LoadLocation("Asia/Shanghai")
	r.Location = loc
	r.Now = func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, loc) }
	return r
}

// text flattens a reply into the text a person reads.
func text(r commands.Reply) string {
	var b strings.Builder
	b.WriteString(r.Title + "\n")
	for _, l := range r.Body {
		b.WriteString(l + "\n")
	}
	for _, f := range r.Fields {
		b.WriteString(f.Name + "：" + f.Value + "\n")
	}
	b.WriteString(r.Citation + "\n" + r.Footer + "\n")
	return b.String()
}

func handle(t *testing.T, r *commands.Router, line string) commands.Reply {
	t.Helper()
	reply, err := r.Handle(context.Background(), commands.ParseLine(line))
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	return reply
}

func TestCommands(t *testing.T) {
	r := newRouter(t)
	for _, tt := range []struct {
		line      string
		want      []string
		userError bool
	}{
		{"/ask 今年旅游收入目标是多少？", []string{"1040亿元", "二是做大做强文化旅游产业", "旅游总收入：1040亿元 · 2017年目标"}, false},
		{"/ask 地铁2号线什么时候开工", []string{"2号线下半年开工"}, false},
		{"/ask 中信重工的董事长是谁", []string{"报告没有直接回答这个问题", "董事长", "并非答案"}, false},
		{"/ask 2018年洛阳GDP是多少", []string{"报告没有直接回答这个问题", "2018"}, false},
		{"/ask 郑州去年旅游收入", []string{"报告没有直接回答这个问题", "郑州"}, false},
		{"/ask How many tourists visited Luoyang in 2016?", []string{"Q: ", "游客", "Answer 1 of", "total tourism revenue", "905亿元 · 2016 actual"}, false},
		{"/ask 洛陽去年旅遊收入", []string{"旅游总收入"}, false},
		{"/ask ？？？", []string{"请输入一个问题"}, true},
		{"/ask", []string{"缺少问题", "用法：/ask 问题"}, true},
		{"/figure 旅游总收入", []string{"905亿元", "1040亿元", "2016年实际 905亿元 → 2017年目标 1040亿元（增加135亿元，+14.9%）"}, false},
		{"/figure 一般公共预算收入", []string{"302.7亿元", "8.5%", "9.1% → 2017年目标 8.5%（低0.6个百分点）"}, false},
		{"/figure", []string{"缺少指标"}, true},
		{"/figure 火星基地", []string{"没有找到"}, false},
		{"/target", []string{"地区生产总值增长 8.8%", "一般公共预算收入增长 8.5%", "固定资产投资增长 13%", "社会消费品零售总额增长 12%", "居民消费价格涨幅 3%左右", "城镇新增就业 10万人以上", "城镇化率提高 1.65个百分点"}, false},
		{"/target 旅游", []string{"1.23亿人次", "1040亿元"}, false},
		{"/target 旅游总收入", []string{"1040亿元"}, false},
		{"/section", []string{"一、2016年工作回顾", "二、2017年总体要求及重点工作安排", "(七)传承历史文脉…", "三、加快建设人民满意的服务型政府"}, false},
		{"/section 七", []string{"(七)传承历史文脉，彰显文化特色，加快构建文化传承创新体系", "一是彰显历史文化名城底蕴", "二是做大做强文化旅游产业", "三是完善公共文化服务体系", "1040亿元"}, false},
		{"/section (七)", []string{"(七)传承历史文脉，彰显文化特色，加快构建文化传承创新体系"}, false},
		{"/section （七）", []string{"(七)传承历史文脉，彰显文化特色，加快构建文化传承创新体系"}, false},
		{"/section 7", []string{"(七)传承历史文脉，彰显文化特色，加快构建文化传承创新体系"}, false},
		{"/section 二", []string{"二、2017年总体要求及重点工作安排", "(十)倾力改善民生"}, false},
		{"/section 三(二)", []string{"(二)推进依法行政，切实维护公平正义"}, false},
		{"/section 十一", []string{"只有(一)到(十)十个方面"}, true},
		{"/section 三(九)", []string{"只有(一)到(四)四个方面"}, true},
		{"/section abc", []string{"看不懂编号"}, true},
		{"/section 0", []string{"看不懂编号"}, true},
		{"/search 牡丹文化节", []string{"5句", "办好牡丹文化节、河洛文化旅游节"}, false},
		{"/search 旅游 收入", []string{"旅游总收入1040亿元"}, false},
		{"/search PPP", []string{"PPP模式试点工作扎实推进"}, false},
		{"/search ！！", []string{"请给出要查找的词"}, true},
		{"/search 量子计算机", []string{"没有包含"}, false},
		{"/digest --date 2026-11-27", []string{"每日一读 · 2026-11-27", "今日主题"}, false},
		{"/digest 2026-11-27", []string{"每日一读 · 2026-11-27"}, false},
		{"/digest", []string{"每日一读 · 2026-11-27"}, false},
		{"/digest --date 2026-13-45", []string{"日期“2026-13-45”不对"}, true},
		{"/digest yesterday", []string{"格式应为 YYYY-MM-DD"}, true},
		{"/help", []string{"/ask 问题", "/figure 指标", "/target [领域]", "/section [编号]", "/search 关键词", "/digest [日期]", "/about"}, false},
		{"/about", []string{"2017年洛阳市政府工作报告", "2017年1月9日", "刘宛康", "第十四届人民代表大会第五次会议"}, false},
		{"/nosuch", []string{"没有这个命令：nosuch", "/help"}, true},
		{"/", []string{"没有这个命令"}, true},
		{"/目标 旅游", []string{"1040亿元"}, false},
		{"/章节 七", []string{"(七)传承历史文脉"}, false},
	} {
		t.Run(tt.line, func(t *testing.T) {
			reply := handle(t, r, tt.line)
			got := text(reply)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("reply lacks %q:\n%s", w, got)
				}
			}
			if reply.UserError != tt.userError {
				t.Errorf("UserError = %v, want %v", reply.UserError, tt.userError)
			}
		})
	}
}

// TestGolden compares whole replies with testdata/golden; -update rewrites them.
func TestGolden(t *testing.T) {
	r := newRouter(t)
	for _, tt := range []struct{ name, line string }{
		{"help", "/help"},
		{"about", "/about"},
		{"target", "/target"},
		{"section", "/section"},
		{"digest-2026-11-27", "/digest 2026-11-27"},
		{"digest-2026-11-28", "/digest 2026-11-28"},
		{"digest-2027-01-09", "/digest 2027-01-09"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.MarshalIndent(handle(t, r, tt.line), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", tt.name+".json")
			if *update {
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if string(want) != string(got)+"\n" {
				t.Errorf("%s differs from %s:\n%s", tt.line, path, got)
			}
		})
	}
}

// TestFigureComparisons: an arrow stands only between two figures of the
// same subject and measure, never between things that merely share a word
// (the 1515 enterprises given bridge loans and the 15 to be listed).
func TestFigureComparisons(t *testing.T) {
	r := newRouter(t)
	for _, q := range []string{"企业", "10亿元以上项目", "投资", "总投资", "项目", "就业", "旅游", "贫困", "面积", "增长", "比重", "率"} {
		hits, err := kb.Figures(q)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range kb.Comparisons(hits) {
			a, b := c.Actual, c.Target
			if a.Measure != b.Measure || a.Kind != "actual" || b.Kind != "target" || a.Year != 2016 || b.Year != 2017 {
				t.Errorf("%s: compares %+v with %+v", q, a.Figure, b.Figure)
			}
		}
		reply := handle(t, r, "/figure "+q)
		for _, line := range reply.Body {
			for _, bad := range []string{"1515家 → ", "36个 → ", "1739亿元 → 2017年目标 2800亿元", "→ 2017年目标 15家"} {
				if strings.Contains(line, bad) {
					t.Errorf("/figure %s: false comparison %q", q, line)
				}
			}
		}
	}
	reply := handle(t, r, "/figure 城镇新增就业")
	if got := text(reply); !strings.Contains(got, "2016年实际 13万人 → 2017年目标 10万人") {
		t.Errorf("/figure 城镇新增就业 lacks 13万人 → 10万人:\n%s", got)
	}
}

// TestDigestCycle: the digest walks the whole report before it repeats: no
// two days of a cycle (and so of any 100 days) are the same, every part and
// area has its day, no sentence comes twice in a cycle, and the next cycle
// starts over in the same order.
func TestDigestCycle(t *testing.T) {
	r := newRouter(t)
	n := r.DigestCycle()
	if n < 100 {
		t.Fatalf("cycle of %d days, want at least 100", n)
	}
	t.Logf("the digest repeats after %d days", n)
	start := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	seen := map[string]string{}
	shown := map[string]string{}
	covered := map[string]bool{}
	var first []string
	for i := 0; i < n; i++ {
		d := start.AddDate(0, 0, i)
		day := d.Format("2006-01-02")
		reply := r.Digest(d)
		body := strings.Join(reply.Body, "\n")
		if prev, ok := seen[body]; ok {
			t.Errorf("%s repeats %s", day, prev)
		}
		seen[body] = day
		for _, line := range reply.Body[1:] {
			if prev, ok := shown[line]; ok {
				t.Errorf("%s shows again what %s showed: %s", day, prev, line)
			}
			shown[line] = day
		}
		covered[reply.Body[0][strings.Index(reply.Body[0], "：")+len("："):]] = true
		first = append(first, body)
		if again := r.Digest(d.Add(13 * time.Hour)); text(again) != text(reply) {
			t.Errorf("%s: the same date gave another digest", day)
		}
	}
	o := kb.Outline()
	for _, p := range o.Parts {
		if !covered[p.Title] {
			t.Errorf("part %s is not in the cycle", p.Title)
		}
		for _, a := range p.Areas {
			if !covered[a.Heading()] {
				t.Errorf("area %s is not in the cycle", a.Heading())
			}
		}
	}
	// Most of the report's sentences are read in a cycle: all but headings
	// and fragments.
	if len(shown) < len(kb.Sentences())*2/3 {
		t.Errorf("a cycle shows %d of %d sentences", len(shown), len(kb.Sentences()))
	}
	for i := 0; i < n; i++ {
		if got := strings.Join(r.Digest(start.AddDate(0, 0, n+i)).Body, "\n"); got != first[i] {
			t.Errorf("day %d of the next cycle = %q, want %q", i, got, first[i])
		}
	}
	// Far from the report's date, in either direction, consecutive days
	// are still consecutive days of the cycle, and whole cycles apart the
	// same day.
	for _, far := range []time.Time{time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1600, 5, 5, 0, 0, 0, 0, time.UTC), time.Date(9000, 12, 31, 0, 0, 0, 0, time.UTC)} {
		if a, b := text(r.Digest(far)), text(r.Digest(far.AddDate(0, 0, 1))); a == b {
			t.Errorf("%s and the day after have the same digest", far.Format("2006-01-02"))
		}
		days := int((start.Unix() - far.Unix()) / 86400)
		if got, want := strings.Join(r.Digest(far).Body, "\n"), first[((-days%n)+n)%n]; got != want {
			t.Errorf("%s: not the day of the cycle it falls on", far.Format("2006-01-02"))
		}
	}
	if text(r.Digest(time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC))) == text(r.Digest(time.Date(1600, 5, 5, 0, 0, 0, 0, time.UTC))) {
		t.Error("1000-01-01 and 1600-05-05 have the same digest")
	}
}

func TestPaging(t *testing.T) {
	r := newRouter(t)
	first := handle(t, r, "/ask 今年新开工项目目标多少个")
	if first.Next == "" {
		t.Fatal("ask has no next page")
	}
	if n := len([]rune(first.Next)); n > commands.MaxCursor {
		t.Fatalf("cursor of %d characters", n)
	}
	// A new router (a restart) reads the old cursor.
	again := newRouter(t)
	second, err := again.Handle(context.Background(), commands.Request{Cursor: first.Next})
	if err != nil {
		t.Fatal(err)
	}
	if second.UserError || len(second.Body) == 0 || second.Body[0] == first.Body[0] {
		t.Errorf("second page = %+v", second)
	}
	if !strings.Contains(second.Footer, "第2条") {
		t.Errorf("second page footer = %q", second.Footer)
	}
	// The previous page is the first answer again.
	back, err := r.Handle(context.Background(), commands.Request{Cursor: second.Prev})
	if err != nil || back.UserError || len(back.Body) == 0 || back.Body[0] != first.Body[0] || back.Prev != "" || back.Next != first.Next {
		t.Errorf("previous page = %+v, %v", back, err)
	}
	// A cursor made over another index is outdated, not read wrong.
	parts := strings.SplitN(first.Next, "|", 3)
	stale := parts[0] + "|00000000|" + parts[2]
	if reply, err := r.Handle(context.Background(), commands.Request{Cursor: stale}); err != nil || !reply.UserError || reply.Title != "这个按钮已过期" {
		t.Errorf("stale cursor %q: %+v, %v", stale, reply, err)
	}
	// search pages cover every match once, in report order.
	page := handle(t, r, "/search 项目")
	var all []string
	for i := 0; ; i++ {
		for _, f := range page.Fields {
			all = append(all, f.Value)
		}
		if page.Next == "" || i > 50 {
			break
		}
		page, err = r.Handle(context.Background(), commands.Request{Cursor: page.Next})
		if err != nil {
			t.Fatal(err)
		}
	}
	want := 0
	for _, s := range kb.Sentences() {
		if strings.Contains(s.Text, "项目") {
			want++
		}
	}
	if len(all) != want {
		t.Errorf("search pages gave %d sentences, want %d", len(all), want)
	}
	for _, bad := range []string{"v1|ask|1|x", "v1|nosuch|1|x", "garbage", "v1|search|-1|项目", "v1|ask|1|99:2:1", "v1|search|1|项目", "v2||search|1|项目", "v2|x|nosuch|1|x"} {
		reply, err := r.Handle(context.Background(), commands.Request{Cursor: bad})
		if err != nil {
			t.Errorf("cursor %q: %v", bad, err)
		}
		if !reply.UserError {
			t.Errorf("cursor %q: want a user error, got %+v", bad, reply)
		}
	}
}

func TestAutocomplete(t *testing.T) {
	r := newRouter(t)
	for _, tt := range []struct{ cmd, opt, typed, want string }{
		{"figure", "metric", "旅游", "旅游总收入"},
		{"figure", "metric", "", ""},
		{"target", "topic", "养老", "新建养老床位"},
		{"section", "number", "文化", "(七)"},
		{"section", "number", "", "二"},
	} {
		got := r.Autocomplete(tt.cmd, tt.opt, tt.typed)
		if len(got) == 0 || len(got) > commands.MaxChoices {
			t.Errorf("%s %q: %d choices", tt.cmd, tt.typed, len(got))
			continue
		}
		found := tt.want == ""
		for _, c := range got {
			if !strings.Contains(strings.ToLower(c.Name), tt.typed) && c.Value != tt.typed {
				t.Errorf("%s %q: choice %q does not match", tt.cmd, tt.typed, c.Name)
			}
			if c.Value == tt.want || c.Name == tt.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%s %q: no %q among %v", tt.cmd, tt.typed, tt.want, got)
		}
	}
	if got := r.Autocomplete("nosuch", "x", "y"); got != nil {
		t.Errorf("unknown command: %v", got)
	}
	// A section choice's value is read back by /section.
	for _, c := range r.Autocomplete("section", "number", "") {
		reply := handle(t, r, "/section "+c.Value)
		if reply.UserError {
			t.Errorf("choice %q (%s) is not a section: %s", c.Value, c.Name, reply.Title)
		}
	}
}

func TestChat(t *testing.T) {
	r := newRouter(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		msg  commands.Message
		ok   bool
		want string
	}{
		{"mention", commands.Message{Text: "<@123456789012345678> 今年GDP增长目标是多少 @everyone", MentionsBot: true}, true, "8.8%"},
		{"direct", commands.Message{Text: "去年旅游收入多少", Direct: true}, true, "905亿元"},
		{"reply to the bot", commands.Message{Text: "那今年呢？旅游收入目标", RepliesToBot: true}, true, "1040亿元"},
		{"ask channel, a question", commands.Message{Text: "棚改今年征迁目标是多少？", InAskChannel: true}, true, "680万平方米"},
		{"ask channel, not a question", commands.Message{Text: "大家早上好", InAskChannel: true}, false, ""},
		{"ask channel, nothing found", commands.Message{Text: "午饭吃什么？", InAskChannel: true}, false, ""},
		{"other channel", commands.Message{Text: "今年GDP增长目标是多少？"}, false, ""},
		{"direct, nothing to answer", commands.Message{Text: "午饭吃什么？", Direct: true}, true, "只回答关于2017年洛阳市政府工作报告的问题"},
		{"mention only", commands.Message{Text: "<@123456789012345678>", MentionsBot: true}, true, "你好"},
		{"command in chat", commands.Message{Text: "<@1> /target 旅游", MentionsBot: true}, true, "1040亿元"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			reply, ok, err := r.Chat(ctx, tt.msg)
			if err != nil {
				t.Fatal(err)
			}
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, reply)
			}
			if got := text(reply); !strings.Contains(got, tt.want) {
				t.Errorf("reply lacks %q:\n%s", tt.want, got)
			}
			if strings.Contains(text(reply), "@everyone") {
				t.Errorf("reply repeats @everyone:\n%s", text(reply))
			}
		})
	}
}

// junk is input that must never crash the router.
var junk = []string{
	"", "/", "//", "/ ", "/ask", "/ask \x00", "/figure \xff\xfe", "/section ((七))", "/section (", "/section 九十九",
	"/section 三(十一)", "/section 99", "/digest --date", "/digest --date=", "/digest --date 0000-00-00", "/digest 9999-12-31",
	"/search \"*\"", "/target --topic", "/target --nosuch x", "--json", "/ask --question", "/ASK 旅游", "/figure " + strings.Repeat("旅", 5000),
	"/search " + strings.Repeat("a ", 3000), "@everyone", "<@&123> <#456> <a:x:789>", "😀", "/😀", "\u200b/ask 旅游",
}

func TestNoPanicOnJunk(t *testing.T) {
	r := newRouter(t)
	ctx := context.Background()
	for _, line := range junk {
		if _, err := r.Handle(ctx, commands.ParseLine(line)); err != nil {
			t.Errorf("Handle(%.40q): %v", line, err)
		}
		for _, m := range []commands.Message{{Text: line, Direct: true}, {Text: line, InAskChannel: true}} {
			if _, _, err := r.Chat(ctx, m); err != nil {
				t.Errorf("Chat(%.40q): %v", line, err)
			}
		}
	}
}

func FuzzParseLine(f *testing.F) {
	for _, line := range junk {
		f.Add(line)
	}
	f.Add("/target 旅游")
	f.Add("/digest --date 2026-11-27")
	r := newRouter(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, line string) {
		req := commands.ParseLine(line)
		if _, err := r.Handle(ctx, req); err != nil {
			t.Fatalf("Handle(%q): %v", line, err)
		}
		if _, _, err := r.Chat(ctx, commands.Message{Text: line, Direct: true}); err != nil {
			t.Fatalf("Chat(%q): %v", line, err)
		}
		if _, err := r.Handle(ctx, commands.Request{Cursor: line}); err != nil {
			t.Fatalf("Handle(cursor %q): %v", line, err)
		}
	})
}
