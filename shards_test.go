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
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // to read the claims

	"reportbot/bot/discordtest"
	"reportbot/internal/pgtest"
)

var (
	buildOnce sync.Once
	buildDir  string // removed by TestMain
	builtExe  string
	buildErr  error
)

// buildBinary returns reportbot for the tests that run it as a process:
// this test binary, by a link named reportbot, which TestMain runs as
// main (it was built as go test builds, with make test's -trimpath; a
// build of its own cost a link of the cgo code, seconds of CPU). Once,
// it also unpacks the dictionaries and builds an index, for sharedCache
// and indexCopy.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		self, err := os.Executable()
		if err != nil {
			buildErr = err
			return
		}
		if buildDir, buildErr = os.MkdirTemp("", "reportbot-build-"); buildErr != nil {
			return
		}
		builtExe = filepath.Join(buildDir, "reportbot")
		if buildErr = os.Symlink(self, builtExe); buildErr != nil {
			return
		}
		warm := exec.Command(builtExe, "about")
		warm.Env = []string{"HOME=" + buildDir, "REPORTBOT_CACHE_DIR=" + filepath.Join(buildDir, "cache"), "REPORTBOT_DB=" + filepath.Join(buildDir, "index.db")}
		if out, err := warm.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("warm up: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtExe
}

// sharedCache is a REPORTBOT_CACHE_DIR with the dictionaries unpacked,
// for the processes of every test (unpacking writes each file anew and
// renames it, so processes may share it).
func sharedCache(t *testing.T) string {
	buildBinary(t)
	return filepath.Join(buildDir, "cache")
}

// indexCopy copies the index the built binary made into path, so that a
// process started on it does not build its own.
func indexCopy(t *testing.T, path string) string {
	t.Helper()
	buildBinary(t)
	b, err := os.ReadFile(filepath.Join(buildDir, "index.db"))
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
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

// kill ends a process with SIGKILL: no clean-up at all.
func (c *cluster) kill(p *shardProc) {
	p.cmd.Process.Kill()
	p.cmd.Wait()
}

// deployment is a sharded deployment under test: the built binary, the
// stand-in gateway, one PostgreSQL, and the processes.
type deployment struct {
	*cluster
	fake  *discordtest.Server
	url   string
	db    *sql.DB
	count int
	ids   int
}

// channel is a channel in a guild.
type channel struct{ id, guild string }

// newDeployment prepares count shards (none started) against one
// PostgreSQL and one stand-in.
func newDeployment(t *testing.T, count int) *deployment {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and runs several processes")
	}
	url := pgtest.URL(t)
	exe := buildBinary(t)
	fake := discordtest.New(t)
	dir := t.TempDir()
	home := t.TempDir()
	for shard := 0; shard < count; shard++ {
		indexCopy(t, filepath.Join(dir, fmt.Sprintf("index%d.db", shard)))
	}
	c := &cluster{t: t, exe: exe, dir: dir, procs: map[int]*shardProc{}, env: []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + home, "REPORTBOT_CACHE_DIR=" + sharedCache(t),
		"DISCORD_TOKEN=" + discordtest.Token, "DISCORD_API_URL=" + fake.APIURL(),
		"DATABASE_URL=" + url, "SHARD_COUNT=" + strconv.Itoa(count),
		"DIGEST_TIME=00:00", "DIGEST_TZ=UTC", "DIGEST_CLAIM_LEASE=2s", "LOG_LEVEL=info",
	}}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
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
	return &deployment{cluster: c, fake: fake, url: url, db: db, count: count}
}

// identifies waits until the stand-in has seen n IDENTIFYs in all.
func (d *deployment) identifies(n int) {
	d.t.Helper()
	d.fake.WaitFor(fmt.Sprintf("%d IDENTIFYs", n), 60*time.Second, func(_ []discordtest.Request, gws []discordtest.Gateway) bool {
		k := 0
		for _, g := range gws {
			if g.Op == 2 {
				k++
			}
		}
		return k >= n
	})
}

