package commands

import (
	"strconv"
	"testing"
	"time"
)

// TestConversationsBounded: the memory keeps at most its bound, the least
// recently used conversation out first.
func TestConversationsBounded(t *testing.T) {
	c := newConversations(100)
	now := time.Unix(0, 0)
	for i := 0; i < 105; i++ {
		c.put(strconv.Itoa(i), "q"+strconv.Itoa(i), now)
	}
	c.get("5", now, time.Hour) // used again: kept
	c.put("new", "q", now)
	if n := c.len(); n != 100 {
		t.Errorf("%d conversations, want 100", n)
	}
	if c.get("0", now, time.Hour) != "" || c.get("6", now, time.Hour) != "" {
		t.Error("the oldest conversations were kept")
	}
	if c.get("104", now, time.Hour) != "q104" {
		t.Error("a recent conversation was lost")
	}
	if c.get("104", now.Add(2*time.Hour), time.Hour) != "" {
		t.Error("a conversation outlived its window")
	}
}
