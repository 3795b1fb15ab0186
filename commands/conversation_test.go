package commands_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"reportbot/commands"
)

// TestFollowUps: a question of a conversation is read with the one before
// it, within the follow-up window; another conversation's bare follow-up is
// not, and neither is one after the window.
func TestFollowUps(t *testing.T) {
	r := newRouter(t)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	r.Now = func() time.Time { return now }
	ctx := context.Background()
	ask := func(conversation, q string) commands.Reply {
		t.Helper()
		reply, err := r.Handle(ctx, commands.Request{Command: "ask", Options: map[string]string{"question": q}, Conversation: conversation})
		if err != nil {
			t.Fatal(err)
		}
		return reply
	}
	if got := ask("alice", "今年旅游收入目标是多少"); !strings.Contains(got.Answer, "1040亿元") {
		t.Fatalf("first question: %+v", got)
	}
	got := ask("alice", "那去年呢")
	if !strings.Contains(got.Answer, "905亿元") || got.Understood != "去年旅游收入目标是多少" || !strings.Contains(text(got), "理解为：去年旅游收入目标是多少") {
		t.Errorf("follow-up: answer %q, understood %q\n%s", got.Answer, got.Understood, text(got))
	}
	// A whole question is read as asked, whatever its letters' case: no 理解为 line.
	if got := ask("carol", "今年GDP增长目标是多少"); got.Understood != "" || strings.Contains(text(got), "理解为") || !strings.Contains(got.Answer, "8.8%") {
		t.Errorf("a whole question with capitals: understood %q\n%s", got.Understood, text(got))
	}
	if got := ask("bob", "那去年呢"); !got.NotAnswered || !strings.Contains(text(got), "请把问题问完整") {
		t.Errorf("another conversation's follow-up: %s", text(got))
	}
	now = now.Add(commands.DefaultFollowUpWindow + time.Minute)
	if got := ask("alice", "增长了多少"); !strings.Contains(text(got), "请把问题问完整") && got.Understood != "" {
		t.Errorf("a follow-up after the window: understood %q\n%s", got.Understood, text(got))
	}
	// A reply to an answer continues that answer's question.
	r.Remember("msg:42", "今年旅游收入目标是多少")
	if got := ask("msg:42", "那去年呢"); !strings.Contains(got.Answer, "905亿元") {
		t.Errorf("reply to an answer: %+v", got)
	}
	// A reply to an answer older than the window continues the question the
	// router remembers for it, not what the answer's message shows; a reply
	// to an answer it holds nothing for continues what the message shows.
	r.Remember("msg:43", "今年旅游收入目标是多少")
	now = now.Add(commands.DefaultFollowUpWindow + time.Minute)
	r.RememberIfNew("msg:43", "今年GDP增长目标是多少")
	r.RememberIfNew("msg:44", "今年GDP增长目标是多少")
	if got := ask("msg:43", "那去年呢"); !strings.Contains(got.Answer, "905亿元") {
		t.Errorf("reply to an answer older than the window: %+v", got)
	}
	if got := ask("msg:44", "那去年呢"); !strings.Contains(got.Answer, "3740亿元") {
		t.Errorf("reply to an answer the router holds nothing for: %+v", got)
	}
}
