package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"reportbot/bot/discordtest"
	"reportbot/internal/pgtest"
	"reportbot/state"
)

// standIn drives a bot process (Main in process) on the Discord stand-in.
type standIn struct {
	t    *testing.T
	fake *discordtest.Server
	ids  int
}

// ask dispatches /ask QUESTION from user and returns the interaction's id.
func (s *standIn) ask(user, q string) string {
	id := s.id()
	s.fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 2, "token": "tok-" + id, "version": 1,
		"channel_id": "660000000000000001", "locale": "zh-CN", "user": map[string]any{"id": user, "username": "someone"},
		"data": map[string]any{"id": "1", "name": "ask", "type": 1, "options": []map[string]any{{"name": "question", "type": 3, "value": q}}},
	})
	return id
}

// press dispatches user's press of a button with customID.
func (s *standIn) press(user, customID string) string {
	id := s.id()
	s.fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 3, "token": "tok-" + id, "version": 1,
		"channel_id": "660000000000000001", "user": map[string]any{"id": user},
		"message": map[string]any{"id": "1", "channel_id": "660000000000000001", "flags": 0},
		"data":    map[string]any{"custom_id": customID, "component_type": 2},
	})
	return id
}

// mention dispatches a message from user that mentions the bot.
func (s *standIn) mention(user, channel, text string) {
	s.fake.Dispatch("MESSAGE_CREATE", map[string]any{"id": s.id(), "channel_id": channel, "guild_id": "660000000000000099",
		"content": "<@" + discordtest.BotID + "> " + text, "author": map[string]any{"id": user, "username": "someone"},
		"mentions":  []any{map[string]any{"id": discordtest.BotID, "username": "reportbot", "bot": true}},
		"timestamp": "2026-11-27T01:00:00Z", "type": 0})
}

// id returns a new snowflake for an event.
func (s *standIn) id() string {
	s.ids++
	return fmt.Sprintf("66%016d", s.ids)
}

// answer waits for what the user is shown for an interaction: its
// response or, after a deferral, the edit or the follow-up.
func (s *standIn) answer(id string) string {
	s.t.Helper()
	var body string
	s.fake.WaitFor("the answer to "+id, 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		for _, r := range reqs {
			deferred := r.Path == "/interactions/"+id+"/tok-"+id+"/callback" && strings.Contains(string(r.Body), `"type":5`)
			if strings.Contains(r.Path, "tok-"+id) && r.Method != http.MethodDelete && !deferred {
				body = string(r.Body)
				return true
			}
		}
		return false
	})
	return body
}

