package bot

import (
	"sync"
	"time"
)

// limiter keeps one person from flooding a channel: it allows one answer per
// cool-down, and says so once when someone asks again too soon.
type limiter struct {
	mu       sync.Mutex
	cooldown time.Duration
	now      func() time.Time
	last     map[string]time.Time // user → when last answered
	warned   map[string]bool      // user → told to wait, this cool-down
}

func newLimiter(cooldown time.Duration, now func() time.Time) *limiter {
	return &limiter{cooldown: cooldown, now: now, last: map[string]time.Time{}, warned: map[string]bool{}}
}

// allow tells whether to answer the user now; when not, warn tells whether
// to say so (only the first time in a cool-down).
func (l *limiter) allow(user string) (ok, warn bool) {
	if l.cooldown <= 0 {
		return true, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if last, seen := l.last[user]; seen && now.Sub(last) < l.cooldown {
		warn = !l.warned[user]
		l.warned[user] = true
		return false, warn
	}
	l.last[user] = now
	delete(l.warned, user)
	if len(l.last) > 10000 { // forget those long gone
		for u, t := range l.last {
			if now.Sub(t) > l.cooldown {
				delete(l.last, u)
			}
		}
	}
	return true, false
}
