package main

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // to read the claims

	"reportbot/bot/discordtest"
	"reportbot/internal/pgtest"
)

// buildBinary builds reportbot into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = "/usr/local/go/bin/go"
	}
	exe := filepath.Join(t.TempDir(), "reportbot")
	if out, err := exec.Command(gobin, "build", "-tags", "sqlite_fts5", "-trimpath", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return exe
}

// shardProc is one bot process of a sharded deployment.
type shardProc struct {
	shard int
	cmd   *exec.Cmd
	log   string // its standard error
}

// cluster starts and stops the processes of one deployment.
type cluster struct {
	t     *testing.T
	exe   string
	env   []string
	dir   string
	procs map[int]*shardProc
	runs  atomic.Int64
}

func (c *cluster) start(shard int) *shardProc {
	c.t.Helper()
	n := c.runs.Add(1)
	p := &shardProc{shard: shard, log: filepath.Join(c.dir, fmt.Sprintf("shard%d-run%d.log", shard, n))}
	f, err := os.Create(p.log)
	if err != nil {
		c.t.Fatal(err)
	}
	defer f.Close()
	p.cmd = exec.Command(c.exe)
	p.cmd.Dir = c.dir
	p.cmd.Env = append(append([]string{}, c.env...),
		"SHARD_ID="+strconv.Itoa(shard),
		"REPORTBOT_DB="+filepath.Join(c.dir, fmt.Sprintf("index%d.db", shard))) // the index is each process's own
	p.cmd.Stdout, p.cmd.Stderr = f, f
	if err := p.cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	c.procs[shard] = p
	return p
}

// stop ends a process with SIGTERM, as an operator would.
func (c *cluster) stop(p *shardProc) {
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.cmd.Wait()
}

// kill ends a process with SIGKILL: no clean-up at all.
func (c *cluster) kill(p *shardProc) {
	p.cmd.Process.Kill()
	p.cmd.Wait()
}