// TestStateHangs: with the PostgreSQL server stopped (SIGSTOP: connections
// stay open, nothing answers), questions are answered before the state
// store is even found not to answer, so no answer waits on it; a vote
// says 暂时无法保存; /healthz says degraded, naming the engine and not
// where the database lives; the outage is logged once, and the writes lost
// are counted. When the server goes on, the bot finds it again by itself.
func TestStateHangs(t *testing.T) {
	t.Parallel()
	pg := pgtest.Private(t)
	url := pg.URL(t)
	fake := discordtest.New(t)
	addr := freeAddr(t)
	env := map[string]string{
		"DISCORD_TOKEN":   discordtest.Token,
		"DISCORD_API_URL": fake.APIURL(),
		"REPORTBOT_DB":    filepath.Join(t.TempDir(), "reportbot.db"),
		"DATABASE_URL":    url,
		"METRICS_ADDR":    addr,
	}
	var stderr syncBuffer
	m := &Main{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr,
		// A call times out after 5 s, far longer than an answer takes; the
		// probe looks again every 100 ms.
		TuneState: func(c *state.Config) { c.CallTimeout, c.ProbeEvery = 5*time.Second, 100*time.Millisecond }}
	defer runBackground(t, m, 30*time.Second)()
	base := "http://" + addr
	waitHTTP(t, "healthy", base+"/healthz", func(s int, b string) bool { return s == http.StatusOK && strings.HasPrefix(b, "ok\n") })
	s := &standIn{t: t, fake: fake}
	const user = "660000000000000077"
	first := s.answer(s.ask(user, "今年旅游收入目标是多少"))
	up := customID(first, "👍")
	if !strings.Contains(first, "1040亿元") || up == "" {
		t.Fatalf("before the outage: %s", first)
	}

	if err := pg.Pause(); err != nil {
		t.Fatal(err)
	}
	// Each asks as someone else: the rate limit holds each person to three
	// answers at once.
	ids := []string{s.ask("660000000000000071", "今年GDP增长目标是多少"), s.ask("660000000000000072", "去年旅游收入多少"), s.ask("660000000000000073", "市委书记是谁")}
	s.mention("660000000000000074", "660000000000000002", "今年旅游收入目标是多少")
	for _, id := range ids {
		if a := s.answer(id); !strings.Contains(a, "问：") {
			t.Errorf("an answer while PostgreSQL hangs: %s", a)
		}
	}
	fake.WaitFor("the answer to the mention", 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/660000000000000002/messages" })) > 0
	})
	if strings.Contains(stderr.String(), "does not answer") {
		t.Errorf("the answers came only after a call to the hung store timed out:\n%s", stderr.String())
	}
	// A vote needs the store: it says so, to the voter alone.
	vote := s.press(user, up)
	if a := s.answer(vote); !strings.Contains(a, "暂时无法保存") || !strings.Contains(s.callback(vote), `"flags":64`) {
		t.Errorf("a vote while PostgreSQL hangs: %s (response %s)", a, s.callback(vote))
	}
	health := waitHTTP(t, "degraded", base+"/healthz", func(s int, b string) bool { return s == http.StatusOK && strings.HasPrefix(b, "degraded\n") })
	if want := "degraded\ngateway: connected\nstate: postgres unavailable\n"; health != want {
		t.Errorf("/healthz = %q, want %q", health, want)
	}
	// The four questions' rows and the vote are lost, and counted.
	waitHTTP(t, "the lost writes counted", base+"/metrics", func(s int, b string) bool {
		return metric(b, "reportbot_state_up") == 0 && metric(b, "reportbot_state_writes_lost_total") >= 5
	})
	// More questions: answered at once, not logged one by one.
	s.answer(s.ask("660000000000000075", "地铁2号线什么时候开工"))

	if err := pg.Resume(); err != nil {
		t.Fatal(err)
	}
	waitHTTP(t, "healthy again", base+"/healthz", func(s int, b string) bool { return s == http.StatusOK && strings.HasPrefix(b, "ok\n") })
	if a := s.answer(s.ask("660000000000000076", "今年旅游收入目标是多少")); !strings.Contains(a, "1040亿元") {
		t.Errorf("after the outage: %s", a)
	}
	if a := s.answer(s.press(user, up)); !strings.Contains(a, "谢谢！已记录 👍") {
		t.Errorf("a vote after the outage: %s", a)
	}
	log := stderr.String()
	if n, m := strings.Count(log, "does not answer"), strings.Count(log, "answers again"); n != 1 || m != 1 {
		t.Errorf("the outage was logged %d times as begun and %d as ended, want once each:\n%s", n, m, log)
	}
	for _, secret := range []string{"search_path", "sock", "reportbot_test"} {
		if strings.Contains(health, secret) {
			t.Errorf("/healthz names where the database lives (%s): %q", secret, health)
		}
	}
}

// customID returns the custom id of the button with the label in a
// message body (an interaction's response or a message), or "".
func customID(body, label string) string {
	type rows []struct {
		Components []struct {
			Label    string `json:"label"`
			CustomID string `json:"custom_id"`
		} `json:"components"`
	}
	var m struct {
		Components rows `json:"components"`
		Data       struct {
			Components rows `json:"components"`
		} `json:"data"`
	}
	json.Unmarshal([]byte(body), &m)
	for _, r := range append(m.Components, m.Data.Components...) {
		for _, c := range r.Components {
			if c.Label == label {
				return c.CustomID
			}
		}
	}
	return ""
}

