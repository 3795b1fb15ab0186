package bot

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"reportbot/commands"
)

// workLimit bounds the answers at work at once: at most MaxInFlight answer
// (each holds a database connection and, in SQLite and the word cutter,
// an OS thread), at most MaxQueued more wait their turn, and beyond that
// the bot says it is busy. So a burst of questions takes no more files and
// threads than MaxInFlight answers do, and gives them back after.
type workLimit struct {
	slots   chan struct{} // one per answer at work
	pending atomic.Int64  // answers at work or waiting
	max     int64         // MaxInFlight + MaxQueued
}

// Defaults of Config.MaxInFlight and Config.MaxQueued.
const defaultMaxQueued = 500

func defaultMaxInFlight() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

func newWorkLimit(inFlight, queued int) *workLimit {
	if inFlight <= 0 {
		inFlight = defaultMaxInFlight()
	}
	if queued < 0 {
		queued = 0
	}
	return &workLimit{slots: make(chan struct{}, inFlight), max: int64(inFlight + queued)}
}

// enter takes a place among the answers at work or waiting; false when
// there is none (the bot is busy). A place taken is given back by leave.
func (w *workLimit) enter() bool {
	if w.pending.Add(1) > w.max {
		w.pending.Add(-1)
		return false
	}
	return true
}

// start waits for a turn to work, until ctx ends.
func (w *workLimit) start(ctx context.Context) error {
	select {
	case w.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// done ends a turn that start began.
func (w *workLimit) done() { <-w.slots }

// leave gives back the place enter took.
func (w *workLimit) leave() { w.pending.Add(-1) }

// busyReply answers an interaction that finds no place to wait, to the
// asker alone.
var busyReply = commands.Reply{Title: "现在太忙了", Body: []string{"同时提问的人太多，请过一会儿再试。"}, Private: true}

// busyLog says, at most once a minute, that work was refused.
type busyLog struct {
	mu   sync.Mutex
	last time.Time
}

// due tells whether to log a refusal now.
func (l *busyLog) due(now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.last) < time.Minute {
		return false
	}
	l.last = now
	return true
}

// busy notes work refused: counted, and logged at most once a minute.
func (b *Bot) busy(source string) {
	b.observer().Busy(source)
	if b.busyLog.due(time.Now()) {
		b.log.Warn("busy: more questions at once than the bot answers and queues; refused (interactions are told, messages go unanswered)",
			"source", source, "in_flight", cap(b.work.slots), "queued", b.work.max-int64(cap(b.work.slots)))
	}
}
