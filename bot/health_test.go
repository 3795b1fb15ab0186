package bot_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"reportbot/bot"
)

// flakyStore is a state store whose database can be made not to answer.
type flakyStore struct {
	bot.Store
	down atomic.Bool
}

func (s *flakyStore) Ping(ctx context.Context) error {
	if s.down.Load() {
		return errors.New("connection refused")
	}
	return s.Store.Ping(ctx)
}

// TestHealth: ok while the gateway is connected and the state database
// answers; degraded while it does not; down once the gateway is closed.
// It names the engine, never where the database lives.
func TestHealth(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var fs *flakyStore
	h.wrapStore = func(s bot.Store) bot.Store { fs = &flakyStore{Store: s}; return fs }
	h.start()
	ctx := context.Background()
	if got, want := h.bot.Health(ctx), (bot.Health{Status: "ok", Gateway: "connected", State: "sqlite ok"}); got != want {
		t.Fatalf("connected: %+v, want %+v", got, want)
	}
	fs.down.Store(true)
	if got, want := h.bot.Health(ctx), (bot.Health{Status: "degraded", Gateway: "connected", State: "sqlite unavailable"}); got != want {
		t.Errorf("database down: %+v, want %+v", got, want)
	}
	fs.down.Store(false)
	// The gateway closes for good (4004): not connected any more.
	h.fake.Close(4004, "Authentication failed.")
	deadline := time.Now().Add(5 * time.Second)
	for h.bot.Connected() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got, want := h.bot.Health(ctx), (bot.Health{Status: "down", Gateway: "disconnected", State: "sqlite ok"}); got != want {
		t.Errorf("gateway closed: %+v, want %+v", got, want)
	}
}
