package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"image/png"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"reportbot/bot/discordtest"
	"reportbot/report"
	"reportbot/state"
)

// run runs the command line in process against a database in dir, which
// starts as a copy of a built index; the console saves its charts in dir
// too.
func run(t *testing.T, dir string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	env := map[string]string{"REPORTBOT_DB": filepath.Join(dir, "reportbot.db")}
	if _, err := os.Stat(env["REPORTBOT_DB"]); errors.Is(err, fs.ErrNotExist) {
		indexCopy(t, env["REPORTBOT_DB"])
	}
	var out, errOut bytes.Buffer
	m := &Main{Args: args, Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, ChartDir: dir}
	code = m.Run(context.Background())
	return code, out.String(), errOut.String()
}

func TestAskStdinOneResultPerLine(t *testing.T) {
	t.Parallel()
	lines := []string{
		"今年旅游收入目标是多少？",
		"",
		"   ",
		"？！。",
		`NEAR("旅游" * ^收入): OR AND`,
		strings.Repeat("旅游", 5000),
		"😀😀",
		"旅\u200b游收入",
		"洛\xff\xfe阳GDP",
		"a\x00b",
		"2016年洛阳GDP是多少？",
	}
	dir := t.TempDir()
	code, stdout, stderr := run(t, dir, strings.Join(lines, "\n")+"\n", "ask", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(got) != len(lines) {
		t.Fatalf("got %d result lines for %d questions:\n%s", len(got), len(lines), stdout)
	}
	for i, l := range got {
		var res struct {
			Question string            `json:"question"`
			Answers  []json.RawMessage `json:"answers"`
			Message  string            `json:"message"`
		}
		if err := json.Unmarshal([]byte(l), &res); err != nil {
			t.Fatalf("line %d is not JSON: %v: %s", i+1, err, l)
		}
		if res.Answers == nil {
			t.Errorf("line %d: answers is null, want a list", i+1)
		}
		if len(res.Answers) == 0 && res.Message == "" {
			t.Errorf("line %d: no answers and no message", i+1)
		}
	}
	if !strings.Contains(got[0], "1040亿元") || !strings.Contains(got[len(got)-1], "3740亿元") {
		t.Errorf("first or last answer is wrong:\n%s\n%s", got[0], got[len(got)-1])
	}
}

func TestAskLastLineWithoutNewline(t *testing.T) {
	t.Parallel()
	code, stdout, _ := run(t, t.TempDir(), "今年GDP增长目标是多少\n去年旅游收入多少", "ask", "--json", "--top", "1")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if n := strings.Count(stdout, "\n"); n != 2 {
		t.Errorf("got %d lines, want 2:\n%s", n, stdout)
	}
}

func TestAskForAPerson(t *testing.T) {
	t.Parallel()
	code, stdout, _ := run(t, t.TempDir(), "", "ask", "今年旅游收入目标是多少？")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"1040亿元", "出处：二、2017年总体要求及重点工作安排 › (七)传承历史文脉…", "旅游总收入：1040亿元 · 2017年目标"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestFigureJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := run(t, t.TempDir(), "", "figure", "--json", "旅游总收入")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Query   string `json:"query"`
		Figures []struct {
			Metric  string  `json:"metric"`
			Value   float64 `json:"value"`
			Unit    string  `json:"unit"`
			Year    int     `json:"year"`
			Kind    string  `json:"kind"`
			Text    string  `json:"text"`
			Section string  `json:"section"`
		} `json:"figures"`
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if res.Query != "旅游总收入" || len(res.Figures) < 2 {
		t.Fatalf("got %+v", res)
	}
	a, b := res.Figures[0], res.Figures[1]
	if a.Value != 905 || a.Year != 2016 || a.Kind != "actual" || b.Value != 1040 || b.Year != 2017 || b.Kind != "target" {
		t.Errorf("first two figures = %+v, %+v; want 905 (2016 actual) then 1040 (2017 target)", a, b)
	}
	if a.Unit != "亿元" || a.Text == "" || a.Section == "" {
		t.Errorf("figure lacks unit, text or section: %+v", a)
	}
	var cmp struct {
		Comparisons []struct {
			Metric string `json:"metric"`
			Actual struct {
				Value   float64 `json:"value"`
				Subject string  `json:"subject"`
			} `json:"actual"`
			Target struct {
				Value   float64 `json:"value"`
				Subject string  `json:"subject"`
			} `json:"target"`
			Change    *float64 `json:"change"`
			ChangePct *float64 `json:"change_pct"`
		} `json:"comparisons"`
	}
	if err := json.Unmarshal([]byte(stdout), &cmp); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range cmp.Comparisons {
		if c.Actual.Subject != c.Target.Subject {
			t.Errorf("comparison of two subjects: %+v", c)
		}
		if c.Metric == "旅游总收入" && c.Actual.Value == 905 && c.Target.Value == 1040 && c.Change != nil && *c.Change == 135 && c.ChangePct != nil && *c.ChangePct == 14.9 {
			found = true
		}
	}
	if !found {
		t.Errorf("comparisons lack 旅游总收入 905 → 1040 (+135, +14.9%%): %s", stdout)
	}
}

func TestFiguresJSON(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := run(t, t.TempDir(), "", "figures", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 200 {
		t.Fatalf("%d figures, want every figure of the report", len(lines))
	}
	for _, l := range lines {
		var f map[string]any
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, l)
		}
		for _, k := range []string{"metric", "subject", "measure", "value", "unit", "year", "kind", "text", "section", "sentence_id"} {
			if _, ok := f[k]; !ok {
				t.Errorf("figure lacks %s: %s", k, l)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"nosuchcommand"}, {"figure"}, {"ask", "--top"}, {"ask", "--top", "x"}, {"ask", "--top=0"},
		{"figure", "？？"}, {"figures", "旅游"}, {"section", "十一"}, {"digest", "--date", "2026-13-45"}, {"search"}, {"ask", "？"},
		{"ask", "？！。"}, {"ask", "--json", "？！。"}, {"section", "\xff"}, {"ask", "洛\xff阳"}, {"search", "旅游", "--page", "0"},
		{"search", "旅游", "--page", "99"},
	} {
		code, stdout, stderr := run(t, t.TempDir(), "", args...)
		if code != exitUsage || stdout+stderr == "" {
			t.Errorf("%v: exit %d, output %q; want exit 2 and a message", args, code, stdout+stderr)
		}
	}
}

// TestOneShotPaging: a one-shot command says how to get the next page from
// the command line, and --page N gets it; the console's /more is not offered.
func TestOneShotPaging(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, first, _ := run(t, dir, "", "search", "旅游")
	if strings.Contains(first, "/more") || !strings.Contains(first, "--page 2") {
		t.Errorf("first page's hint:\n%s", first)
	}
	code, second, stderr := run(t, dir, "", "search", "旅游", "--page", "2")
	if code != 0 || second == first || !strings.Contains(second, "第2/") || !strings.Contains(second, "--page 3") {
		t.Errorf("--page 2: exit %d %s\n%s", code, stderr, second)
	}
}

// TestEnglishLabels: an English question's reply is labelled in English
// in the terminal too (its source, its fields, the next-page hint), and a
// Chinese one in Chinese.
func TestEnglishLabels(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, en, _ := run(t, dir, "", "ask", "What is the tourism revenue target for 2017?")
	for _, want := range []string{"Source: ", "(next page: reportbot ask", ": 1040亿元"} {
		if !strings.Contains(en, want) {
			t.Errorf("English reply lacks %q:\n%s", want, en)
		}
	}
	if strings.Contains(en, "出处") || strings.Contains(en, "下一页") {
		t.Errorf("English reply has Chinese labels:\n%s", en)
	}
	_, zh, _ := run(t, dir, "", "ask", "今年旅游收入目标是多少？")
	if !strings.Contains(zh, "出处：") || strings.Contains(zh, "Source:") {
		t.Errorf("Chinese reply's labels:\n%s", zh)
	}
}

// TestFigureNothingNamedSameInBothModes: figure with no metric in it (an
// empty or blank argument) exits 2 in text and --json alike, and --json
// still says why.
func TestFigureNothingNamedSameInBothModes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, arg := range []string{"", "？"} {
		codeText, _, _ := run(t, dir, "", "figure", arg)
		codeJSON, js, _ := run(t, dir, "", "figure", "--json", arg)
		var res struct{ Message string }
		if codeText != exitUsage || codeJSON != exitUsage || json.Unmarshal([]byte(js), &res) != nil || res.Message == "" {
			t.Errorf("figure %q: exit %d in text, %d in JSON (%s); want 2 and 2, with a message", arg, codeText, codeJSON, js)
		}
	}
}