// callback returns the body of an interaction's first response.
func (s *standIn) callback(id string) string {
	for _, r := range s.fake.Requests() {
		if r.Path == "/interactions/"+id+"/tok-"+id+"/callback" {
			return string(r.Body)
		}
	}
	return ""
}

// metric reads a counter or gauge without labels from /metrics text.
func metric(text, name string) float64 {
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return -1
}

// procStatus reads a process's open files, threads and resident memory
// (in kB) from /proc.
func procStatus(t *testing.T, pid int) (files, threads, rssKB int) {
	t.Helper()
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Threads:"); ok {
			threads, _ = strconv.Atoi(strings.TrimSpace(v))
		}
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			rssKB, _ = strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
		}
	}
	return len(fds), threads, rssKB
}

// TestBurstGivesBack: the bot process, on the stand-in with its state in
// PostgreSQL, answers 300 people asking at once (REPORTBOT_BURST, for
// more), and then holds no more than 30 files more than before. Its files,
// threads and memory are logged: before, at the end of the burst, after.
// REPORTBOT_BURST_NOFILE runs it under that limit of open files.
func TestBurstGivesBack(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	n := 300
	if v, err := strconv.Atoi(os.Getenv("REPORTBOT_BURST")); err == nil && v > 0 {
		n = v
	}
	exe, url, fake := buildBinary(t), pgtest.URL(t), discordtest.New(t)
	dir := t.TempDir()
	var cmd *exec.Cmd
	if limit := os.Getenv("REPORTBOT_BURST_NOFILE"); limit != "" {
		cmd = exec.Command("prlimit", "--nofile="+limit, exe)
	} else {
		cmd = exec.Command(exe)
	}
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "REPORTBOT_CACHE_DIR=" + sharedCache(t), "REPORTBOT_DB=" + indexCopy(t, filepath.Join(dir, "reportbot.db")),
		"DISCORD_TOKEN=" + discordtest.Token, "DISCORD_API_URL=" + fake.APIURL(), "DATABASE_URL=" + url, "LOG_LEVEL=warn"}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if t.Failed() {
			t.Logf("stderr:\n%s", stderr.String())
		}
	}()
	fake.WaitFor("the commands registered", 60*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPut, func(string) bool { return true })) > 0
	})
	s := &standIn{t: t, fake: fake}
	s.answer(s.ask("670000000000000000", "今年旅游收入目标是多少")) // everything opened once
	files0, threads0, rss0 := procStatus(t, cmd.Process.Pid)
	var ids []string
	for i := 1; i <= n; i++ {
		ids = append(ids, s.ask(fmt.Sprint(670000000000000000+i), "今年旅游收入目标是多少"))
	}
	answered, busy := 0, 0
	for _, id := range ids {
		switch a := s.answer(id); {
		case strings.Contains(a, "1040亿元"):
			answered++
		case strings.Contains(a, "现在太忙了"):
			busy++
		default:
			t.Errorf("%s: %s", id, a)
		}
	}
	files1, threads1, rss1 := procStatus(t, cmd.Process.Pid)
	began := time.Now()
	files2, threads2, rss2 := files1, threads1, rss1
	for files2 > files0+30 && time.Since(began) < 30*time.Second {
		time.Sleep(100 * time.Millisecond) // the idle connections time out
		files2, threads2, rss2 = procStatus(t, cmd.Process.Pid)
	}
	t.Logf("%d at once: %d answered, %d told busy; files %d → %d → %d, threads %d → %d → %d, RSS %d → %d → %d MB (after %v)",
		n, answered, busy, files0, files1, files2, threads0, threads1, threads2, rss0>>10, rss1>>10, rss2>>10, time.Since(began).Round(time.Millisecond))
	if n <= 300 && answered != n {
		t.Errorf("%d of %d answered", answered, n)
	}
	if files2 > files0+30 {
		t.Errorf("open files %d before, %d after the burst: not given back", files0, files2)
	}
}

