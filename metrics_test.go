package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reportbot/bot/discordtest"
)

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitHTTP polls url until match holds of its answer (the server answers
// at once; the condition is the bot's state). A condition that holds comes
// in milliseconds; the deadline only bounds a failure, so it is generous,
// as the stand-in's is: the machine may be busy with other packages.
// runBackground runs m until the function it returns is called, which stops
// it and returns its exit code, or fails the test when it does not stop
// within the time given (and returns -1).
func runBackground(t *testing.T, m *Main, within time.Duration) (stop func() int) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx) }()
	return func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(within):
			t.Error("reportbot did not stop")
			return -1
		}
	}
}

func waitHTTP(t *testing.T, what, url string, match func(status int, body string) bool) string {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); ; {
		status, body := get(t, url)
		if match(status, body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s: %d %s", what, status, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMetrics: with METRICS_ADDR the bot serves Prometheus metrics (questions
// by command and answer, the answer time, interactions, digest posts,
// reconnects, the shard) and /healthz, 200 while connected.
func TestMetrics(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(t)
	addr := freeAddr(t)
	env := map[string]string{
		"DISCORD_TOKEN":      discordtest.Token,
		"DISCORD_API_URL":    fake.APIURL(),
		"REPORTBOT_DB":       filepath.Join(t.TempDir(), "reportbot.db"),
		"METRICS_ADDR":       addr,
		"DIGEST_CHANNEL_IDS": "500000000000000009",
		"DIGEST_TIME":        "00:00",
		"DIGEST_TZ":          "UTC",
	}
	var stderr bytes.Buffer
	m := &Main{Getenv: func(k string) string { return env[k] }, Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr}
	defer runBackground(t, m, 15*time.Second)()
	base := "http://" + addr
	waitHTTP(t, "healthy", base+"/healthz", func(s int, _ string) bool { return s == http.StatusOK })
	fake.Dispatch("MESSAGE_CREATE", map[string]any{"id": "500000000000000001", "channel_id": "500000000000000002", "content": "今年旅游收入目标是多少？",
		"author": map[string]any{"id": "500000000000000003", "username": "someone"}, "mentions": []any{}, "timestamp": "2026-11-27T01:00:00Z", "type": 0})
	fake.WaitFor("an answer", 10*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/500000000000000002/messages" })) > 0
	})
	fake.Dispatch("INTERACTION_CREATE", map[string]any{
		"id": "500000000000000010", "application_id": discordtest.AppID, "type": 2, "token": "tok", "version": 1,
		"channel_id": "500000000000000002", "locale": "zh-CN", "user": map[string]any{"id": "500000000000000003", "username": "someone"},
		"data": map[string]any{"id": "1", "name": "ask", "type": 1, "options": []map[string]any{{"name": "question", "type": 3, "value": "市委书记是谁"}}},
	})
	fake.WaitFor("the interaction's answer", 10*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return strings.HasPrefix(p, "/interactions/500000000000000010/") })) > 0
	})
	fake.WaitFor("the digest", 10*time.Second, func(reqs []discordtest.Request, _ []discordtest.Gateway) bool {
		return len(discordtest.Matching(reqs, http.MethodPost, func(p string) bool { return p == "/channels/500000000000000009/messages" })) > 0
	})
	fake.Close(4000, "test: a resumable close")
	body := waitHTTP(t, "a counted reconnection and a recorded digest", base+"/metrics", func(s int, b string) bool {
		return s == http.StatusOK && strings.Contains(b, "reportbot_gateway_reconnects_total 1") && strings.Contains(b, `reportbot_digest_posts_total{result="ok"} 1`)
	})
	for _, want := range []string{
		`reportbot_questions_total{answered="true",command="ask"} 1`,
		`reportbot_questions_total{answered="false",command="ask"} 1`,
		`reportbot_answer_duration_seconds_count{source="message"} 1`,
		`reportbot_answer_duration_seconds_count{source="interaction"} 1`,
		`reportbot_interactions_total{type="command"} 1`,
		`reportbot_digest_posts_total{result="failed"} 0`,
		`reportbot_shard_info{shard="0",shard_count="1"} 1`,
		`reportbot_shard_id 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	waitHTTP(t, "healthy after the reconnection", base+"/healthz", func(s int, _ string) bool { return s == http.StatusOK })
}

func TestMetricsAddrChecked(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REPORTBOT_DB": filepath.Join(t.TempDir(), "reportbot.db"), "METRICS_ADDR": "9464"}
	if code, _, errOut := runEnv(t, env, "about"); code != exitUsage || !strings.Contains(errOut, "METRICS_ADDR") {
		t.Errorf("METRICS_ADDR=9464: %d %q", code, errOut)
	}
}