// TestAskNoWordsSameInBothModes: text and --json agree on the exit status
// and the words for a question with nothing to ask.
func TestAskNoWordsSameInBothModes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	codeText, text, _ := run(t, dir, "", "ask", "？！。")
	codeJSON, js, _ := run(t, dir, "", "ask", "--json", "？！。")
	if codeText != codeJSON {
		t.Errorf("exit %d in text, %d in JSON", codeText, codeJSON)
	}
	var res struct{ Message string }
	if err := json.Unmarshal([]byte(js), &res); err != nil || res.Message == "" || !strings.Contains(text, res.Message) {
		t.Errorf("text %q and JSON message %q differ (%v)", text, res.Message, err)
	}
}

func TestOneShotCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"target"}, []string{"地区生产总值增长 8.8%", "城镇新增就业 10万人以上"}},
		{[]string{"target", "旅游"}, []string{"1.23亿人次", "1040亿元"}},
		{[]string{"figure", "旅游总收入"}, []string{"905亿元", "1040亿元", "2016年实际 905亿元 → 2017年目标 1040亿元"}},
		{[]string{"section", "七"}, []string{"(七)传承历史文脉，彰显文化特色，加快构建文化传承创新体系", "二是做大做强文化旅游产业"}},
		{[]string{"digest", "--date", "2026-11-27"}, []string{"每日一读 · 2026-11-27"}},
		{[]string{"target", "--json"}, []string{`"title": "2017年主要预期目标"`, `"citation":`}},
	} {
		code, stdout, stderr := run(t, dir, "", tt.args...)
		if code != 0 {
			t.Errorf("%v: exit %d, stderr %s", tt.args, code, stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, stdout)
			}
		}
	}
}

