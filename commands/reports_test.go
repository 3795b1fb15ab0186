package commands_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reportbot/commands"
	"reportbot/knowledge"
)

// TestSeveralReports: with four reports loaded, a command whose argument
// names a city (or a year only one report covers) is answered from that
// report, pages stay with it, and about lists them all.
func TestSeveralReports(t *testing.T) {
	srcs := []knowledge.Source{knowledge.EmbeddedSource()}
	for _, name := range []string{"xiangyang-2021", "jiangzhou-2019", "songhe-2023"} {
		src, err := knowledge.ReadSource(filepath.Join("..", "testdata", "reports", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	kb, err := knowledge.Open(context.Background(), knowledge.Config{Path: filepath.Join(t.TempDir(), "r.db"), Reports: srcs})
	if err != nil {
		t.Fatal(err)
	}
	defer kb.Close()
	r := commands.NewRouter(kb, nil)
	ctx := context.Background()
	run := func(command, option, value string) commands.Reply {
		t.Helper()
		reply, err := r.Handle(ctx, commands.Request{Command: command, Options: map[string]string{option: value}})
		if err != nil || reply.UserError {
			t.Fatalf("/%s %s: %v %+v", command, value, err, reply)
		}
		return reply
	}
	for _, tt := range []struct {
		command, option, value, want, notWant string
	}{
		{"figure", "metric", "襄阳 旅游总收入", "316.5亿元", "1040亿元"},
		{"figure", "metric", "旅游总收入", "1040亿元", "912.6亿元"},
		{"target", "topic", "江州 旅游", "2019年目标", "2017年目标"},
		{"ask", "question", "江州去年旅游总收入多少", "912.6亿元", "1040亿元"},
		{"section", "number", "襄阳 三", "2021年重点工作", "2017年"},
		// a report whose title line is bare (政府工作报告) is named in full
		{"section", "number", "松河", "报告结构：2023年松河县政府工作报告", "洛阳"},
		{"search", "keywords", "襄阳 旅游总收入", "襄阳", "2016年"},
	} {
		got := text(run(tt.command, tt.option, tt.value))
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.notWant) {
			t.Errorf("/%s %s: want %q and not %q in\n%s", tt.command, tt.value, tt.want, tt.notWant, got)
		}
	}
	// The next page of a report's figures is still that report's.
	first := run("figure", "metric", "江州 增长")
	if first.Next == "" {
		t.Fatal("/figure 江州 增长: no next page")
	}
	next, err := r.Handle(ctx, commands.Request{Cursor: first.Next})
	if err != nil || next.UserError || strings.Contains(text(next), "2016年") {
		t.Errorf("next page: %v %s", err, text(next))
	}
	// The daily digest takes the reports in turn.
	titles := map[string]bool{}
	for d := 0; d < 3; d++ {
		titles[r.Digest(time.Date(2026, 11, 27+d, 9, 0, 0, 0, time.UTC)).Title[len("每日一读 · 2026-11-27 · "):]] = true
	}
	if len(titles) != 3 {
		t.Errorf("three days of digests name %v, want the three reports", titles)
	}
	about := text(run("about", "", ""))
	for _, w := range []string{"2017年洛阳市政府工作报告", "2021年襄阳市政府工作报告", "江州市2019年政府工作报告", "testdata/reports/jiangzhou-2019.txt"} {
		if !strings.Contains(about, w) {
			t.Errorf("/about lacks %s:\n%s", w, about)
		}
	}
}
