package bot_test

import (
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"reportbot/bot/discordtest"
)

// TestScale measures what one process takes: guilds joined (GUILD_CREATE,
// kept in discordgo's state), gateway events it reads and passes over
// (messages not for it), and questions answered. It runs only with
// REPORTBOT_SCALE=1 and logs the figures (README, "Running on several hosts"):
//
//	REPORTBOT_SCALE=1 go test -tags sqlite_fts5 -trimpath -run TestScale -v ./bot
func TestScale(t *testing.T) {
	if os.Getenv("REPORTBOT_SCALE") == "" {
		t.Skip("set REPORTBOT_SCALE=1 to measure")
	}
	h := newHarness(t)
	h.start()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	// answered waits for n answers in the DM channel.
	dmAnswers := func() int {
		return len(discordtest.Matching(h.fake.Requests(), http.MethodPost, func(p string) bool { return p == "/channels/"+channelA+"/messages" }))
	}
	barrier := func(what string) {
		t.Helper()
		n := dmAnswers()
		h.dm("今年旅游收入目标是多少？")
		h.fake.WaitFor(what, 120*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
			return len(discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/"+channelA+"/messages" })) > n
		})
	}
	barrier("warm-up")

	const guilds, channelsPer = 5000, 15
	before := heap()
	began := time.Now()
	for g := 0; g < guilds; g++ {
		gid := strconv.Itoa(800000000000000000 + g*1000)
		var chans []map[string]any
		for c := 0; c < channelsPer; c++ {
			chans = append(chans, map[string]any{"id": strconv.Itoa(800000000000000000 + g*1000 + c + 1), "guild_id": gid, "type": 0, "name": fmt.Sprintf("channel-%d", c), "position": c, "permission_overwrites": []any{}})
		}
		h.fake.Dispatch("GUILD_CREATE", map[string]any{
			"id": gid, "name": fmt.Sprintf("server %d", g), "owner_id": "1", "member_count": 200, "joined_at": "2026-11-27T01:00:00Z",
			"roles":    []any{map[string]any{"id": gid, "name": "@everyone", "permissions": "1024", "position": 0}, map[string]any{"id": strconv.Itoa(800000000000000000 + g*1000 + 999), "name": "reportbot", "permissions": "117760", "position": 1, "managed": true, "tags": map[string]any{"bot_id": discordtest.BotID}}},
			"channels": chans, "threads": []any{}, "members": []any{}, "emojis": []any{}, "stickers": []any{}, "voice_states": []any{}, "presences": []any{},
		})
	}
	barrier("the guilds")
	took := time.Since(began)
	grown := heap() - before
	t.Logf("GUILD_CREATE: %d guilds of %d channels in %v: %.0f guilds/s; heap +%.1f MB, %.1f KB a guild",
		guilds, channelsPer, took.Round(time.Millisecond), float64(guilds)/took.Seconds(), float64(grown)/(1<<20), float64(grown)/guilds/1024)

	const events = 50000
	began = time.Now()
	for i := 0; i < events; i++ {
		gid := 800000000000000000 + (i%guilds)*1000
		h.fake.Dispatch("MESSAGE_CREATE", map[string]any{"id": strconv.Itoa(850000000000000000 + i), "channel_id": strconv.Itoa(gid + 1), "guild_id": strconv.Itoa(gid),
			"content": "", "author": map[string]any{"id": "500000000000000003", "username": "someone"}, "mentions": []any{}, "timestamp": "2026-11-27T01:00:00Z", "type": 0})
	}
	barrier("the messages")
	took = time.Since(began)
	t.Logf("MESSAGE_CREATE not for the bot: %d in %v: %.0f events/s", events, took.Round(time.Millisecond), float64(events)/took.Seconds())

	const questions = 500
	n := dmAnswers()
	began = time.Now()
	for i := 0; i < questions; i++ {
		h.dm("今年旅游收入目标是多少？")
	}
	h.fake.WaitFor("the answers", 120*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/"+channelA+"/messages" })) >= n+questions
	})
	took = time.Since(began)
	t.Logf("questions answered (DMs, each a REST post): %d in %v: %.0f/s", questions, took.Round(time.Millisecond), float64(questions)/took.Seconds())
}
