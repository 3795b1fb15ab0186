package bot_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"image/png"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"reportbot/bot"
	"reportbot/bot/discordtest"
	"reportbot/commands"
	"reportbot/internal/pgtest"
	"reportbot/knowledge"
	"reportbot/report"
	"reportbot/state"
)

const (
	guildID   = "700000000000000001"
	channelA  = "700000000000000011"
	channelB  = "700000000000000012"
	channelC  = "700000000000000013"
	userID    = "700000000000000021"
	adminPerm = "32" // Manage Server
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// clock is a clock a test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// harness runs the real bot against the stand-in, wired as main wires it.
type harness struct {
	t      *testing.T
	fake   *discordtest.Server
	clock  *clock
	dbPath string // the state
	env    map[string]string
	store  *state.DB
	bot    *bot.Bot
	// wrap, when set, wraps the knowledge base the router asks (to inject faults).
	wrap func(commands.Knowledge) commands.Knowledge
	// stateURL, when set, keeps the state in that PostgreSQL database
	// instead of the SQLite file.
	stateURL string
	// wrapStore, when set, wraps the state store the bot is given.
	wrapStore  func(bot.Store) bot.Store
	rateEvery  time.Duration // 0: no rate limit
	deferAfter time.Duration
	// maxInFlight and maxQueued, when set, bound the answers at work.
	maxInFlight, maxQueued int
	// observer, when set, is told what the bot does.
	observer bot.Observer
	// logQuestions gives the router a question log in the state, as main
	// does.
	logQuestions bool
	qlog         *state.QuestionLog
	ids          atomic.Int64
}

func newHarness(t *testing.T) *harness {
	h := &harness{
		t:      t,
		fake:   discordtest.New(t),
		clock:  &clock{t: time.Date(2026, 11, 27, 8, 0, 0, 0, shanghai)},
		dbPath: filepath.Join(t.TempDir(), "reportbot.db"),
	}
	h.env = map[string]string{
		"DISCORD_TOKEN":    discordtest.Token,
		"DISCORD_GUILD_ID": guildID,
		"DISCORD_API_URL":  h.fake.APIURL() + "/",
	}
	h.ids.Store(600000000000000000)
	return h
}

func (h *harness) start() {
	h.t.Helper()
	if err := h.startErr(); err != nil {
		h.t.Fatal(err)
	}
}

// startErr starts the bot and returns the error of its Open.
func (h *harness) startErr() error {
	h.t.Helper()
	cfg, err := bot.ParseConfig(func(k string) string { return h.env[k] }, shanghai)
	if err != nil {
		h.t.Fatal(err)
	}
	cfg.ReconnectBase = 10 * time.Millisecond
	cfg.Now = h.clock.Now
	cfg.Tick = 20 * time.Millisecond
	cfg.RetryBase = 10 * time.Millisecond
	cfg.MaxAttempts = 3
	cfg.RateEvery = h.rateEvery
	cfg.RESTRetryBase = 5 * time.Millisecond
	// Tests run side by side on a busy machine: an answer is deferred only
	// where a test asks for it.
	cfg.DeferAfter = 10 * time.Second
	if h.deferAfter > 0 {
		cfg.DeferAfter = h.deferAfter
	}
	if h.maxInFlight > 0 {
		cfg.MaxInFlight, cfg.MaxQueued = h.maxInFlight, h.maxQueued
	}
	cfg.Observer = h.observer
	kb := sharedIndex(h.t)
	st, err := state.Open(context.Background(), state.Config{URL: h.stateURL, Path: h.dbPath})
	if err != nil {
		h.t.Fatal(err)
	}
	var k commands.Knowledge = kb
	if h.wrap != nil {
		k = h.wrap(kb)
	}
	r := commands.NewRouter(k, nil)
	r.Location, r.Now = cfg.Location, cfg.Now
	if h.logQuestions {
		h.qlog = st.NewQuestionLog(state.LogConfig{Days: 30, Now: cfg.Now})
		r.Log = h.qlog
	}
	log := slog.New(slog.NewTextHandler(newTestWriter(h.t), &slog.HandlerOptions{Level: slog.LevelWarn}))
	var store bot.Store = st
	if h.wrapStore != nil {
		store = h.wrapStore(st)
	}
	b, err := bot.New(cfg, r, store, log)
	if err != nil {
		h.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := b.Open(ctx); err != nil {
		b.Close()
		st.Close()
		return err
	}
	h.store, h.bot = st, b
	h.t.Cleanup(h.stop)
	return nil
}

func (h *harness) stop() {
	if h.bot != nil {
		h.bot.Close()
		if h.qlog != nil {
			h.qlog.Close()
		}
		h.store.Close()
		h.bot, h.store, h.qlog = nil, nil, nil
	}
}

// testWriter logs to the test while it runs; lines from goroutines that
// outlive it are dropped.
type testWriter struct {
	t    *testing.T
	done *atomic.Bool
}

func newTestWriter(t *testing.T) testWriter {
	w := testWriter{t: t, done: new(atomic.Bool)}
	t.Cleanup(func() { w.done.Store(true) })
	return w
}

func (w testWriter) Write(p []byte) (int, error) {
	if !w.done.Load() {
		w.t.Log(strings.TrimSpace(string(p)))
	}
	return len(p), nil
}

func (h *harness) id() string { return fmt.Sprint(h.ids.Add(1)) }

// command dispatches a slash command and returns the interaction's id.
func (h *harness) command(name string, options []map[string]any, perms string) string {
	return h.commandIn("zh-CN", name, options, perms)
}

// commandIn dispatches a slash command from a client in the given locale.
func (h *harness) commandIn(locale, name string, options []map[string]any, perms string) string {
	return h.commandWith(locale, name, options, perms, botPerms)
}

// botPerms are the bot's permissions in channelA: View Channel, Send
// Messages, Embed Links, Attach Files, Read Message History.
const botPerms = "117760"

// commandWith dispatches a slash command with the bot's permissions in the
// channel (app_permissions).
func (h *harness) commandWith(locale, name string, options []map[string]any, perms, appPerms string) string {
	id := h.id()
	h.fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 2, "token": "tok-" + id, "version": 1,
		"guild_id": guildID, "channel_id": channelA, "locale": locale, "app_permissions": appPerms,
		"member": map[string]any{"user": map[string]any{"id": userID, "username": "someone"}, "permissions": perms},
		"data":   map[string]any{"id": "1", "name": name, "type": 1, "options": options},
	})
	return id
}

// TestAnswerStatusAndLocale: an English client gets the words around an
// answer in English; a question the report does not answer says so and
// marks the passages it shows as not an answer.
func TestAnswerStatusAndLocale(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	ask := func(locale, q string) string {
		return h.response(h.commandIn(locale, "ask", []map[string]any{{"name": "question", "type": 3, "value": q}}, "0")).text()
	}
	for _, tt := range []struct {
		locale, q string
		want      []string
	}{
		{"en-US", "今年旅游收入目标是多少", []string{"Q: ", "旅游总收入", "Answer 1 of"}},
		{"zh-CN", "今年旅游收入目标是多少", []string{"问：", "旅游总收入", "第1条"}},
		{"zh-CN", "郑州去年旅游收入是多少", []string{"报告没有直接回答这个问题", "郑州", "并非答案"}},
		{"en-GB", "What was GDP in 2018?", []string{"The report does not answer", "2018", "not an answer"}},
	} {
		got := ask(tt.locale, tt.q)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %q: reply lacks %q:\n%s", tt.locale, tt.q, w, got)
			}
		}
	}
}

// press dispatches the asker's press on a button with the given custom id
// and returns the interaction's id.
func (h *harness) press(customID string) string { return h.pressBy(userID, customID) }

// pressBy dispatches a press by user on a button of an answer to userID.
func (h *harness) pressBy(user, customID string) string {
	id := h.id()
	h.fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 3, "token": "tok-" + id, "version": 1, "guild_id": guildID, "channel_id": channelA,
		"member": map[string]any{"user": map[string]any{"id": user}, "permissions": "0"},
		"message": map[string]any{"id": "1", "channel_id": channelA, "flags": 0,
			"interaction_metadata": map[string]any{"id": "2", "type": 2, "user": map[string]any{"id": userID}}},
		"data": map[string]any{"custom_id": customID, "component_type": 2},
	})
	return id
}

// dm dispatches a direct message (no guild) from a person.
func (h *harness) dm(content string) {
	h.fake.Dispatch("MESSAGE_CREATE", map[string]any{"id": h.id(), "channel_id": channelA, "content": content,
		"author": map[string]any{"id": userID, "username": "someone"}, "mentions": []any{}, "timestamp": "2026-11-27T01:00:00Z", "type": 0})
}