// guild returns a guild id served by shard.
func (d *deployment) guild(shard int) string {
	d.t.Helper()
	g := strconv.FormatUint(uint64(999_999_960+shard)<<22, 10) // 999,999,960 is a multiple of 2, 3, 4, 5, 6 and 8
	if discordtest.ShardOf(g, d.count) != shard {
		d.t.Fatalf("guild %s is not on shard %d of %d", g, shard, d.count)
	}
	return g
}

// subscribe runs /digest-channel subscribe in a channel, through the
// shard of its guild, and waits for the answer.
func (d *deployment) subscribe(ch channel) {
	d.t.Helper()
	d.ids++
	id := strconv.Itoa(650000000000000000 + d.ids)
	d.fake.DispatchGuild(ch.guild, "INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 2, "token": "tok-" + id, "version": 1,
		"guild_id": ch.guild, "channel_id": ch.id, "locale": "zh-CN", "app_permissions": "117760",
		"member": map[string]any{"user": map[string]any{"id": "700000000000000021", "username": "admin"}, "permissions": "32"},
		"data":   map[string]any{"id": "1", "name": "digest-channel", "type": 1, "options": []map[string]any{{"name": "subscribe", "type": 1}}},
	})
	path := "/interactions/" + id + "/tok-" + id + "/callback"
	var got []discordtest.Request
	d.fake.WaitFor("the answer to subscribing "+ch.id, 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		got = discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == path })
		return len(got) > 0
	})
	if !strings.Contains(string(got[0].Body), "已订阅每日摘要") {
		d.t.Fatalf("subscribing %s: %s", ch.id, got[0].Body)
	}
}

func posts(reqs []discordtest.Request, ch string) []discordtest.Request {
	return discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/"+ch+"/messages" })
}

// made counts the messages Discord made in a channel (a post whose nonce
// named an earlier one made none).
func made(reqs []discordtest.Request, ch string) int {
	n := 0
	for _, r := range posts(reqs, ch) {
		if r.Status == http.StatusOK && !r.Duplicate {
			n++
		}
	}
	return n
}

func delivered(reqs []discordtest.Request, ch string) bool {
	for _, r := range posts(reqs, ch) {
		if r.Status == http.StatusOK {
			return true
		}
	}
	return false
}

// waitDelivered waits until every channel got its digest.
func (d *deployment) waitDelivered(what string, chans ...channel) {
	d.t.Helper()
	d.fake.WaitFor(what, 60*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		for _, ch := range chans {
			if !delivered(reqs, ch.id) {
				return false
			}
		}
		return true
	})
}

