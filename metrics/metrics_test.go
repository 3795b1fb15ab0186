package metrics

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestHealthz(t *testing.T) {
	m := New(2, 3)
	var health error
	srv, err := Serve("127.0.0.1:0", m.Handler(func(context.Context) error { return health }), nil)
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
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("healthy: %d", code)
	}
	health = errors.New("the gateway is not connected")
	if code, body := get("/healthz"); code != http.StatusServiceUnavailable || !strings.Contains(body, "gateway") {
		t.Errorf("unhealthy: %d %q", code, body)
	}
	if _, body := get("/metrics"); !strings.Contains(body, `reportbot_shard_info{shard="2",shard_count="3"} 1`) {
		t.Errorf("metrics: %s", body)
	}
	if _, err := Serve(srv.Addr, m.Handler(nil), nil); err == nil || !strings.Contains(err.Error(), "METRICS_ADDR") {
		t.Errorf("a taken address: %v", err)
	}
}