type callback struct {
	Type int `json:"type"`
	Data struct {
		Embeds []struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Fields      []struct{ Name, Value string }
			Footer      *struct{ Text string }
		} `json:"embeds"`
		Components []struct {
			Components []struct {
				CustomID string `json:"custom_id"`
				Label    string `json:"label"`
			} `json:"components"`
		} `json:"components"`
		Flags           int             `json:"flags"`
		AllowedMentions json.RawMessage `json:"allowed_mentions"`
		Choices         []struct {
			Name  string `json:"name"`
			Value any    `json:"value"`
		} `json:"choices"`
	} `json:"data"`
}

func (c callback) text() string {
	var b strings.Builder
	for _, e := range c.Data.Embeds {
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + "\n" + f.Value + "\n")
		}
		if e.Footer != nil {
			b.WriteString(e.Footer.Text + "\n")
		}
	}
	return b.String()
}

// cursor returns the custom id of the 更多 button, or "".
func (c callback) cursor() string { return c.button("更多") }

// button returns the custom id of the button with the label, or "".
func (c callback) button(label string) string {
	for _, row := range c.Data.Components {
		for _, comp := range row.Components {
			if comp.Label == label {
				return comp.CustomID
			}
		}
	}
	return ""
}

// response waits for the answer to an interaction.
func (h *harness) response(id string) callback {
	h.t.Helper()
	var c callback
	if err := h.responseRequest(id).JSON(&c); err != nil {
		h.t.Fatal(err)
	}
	return c
}

// responseRequest waits for the answer to an interaction and returns its
// request.
func (h *harness) responseRequest(id string) discordtest.Request {
	h.t.Helper()
	path := "/interactions/" + id + "/tok-" + id + "/callback"
	var got []discordtest.Request
	h.fake.WaitFor("the answer to interaction "+id, 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		got = discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == path })
		return len(got) > 0
	})
	return got[0]
}

// posts returns the messages posted to a channel.
func (h *harness) posts(channel string) []discordtest.Request {
	return discordtest.Matching(h.fake.Requests(), http.MethodPost, func(p string) bool { return p == "/channels/"+channel+"/messages" })
}

func (h *harness) waitPosts(channel string, n int) []discordtest.Request {
	h.t.Helper()
	h.fake.WaitFor(fmt.Sprintf("%d posts to %s", n, channel), 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/"+channel+"/messages" })) >= n
	})
	return h.posts(channel)
}

func TestRegistersCommandsOnce(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	path := "/applications/" + discordtest.AppID + "/guilds/" + guildID + "/commands"
	puts := discordtest.Matching(h.fake.Requests(), http.MethodPut, func(p string) bool { return p == path })
	if len(puts) != 1 {
		t.Fatalf("got %d bulk overwrites to %s, want 1: %+v", len(puts), path, h.fake.Requests())
	}
	var cmds []struct {
		Name              string            `json:"name"`
		NameLocalizations map[string]string `json:"name_localizations"`
		DescLocalizations map[string]string `json:"description_localizations"`
		Options           []struct {
			Name              string            `json:"name"`
			Type              int               `json:"type"`
			Autocomplete      bool              `json:"autocomplete"`
			NameLocalizations map[string]string `json:"name_localizations"`
			DescLocalizations map[string]string `json:"description_localizations"`
		} `json:"options"`
		DefaultMemberPermissions *string `json:"default_member_permissions"`
		IntegrationTypes         []int   `json:"integration_types"`
		Contexts                 []int   `json:"contexts"`
	}
	if err := puts[0].JSON(&cmds); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ask": "提问", "figure": "数字", "target": "目标", "section": "章节", "search": "搜索", "digest": "每日摘要",
		"digest-channel": "摘要订阅", "help": "帮助", "about": "关于"}
	if len(cmds) != len(want) {
		t.Errorf("registered %d commands, want %d", len(cmds), len(want))
	}
	// zh-TW is the traditional form of zh-CN, for every name and description.
	traditional := func(what string, l map[string]string) {
		if l["zh-TW"] == "" || l["zh-TW"] != knowledge.ToTraditional(l["zh-CN"]) {
			t.Errorf("%s: zh-TW %q, zh-CN %q", what, l["zh-TW"], l["zh-CN"])
		}
	}
	for _, c := range cmds {
		if zh := c.NameLocalizations["zh-CN"]; zh != want[c.Name] || c.DescLocalizations["zh-CN"] == "" {
			t.Errorf("command %s: zh-CN name %q, description %q", c.Name, zh, c.DescLocalizations["zh-CN"])
		}
		traditional(c.Name, c.NameLocalizations)
		traditional(c.Name, c.DescLocalizations)
		for _, o := range c.Options {
			traditional(c.Name+" "+o.Name, o.NameLocalizations)
			traditional(c.Name+" "+o.Name, o.DescLocalizations)
		}
		// Subscriptions need Manage Server; everything else is open to all.
		manage := c.DefaultMemberPermissions != nil && *c.DefaultMemberPermissions == adminPerm
		if manage != (c.Name == "digest-channel") || (c.DefaultMemberPermissions != nil && !manage) {
			t.Errorf("%s: default member permissions %v", c.Name, c.DefaultMemberPermissions)
		}
		// A person may install the bot and use everything but the digest anywhere.
		server := c.Name == "digest" || c.Name == "digest-channel"
		if got := fmt.Sprint(c.IntegrationTypes, c.Contexts); (server && got != "[0] [0]") || (!server && got != "[0 1] [0 1 2]") {
			t.Errorf("%s: integration types and contexts %s", c.Name, got)
		}
		if c.Name == "figure" && (len(c.Options) != 1 || !c.Options[0].Autocomplete) {
			t.Errorf("figure: options %+v, want metric with autocomplete", c.Options)
		}
		if c.Name == "digest-channel" && (len(c.Options) != 2 || c.Options[0].Type != 1 || c.Options[0].Name != "subscribe" || c.Options[1].Name != "unsubscribe") {
			t.Errorf("digest-channel: options %+v, want subcommands subscribe and unsubscribe", c.Options)
		}
	}
	// A restart registers the same set again: nothing changes.
	h.stop()
	h.start()
	puts = discordtest.Matching(h.fake.Requests(), http.MethodPut, func(p string) bool { return p == path })
	if len(puts) != 2 || string(puts[0].Body) != string(puts[1].Body) {
		t.Errorf("second registration differs from the first")
	}
	// IDENTIFY asked for the intents the bot needs, and no privileged one.
	gw := h.fake.Gateways()[0]
	var ident struct {
		Intents int `json:"intents"`
	}
	json.Unmarshal(gw.Payload, &ident)
	if gw.Op != 2 || ident.Intents&(1<<15) != 0 || ident.Intents&(1<<9) == 0 {
		t.Errorf("identify op %d intents %b", gw.Op, ident.Intents)
	}
	if !strings.Contains(gw.Query, "v=9") || !strings.Contains(gw.Query, "encoding=json") {
		t.Errorf("gateway query %q", gw.Query)
	}
}

func TestSlashCommands(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()

	c := h.response(h.command("target", []map[string]any{{"name": "topic", "type": 3, "value": "旅游总收入"}}, "0"))
	if c.Type != 4 || !strings.Contains(c.text(), "1040亿元") {
		t.Errorf("/target 旅游总收入: type %d, text:\n%s", c.Type, c.text())
	}
	if string(c.Data.AllowedMentions) != `{"parse":[],"replied_user":false}` {
		t.Errorf("allowed mentions = %s", c.Data.AllowedMentions)
	}
	if c.Data.Flags&64 != 0 {
		t.Error("an answer was ephemeral")
	}

	// A user's mistake is answered to them alone.
	c = h.response(h.command("section", []map[string]any{{"name": "number", "type": 3, "value": "十一"}}, "0"))
	if c.Data.Flags&64 == 0 || !strings.Contains(c.text(), "只有(一)到(十)") {
		t.Errorf("/section 十一: flags %d, text:\n%s", c.Data.Flags, c.text())
	}

	// Autocomplete: at most 25 choices, each matching.
	id := h.id()
	h.fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 4, "token": "tok-" + id, "version": 1, "guild_id": guildID, "channel_id": channelA,
		"member": map[string]any{"user": map[string]any{"id": userID}, "permissions": "0"},
		"data":   map[string]any{"id": "1", "name": "figure", "type": 1, "options": []map[string]any{{"name": "metric", "type": 3, "value": "旅游", "focused": true}}},
	})
	c = h.response(id)
	if c.Type != 8 || len(c.Data.Choices) == 0 || len(c.Data.Choices) > 25 {
		t.Fatalf("autocomplete: type %d, %d choices", c.Type, len(c.Data.Choices))
	}
	for _, ch := range c.Data.Choices {
		if !strings.Contains(ch.Name, "旅游") {
			t.Errorf("autocomplete choice %q does not match 旅游", ch.Name)
		}
	}

	// A button press gets the next page, in place.
	first := h.response(h.command("search", []map[string]any{{"name": "keywords", "type": 3, "value": "项目"}}, "0"))
	cur := first.cursor()
	if cur == "" {
		t.Fatalf("/search 项目 has no button:\n%s", first.text())
	}
	next := h.response(h.press(cur))
	if next.Type != 7 || !strings.Contains(next.text(), "第2/") || next.text() == first.text() {
		t.Errorf("button: type %d, text:\n%s", next.Type, next.text())
	}
}