// TestPNG: --png writes the reply's chart, a PNG, and says where; a reply
// without a chart writes nothing and says so.
func TestPNG(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"figure", "旅游总收入", "--png"}, 0},
		{[]string{"figure", "--json", "旅游总收入", "--png"}, 0},
		{[]string{"target", "--png"}, 0},
		{[]string{"section", "七", "--png"}, 0},
		{[]string{"digest", "2026-11-27", "--png"}, 0},
		{[]string{"figure", "火星基地", "--png"}, 2},
		{[]string{"help", "--png"}, 2},
	} {
		path := filepath.Join(dir, strings.Join(tt.args[:2], "-")+".png")
		code, _, stderr := run(t, dir, "", append(tt.args, path)...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d: %s", tt.args, code, tt.code, stderr)
		}
		b, err := os.ReadFile(path)
		if tt.code != 0 {
			if err == nil {
				t.Errorf("%v: wrote %s", tt.args, path)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		if _, err := png.Decode(bytes.NewReader(b)); err != nil {
			t.Errorf("%v: %s is not a PNG: %v", tt.args, path, err)
		}
		if !strings.Contains(stderr, "图表已保存："+path) {
			t.Errorf("%v: does not say where it saved the chart: %s", tt.args, stderr)
		}
	}
	if code, _, _ := run(t, dir, "", "target", "--png"); code != 2 {
		t.Errorf("--png without a file: exit %d, want 2", code)
	}
}

// TestStats: the console logs what it is asked, votes are stored beside the
// log, and stats reports both, across restarts; QUESTION_LOG_DAYS=0 logs
// nothing.
func TestStats(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := "市委书记是谁\n今年旅游收入目标是多少？\n市委书记是谁\n/figure 火星基地\n/help\n"
	if code, _, stderr := run(t, dir, in, "console"); code != 0 {
		t.Fatalf("console: exit %d: %s", code, stderr)
	}
	kb, err := state.OpenSQLite(context.Background(), filepath.Join(dir, "reportbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, user := range []string{"100000000000000001", "100000000000000002"} {
		h, _ := kb.UserHash(context.Background(), user)
		if _, err := kb.RecordVote(context.Background(), report.Vote{Question: "今年旅游收入目标是多少？", SentenceID: 9, Answer: "某句。", UserHash: h, At: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	kb.Close()

	code, stdout, stderr := run(t, dir, "", "stats", "--json")
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, stderr)
	}
	var st report.Stats
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatalf("stats --json: %v: %s", err, stdout)
	}
	if st.Questions != 4 || st.Answered != 1 || len(st.Days) != 1 {
		t.Errorf("stats: %+v", st)
	}
	if len(st.Unanswered) != 2 || st.Unanswered[0].Question != "市委书记是谁" || st.Unanswered[0].Count != 2 {
		t.Errorf("unanswered: %+v", st.Unanswered)
	}
	if len(st.Downvoted) != 1 || st.Downvoted[0].Down != 2 {
		t.Errorf("downvoted: %+v", st.Downvoted)
	}
	code, stdout, _ = run(t, dir, "", "stats")
	for _, w := range []string{"共 4 个问题，报告回答了 1 个（25%）", "2 次  市委书记是谁", "👎2 👍0  第9句：某句。（问：今年旅游收入目标是多少？）"} {
		if code != 0 || !strings.Contains(stdout, w) {
			t.Errorf("stats lacks %q:\n%s", w, stdout)
		}
	}
	if code, stdout, _ := run(t, dir, "", "stats", "--since", "2999-01-01"); code != 0 || !strings.Contains(stdout, "没有记录的问题") {
		t.Errorf("stats --since a later day: exit %d:\n%s", code, stdout)
	}
	for _, bad := range [][]string{{"stats", "--since", "yesterday"}, {"stats", "extra"}} {
		if code, _, _ := run(t, dir, "", bad...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}

	off := t.TempDir()
	env := map[string]string{"REPORTBOT_DB": filepath.Join(off, "reportbot.db"), "QUESTION_LOG_DAYS": "0"}
	var out, errOut bytes.Buffer
	m := &Main{Args: []string{"console"}, Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errOut, ChartDir: off}
	if code := m.Run(context.Background()); code != 0 {
		t.Fatalf("console with QUESTION_LOG_DAYS=0: exit %d: %s", code, errOut.String())
	}
	if _, stdout, _ := run(t, off, "", "stats", "--json"); !strings.Contains(stdout, `"questions":0`) {
		t.Errorf("QUESTION_LOG_DAYS=0 logged questions: %s", stdout)
	}
}

func TestConsole(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir() // where the console saves charts
	in := "/target\n今年GDP目标\n\n/section 十一\n/nosuch\n/more\n/search 项目\n/more\n/quit\n/help\n"
	code, stdout, stderr := run(t, tmp, in, "console")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	saved, _ := filepath.Glob(filepath.Join(tmp, "reportbot-charts-*", "1-target.png"))
	if len(saved) != 1 || !strings.Contains(stdout, "图表已保存："+saved[0]) {
		t.Errorf("the console did not say where it saved the chart of /target (%v):\n%s", saved, stdout)
	}
	for _, w := range []string{"【2017年主要预期目标】", "8.8%", "只有(一)到(十)十个方面", "没有这个命令：nosuch", "第2/"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("console output lacks %q:\n%s", w, stdout)
		}
	}
	if strings.Contains(stdout, "我能做什么") {
		t.Error("the console went on after /quit")
	}
	if strings.Contains(stdout, "reportbot>") {
		t.Error("a prompt was printed to a pipe")
	}
}

// TestMovedBinary copies the binary, built with -trimpath (so gojieba's
// default dictionary path, taken from its source path, points nowhere), to
// another directory, and runs it from there with a fresh cache directory.
func TestMovedBinary(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	var data []byte
	moved := filepath.Join(t.TempDir(), "elsewhere", "reportbot")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	data, err := os.ReadFile(buildBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(moved, data, 0o755); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	home := t.TempDir()
	run := exec.Command(moved, "ask", "--json", "今年旅游收入目标是多少？")
	run.Dir = work
	run.Env = []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "PATH=/usr/bin:/bin"}
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("moved binary: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "1040亿元") {
		t.Errorf("moved binary answered:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(work, "reportbot.db")); err != nil {
		t.Errorf("database not created in the working directory: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(home, "cache", "reportbot", "jieba-*", "jieba.dict.utf8")); len(m) != 1 {
		t.Errorf("dictionaries not unpacked to the cache directory: %v", m)
	}

	// REPORTBOT_CACHE_DIR read from .env, like every other setting.
	dotCache := filepath.Join(t.TempDir(), "dotenv-cache")
	if err := os.WriteFile(filepath.Join(work, ".env"), []byte("REPORTBOT_CACHE_DIR="+dotCache+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run = exec.Command(moved, "ask", "--json", "今年旅游收入目标是多少？")
	run.Dir = work
	run.Env = []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "PATH=/usr/bin:/bin"}
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("with .env: %v\n%s", err, out)
	}
	if m, _ := filepath.Glob(filepath.Join(dotCache, "jieba-*", "jieba.dict.utf8")); len(m) != 1 {
		t.Errorf("REPORTBOT_CACHE_DIR from .env not used: %v", m)
	}
	os.Remove(filepath.Join(work, ".env"))

	// As a process on Discord, a wrong token (Discord closes with 4004) ends
	// it within 10 s, with status 1 and a line naming DISCORD_TOKEN.
	fake := discordtest.New(t)
	bot := exec.Command(moved)
	bot.Dir = work
	bot.Env = append(run.Env, "DISCORD_TOKEN=a-wrong-token", "DISCORD_API_URL="+fake.APIURL())
	var stderr bytes.Buffer
	bot.Stderr = &stderr
	if err := bot.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- bot.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "DISCORD_TOKEN") {
			t.Errorf("wrong token: %v, stderr:\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second): // a stop takes a second; this bounds a bot that retries for ever
		bot.Process.Kill()
		t.Fatalf("wrong token: still running after 30 s:\n%s", stderr.String())
	}

	// A prebuilt index on a read-only mount answers; a stale one says so.
	if _, err := exec.LookPath("unshare"); err != nil {
		t.Log("no unshare: read-only mount not tested")
		return
	}
	roRun := func(env ...string) (string, error) {
		script := `mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"`
		cmd := exec.Command("unshare", "-rm", "sh", "-c", script, "sh", work, moved, "ask", "--json", "今年旅游收入目标是多少？")
		cmd.Dir = work
		cmd.Env = append([]string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "PATH=/usr/bin:/bin"}, env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err = exec.Command("unshare", "-rm", "true").CombinedOutput()
	if err != nil {
		t.Logf("unshare cannot make a mount namespace here (%v: %s): read-only mount not tested", err, out)
		return
	}
	got, err := roRun()
	if err != nil || !strings.Contains(got, "1040亿元") {
		t.Errorf("read-only index: %v\n%s", err, got)
	}
	// An index from another version: make the stored fingerprint stale.
	db, err := sql.Open("sqlite3", filepath.Join(work, "reportbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE idx_meta SET value = 'stale' WHERE key = 'fingerprint'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	got, err = roRun()
	if err == nil || !strings.Contains(got, "read-only") || !strings.Contains(got, "rebuild") {
		t.Errorf("stale read-only index: %v\n%s", err, got)
	}
}

// TestBotMode runs reportbot as `make run` does with DISCORD_TOKEN set,
// against the local Discord stand-in, and stops it as SIGINT would.
func TestBotMode(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	env := map[string]string{
		"DISCORD_TOKEN":   discordtest.Token,
		"DISCORD_API_URL": fake.APIURL(),
		"REPORTBOT_DB":    filepath.Join(t.TempDir(), "reportbot.db"),
	}
	var stderr bytes.Buffer
	m := &Main{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr}
	stop := runBackground(t, m, 15*time.Second)
	// Commands are registered globally when no guild is set, with the app id from READY.
	fake.WaitFor("the global bulk overwrite", 10*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPut, func(p string) bool { return p == "/applications/"+discordtest.AppID+"/commands" })) == 1
	})
	fake.Dispatch("MESSAGE_CREATE", map[string]any{"id": "500000000000000001", "channel_id": "500000000000000002", "content": "今年旅游收入目标是多少？",
		"author": map[string]any{"id": "500000000000000003", "username": "someone"}, "mentions": []any{}, "timestamp": "2026-11-27T01:00:00Z", "type": 0})
	fake.WaitFor("an answer", 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		for _, r := range discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/500000000000000002/messages" }) {
			return strings.Contains(string(r.Body), "1040亿元")
		}
		return false
	})
	switch code := stop(); {
	case code == -1:
		t.FailNow() // still running: its stderr is not ours to read
	case code != 0:
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	if strings.Contains(stderr.String(), "test-token-not-secret") {
		t.Error("the token was logged")
	}
	if !strings.Contains(stderr.String(), "commands registered") {
		t.Errorf("the log does not say the commands were registered:\n%s", stderr.String())
	}
}

func TestBadSettings(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ key, value, want string }{
		{"DIGEST_TIME", "25:00", "DIGEST_TIME"},
		{"DIGEST_TZ", "Mars/Olympus", "DIGEST_TZ"},
		{"DIGEST_CHANNEL_IDS", "general", "DIGEST_CHANNEL_IDS"},
		{"ASK_CHANNEL_IDS", "123456789012345678", "MESSAGE_CONTENT_INTENT"},
		{"SHARD_ID", "3", "SHARD_ID"},
		{"DISCORD_API_URL", "ftp://x", "DISCORD_API_URL"},
		{"MESSAGE_CONTENT_INTENT", "maybe", "MESSAGE_CONTENT_INTENT"},
		{"QUESTION_LOG_DAYS", "-1", "QUESTION_LOG_DAYS"},
		{"QUESTION_LOG_DAYS", "thirty", "QUESTION_LOG_DAYS"},
		{"FOLLOWUP_MINUTES", "0", "FOLLOWUP_MINUTES"},
		{"FOLLOWUP_MINUTES", "10m", "FOLLOWUP_MINUTES"},
		{"DIGEST_CLAIM_LEASE", "soon", "DIGEST_CLAIM_LEASE"},
		{"DIGEST_CLAIM_LEASE", "100ms", "DIGEST_CLAIM_LEASE"},
		{"METRICS_ADDR", "9464", "METRICS_ADDR"},
		{"DATABASE_URL", "mysql://bot:pw@db/reportbot", "DATABASE_URL"},
		{"VOTE_HASH_KEY", "short", "VOTE_HASH_KEY"},
	} {
		env := map[string]string{"DISCORD_TOKEN": "secret-token-value", "REPORTBOT_DB": filepath.Join(t.TempDir(), "r.db"), tt.key: tt.value}
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), nil, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if code != exitUsage || len(lines) != 1 || !strings.Contains(lines[0], tt.want) {
			t.Errorf("%s=%s: exit %d, stderr %q; want exit 2 and one line naming %s", tt.key, tt.value, code, stderr.String(), tt.want)
		}
		if strings.Contains(stderr.String(), "secret-token-value") {
			t.Errorf("%s: the token was printed", tt.key)
		}
	}
}

// TestMakeEvalWithoutShared: `make eval` works in a clone without
// ../shared/eval: it scores the repository's own question files and says
// that it skipped the shared ones.
func TestMakeEvalWithoutShared(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs make eval")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	// The binary the other tests run stands for make build's (-o build).
	cmd := exec.Command("make", "-o", "build", "eval", "SHARED_EVAL="+filepath.Join(t.TempDir(), "no-shared-eval"), "BIN="+buildBinary(t))
	cmd.Env = append(os.Environ(), "PATH=/usr/local/go/bin:"+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make eval: %v\n%s", err, out)
	}
	for _, want := range []string{"dev_ask.tsv", "ask_c_tune.tsv", "hit@1=", "shared dev sets skipped"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("make eval output lacks %q:\n%s", want, out)
		}
	}
}

