package commands_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"reportbot/commands"
)

func TestCapText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"今年旅游收入目标是多少", "今年旅游收入目标是多少"},
		{strings.Repeat("旅", 2000), strings.Repeat("旅", 2000)},
		{strings.Repeat("旅", 2001), strings.Repeat("旅", 2000)},
		{strings.Repeat("a", 1<<20), strings.Repeat("a", 2000)},
		{"\xff" + strings.Repeat("旅", 3000), "\xff" + strings.Repeat("旅", 1999)}, // a bad byte counts, and is dropped later
	} {
		if got := commands.CapText(tt.in); got != tt.want {
			t.Errorf("CapText(%d bytes) = %d bytes, want %d", len(tt.in), len(got), len(tt.want))
		}
	}
}

// TestLongTextCapped: a question, a chat message or a cursor of 30 MB is
// cut before anything reads it all: the question asked and logged is its
// first 2,000 characters, and answering takes no memory in proportion.
func TestLongTextCapped(t *testing.T) {
	r := newRouter(t)
	log := &memLog{}
	r.Log = log
	long := "今年旅游收入目标是多少" + strings.Repeat("啊", 10<<20)
	cursor := "v2|" + long
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	reply, err := r.Handle(context.Background(), commands.Request{Command: "ask", Options: map[string]string{"question": long}})
	if err != nil {
		t.Fatal(err)
	}
	chat, ok, err := r.Chat(context.Background(), commands.Message{Text: long, Direct: true})
	if err != nil || !ok {
		t.Fatalf("chat: %v %v", ok, err)
	}
	page, err := r.Handle(context.Background(), commands.Request{Cursor: cursor})
	runtime.ReadMemStats(&after)
	if err != nil || !page.UserError {
		t.Errorf("a cursor of 50 MB: %+v %v", page, err)
	}
	for _, q := range log.rows {
		if n := utf8.RuneCountInString(q.Question); n != commands.MaxText {
			t.Errorf("logged a question of %d characters, want %d", n, commands.MaxText)
		}
	}
	if len(log.rows) != 2 || reply.Feedback == nil || chat.Feedback == nil {
		t.Errorf("%d questions logged, want 2", len(log.rows))
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 10<<20 {
		t.Errorf("answering a 30 MB question allocated %d MB", got>>20)
	}
}
