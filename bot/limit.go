package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter keeps one person from flooding a channel: each user has a token
// bucket (golang.org/x/time/rate) that allows a burst of answers, then one
// every so often. When someone is held back it says so once, until they are
// answered again. A user idle long enough for their bucket to be full again
// is forgotten, which changes nothing for them.
type limiter struct {
	mu    sync.Mutex
	every time.Duration // one more answer every so often; 0: no limit
	burst int
	now   func() time.Time
	users map[string]*bucket
	swept time.Time
}

type bucket struct {
	tokens *rate.Limiter
	last   time.Time // when last asked
	warned bool      // told to wait since last answered
}

func newLimiter(every time.Duration, burst int, now func() time.Time) *limiter {
	return &limiter{every: every, burst: max(burst, 1), now: now, users: map[string]*bucket{}}
}

// allow tells whether to answer the user now; when not, warn tells whether
// to say so (only the first time in a row) and wait how long until the next
// answer is allowed.
func (l *limiter) allow(user string) (ok, warn bool, wait time.Duration) {
	if l.every <= 0 {
		return true, false, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.sweep(now)
	b := l.users[user]
	if b == nil {
		b = &bucket{tokens: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.users[user] = b
	}
	b.last = now
	if b.tokens.AllowN(now, 1) {
		b.warned = false
		return true, false, 0
	}
	wait = time.Duration((1 - b.tokens.TokensAt(now)) * float64(l.every))
	warn = !b.warned
	b.warned = true
	return false, warn, wait
}

// sweep forgets, at most once a minute, the users whose buckets are full.
func (l *limiter) sweep(now time.Time) {
	full := time.Duration(l.burst) * l.every
	if now.Sub(l.swept) < time.Minute && len(l.users) < 10000 {
		return
	}
	l.swept = now
	for u, b := range l.users {
		if now.Sub(b.last) >= full {
			delete(l.users, u)
		}
	}
}

// size returns how many users the limiter remembers.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.users)
}
