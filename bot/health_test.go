package bot_test

import (
	"context"
	"errors"
	"strings"
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

// TestHealthy: healthy only while the gateway is connected and the state
// database answers.
func TestHealthy(t *testing.T) {
	h := newHarness(t)
	var fs *flakyStore
	h.wrapStore = func(s bot.Store) bot.Store { fs = &flakyStore{Store: s}; return fs }
	h.start()
	ctx := context.Background()
	if err := h.bot.Healthy(ctx); err != nil {
		t.Fatalf("connected: %v", err)
	}
	fs.down.Store(true)
	if err := h.bot.Healthy(ctx); err == nil || !strings.Contains(err.Error(), "state database") {
		t.Errorf("database down: %v", err)
	}
	fs.down.Store(false)
	// The gateway closes for good (4004): not connected any more.
	h.fake.Close(4004, "Authentication failed.")
	deadline := time.Now().Add(5 * time.Second)
	for h.bot.Connected() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := h.bot.Healthy(ctx); err == nil || !strings.Contains(err.Error(), "gateway") {
		t.Errorf("gateway closed: %v", err)
	}
}