// TestBotModeFatalClose: a close Discord will not take back (4004, a wrong
// or reset token) stops reportbot with status 1 and a line naming the
// setting, at start and while running, at once (a second; the test allows
// 30, the machine may be busy with the other tests).
func TestBotModeFatalClose(t *testing.T) {
	t.Parallel()
	for _, running := range []bool{false, true} {
		fake := discordtest.New(t)
		env := map[string]string{
			"DISCORD_TOKEN":   "a-wrong-token",
			"DISCORD_API_URL": fake.APIURL(),
			"REPORTBOT_DB":    filepath.Join(t.TempDir(), "reportbot.db"),
		}
		if running {
			env["DISCORD_TOKEN"] = discordtest.Token
		}
		var stderr syncBuffer
		m := &Main{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr}
		done := make(chan int, 1)
		go func() { done <- m.Run(context.Background()) }()
		if running {
			fake.WaitFor("the bulk overwrite", 10*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
				return len(discordtest.Matching(reqs, http.MethodPut, func(string) bool { return true })) == 1
			})
			fake.Close(4004, "Authentication failed.")
		}
		select {
		case code := <-done:
			out := stderr.String()
			if code != exitError || !strings.Contains(out, "reportbot: discord closed the connection with 4004") || !strings.Contains(out, "DISCORD_TOKEN") {
				t.Errorf("running %v: exit %d, stderr:\n%s", running, code, out)
			}
			if strings.Contains(out, "a-wrong-token") || strings.Contains(out, discordtest.Token) {
				t.Errorf("running %v: the token was printed", running)
			}
		case <-time.After(30 * time.Second): // a stop takes a second; this bounds a bot that retries for ever
			t.Fatalf("running %v: reportbot did not stop within 30 s", running)
		}
	}
}

// syncBuffer is a bytes.Buffer that goroutines may write at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
