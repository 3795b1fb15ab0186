package metrics

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeState is a state store whose availability a test sets.
type fakeState struct {
	down atomic.Bool
	lost atomic.Int64
}

func (f *fakeState) Available() bool   { return !f.down.Load() }
func (f *fakeState) LostWrites() int64 { return f.lost.Load() }

// TestHealthz: /healthz is 200 when ok or degraded, 503 when down, and says
// which part is which; /metrics has the shard and the state store's
// metrics.
func TestHealthz(t *testing.T) {
	m := New(2, 3)
	st := &fakeState{}
	m.WatchState(st)
	var health atomic.Pointer[Health]
	health.Store(&Health{Status: "ok", Details: []string{"gateway: connected", "state: postgres ok"}})
	srv, err := Serve("127.0.0.1:0", m.Handler(func(context.Context) Health { return *health.Load() }), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + srv.Addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tt := range []struct {
		h    Health
		code int
	}{
		{Health{Status: "ok", Details: []string{"gateway: connected", "state: postgres ok"}}, http.StatusOK},
		{Health{Status: "degraded", Details: []string{"gateway: connected", "state: postgres unavailable"}}, http.StatusOK},
		{Health{Status: "down", Details: []string{"gateway: disconnected", "state: postgres ok"}}, http.StatusServiceUnavailable},
	} {
		health.Store(&tt.h)
		code, body := get("/healthz")
		if want := tt.h.Status + "\n" + strings.Join(tt.h.Details, "\n") + "\n"; code != tt.code || body != want {
			t.Errorf("%s: %d %q, want %d %q", tt.h.Status, code, body, tt.code, want)
		}
	}
	st.down.Store(true)
	st.lost.Store(7)
	_, body := get("/metrics")
	for _, want := range []string{`reportbot_shard_info{shard="2",shard_count="3"} 1`, "reportbot_state_up 0", "reportbot_state_writes_lost_total 7"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if _, err := Serve(srv.Addr, m.Handler(nil), nil); err == nil || !strings.Contains(err.Error(), "METRICS_ADDR") {
		t.Errorf("a taken address: %v", err)
	}
}
