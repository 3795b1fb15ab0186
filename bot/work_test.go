package bot_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"reportbot/bot/discordtest"
	"reportbot/commands"
	"reportbot/report"
)

// askAs dispatches /ask QUESTION from a user of its own.
func (h *harness) askAs(user, q string) string {
	id := h.id()
	h.fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 2, "token": "tok-" + id, "version": 1,
		"guild_id": guildID, "channel_id": channelA, "locale": "zh-CN",
		"member": map[string]any{"user": map[string]any{"id": user, "username": "someone"}, "permissions": "0"},
		"data":   map[string]any{"id": "1", "name": "ask", "type": 1, "options": []map[string]any{{"name": "question", "type": 3, "value": q}}},
	})
	return id
}

// answered waits for the answer to an interaction: its response, or the
// edit of a deferred one.
func (h *harness) answered(id string) string {
	h.t.Helper()
	var body string
	h.fake.WaitFor("the answer to "+id, 30*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		for _, r := range reqs {
			deferred := strings.HasSuffix(r.Path, "/callback") && strings.HasPrefix(string(r.Body), `{"type":5`)
			if strings.Contains(r.Path, "/tok-"+id) && !deferred && r.Status != 0 {
				body = string(r.Body)
				return true
			}
		}
		return false
	})
	return body
}

// TestBusy: with one answer at work and one waiting, a third question is
// told at once, to the asker alone, that the bot is busy, and a message
// goes unanswered; the waiting one is deferred and answered in its turn.
func TestBusy(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	gate := make(chan struct{})
	h.wrap = func(k commands.Knowledge) commands.Knowledge { return gated{k, gate} }
	h.maxInFlight, h.maxQueued = 1, 1
	h.deferAfter = 100 * time.Millisecond
	busy := &busyCount{refused: make(chan string, 10)}
	h.observer = busy
	h.start()
	working := h.askAs("700000000000000031", "SLOW 今年旅游收入目标是多少")
	if c := h.response(working); c.Type != 5 {
		t.Fatalf("the answer at work: response type %d, want 5 (deferred)", c.Type)
	}
	waiting := h.askAs("700000000000000032", "今年GDP增长目标是多少")
	if c := h.response(waiting); c.Type != 5 {
		t.Fatalf("the answer waiting: response type %d, want 5 (deferred)", c.Type)
	}
	c := h.response(h.askAs("700000000000000033", "去年旅游收入多少"))
	if c.Type != 4 || c.Data.Flags&64 == 0 || !strings.Contains(c.text(), "现在太忙了") {
		t.Errorf("the third: type %d flags %d:\n%s", c.Type, c.Data.Flags, c.text())
	}
	h.dm("去年旅游收入多少") // no place to wait: unanswered
	for _, want := range []string{"interaction", "message"} {
		select {
		case got := <-busy.refused:
			if got != want {
				t.Errorf("refused a %s, want a %s", got, want)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("the %s was not refused", want)
		}
	}
	close(gate)
	for id, want := range map[string]string{working: "1040亿元", waiting: "8.8%"} {
		if a := h.answered(id); !strings.Contains(a, want) {
			t.Errorf("%s: %s", id, a)
		}
	}
	h.dm("今年GDP增长目标是多少") // a place again
	posts := h.waitPosts(channelA, 1)
	if len(posts) != 1 || !strings.Contains(string(posts[0].Body), "8.8%") {
		t.Errorf("direct messages: %d answered, want only the one after the burst: %s", len(posts), posts[0].Body)
	}
}

// busyCount is an observer that tells of each refusal.
type busyCount struct {
	nopObserver
	refused chan string
}

func (b *busyCount) Busy(source string) { b.refused <- source }

// nopObserver observes nothing.
type nopObserver struct{}

func (nopObserver) Interaction(string)             {}
func (nopObserver) Answered(string, time.Duration) {}
func (nopObserver) DigestPost(bool)                {}
func (nopObserver) Reconnect()                     {}
func (nopObserver) Busy(string)                    {}

// counting is a knowledge base that counts the questions it answers at
// once, and remembers the most.
type counting struct {
	commands.Knowledge
	mu        sync.Mutex
	now, most int
}

func (c *counting) Ask(ctx context.Context, q string, top int) (report.Result, error) {
	defer c.count()()
	return c.Knowledge.Ask(ctx, q, top)
}

func (c *counting) AskIn(ctx context.Context, q, prev string, top int) (report.Result, error) {
	defer c.count()()
	return c.Knowledge.AskIn(ctx, q, prev, top)
}

// count counts an answer at work, long enough for the others to pile up,
// until the function it returns is called.
func (c *counting) count() func() {
	c.mu.Lock()
	c.now++
	c.most = max(c.most, c.now)
	c.mu.Unlock()
	time.Sleep(time.Millisecond) // long enough for the others to pile up
	return func() {
		c.mu.Lock()
		c.now--
		c.mu.Unlock()
	}
}

// TestBurst: 300 people asking at once are all answered, and no more than
// MaxInFlight answers are at work at any time.
func TestBurst(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var kb *counting
	h.wrap = func(k commands.Knowledge) commands.Knowledge { kb = &counting{Knowledge: k}; return kb }
	h.maxInFlight, h.maxQueued = 4, 500
	h.start()
	var ids []string
	for i := 0; i < 300; i++ {
		ids = append(ids, h.askAs(fmt.Sprint(710000000000000000+i), "今年旅游收入目标是多少"))
	}
	for _, id := range ids {
		if a := h.answered(id); !strings.Contains(a, "1040亿元") {
			t.Fatalf("%s: %s", id, a)
		}
	}
	if kb.most > 4 || kb.most < 2 {
		t.Errorf("%d answers at work at once, want 2 to 4 (MaxInFlight)", kb.most)
	}
	if n := len(discordtest.Matching(h.fake.Requests(), http.MethodPost, func(p string) bool { return strings.HasSuffix(p, "/callback") })); n != 300 {
		t.Errorf("%d responses, want 300", n)
	}
}

// TestLongQuestions: a question of 300,000 characters, as an option or as
// a message, is answered, and what the bot reads of it (and logs) is its
// first 2,000 characters.
func TestLongQuestions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.logQuestions = true
	h.start()
	long := "今年旅游收入目标是多少" + strings.Repeat("呢", 300000)
	if a := h.answered(h.askAs("700000000000000041", long)); !strings.Contains(a, "1040亿元") {
		t.Errorf("a long option: %s", a)
	}
	h.dm(long)
	if posts := h.waitPosts(channelA, 1); !strings.Contains(string(posts[0].Body), "1040亿元") {
		t.Errorf("a long message: %s", posts[0].Body)
	}
	h.stop() // the question log writes what it holds
	db, err := sql.Open("sqlite3", h.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, longest int
	if err := db.QueryRow(`SELECT count(*), max(length(question)) FROM question_log`).Scan(&n, &longest); err != nil {
		t.Fatal(err)
	}
	if n != 2 || longest != 2000 {
		t.Errorf("%d questions logged, the longest of %d characters; want 2 of 2000", n, longest)
	}
}