// TestShardsShareState: three bot processes, SHARD_COUNT=3, one stand-in
// gateway that routes each guild's events to its shard, one PostgreSQL.
// Subscriptions made through each shard are each posted once; a process
// killed (-9) while it posts, and started again, leaves no channel posted
// twice or missed; a restart of every process posts nothing again.
func TestShardsShareState(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs three processes")
	}
	url := pgtest.URL(t)
	exe := buildBinary(t)
	fake := discordtest.New(t)
	dir := t.TempDir()
	home := t.TempDir()
	c := &cluster{t: t, exe: exe, dir: dir, procs: map[int]*shardProc{}, env: []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home, "REPORTBOT_CACHE_DIR=" + filepath.Join(home, "cache"),
		"DISCORD_TOKEN=" + discordtest.Token, "DISCORD_API_URL=" + fake.APIURL(),
		"DATABASE_URL=" + url, "SHARD_COUNT=3",
		"DIGEST_TIME=00:00", "DIGEST_TZ=UTC", "DIGEST_CLAIM_LEASE=2s", "LOG_LEVEL=info",
	}}
	t.Cleanup(func() {
		for _, p := range c.procs {
			if p.cmd.ProcessState == nil {
				c.kill(p)
			}
		}
		if t.Failed() {
			logs, _ := filepath.Glob(filepath.Join(dir, "shard*.log"))
			for _, l := range logs {
				b, _ := os.ReadFile(l)
				t.Logf("--- %s\n%s", filepath.Base(l), b)
			}
		}
	})
	identifies := func(n int) {
		t.Helper()
		fake.WaitFor(fmt.Sprintf("%d IDENTIFYs", n), 60*time.Second, func(_ []discordtest.Request, gws []discordtest.Gateway) bool {
			k := 0
			for _, g := range gws {
				if g.Op == 2 {
					k++
				}
			}
			return k >= n
		})
	}
	began := time.Now()
	for shard := 0; shard < 3; shard++ {
		c.start(shard)
	}
	identifies(3)
	t.Logf("three processes connected in %v", time.Since(began).Round(time.Millisecond))

	// Two channels in a guild of each shard.
	type channel struct{ id, guild string }
	var channels []channel
	for shard := 0; shard < 3; shard++ {
		guild := strconv.FormatUint(uint64(999_999_999+shard)<<22, 10)
		if discordtest.ShardOf(guild, 3) != shard {
			t.Fatalf("guild %s is not on shard %d", guild, shard)
		}
		for k := 0; k < 2; k++ {
			channels = append(channels, channel{id: fmt.Sprintf("7100000000000000%d%d", shard, k), guild: guild})
		}
	}
	ids := 0
	subscribe := func(ch channel) {
		t.Helper()
		ids++
		id := strconv.Itoa(650000000000000000 + ids)
		fake.DispatchGuild(ch.guild, "INTERACTION_CREATE", map[string]any{
			"id": id, "application_id": discordtest.AppID, "type": 2, "token": "tok-" + id, "version": 1,
			"guild_id": ch.guild, "channel_id": ch.id, "locale": "zh-CN", "app_permissions": "117760",
			"member": map[string]any{"user": map[string]any{"id": "700000000000000021", "username": "admin"}, "permissions": "32"},
			"data":   map[string]any{"id": "1", "name": "digest-channel", "type": 1, "options": []map[string]any{{"name": "subscribe", "type": 1}}},
		})
		path := "/interactions/" + id + "/tok-" + id + "/callback"
		var got []discordtest.Request
		fake.WaitFor("the answer to subscribing "+ch.id, 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
			got = discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == path })
			return len(got) > 0
		})
		if !strings.Contains(string(got[0].Body), "已订阅每日摘要") {
			t.Fatalf("subscribing %s: %s", ch.id, got[0].Body)
		}
	}
	posts := func(reqs []discordtest.Request, ch string) []discordtest.Request {
		return discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/"+ch+"/messages" })
	}
	// made counts the messages Discord made in a channel (a post whose
	// nonce named an earlier one made none).
	made := func(reqs []discordtest.Request, ch string) int {
		n := 0
		for _, r := range posts(reqs, ch) {
			if r.Status == http.StatusOK && !r.Duplicate {
				n++
			}
		}
		return n
	}
	delivered := func(reqs []discordtest.Request, ch string) bool {
		for _, r := range posts(reqs, ch) {
			if r.Status == http.StatusOK {
				return true
			}
		}
		return false
	}

	// The post to one channel is held: its sender is killed mid-post.
	victim := channels[3]
	fake.HoldPosts(victim.id)
	began = time.Now()
	for _, ch := range channels {
		subscribe(ch)
	}
	fake.WaitFor("the held post", 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(posts(reqs, victim.id)) > 0
	})
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	today := time.Now().UTC().Format("2006-01-02")
	var owner string
	if err := db.QueryRow(`SELECT claimed_by FROM digest_posts WHERE channel_id = $1 AND date = $2`, victim.id, today).Scan(&owner); err != nil {
		t.Fatal(err)
	}
	var holder *shardProc
	for _, p := range c.procs {
		if strings.Contains(owner, "/"+strconv.Itoa(p.cmd.Process.Pid)+"/") {
			holder = p
		}
	}
	if holder == nil {
		t.Fatalf("the claim's owner %q is none of the processes", owner)
	}
	c.kill(holder)
	fake.ReleasePosts(victim.id) // Discord makes the message; its sender never hears
	c.start(holder.shard)
	identifies(4)
	fake.WaitFor("every channel's digest", 60*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		for _, ch := range channels {
			if !delivered(reqs, ch.id) {
				return false
			}
		}
		return true
	})
	// The record of the taken-over post follows its answer.
	for deadline := time.Now().Add(30 * time.Second); ; {
		var n int
		db.QueryRow(`SELECT count(*) FROM digest_posts WHERE date = $1 AND posted_at IS NOT NULL`, today).Scan(&n)
		if n == len(channels) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d posts recorded", n, len(channels))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("six channels posted, one after a kill -9 and a takeover, in %v", time.Since(began).Round(time.Millisecond))
	reqs := fake.Requests()
	for _, ch := range channels {
		if n := made(reqs, ch.id); n != 1 {
			t.Errorf("channel %s: %d messages made, want 1 (%d posts)", ch.id, n, len(posts(reqs, ch.id)))
		}
	}
	if n := len(posts(reqs, victim.id)); n < 2 {
		t.Errorf("the killed process's post was not taken over: %d posts", n)
	}

	// Every process restarts: nothing is posted again. A channel subscribed
	// after the restart is posted, so every scheduler has looked.
	before := map[string]int{}
	for _, ch := range channels {
		before[ch.id] = len(posts(reqs, ch.id))
	}
	for _, p := range c.procs {
		c.stop(p)
	}
	for shard := 0; shard < 3; shard++ {
		c.start(shard)
	}
	identifies(7)
	sentinel := channel{id: "710000000000000099", guild: channels[5].guild}
	subscribe(sentinel)
	fake.WaitFor("the new channel's digest", 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return delivered(reqs, sentinel.id)
	})
	reqs = fake.Requests()
	for _, ch := range channels {
		if n := len(posts(reqs, ch.id)); n != before[ch.id] {
			t.Errorf("channel %s: %d posts after a restart of every process, want %d", ch.id, n, before[ch.id])
		}
	}
	if n := made(reqs, sentinel.id); n != 1 {
		t.Errorf("new channel: %d messages, want 1", n)
	}
	for _, p := range c.procs {
		c.stop(p)
	}
}