func TestChatMessages(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.env["ASK_CHANNEL_IDS"] = channelB
	h.env["MESSAGE_CONTENT_INTENT"] = "true"
	h.start()
	msg := func(channel, content string, mention bool, author map[string]any) {
		m := map[string]any{"id": h.id(), "channel_id": channel, "guild_id": guildID, "content": content,
			"author": author, "mentions": []any{}, "timestamp": "2026-11-27T01:00:00Z", "type": 0}
		if mention {
			m["mentions"] = []any{map[string]any{"id": discordtest.BotID, "username": "reportbot", "bot": true}}
		}
		h.fake.Dispatch("MESSAGE_CREATE", m)
	}
	person := map[string]any{"id": userID, "username": "someone"}

	msg(channelA, "<@"+discordtest.BotID+"> 今年GDP增长目标是多少 @everyone", true, person)
	posts := h.waitPosts(channelA, 1)
	var sent struct {
		Embeds []struct {
			Title, Description string
			Fields             []struct{ Name, Value string }
		} `json:"embeds"`
		AllowedMentions json.RawMessage `json:"allowed_mentions"`
	}
	if err := posts[0].JSON(&sent); err != nil {
		t.Fatal(err)
	}
	body := string(posts[0].Body)
	if !strings.Contains(body, "8.8%") {
		t.Errorf("answer lacks 8.8%%: %s", body)
	}
	if string(sent.AllowedMentions) != `{"parse":[],"replied_user":false}` {
		t.Errorf("allowed mentions = %s", sent.AllowedMentions)
	}
	if strings.Contains(sent.Embeds[0].Title, "@everyone") {
		t.Errorf("the title shows @everyone as a mention: %q", sent.Embeds[0].Title)
	}

	// The ask channel: a question is answered, chatter is not; other channels need a mention.
	msg(channelB, "棚改今年征迁目标是多少？", false, person)
	h.waitPosts(channelB, 1)
	msg(channelB, "大家早上好", false, person)
	msg(channelC, "今年GDP增长目标是多少？", false, person)
	// Bots, itself included, are never answered.
	msg(channelA, "<@"+discordtest.BotID+"> 今年GDP增长目标是多少", true, map[string]any{"id": "700000000000000099", "username": "otherbot", "bot": true})
	msg(channelA, "<@"+discordtest.BotID+"> 今年GDP增长目标是多少", true, map[string]any{"id": discordtest.BotID, "username": "reportbot", "bot": true})
	// A marker message answered after all of the above shows they were handled.
	msg(channelB, "今年旅游收入目标是多少？", false, person)
	h.waitPosts(channelB, 2)
	time.Sleep(100 * time.Millisecond)
	if n := len(h.posts(channelB)); n != 2 {
		t.Errorf("ask channel got %d answers, want 2", n)
	}
	if n := len(h.posts(channelC)); n != 0 {
		t.Errorf("a channel with no mention got %d answers", n)
	}
	if n := len(h.posts(channelA)); n != 1 {
		t.Errorf("bots were answered: %d posts", n)
	}
}

// TestRateLimit: each user has a bucket of three answers that fills again
// one every RateEvery; a user held back is told once; button presses count.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rateEvery = 5 * time.Second
	h.start()
	for i := 1; i <= 3; i++ { // the burst
		h.dm("去年旅游收入多少")
		if posts := h.waitPosts(channelA, i); !strings.Contains(string(posts[i-1].Body), "905亿元") {
			t.Fatalf("answer %d of the burst: %s", i, posts[i-1].Body)
		}
	}
	// The clock stands still: the next questions come too soon.
	h.dm("今年旅游收入目标是多少")
	posts := h.waitPosts(channelA, 4)
	if !strings.Contains(string(posts[3].Body), "请5秒后再问") {
		t.Errorf("too soon: %s", posts[3].Body)
	}
	h.dm("今年GDP增长目标是多少")
	// A command and a button press from the same user are held back too,
	// and answered (an interaction is never left to fail), to them alone.
	c := h.response(h.command("target", nil, "0"))
	if c.Data.Flags&64 == 0 || !strings.Contains(c.text(), "请慢一点") {
		t.Errorf("command over the limit: flags %d\n%s", c.Data.Flags, c.text())
	}
	c = h.response(h.press("v2|x|search|1|项目"))
	if c.Data.Flags&64 == 0 || !strings.Contains(c.text(), "请慢一点") {
		t.Errorf("press over the limit: flags %d\n%s", c.Data.Flags, c.text())
	}
	if n := len(h.posts(channelA)); n != 4 {
		t.Errorf("the wait was said %d times in the channel, want once", n-3)
	}
	// One more answer every five seconds.
	h.clock.Set(h.clock.Now().Add(5 * time.Second))
	h.dm("今年GDP增长目标是多少")
	posts = h.waitPosts(channelA, 5)
	if !strings.Contains(string(posts[4].Body), "8.8%") {
		t.Errorf("after five seconds: %s", posts[4].Body)
	}
	h.dm("今年GDP增长目标是多少")
	posts = h.waitPosts(channelA, 6)
	if !strings.Contains(string(posts[5].Body), "请慢一点") {
		t.Errorf("the second answer after five seconds: %s", posts[5].Body)
	}
}

// TestServerErrorsAreRetried: a 5xx is tried again, with back-off.
func TestServerErrorsAreRetried(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	h.fake.Fail("/channels/"+channelA+"/messages", 2, http.StatusServiceUnavailable, `{"message": "upstream connect error", "code": 0}`, nil)
	h.dm("去年旅游收入多少")
	h.fake.WaitFor("a delivered answer", 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		for _, r := range discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/"+channelA+"/messages" }) {
			if r.Status == http.StatusOK {
				return true
			}
		}
		return false
	})
	if posts := h.posts(channelA); len(posts) != 3 || !strings.Contains(string(posts[2].Body), "905亿元") {
		t.Errorf("%d posts, want two refused with 503 and one delivered", len(posts))
	}
}

// TestGlobalRateLimit: after a global 429, no request goes out before its
// retry_after, and the refused one is sent again.
func TestGlobalRateLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	const wait = 600 * time.Millisecond
	h.fake.GlobalRateLimit(wait)
	h.dm("去年旅游收入多少")
	var limited time.Time
	h.fake.WaitFor("the 429", 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		for _, r := range reqs {
			if r.Status == http.StatusTooManyRequests {
				limited = r.At
				return true
			}
		}
		return false
	})
	// A request already on its way when the 429 came cannot be held back:
	// the next one starts once the bot has surely read the 429.
	time.Sleep(100 * time.Millisecond)
	sent := time.Now()
	id := h.command("target", []map[string]any{{"name": "topic", "type": 3, "value": "旅游"}}, "0")
	if c := h.response(id); !strings.Contains(c.text(), "1040亿元") {
		t.Errorf("the command after the 429: %s", c.text())
	}
	posts := h.waitPosts(channelA, 2)
	if !strings.Contains(string(posts[1].Body), "905亿元") {
		t.Errorf("the refused post was not sent again: %s", posts[1].Body)
	}
	for _, r := range h.fake.Requests() {
		if r.At.After(sent) && r.At.Sub(limited) < wait-50*time.Millisecond {
			t.Errorf("%s %s went out %v after a global 429 of %v", r.Method, r.Path, r.At.Sub(limited), wait)
		}
	}
}

func TestDigestPostedOnceAcrossRestarts(t *testing.T) {
	t.Parallel()
	testDigestPostedOnceAcrossRestarts(t, "")
}

func TestDigestPostedOnceAcrossRestartsPostgres(t *testing.T) {
	t.Parallel()
	testDigestPostedOnceAcrossRestarts(t, pgtest.URL(t))
}