// waitRecorded waits until n posts of today are recorded in the database.
func (d *deployment) waitRecorded(n int) {
	d.t.Helper()
	today := time.Now().UTC().Format("2006-01-02")
	for deadline := time.Now().Add(30 * time.Second); ; {
		var got int
		d.db.QueryRow(`SELECT count(*) FROM digest_posts WHERE date = $1 AND posted_at IS NOT NULL`, today).Scan(&got)
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("%d of %d posts recorded", got, n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stopAll stops every process (SIGTERM) at once, and waits for them.
func (c *cluster) stopAll() {
	for _, p := range c.procs {
		p.cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, p := range c.procs {
		p.cmd.Wait()
	}
}

// restartAll stops every process (SIGTERM) and starts them again.
func (d *deployment) restartAll() {
	d.stopAll()
	for shard := 0; shard < d.count; shard++ {
		d.start(shard)
	}
}

// TestShardsShareState: three bot processes, SHARD_COUNT=3, one stand-in
// gateway that routes each guild's events to its shard, one PostgreSQL.
// Subscriptions made through each shard are each posted once; a process
// killed (-9) while it posts, and started again, leaves no channel posted
// twice or missed; a restart of every process posts nothing again.
func TestShardsShareState(t *testing.T) {
	t.Parallel()
	d := newDeployment(t, 3)
	began := time.Now()
	for shard := 0; shard < 3; shard++ {
		d.start(shard)
	}
	d.identifies(3)
	t.Logf("three processes connected in %v", time.Since(began).Round(time.Millisecond))

	// Two channels in a guild of each shard.
	var channels []channel
	for shard := 0; shard < 3; shard++ {
		for k := 0; k < 2; k++ {
			channels = append(channels, channel{id: fmt.Sprintf("7100000000000000%d%d", shard, k), guild: d.guild(shard)})
		}
	}
	// The post to one channel is held: its sender is killed mid-post.
	victim := channels[3]
	d.fake.HoldPosts(victim.id)
	began = time.Now()
	for _, ch := range channels {
		d.subscribe(ch)
	}
	d.fake.WaitFor("the held post", 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(posts(reqs, victim.id)) > 0
	})
	today := time.Now().UTC().Format("2006-01-02")
	var owner string
	if err := d.db.QueryRow(`SELECT claimed_by FROM digest_posts WHERE channel_id = $1 AND date = $2`, victim.id, today).Scan(&owner); err != nil {
		t.Fatal(err)
	}
	var holder *shardProc
	for _, p := range d.procs {
		if strings.Contains(owner, "/"+strconv.Itoa(p.cmd.Process.Pid)+"/") {
			holder = p
		}
	}
	if holder == nil {
		t.Fatalf("the claim's owner %q is none of the processes", owner)
	}
	d.kill(holder)
	d.fake.ReleasePosts(victim.id) // Discord makes the message; its sender never hears
	d.start(holder.shard)
	d.identifies(4)
	d.waitDelivered("every channel's digest", channels...)
	d.waitRecorded(len(channels)) // the record of the taken-over post follows its answer
	t.Logf("six channels posted, one after a kill -9 and a takeover, in %v", time.Since(began).Round(time.Millisecond))
	reqs := d.fake.Requests()
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
	d.restartAll()
	d.identifies(7)
	sentinel := channel{id: "710000000000000099", guild: d.guild(2)}
	d.subscribe(sentinel)
	d.waitDelivered("the new channel's digest", sentinel)
	reqs = d.fake.Requests()
	for _, ch := range channels {
		if n := len(posts(reqs, ch.id)); n != before[ch.id] {
			t.Errorf("channel %s: %d posts after a restart of every process, want %d", ch.id, n, before[ch.id])
		}
	}
	if n := made(reqs, sentinel.id); n != 1 {
		t.Errorf("new channel: %d messages, want 1", n)
	}
	d.stopAll()
}

// TestTwoShardsOnePost: two shard processes sharing one PostgreSQL; a
// channel subscribed through shard 1, and one in DIGEST_CHANNEL_IDS, get
// their digest exactly once, also across a restart of both.
func TestTwoShardsOnePost(t *testing.T) {
	t.Parallel()
	d := newDeployment(t, 2)
	configured := channel{id: "720000000000000009"}
	d.env = append(d.env, "DIGEST_CHANNEL_IDS="+configured.id)
	d.start(0)
	d.start(1)
	d.identifies(2)
	ch := channel{id: "720000000000000001", guild: d.guild(1)}
	d.subscribe(ch)
	d.waitDelivered("the digests", ch, configured)
	d.waitRecorded(2)
	d.restartAll()
	d.identifies(4)
	sentinel := channel{id: "720000000000000002", guild: d.guild(0)}
	d.subscribe(sentinel)
	d.waitDelivered("the new channel's digest", sentinel)
	reqs := d.fake.Requests()
	if n := len(posts(reqs, ch.id)); n != 1 || made(reqs, ch.id) != 1 {
		t.Errorf("the channel subscribed through shard 1: %d posts, %d messages; want 1 and 1", n, made(reqs, ch.id))
	}
	if n := len(posts(reqs, configured.id)); n != 1 {
		t.Errorf("the configured channel: %d posts, want 1", n)
	}
	var subs int
	d.db.QueryRow(`SELECT count(*) FROM subscriptions WHERE channel_id = $1 AND guild_id = $2`, ch.id, ch.guild).Scan(&subs)
	if subs != 1 {
		t.Errorf("the subscription is not in the shared database")
	}
	d.stopAll()
}
