package bot

import (
	"testing"
	"time"
)

func TestLimiterForgetsIdleUsers(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	l := newLimiter(4*time.Second, 3, func() time.Time { return now })
	for _, u := range []string{"a", "b", "c"} {
		if ok, _, _ := l.allow(u); !ok {
			t.Fatalf("first answer to %s held back", u)
		}
	}
	for i := 0; i < 2; i++ {
		l.allow("a")
	}
	if ok, warn, wait := l.allow("a"); ok || !warn || wait != 4*time.Second {
		t.Errorf("fourth answer at once: ok %v warn %v wait %v", ok, warn, wait)
	}
	if _, warn, _ := l.allow("a"); warn {
		t.Error("told to wait twice in a row")
	}
	// Twelve seconds on, every bucket is full again: the users are forgotten.
	now = now.Add(time.Minute)
	l.allow("d")
	if n := l.size(); n != 1 {
		t.Errorf("the limiter remembers %d users, want only the one who just asked", n)
	}
	if ok, _, _ := newLimiter(0, 3, func() time.Time { return now }).allow("a"); !ok {
		t.Error("a limiter of rate 0 held back")
	}
}