func testDigestPostedOnceAcrossRestarts(t *testing.T, stateURL string) {
	h := newHarness(t)
	h.stateURL = stateURL
	h.env["DIGEST_CHANNEL_IDS"] = channelA + "," + channelB
	h.env["DIGEST_TIME"] = "09:00"
	h.clock.Set(time.Date(2026, 11, 27, 8, 59, 0, 0, shanghai))
	h.start()
	time.Sleep(150 * time.Millisecond)
	if n := len(h.posts(channelA)) + len(h.posts(channelB)); n != 0 {
		t.Fatalf("%d digests posted before 09:00", n)
	}
	h.clock.Set(time.Date(2026, 11, 27, 9, 0, 0, 0, shanghai))
	a := h.waitPosts(channelA, 1)
	h.waitPosts(channelB, 1)
	if !strings.Contains(string(a[0].Body), "每日一读 · 2026-11-27") {
		t.Errorf("digest post: %s", a[0].Body)
	}
	time.Sleep(150 * time.Millisecond)
	if na, nb := len(h.posts(channelA)), len(h.posts(channelB)); na != 1 || nb != 1 {
		t.Errorf("posts %d and %d, want one each", na, nb)
	}
	// Restart later the same day: nothing more.
	h.stop()
	h.clock.Set(time.Date(2026, 11, 27, 9, 30, 0, 0, shanghai))
	h.start()
	time.Sleep(200 * time.Millisecond)
	if na, nb := len(h.posts(channelA)), len(h.posts(channelB)); na != 1 || nb != 1 {
		t.Errorf("after restart: posts %d and %d, want one each", na, nb)
	}
	// The next day, after the time: posted at once.
	h.clock.Set(time.Date(2026, 11, 28, 10, 0, 0, 0, shanghai))
	b := h.waitPosts(channelB, 2)
	if !strings.Contains(string(b[1].Body), "每日一读 · 2026-11-28") {
		t.Errorf("next day's digest: %s", b[1].Body)
	}
}

// TestDigestSurvivesServerErrors: posts that fail with a 5xx are tried
// again and never mark the subscription broken.
func TestDigestSurvivesServerErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.env["DIGEST_CHANNEL_IDS"] = channelA
	h.clock.Set(time.Date(2026, 11, 27, 9, 5, 0, 0, shanghai))
	// Four tries a post (one and three retries): five posts fail, more than MaxAttempts.
	h.fake.Fail("/channels/"+channelA+"/messages", 20, http.StatusInternalServerError, `{"message": "500: Internal Server Error", "code": 0}`, nil)
	h.start()
	at := h.clock.Now()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if ps := h.posts(channelA); len(ps) > 0 && ps[len(ps)-1].Status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the digest was never delivered (%d attempts)", len(h.posts(channelA)))
		}
		at = at.Add(10 * time.Minute)
		h.clock.Set(at)
		time.Sleep(25 * time.Millisecond)
	}
	subs, _ := h.store.Subscriptions(context.Background())
	if len(subs) != 1 || subs[0].Broken {
		t.Errorf("after server errors: %+v", subs)
	}
	if n := len(h.posts(channelA)); n != 21 {
		t.Errorf("%d requests, want 20 refused and one delivered", n)
	}
}

func TestDigestBrokenChannel(t *testing.T) {
	t.Parallel()
	testDigestBrokenChannel(t, "")
}

func TestDigestBrokenChannelPostgres(t *testing.T) {
	t.Parallel()
	testDigestBrokenChannel(t, pgtest.URL(t))
}