// TestSecretsNotPrinted: no password or token-like value reaches the
// output: a setting that is wrong is named with what is wrong, not its
// value (a token pasted into the wrong setting), and a URL is printed
// without its user info and password, whether in user info or in the
// query, also in the errors of connecting (which may name the database
// user, as PostgreSQL's driver does: user=NAME).
func TestSecretsNotPrinted(t *testing.T) {
	t.Parallel()
	const token = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"
	const password = "S3cretPassw0rd"
	for _, tt := range []struct {
		key, value string
		code       int
		want       string // in the one line of standard error
	}{
		{"LOG_LEVEL", token, exitUsage, "LOG_LEVEL"},
		{"DISCORD_APP_ID", token, exitUsage, "DISCORD_APP_ID"},
		{"DISCORD_GUILD_ID", token, exitUsage, "DISCORD_GUILD_ID"},
		{"ASK_CHANNEL_IDS", "123456789012345678," + token, exitUsage, "ASK_CHANNEL_IDS: item 2"},
		{"DIGEST_CHANNEL_IDS", token, exitUsage, "DIGEST_CHANNEL_IDS: item 1"},
		{"MESSAGE_CONTENT_INTENT", token, exitUsage, "MESSAGE_CONTENT_INTENT"},
		{"DIGEST_TIME", token, exitUsage, "DIGEST_TIME"},
		{"DIGEST_TZ", token, exitUsage, "DIGEST_TZ"},
		{"SHARD_COUNT", token, exitUsage, "SHARD_COUNT"},
		{"SHARD_ID", token, exitUsage, "SHARD_ID"},
		{"DIGEST_CLAIM_LEASE", token, exitUsage, "DIGEST_CLAIM_LEASE"},
		{"METRICS_ADDR", token, exitUsage, "METRICS_ADDR"},
		{"QUESTION_LOG_DAYS", token, exitUsage, "QUESTION_LOG_DAYS"},
		{"FOLLOWUP_MINUTES", token, exitUsage, "FOLLOWUP_MINUTES"},
		{"DISCORD_API_URL", "ftp://dbuser:" + password + "@proxy/api", exitUsage, "DISCORD_API_URL"},
		{"DATABASE_URL", "mysql://dbuser:" + password + "@db/reportbot", exitUsage, "DATABASE_URL"},
		{"DATABASE_URL", "postgres://dbuser:" + password + "@db:notaport/reportbot", exitError, "DATABASE_URL"},
		{"DATABASE_URL", "postgres://dbuser:" + password + "@127.0.0.1:1/reportbot?sslmode=disable", exitError, "DATABASE_URL"},
		{"DATABASE_URL", "postgres://dbuser@127.0.0.1:1/reportbot?sslmode=disable&password=" + password, exitError, "DATABASE_URL"},
		{"DISCORD_API_URL", "http://dbuser:" + password + "@127.0.0.1:1/api/v9", exitError, "connect to discord"},
	} {
		env := map[string]string{"DISCORD_TOKEN": discordtest.Token, "REPORTBOT_DB": filepath.Join(t.TempDir(), "r.db"), tt.key: tt.value}
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), nil, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
		out := stdout.String() + stderr.String()
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if code != tt.code || !strings.Contains(lines[len(lines)-1], tt.want) {
			t.Errorf("%s=%s: exit %d, stderr %q; want exit %d and a line naming %s", tt.key, tt.value, code, stderr.String(), tt.code, tt.want)
		}
		for _, secret := range []string{token, password, "dbuser:", "dbuser@"} {
			if strings.Contains(out, secret) {
				t.Errorf("%s=%s: printed %q:\n%s", tt.key, tt.value, secret, out)
			}
		}
		if tt.code == exitError && strings.Contains(out, "discord.com") {
			t.Errorf("%s=%s: a connection error names discord.com, not the address used:\n%s", tt.key, tt.value, out)
		}
	}
}

