package bot_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"reportbot/bot/discordtest"
)

// TestFollowUps: a follow-up question is read with the asker's question
// before it, in the same channel, and never with another person's; a reply
// to one of the bot's answers follows the question that answer answered,
// whoever replies and whether or not the bot remembers posting it. Every
// answer shows its direct answer line first, in bold.
func TestFollowUps(t *testing.T) {
	t.Parallel()
	const other = "700000000000000022"
	h := newHarness(t)
	h.env["ASK_CHANNEL_IDS"] = channelB
	h.env["MESSAGE_CONTENT_INTENT"] = "true"
	h.start()

	ask := func(user, q string) string { return h.response(h.askAs(user, q)).text() }
	first := ask(userID, "今年旅游收入目标是多少？")
	if !strings.Contains(first, "**2017年目标：实现旅游总收入1040亿元**") {
		t.Errorf("the answer does not open with its answer line in bold:\n%s", first)
	}
	if got := ask(userID, "那去年呢？"); !strings.Contains(got, "理解为：去年旅游收入") || !strings.Contains(got, "905亿元") {
		t.Errorf("the asker's follow-up was not read with the question before it:\n%s", got)
	}
	if got := ask(other, "那去年呢？"); strings.Contains(got, "905亿元") || strings.Contains(got, "理解为") {
		t.Errorf("another person's bare follow-up was read with someone else's question:\n%s", got)
	}

	// Chat: someone else replies to the bot's answer with a follow-up.
	say := func(user, text string, ref map[string]any) {
		m := map[string]any{"id": h.id(), "channel_id": channelB, "guild_id": guildID, "content": text,
			"author":   map[string]any{"id": user, "username": "someone"},
			"mentions": []any{}, "mention_roles": []any{}, "timestamp": "2026-11-27T01:00:00Z", "type": 0}
		if ref != nil {
			m["type"] = 19
			m["referenced_message"] = ref
			m["message_reference"] = map[string]any{"message_id": ref["id"], "channel_id": channelB, "guild_id": guildID}
		}
		h.fake.Dispatch("MESSAGE_CREATE", m)
	}
	botMessage := func(id string, embeds ...map[string]any) map[string]any {
		return map[string]any{"id": id, "channel_id": channelB, "content": "", "timestamp": "2026-11-27T01:00:00Z", "type": 0,
			"author": map[string]any{"id": discordtest.BotID, "username": "reportbot", "bot": true}, "embeds": embeds}
	}
	// posted waits for the channel's nth answer and returns its embeds.
	posted := func(n int) []map[string]any {
		t.Helper()
		var sent struct {
			Embeds []map[string]any `json:"embeds"`
		}
		if err := json.Unmarshal(h.waitPosts(channelB, n)[n-1].Body, &sent); err != nil {
			t.Fatal(err)
		}
		return sent.Embeds
	}
	embedText := func(n int) string {
		var b strings.Builder
		for _, e := range posted(n) {
			b.WriteString(fmt.Sprint(e["title"], "\n", e["description"], "\n"))
		}
		return b.String()
	}
	say(userID, "今年旅游收入目标是多少？", nil)
	embeds := posted(1)
	answer := h.posts(channelB)[0].MessageID
	if answer == "" {
		t.Fatal("the stand-in gave the answer no id")
	}
	say(other, "那去年呢？", botMessage(answer, embeds...))
	if got := embedText(2); !strings.Contains(got, "905亿元") {
		t.Errorf("a reply to an answer was not read with its question:\n%s", got)
	}

	// A reply to a follow-up's answer the bot does not remember (posted
	// before a restart) follows the question as the answer shows it read.
	old := botMessage("800000000000000077", map[string]any{"type": "rich", "title": "问：那去年呢？",
		"description": "**2016年：旅游总收入905亿元**\n理解为：去年旅游收入目标是多少"})
	say(other, "今年呢？", old)
	if got := embedText(3); !strings.Contains(got, "1040亿元") {
		t.Errorf("a reply to an answer from before a restart was not read with its question:\n%s", got)
	}
}