func testDigestBrokenChannel(t *testing.T, stateURL string) {
	h := newHarness(t)
	h.stateURL = stateURL
	h.env["DIGEST_CHANNEL_IDS"] = channelA + "," + channelB
	h.clock.Set(time.Date(2026, 11, 27, 9, 5, 0, 0, shanghai))
	h.fake.Fail("/channels/"+channelA+"/messages", 100, http.StatusForbidden, `{"message": "Missing Access", "code": 50001}`, nil)
	h.start()
	h.waitPosts(channelB, 1)
	// Time passes: the retries come after a growing wait, then stop.
	broken := func() bool {
		subs, _ := h.store.Subscriptions(context.Background())
		for _, s := range subs {
			if s.ChannelID == channelA {
				return s.Broken
			}
		}
		return false
	}
	at := time.Date(2026, 11, 27, 9, 5, 0, 0, shanghai)
	for deadline := time.Now().Add(10 * time.Second); !broken(); {
		if time.Now().After(deadline) {
			t.Fatalf("the forbidden channel was never marked broken (%d attempts)", len(h.posts(channelA)))
		}
		at = at.Add(time.Second)
		h.clock.Set(at)
		time.Sleep(25 * time.Millisecond)
	}
	for i := 0; i < 5; i++ { // and after that, no more attempts
		at = at.Add(time.Minute)
		h.clock.Set(at)
		time.Sleep(25 * time.Millisecond)
	}
	if n := len(h.posts(channelA)); n != 3 {
		t.Errorf("%d attempts to a forbidden channel, want 3 (MaxAttempts)", n)
	}
	subs, err := h.store.Subscriptions(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range subs {
		if s.ChannelID == channelA && (!s.Broken || !strings.Contains(s.BrokenReason, "Missing Access")) {
			t.Errorf("forbidden channel not marked broken: %+v", s)
		}
		if s.ChannelID == channelB && s.Broken {
			t.Errorf("working channel marked broken: %+v", s)
		}
	}
}

// unrecorded is a state store whose records of digest posts fail (as they
// do while the database does not answer) until the test lets them through;
// records tells of every record tried, and whether it went through.
type unrecorded struct {
	bot.Store
	fail    atomic.Bool
	records chan bool
}

func (s *unrecorded) RecordDigestPost(ctx context.Context, channelID, date, messageID string, at time.Time) error {
	err := report.ErrUnavailable
	if !s.fail.Load() {
		err = s.Store.RecordDigestPost(ctx, channelID, date, messageID, at)
	}
	select {
	case s.records <- err == nil:
	default:
	}
	return err
}

// TestDigestRecordRetried: when the record of a post fails after Discord
// made the message, the record is tried again with the message's id, and
// the post is not made again, even once the claim's lease has run out.
func TestDigestRecordRetried(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.env["DIGEST_CHANNEL_IDS"] = channelA
	h.clock.Set(time.Date(2026, 11, 27, 9, 5, 0, 0, shanghai))
	st := &unrecorded{records: make(chan bool, 1000)}
	st.fail.Store(true)
	h.wrapStore = func(s bot.Store) bot.Store { st.Store = s; return st }
	h.start()
	wait := func(what string, ok bool) {
		t.Helper()
		for {
			select {
			case got := <-st.records:
				if got == ok {
					return
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("timed out waiting for %s", what)
			}
		}
	}
	wait("a failed record", false)
	// The claim's lease (3 minutes) runs out while the record still fails;
	// three more checks see it.
	h.clock.Set(time.Date(2026, 11, 27, 9, 15, 0, 0, shanghai))
	for i := 0; i < 3; i++ {
		wait("a record tried again", false)
	}
	st.fail.Store(false)
	wait("the record", true)
	if n := len(h.posts(channelA)); n != 1 {
		t.Errorf("%d posts, want 1: the post was made again instead of its record", n)
	}
	if ok, err := h.store.DigestPosted(context.Background(), channelA, "2026-11-27"); !ok || err != nil {
		t.Errorf("the post is not recorded: %v %v", ok, err)
	}
}

func TestSubscribeCommand(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	sub := []map[string]any{{"name": "subscribe", "type": 1}}
	c := h.response(h.command("digest-channel", sub, "0"))
	if c.Data.Flags&64 == 0 || !strings.Contains(c.text(), "没有权限") {
		t.Errorf("subscribe without Manage Server: flags %d\n%s", c.Data.Flags, c.text())
	}
	// The bot may not post here: it says what it lacks, and subscribes nothing.
	c = h.response(h.commandWith("zh-CN", "digest-channel", sub, adminPerm, "3072")) // View Channel, Send Messages
	if c.Data.Flags&64 == 0 || !strings.Contains(c.text(), "嵌入链接、附加文件") || strings.Contains(c.text(), "发送消息") {
		t.Errorf("subscribe where the bot lacks permissions: flags %d\n%s", c.Data.Flags, c.text())
	}
	if subs, _ := h.store.Subscriptions(context.Background()); len(subs) != 0 {
		t.Errorf("subscribed without the permissions to post: %+v", subs)
	}
	c = h.response(h.command("digest-channel", sub, adminPerm))
	if !strings.Contains(c.text(), "已订阅每日摘要") {
		t.Errorf("subscribe: %s", c.text())
	}
	subs, _ := h.store.Subscriptions(context.Background())
	if len(subs) != 1 || subs[0].ChannelID != channelA || subs[0].Source != report.SourceCommand || len(subs[0].CreatedBy) != 32 || subs[0].CreatedBy == userID {
		t.Errorf("subscriptions = %+v", subs)
	}
	// It survives a restart (and a rebuilt index).
	h.stop()
	h.start()
	subs, _ = h.store.Subscriptions(context.Background())
	if len(subs) != 1 {
		t.Errorf("after restart: %+v", subs)
	}
	// Anyone may look at a digest.
	c = h.response(h.command("digest", []map[string]any{{"name": "date", "type": 3, "value": "2026-11-28"}}, "0"))
	if !strings.Contains(c.text(), "每日一读 · 2026-11-28") {
		t.Errorf("digest: %s", c.text())
	}
	// A client that still has the commands from before the split is answered too.
	c = h.response(h.command("digest", []map[string]any{{"name": "show", "type": 1, "options": []map[string]any{{"name": "date", "type": 3, "value": "2026-11-28"}}}}, "0"))
	if !strings.Contains(c.text(), "每日一读 · 2026-11-28") {
		t.Errorf("digest show: %s", c.text())
	}
	c = h.response(h.command("digest", []map[string]any{{"name": "unsubscribe", "type": 1}}, "0"))
	if !strings.Contains(c.text(), "没有权限") {
		t.Errorf("old unsubscribe without Manage Server: %s", c.text())
	}
	c = h.response(h.command("digest-channel", []map[string]any{{"name": "unsubscribe", "type": 1}}, adminPerm))
	if !strings.Contains(c.text(), "已退订") {
		t.Errorf("unsubscribe: %s", c.text())
	}
}

// TestHelpLinksCommands: /help writes each command as a link with the id
// the registration gave, and describes the commands as registered.
func TestHelpLinksCommands(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	path := "/applications/" + discordtest.AppID + "/guilds/" + guildID + "/commands"
	var registered []map[string]any
	json.Unmarshal(discordtest.Matching(h.fake.Requests(), http.MethodPut, func(p string) bool { return p == path })[0].Body, &registered)
	c := h.response(h.command("help", nil, "0"))
	text := c.text()
	// The stand-in gives the n-th command the id 91000000000000000n.
	for n, cmd := range registered {
		id := fmt.Sprint(910000000000000000 + n)
		name := cmd["name"].(string)
		if name == "digest-channel" {
			for _, sub := range []string{"subscribe", "unsubscribe"} {
				if !strings.Contains(text, "</digest-channel "+sub+":"+id+">") {
					t.Errorf("help lacks the link to /digest-channel %s:\n%s", sub, text)
				}
			}
			continue
		}
		if !strings.Contains(text, "</"+name+":"+id+">") {
			t.Errorf("help lacks the link to /%s:\n%s", name, text)
		}
	}
	if !strings.Contains(text, `</digest:910000000000000005> \[日期\]`) {
		t.Errorf("help does not describe /digest as registered:\n%s", text)
	}
}

func TestReconnectResumes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	h.fake.Reconnect()
	h.fake.WaitFor("a RESUME", 10*time.Second, func(_ []discordtest.Request, gws []discordtest.Gateway) bool {
		return len(gws) >= 2 && gws[len(gws)-1].Op == 6
	})
	var resume struct {
		SessionID string `json:"session_id"`
		Seq       int    `json:"seq"`
	}
	gws := h.fake.Gateways()
	json.Unmarshal(gws[len(gws)-1].Payload, &resume)
	if resume.SessionID != "standin-session" || resume.Seq < 1 {
		t.Errorf("resume payload %s", gws[len(gws)-1].Payload)
	}
	c := h.response(h.command("target", []map[string]any{{"name": "topic", "type": 3, "value": "旅游"}}, "0"))
	if !strings.Contains(c.text(), "1040亿元") {
		t.Errorf("after resume: %s", c.text())
	}
}

func TestRetryAfter429(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	h.fake.Fail("/channels/"+channelA+"/messages", 1, http.StatusTooManyRequests,
		`{"message": "You are being rate limited.", "retry_after": 0.2, "global": false}`,
		http.Header{"Retry-After": {"1"}})
	// A direct message (no guild) is answered.
	h.dm("去年旅游收入多少")
	posts := h.waitPosts(channelA, 2)
	time.Sleep(300 * time.Millisecond)
	if n := len(h.posts(channelA)); n != 2 {
		t.Errorf("%d posts (one refused with 429, one delivered), want 2", n)
	}
	if !strings.Contains(string(posts[1].Body), "905亿元") {
		t.Errorf("retried post: %s", posts[1].Body)
	}
}

// panicky is a knowledge base that panics on one question, to test that a
// panic in one handler leaves the bot answering.
type panicky struct {
	commands.Knowledge
}

func (p panicky) Ask(ctx context.Context, q string, top int) (report.Result, error) {
	if err := inject(q); err != nil {
		return report.Result{}, err
	}
	return p.Knowledge.Ask(ctx, q, top)
}

func (p panicky) AskIn(ctx context.Context, q, prev string, top int) (report.Result, error) {
	if err := inject(q); err != nil {
		return report.Result{}, err
	}
	return p.Knowledge.AskIn(ctx, q, prev, top)
}

// inject panics on PANIC, is slow on SLOW and fails on BAD.
func inject(q string) error {
	if strings.Contains(q, "PANIC") {
		panic("injected panic")
	}
	if strings.Contains(q, "SLOW") {
		time.Sleep(400 * time.Millisecond)
	}
	if strings.Contains(q, "BAD") {
		return report.ErrInvalidInput
	}
	return nil
}

func (p panicky) Books() []report.Book {
	var out []report.Book
	for _, b := range p.Knowledge.Books() {
		out = append(out, slowBook{b})
	}
	return out
}

func (p panicky) Pick(text string) (report.Book, string) {
	b, rest := p.Knowledge.Pick(text)
	return slowBook{b}, rest
}

// slowBook is a report whose figures of "SLOW metric" are the figures of
// the metric, late.
type slowBook struct{ report.Book }

func (b slowBook) Figures(q string) ([]report.FigureHit, error) {
	if rest, ok := strings.CutPrefix(q, "SLOW "); ok {
		time.Sleep(400 * time.Millisecond)
		q = rest
	}
	return b.Book.Figures(q)
}

// gated is a knowledge base whose SLOW questions and metrics wait until the
// gate is closed.
type gated struct {
	commands.Knowledge
	gate chan struct{}
}

func (g gated) Ask(ctx context.Context, q string, top int) (report.Result, error) {
	if strings.Contains(q, "SLOW") {
		<-g.gate
	}
	return g.Knowledge.Ask(ctx, q, top)
}

func (g gated) AskIn(ctx context.Context, q, prev string, top int) (report.Result, error) {
	if strings.Contains(q, "SLOW") {
		<-g.gate
	}
	return g.Knowledge.AskIn(ctx, q, prev, top)
}

func (g gated) Books() []report.Book {
	var out []report.Book
	for _, b := range g.Knowledge.Books() {
		out = append(out, gatedBook{b, g.gate})
	}
	return out
}

func (g gated) Pick(text string) (report.Book, string) {
	b, rest := g.Knowledge.Pick(text)
	return gatedBook{b, g.gate}, rest
}

// gatedBook is a report whose figures of SLOW metrics wait for the gate.
type gatedBook struct {
	report.Book
	gate chan struct{}
}

func (b gatedBook) Figures(q string) ([]report.FigureHit, error) {
	if strings.Contains(q, "SLOW") {
		<-b.gate
	}
	return b.Book.Figures(q)
}

// TestSlowAnswerIsDeferred: an answer not ready within DeferAfter is
// deferred at once and edited in when ready.
func TestSlowAnswerIsDeferred(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.wrap = func(k commands.Knowledge) commands.Knowledge { return panicky{k} }
	h.deferAfter = 50 * time.Millisecond
	h.start()
	id := h.command("ask", []map[string]any{{"name": "question", "type": 3, "value": "SLOW 今年旅游收入目标是多少"}}, "0")
	if c := h.response(id); c.Type != 5 {
		t.Errorf("first response type %d, want 5 (deferred)", c.Type)
	}
	path := "/webhooks/" + discordtest.AppID + "/tok-" + id + "/messages/@original"
	var edits []discordtest.Request
	h.fake.WaitFor("the edited answer", 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		edits = discordtest.Matching(reqs, http.MethodPatch, func(p string) bool { return p == path })
		return len(edits) > 0
	})
	if body := string(edits[0].Body); !strings.Contains(body, "1040亿元") || !strings.Contains(body, `"allowed_mentions":{"parse":[]`) {
		t.Errorf("edit: %s", body)
	}
}

func TestPanicInHandler(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.wrap = func(k commands.Knowledge) commands.Knowledge { return panicky{k} }
	h.start()
	h.dm("PANIC 旅游")
	posts := h.waitPosts(channelA, 1)
	if !strings.Contains(string(posts[0].Body), "出错了") {
		t.Errorf("after a panic: %s", posts[0].Body)
	}
	c := h.response(h.command("ask", []map[string]any{{"name": "question", "type": 3, "value": "PANIC"}}, "0"))
	if !strings.Contains(c.text(), "出错了") {
		t.Errorf("interaction after a panic: %s", c.text())
	}
	// Events the bot does not know are ignored, not dereferenced.
	for _, typ := range []int{1, 5, 99} {
		id := h.id()
		h.fake.Dispatch("INTERACTION_CREATE", map[string]any{"id": id, "type": typ, "token": "t", "version": 1})
	}
	h.fake.Dispatch("INTERACTION_CREATE", map[string]any{"id": h.id(), "type": 3, "token": "t", "version": 1, "data": map[string]any{"custom_id": "not-a-cursor", "component_type": 2}})
	h.fake.Dispatch("INTERACTION_CREATE", map[string]any{"id": h.id(), "type": 3, "token": "t", "version": 1})
	h.dm("去年旅游收入多少")
	posts = h.waitPosts(channelA, 2)
	if !strings.Contains(string(posts[1].Body), "905亿元") {
		t.Errorf("the next event: %s", posts[1].Body)
	}
}