// TestNoVotesKeptWithoutLog: with QUESTION_LOG_DAYS=0 the bot keeps no
// questions, and no votes either: its answers have no vote buttons.
func TestNoVotesKeptWithoutLog(t *testing.T) {
	t.Parallel()
	for _, days := range []string{"0", "30"} {
		fake := discordtest.New(t)
		env := map[string]string{"DISCORD_TOKEN": discordtest.Token, "DISCORD_API_URL": fake.APIURL(),
			"REPORTBOT_DB": filepath.Join(t.TempDir(), "reportbot.db"), "QUESTION_LOG_DAYS": days}
		m := &Main{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &syncBuffer{}}
		stop := runBackground(t, m, 30*time.Second)
		fake.WaitFor("the commands registered", 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
			return len(discordtest.Matching(reqs, http.MethodPut, func(string) bool { return true })) > 0
		})
		s := &standIn{t: t, fake: fake}
		a := s.answer(s.ask("680000000000000001", "今年旅游收入目标是多少"))
		if has := customID(a, "👍") != ""; has != (days != "0") {
			t.Errorf("QUESTION_LOG_DAYS=%s: vote buttons %v:\n%s", days, has, a)
		}
		stop()
	}
}

// TestFullDiskSaysSo: a new index that cannot be written (here the file
// size limit, as a full disk does) is reported as that, not as a
// read-only index built from other seeds.
func TestFullDiskSaysSo(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("no prlimit")
	}
	dir := t.TempDir()
	cmd := exec.Command(prlimit, "--fsize=2048", buildBinary(t), "ask", "今年GDP增长目标是多少")
	cmd.Dir = dir
	// The dictionaries are unpacked already: only the index is to write.
	cmd.Env = []string{"HOME=" + dir, "REPORTBOT_CACHE_DIR=" + sharedCache(t), "REPORTBOT_DB=" + filepath.Join(dir, "reportbot.db")}
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != exitError || !strings.Contains(string(out), "cannot build the index in") || !strings.Contains(string(out), "file too large") ||
		strings.Contains(string(out), "read-only") || strings.Contains(string(out), "other seeds") {
		t.Errorf("exit %d (%v):\n%s", code, err, out)
	}
}

// TestEmptyDatabaseWarns: a database file truncated to nothing, which SQLite
// would take for a new one, is named in a warning that its state is gone,
// once; the question is still answered from the rebuilt index. A database
// with state says nothing.
func TestEmptyDatabaseWarns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "reportbot.db")
	if code, _, stderr := run(t, dir, "", "subscriptions", "add", "123456789012345678"); code != 0 {
		t.Fatalf("subscriptions add: exit %d: %s", code, stderr)
	}
	if _, _, stderr := run(t, dir, "", "subscriptions", "list"); stderr != "" {
		t.Errorf("a database with state warns: %s", stderr)
	}
	for _, f := range []string{db + "-wal", db + "-shm"} {
		os.Remove(f)
	}
	if err := os.Truncate(db, 0); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, dir, "", "subscriptions", "list")
	if code != 0 || !strings.Contains(stdout, "0 subscriptions") {
		t.Fatalf("after truncation: exit %d: %s%s", code, stdout, stderr)
	}
	if strings.Count(stderr, "warning") != 1 || !strings.Contains(stderr, db) || !strings.Contains(stderr, "empty file") {
		t.Errorf("a truncated database: stderr %q; want one warning naming %s", stderr, db)
	}
	if err := os.Truncate(db, 0); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, dir, "", "ask", "今年旅游收入目标是多少")
	if code != 0 || !strings.Contains(stdout, "1040亿元") || strings.Count(stderr, "warning") != 1 {
		t.Errorf("ask on a truncated database: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