// TestOldButtonAfterRestart: a "more" button pressed after the bot
// restarted still gives the next page.
func TestOldButtonAfterRestart(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	first := h.response(h.command("ask", []map[string]any{{"name": "question", "type": 3, "value": "今年新开工项目目标多少个"}}, "0"))
	cur := first.cursor()
	if cur == "" {
		t.Fatalf("no button:\n%s", first.text())
	}
	h.stop()
	h.start()
	next := h.response(h.press(cur))
	if next.Type != 7 || !strings.Contains(next.text(), "第2条") || next.Data.Flags&64 != 0 {
		t.Errorf("after restart: type %d flags %d\n%s", next.Type, next.Data.Flags, next.text())
	}
}

// TestFatalClose: a close code no reconnection can mend stops the bot with
// an error that names the setting to fix, at start and while running; other
// closes and INVALID_SESSION are mended.
func TestFatalClose(t *testing.T) {
	t.Parallel()
	t.Run("start", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		h.env["DISCORD_TOKEN"] = "a-wrong-token"
		err := h.startErr()
		if err == nil || !strings.Contains(err.Error(), "4004") || !strings.Contains(err.Error(), "DISCORD_TOKEN") || strings.Contains(err.Error(), "a-wrong-token") {
			t.Errorf("wrong token: %v", err)
		}
		// A 401 from the REST API, before the gateway or at registration.
		for _, path := range []string{"/gateway", "/applications/" + discordtest.AppID + "/guilds/" + guildID + "/commands"} {
			h = newHarness(t)
			h.fake.Fail(path, 1, http.StatusUnauthorized, `{"message": "401: Unauthorized", "code": 0}`, nil)
			if err := h.startErr(); err == nil || !strings.Contains(err.Error(), "401") || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
				t.Errorf("401 from %s: %v", path, err)
			}
		}
		h = newHarness(t)
		h.env["MESSAGE_CONTENT_INTENT"] = "true"
		h.fake.SetMessageContentAllowed(false)
		err = h.startErr()
		if err == nil || !strings.Contains(err.Error(), "MESSAGE_CONTENT_INTENT") || !strings.Contains(err.Error(), "Privileged Gateway Intents") {
			t.Errorf("disallowed intent: %v", err)
		}
	})
	for _, tt := range []struct {
		code int
		want string
	}{{4004, "DISCORD_TOKEN"}, {4010, "SHARD_ID"}, {4011, "SHARD_COUNT"}, {4014, "MESSAGE_CONTENT_INTENT"}} {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			h.start()
			h.fake.Close(tt.code, "closed by the test")
			select {
			case err := <-h.bot.Fatal():
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("close %d: %v, want it to name %s", tt.code, err, tt.want)
				}
			case <-time.After(30 * time.Second):
				t.Fatalf("close %d: the bot did not stop", tt.code)
			}
			time.Sleep(100 * time.Millisecond) // ten reconnection back-offs
			if n := len(h.fake.Gateways()); n != 1 {
				t.Errorf("close %d: %d gateway connections, want no reconnection", tt.code, n)
			}
		})
	}
	t.Run("resumable", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t)
		h.start()
		h.fake.Close(4000, "unknown error")
		h.fake.WaitFor("a RESUME", 10*time.Second, func(_ []discordtest.Request, gws []discordtest.Gateway) bool {
			return len(gws) == 2 && gws[1].Op == 6
		})
		select {
		case err := <-h.bot.Fatal():
			t.Errorf("close 4000 stopped the bot: %v", err)
		default:
		}
		c := h.response(h.command("target", []map[string]any{{"name": "topic", "type": 3, "value": "旅游"}}, "0"))
		if !strings.Contains(c.text(), "1040亿元") {
			t.Errorf("after resume: %s", c.text())
		}
	})
	for _, resumable := range []bool{false, true} {
		t.Run(fmt.Sprint("invalid session ", resumable), func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			h.start()
			h.fake.InvalidSession(resumable)
			h.fake.WaitFor("a new IDENTIFY", 10*time.Second, func(_ []discordtest.Request, gws []discordtest.Gateway) bool {
				return len(gws) == 2 && gws[1].Op == 2
			})
			c := h.response(h.command("target", []map[string]any{{"name": "topic", "type": 3, "value": "旅游"}}, "0"))
			if !strings.Contains(c.text(), "1040亿元") {
				t.Errorf("after INVALID_SESSION: %s", c.text())
			}
		})
	}
}

// TestDeferredErrorIsEphemeral: a user error that comes after a deferral is
// a follow-up only the user sees, and the public deferred message goes.
func TestDeferredErrorIsEphemeral(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.wrap = func(k commands.Knowledge) commands.Knowledge { return panicky{k} }
	h.deferAfter = 50 * time.Millisecond
	h.start()
	id := h.command("ask", []map[string]any{{"name": "question", "type": 3, "value": "SLOW BAD"}}, "0")
	if c := h.response(id); c.Type != 5 {
		t.Errorf("first response type %d, want 5 (deferred)", c.Type)
	}
	hook := "/webhooks/" + discordtest.AppID + "/tok-" + id
	var follow, del []discordtest.Request
	h.fake.WaitFor("the follow-up and the deletion", 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		follow = discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == hook })
		del = discordtest.Matching(reqs, http.MethodDelete, func(p string) bool { return p == hook+"/messages/@original" })
		return len(follow) > 0 && len(del) > 0
	})
	var msg struct {
		Flags int `json:"flags"`
	}
	follow[0].JSON(&msg)
	if msg.Flags&64 == 0 || !strings.Contains(string(follow[0].Body), "请输入一个问题") {
		t.Errorf("follow-up: %s", follow[0].Body)
	}
	if edits := discordtest.Matching(h.fake.Requests(), http.MethodPatch, func(p string) bool { return strings.HasPrefix(p, hook) }); len(edits) != 0 {
		t.Errorf("the public message was edited: %s", edits[0].Body)
	}
}

// TestPagingButtons: the asker turns the page in place, back and forth;
// someone else gets the page as a message of their own; a button that is
// not (or no longer) ours says it has expired, to the presser alone.
func TestPagingButtons(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	first := h.response(h.command("search", []map[string]any{{"name": "keywords", "type": 3, "value": "项目"}}, "0"))
	if first.button("上一页") != "" || first.cursor() == "" {
		t.Fatalf("first page buttons: %+v", first.Data.Components)
	}
	other := h.response(h.pressBy("700000000000000022", first.cursor()))
	if other.Type != 4 || other.Data.Flags&64 == 0 || !strings.Contains(other.text(), "第2/") {
		t.Errorf("someone else's press: type %d flags %d\n%s", other.Type, other.Data.Flags, other.text())
	}
	second := h.response(h.press(first.cursor()))
	if second.Type != 7 || !strings.Contains(second.text(), "第2/") || second.button("上一页") == "" {
		t.Fatalf("the asker's press: type %d\n%s", second.Type, second.text())
	}
	back := h.response(h.press(second.button("上一页")))
	if back.Type != 7 || back.text() != first.text() {
		t.Errorf("上一页: type %d\n%s", back.Type, back.text())
	}
	stale := strings.SplitN(first.cursor(), "|", 3)
	for _, id := range []string{"not-a-cursor", stale[0] + "|00000000|" + stale[2], "v1|search|1|项目"} {
		c := h.response(h.press(id))
		if c.Type != 4 || c.Data.Flags&64 == 0 || !strings.Contains(c.text(), "这个按钮已过期") {
			t.Errorf("button %q: type %d flags %d\n%s", id, c.Type, c.Data.Flags, c.text())
		}
	}
}

// TestReach: a mention of the bot's managed role counts as a mention; a
// thread under an ask channel counts as the ask channel, whether the
// gateway described it or not; a reply to the bot that arrives without its
// text (no Message Content intent) gets a hint to mention the bot.
func TestReach(t *testing.T) {
	t.Parallel()
	const (
		botRole  = "700000000000000031"
		known    = "700000000000000041" // a thread the gateway announced
		unknown  = "700000000000000042" // one it did not
		elsewere = "700000000000000043" // a thread under another channel
	)
	person := map[string]any{"id": userID, "username": "someone"}
	msg := func(h *harness, channel, content string, extra map[string]any) {
		m := map[string]any{"id": h.id(), "channel_id": channel, "guild_id": guildID, "content": content,
			"author": person, "mentions": []any{}, "mention_roles": []any{}, "timestamp": "2026-11-27T01:00:00Z", "type": 0}
		for k, v := range extra {
			m[k] = v
		}
		h.fake.Dispatch("MESSAGE_CREATE", m)
	}
	guildCreate := func(h *harness) {
		h.fake.Dispatch("GUILD_CREATE", map[string]any{"id": guildID, "name": "g", "owner_id": userID,
			"roles": []any{
				map[string]any{"id": guildID, "name": "@everyone", "permissions": "0"},
				map[string]any{"id": botRole, "name": "reportbot", "managed": true, "permissions": "0", "tags": map[string]any{"bot_id": discordtest.BotID}},
				map[string]any{"id": "700000000000000032", "name": "otherbot", "managed": true, "permissions": "0", "tags": map[string]any{"bot_id": "700000000000000099"}},
			},
			"threads":  []any{map[string]any{"id": known, "guild_id": guildID, "parent_id": channelB, "type": 11, "name": "t"}},
			"channels": []any{}, "members": []any{map[string]any{"user": map[string]any{"id": discordtest.BotID, "username": "reportbot", "bot": true}, "roles": []any{botRole}}}})
		// A direct message answered after it shows the bot has read it.
		before := len(h.posts(channelA))
		h.dm("去年旅游收入多少")
		h.waitPosts(channelA, before+1)
	}

	t.Run("threads", func(t *testing.T) {
		h := newHarness(t)
		h.env["ASK_CHANNEL_IDS"] = channelB
		h.env["MESSAGE_CONTENT_INTENT"] = "true"
		h.start()
		guildCreate(h)
		h.fake.AddChannel(unknown, guildID, channelB, 11)
		h.fake.AddChannel(elsewere, guildID, channelC, 11)
		msg(h, known, "棚改今年征迁目标是多少？", nil)
		msg(h, unknown, "棚改今年征迁目标是多少？", nil)
		h.waitPosts(known, 1)
		h.waitPosts(unknown, 1)
		msg(h, elsewere, "棚改今年征迁目标是多少？", nil)
		msg(h, known, "今年旅游收入目标是多少？", nil) // a marker answered after it
		h.waitPosts(known, 2)
		if n := len(h.posts(elsewere)); n != 0 {
			t.Errorf("a thread under another channel got %d answers", n)
		}
	})

	t.Run("role and unreadable reply", func(t *testing.T) {
		h := newHarness(t)
		h.start()
		guildCreate(h)
		msg(h, channelC, "<@&"+botRole+"> 今年GDP增长目标是多少", map[string]any{"mention_roles": []any{botRole}})
		if posts := h.waitPosts(channelC, 1); !strings.Contains(string(posts[0].Body), "8.8%") {
			t.Errorf("role mention: %s", posts[0].Body)
		}
		// Another bot's role is not ours.
		msg(h, channelB, "<@&700000000000000032> 今年GDP增长目标是多少", map[string]any{"mention_roles": []any{"700000000000000032"}})
		// A reply to the bot that does not ping it comes without its text.
		ref := map[string]any{"id": "800000000000000001", "channel_id": channelC, "content": "", "timestamp": "2026-11-27T01:00:00Z", "type": 0,
			"author": map[string]any{"id": discordtest.BotID, "username": "reportbot", "bot": true}}
		msg(h, channelC, "", map[string]any{"type": 19, "referenced_message": ref,
			"message_reference": map[string]any{"message_id": "800000000000000001", "channel_id": channelC, "guild_id": guildID}})
		posts := h.waitPosts(channelC, 2)
		if body := string(posts[1].Body); !strings.Contains(body, "请@\u200b我提问") || strings.Contains(body, "你好") {
			t.Errorf("reply without text: %s", body)
		}
		msg(h, channelC, "<@&"+botRole+"> 今年旅游收入目标是多少", map[string]any{"mention_roles": []any{botRole}})
		h.waitPosts(channelC, 3)
		if n := len(h.posts(channelB)); n != 0 {
			t.Errorf("a mention of another bot's role got %d answers", n)
		}
	})
}

// TestRequestsMatchOpenAPI runs the bot through every kind of request it
// makes (registration; answers, deferred, updated, private, autocomplete;
// follow-ups and deletions; chat replies; the digest; votes; charts, as
// multipart bodies, whose payload_json is checked) and validates every
// JSON body against Discord's published OpenAPI description with
// ../shared/discord-api-spec/check.py (or $DISCORD_API_SPEC/check.py). It
// is skipped when python3, its jsonschema module or the description is
// missing. The same check over the whole e2e suite:
//
//	DISCORDTEST_REQUESTS=$PWD/requests.jsonl make test
//	python3 ../shared/discord-api-spec/check.py requests.jsonl
func TestRequestsMatchOpenAPI(t *testing.T) {
	t.Parallel()
	spec := os.Getenv("DISCORD_API_SPEC")
	if spec == "" {
		spec = filepath.Join("..", "..", "shared", "discord-api-spec")
	}
	checker := filepath.Join(spec, "check.py")
	if _, err := os.Stat(filepath.Join(spec, "openapi.json")); err != nil {
		t.Skipf("no OpenAPI description: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	if err := exec.Command(python, "-c", "import jsonschema, referencing").Run(); err != nil {
		t.Skip("python3 lacks jsonschema")
	}

	h := newHarness(t)
	// The slow answers wait for the test to see them deferred; the quick
	// ones have the time they need, on however busy a machine.
	gate := make(chan struct{})
	h.wrap = func(k commands.Knowledge) commands.Knowledge { return gated{panicky{k}, gate} }
	h.deferAfter = 2 * time.Second
	h.env["DIGEST_CHANNEL_IDS"] = channelB
	h.clock.Set(time.Date(2026, 11, 27, 9, 5, 0, 0, shanghai))
	h.start()
	h.waitPosts(channelB, 1) // the digest
	ask := func(q string) string {
		return h.command("ask", []map[string]any{{"name": "question", "type": 3, "value": q}}, "0")
	}
	first := h.response(ask("今年新开工项目目标多少个"))
	h.response(h.press(first.cursor()))                                                                     // update
	h.response(h.press(first.button("👍")))                                                                  // a vote
	h.response(h.command("figure", []map[string]any{{"name": "metric", "type": 3, "value": "旅游总收入"}}, "0")) // a chart
	h.response(h.pressBy("700000000000000022", first.cursor()))                                             // private
	h.response(h.command("help", nil, "0"))                                                                 // command links
	h.response(h.command("section", []map[string]any{{"name": "number", "type": 3, "value": "十一"}}, "0"))   // user error
	h.response(h.command("digest-channel", []map[string]any{{"name": "subscribe", "type": 1}}, adminPerm))
	h.response(h.press("not-a-cursor"))
	slowFigure := func(q string) string {
		return h.command("figure", []map[string]any{{"name": "metric", "type": 3, "value": q}}, "0")
	}
	slow := []string{ask("SLOW 今年旅游收入目标是多少"), ask("SLOW BAD"), slowFigure("SLOW 旅游总收入")}
	for _, id := range slow {
		if c := h.response(id); c.Type != 5 {
			t.Errorf("a slow answer: response type %d, want 5 (deferred)", c.Type)
		}
	}
	close(gate)
	for _, id := range slow { // deferred: edited (with a chart); followed up and deleted
		hook := "/webhooks/" + discordtest.AppID + "/tok-" + id
		h.fake.WaitFor("the deferred answer", 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
			for _, r := range reqs {
				if strings.HasPrefix(r.Path, hook) && r.Method != http.MethodPost {
					return true
				}
			}
			return false
		})
	}
	id := h.id()
	h.fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 4, "token": "tok-" + id, "version": 1, "guild_id": guildID, "channel_id": channelA,
		"member": map[string]any{"user": map[string]any{"id": userID}, "permissions": "0"},
		"data":   map[string]any{"id": "1", "name": "figure", "type": 1, "options": []map[string]any{{"name": "metric", "type": 3, "value": "旅游", "focused": true}}},
	})
	h.response(id)
	h.dm("去年旅游收入多少")
	h.waitPosts(channelA, 1)

	path := filepath.Join(t.TempDir(), "requests.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.fake.WriteRequests(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(python, checker, path).CombinedOutput()
	t.Logf("%s", out)
	if err != nil || !strings.Contains(string(out), " 0 invalid, 0 without") {
		t.Errorf("requests do not match Discord's OpenAPI description (%v):\n%s", err, out)
	}
	uploads := map[string]bool{} // method and route of the multipart bodies checked
	for _, r := range h.fake.Requests() {
		if r.Status == http.StatusBadRequest || r.Status == http.StatusUnauthorized {
			t.Errorf("the stand-in refused %s %s with %d: %s", r.Method, r.Path, r.Status, r.Body)
		}
		if len(r.Files) > 0 {
			uploads[r.Method+" "+strings.SplitN(strings.TrimPrefix(r.Path, "/"), "/", 2)[0]] = true
		}
	}
	for _, want := range []string{"POST channels", "POST interactions", "PATCH webhooks"} {
		if !uploads[want] {
			t.Errorf("no multipart %s request checked (%v)", want, uploads)
		}
	}
}

// The state store keeps votes: the bot shows vote buttons with it.
var _ bot.Votes = (*state.DB)(nil)

// message is what a test reads of a message body: the embeds' images and
// the attachments listed for the files.
type message struct {
	Embeds []struct {
		Title string `json:"title"`
		Image *struct {
			URL string `json:"url"`
		} `json:"image"`
	} `json:"embeds"`
	Attachments *[]struct {
		ID          string `json:"id"`
		Filename    string `json:"filename"`
		Description string `json:"description"`
	} `json:"attachments"`
}

// attachedChart checks that a request carries one PNG named name, shown as
// the image of its last embed (attachment://name) and described for screen
// readers. data is the JSON object that holds the message: "" for the body
// itself, "data" for an interaction response.
func attachedChart(t *testing.T, r discordtest.Request, data, name string) {
	t.Helper()
	var m message
	if data == "" {
		if err := r.JSON(&m); err != nil {
			t.Fatal(err)
		}
	} else {
		var outer map[string]json.RawMessage
		if err := r.JSON(&outer); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(outer[data], &m); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.Files) != 1 {
		t.Fatalf("%s %s: %d files, want 1 (%s)", r.Method, r.Path, len(r.Files), r.Body)
	}
	f := r.Files[0]
	if f.Field != "files[0]" || f.Name != name || f.ContentType != "image/png" {
		t.Errorf("file %s %q %s, want files[0] %q image/png", f.Field, f.Name, f.ContentType, name)
	}
	img, err := png.Decode(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatalf("file %s: %v", f.Name, err)
	}
	if b := img.Bounds(); b.Dx() < 200 || b.Dy() < 100 {
		t.Errorf("chart of %v", b)
	}
	if len(m.Embeds) == 0 {
		t.Fatalf("no embeds: %s", r.Body)
	}
	last := m.Embeds[len(m.Embeds)-1]
	if last.Image == nil || last.Image.URL != "attachment://"+name {
		t.Errorf("last embed's image %+v, want attachment://%s", last.Image, name)
	}
	for _, e := range m.Embeds[:len(m.Embeds)-1] {
		if e.Image != nil {
			t.Errorf("an image on an embed before the last: %+v", e.Image)
		}
	}
	if m.Attachments == nil || len(*m.Attachments) != 1 {
		t.Fatalf("attachments %+v, want one", m.Attachments)
	}
	if a := (*m.Attachments)[0]; a.ID != "0" || a.Filename != name || a.Description == "" || utf8.RuneCountInString(a.Description) > 1024 {
		t.Errorf("attachment %+v", a)
	}
}

// TestChartsAttached: /figure, /target and the digest carry their chart as
// an uploaded PNG that the embed shows; a deferred answer edits it in; a
// page without a chart drops the chart of the page before, and turning back
// brings it again.
func TestChartsAttached(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.env["DIGEST_CHANNEL_IDS"] = channelB
	h.clock.Set(time.Date(2026, 11, 27, 9, 5, 0, 0, shanghai))
	h.start()

	posts := h.waitPosts(channelB, 1)
	attachedChart(t, posts[0], "", "digest-2026-11-27.png")

	figure := h.command("figure", []map[string]any{{"name": "metric", "type": 3, "value": "旅游总收入"}}, "0")
	attachedChart(t, h.responseRequest(figure), "data", "figure.png")
	first := h.response(figure)
	if first.Type != 4 || first.Data.Flags&64 != 0 || !strings.Contains(first.text(), "1040亿元") {
		t.Errorf("/figure: type %d flags %d\n%s", first.Type, first.Data.Flags, first.text())
	}
	attachedChart(t, h.responseRequest(h.command("target", nil, "0")), "data", "target.png")

	// Page 2 has no chart: the update keeps no attachment; page 1 again has it.
	next := h.responseRequest(h.press(first.cursor()))
	var page2 struct {
		Type int     `json:"type"`
		Data message `json:"data"`
	}
	if err := next.JSON(&page2); err != nil {
		t.Fatal(err)
	}
	if page2.Type != 7 || len(next.Files) != 0 || page2.Data.Attachments == nil || len(*page2.Data.Attachments) != 0 {
		t.Errorf("page 2: type %d, %d files, attachments %v: %s", page2.Type, len(next.Files), page2.Data.Attachments, next.Body)
	}
	var c callback
	next.JSON(&c)
	attachedChart(t, h.responseRequest(h.press(c.button("上一页"))), "data", "figure.png")

	// A chat answer with a chart, and an answer deferred and edited.
	h.dm("/figure 旅游总收入")
	attachedChart(t, h.waitPosts(channelA, 1)[0], "", "figure.png")
	h.stop()
	h.deferAfter = time.Nanosecond
	h.start()
	id := h.command("figure", []map[string]any{{"name": "metric", "type": 3, "value": "旅游总收入"}}, "0")
	if c := h.response(id); c.Type != 5 {
		t.Fatalf("first response type %d, want 5 (deferred)", c.Type)
	}
	path := "/webhooks/" + discordtest.AppID + "/tok-" + id + "/messages/@original"
	var edits []discordtest.Request
	h.fake.WaitFor("the edited answer", 5*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		edits = discordtest.Matching(reqs, http.MethodPatch, func(p string) bool { return p == path })
		return len(edits) > 0
	})
	attachedChart(t, edits[0], "", "figure.png")
}

// TestChartRefusedFallsBack: a message Discord refuses for its file (a
// missing Attach Files permission) goes again without the chart.
func TestChartRefusedFallsBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.start()
	h.fake.Fail("/channels/"+channelA+"/messages", 1, http.StatusForbidden, `{"message": "Missing Permissions", "code": 50013}`, nil)
	h.dm("/figure 旅游总收入")
	posts := h.waitPosts(channelA, 2)
	if len(posts[0].Files) != 1 || len(posts[1].Files) != 0 {
		t.Fatalf("files: %d then %d, want 1 then 0", len(posts[0].Files), len(posts[1].Files))
	}
	if body := string(posts[1].Body); strings.Contains(body, "attachment://") || !strings.Contains(body, "1040亿元") {
		t.Errorf("the second post: %s", body)
	}
}

// TestVoteRoundTrip: an answer carries 👍 and 👎 beside 更多; a vote is
// thanked to the voter alone, and a second vote on the same answer, after a
// restart on the same database, replaces the first: one vote is stored.
func TestVoteRoundTrip(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.logQuestions = true
	h.start()
	first := h.response(h.command("ask", []map[string]any{{"name": "question", "type": 3, "value": "今年新开工项目目标多少个"}}, "0"))
	up, down := first.button("👍"), first.button("👎")
	if up == "" || down == "" || first.cursor() == "" {
		t.Fatalf("buttons: %+v", first.Data.Components)
	}
	if len(first.Data.Components) != 1 || len(first.Data.Components[0].Components) != 3 {
		t.Errorf("want 更多 👍 👎 in one row: %+v", first.Data.Components)
	}
	if parts := strings.Split(up, "|"); len(parts) < 4 || parts[3] == "0" {
		t.Errorf("the vote id %q names no logged question", up)
	}
	vote := func(user, id, want string) {
		t.Helper()
		c := h.response(h.pressBy(user, id))
		if c.Type != 4 || c.Data.Flags&64 == 0 || !strings.Contains(c.text(), want) || len(c.Data.Components) != 0 {
			t.Errorf("vote %s: type %d flags %d components %d, want an ephemeral %q:\n%s", id, c.Type, c.Data.Flags, len(c.Data.Components), want, c.text())
		}
	}
	vote(userID, up, "谢谢！已记录 👍")
	h.stop()
	h.start()
	vote(userID, down, "已改为 👎")
	vote("700000000000000022", down, "谢谢！已记录 👎") // someone else's vote is their own
	h.stop()

	db, err := sql.Open("sqlite3", h.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, ups int
	var question, answer string
	if err := db.QueryRow(`SELECT count(*), coalesce(sum(up), 0), max(question), max(answer) FROM votes`).Scan(&n, &ups, &question, &answer); err != nil {
		t.Fatal(err)
	}
	if n != 2 || ups != 0 || question != "今年新开工项目目标多少个" || answer == "" {
		t.Errorf("votes: %d stored, %d up, question %q, answer %q; want 2, 0 up", n, ups, question, answer)
	}
	rows, err := db.Query(`SELECT user_hash FROM votes`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var hash string
		rows.Scan(&hash)
		if hash == "" || strings.Contains(hash, userID) {
			t.Errorf("user hash %q", hash)
		}
	}
}
