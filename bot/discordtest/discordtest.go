// Package discordtest is a stand-in for Discord on loopback, for tests of
// the real discordgo client: an HTTP server for the REST routes the bot uses
// and a websocket gateway that says HELLO (op 10), reads IDENTIFY (op 2) or
// RESUME (op 6), sends READY or RESUMED, answers heartbeats (op 1 with op
// 11), and dispatches the events a test asks for. It records every request.
package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// IDs of the stand-in's bot user and application.
const (
	BotID = "900000000000000001"
	AppID = "900000000000000002"
)

// Request is one REST request the bot made.
type Request struct {
	Method string
	Path   string // after /api/v9, e.g. /channels/1/messages
	Body   []byte
}

// JSON decodes the request body into v.
func (r Request) JSON(v any) error { return json.Unmarshal(r.Body, v) }

// Server is the stand-in.
type Server struct {
	t    testing.TB
	http *httptest.Server

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced whenever something is recorded
	requests  []Request
	gateway   []Gateway // every gateway connection, in order
	conn      *wsConn   // the current one
	seq       int
	msgID     int
	failures  map[string][]failure // path → responses to give before the real one
	identifys int
	resumes   int
}

// Gateway is what one gateway connection began with.
type Gateway struct {
	Op      int             // 2 for IDENTIFY, 6 for RESUME
	Payload json.RawMessage // its d
	Query   string          // the URL's query, e.g. v=9&encoding=json
}

type failure struct {
	status int
	body   string
	header http.Header
}

type wsConn struct {
	mu sync.Mutex
	c  *websocket.Conn
}

func (w *wsConn) write(v any) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.c.WriteJSON(v)
}

// New starts a stand-in; it stops when the test ends.
func New(t testing.TB) *Server {
	s := &Server{t: t, changed: make(chan struct{}), failures: map[string][]failure{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v9/", s.rest)
	mux.HandleFunc("/gateway/", s.gatewayHandler)
	mux.HandleFunc("/gateway", s.gatewayHandler)
	s.http = httptest.NewServer(mux)
	t.Cleanup(func() {
		s.mu.Lock()
		if s.conn != nil {
			s.conn.c.Close()
		}
		s.mu.Unlock()
		s.http.Close()
	})
	return s
}

// APIURL is the REST base to give the bot as DISCORD_API_URL.
func (s *Server) APIURL() string { return s.http.URL + "/api/v9" }

func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Fail makes the next n requests to path fail with status and body (a 429
// body carries retry_after; headers may be nil).
func (s *Server) Fail(path string, n, status int, body string, header http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		s.failures[path] = append(s.failures[path], failure{status, body, header})
	}
}

func (s *Server) rest(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")
	s.mu.Lock()
	s.requests = append(s.requests, Request{Method: r.Method, Path: path, Body: body})
	var fail *failure
	if fs := s.failures[path]; len(fs) > 0 {
		fail = &fs[0]
		s.failures[path] = fs[1:]
	}
	s.notify()
	s.mu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	if fail != nil {
		for k, vs := range fail.header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(fail.status)
		io.WriteString(w, fail.body)
		return
	}
	switch {
	case r.Method == http.MethodGet && (path == "/gateway/bot" || path == "/gateway"):
		u := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway/"
		fmt.Fprintf(w, `{"url": %q, "shards": 1, "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}`, u)
	case r.Method == http.MethodPut && strings.HasPrefix(path, "/applications/"):
		w.Write(body) // the commands, as registered
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/interactions/"):
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPatch && strings.HasPrefix(path, "/webhooks/"):
		fmt.Fprintf(w, `{"id": %q, "channel_id": "1"}`, s.nextMessageID())
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/channels/") && strings.HasSuffix(path, "/messages"):
		ch := strings.TrimSuffix(strings.TrimPrefix(path, "/channels/"), "/messages")
		fmt.Fprintf(w, `{"id": %q, "channel_id": %q, "content": "", "embeds": []}`, s.nextMessageID(), ch)
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message": "Unknown route", "code": 0}`)
	}
}

func (s *Server) nextMessageID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgID++
	return strconv.Itoa(800000000000000000 + s.msgID)
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) gatewayHandler(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	conn := &wsConn{c: c}
	defer c.Close()
	if err := conn.write(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 41250}}); err != nil {
		return
	}
	var first struct {
		Op int             `json:"op"`
		D  json.RawMessage `json:"d"`
	}
	if err := c.ReadJSON(&first); err != nil {
		return
	}
	s.mu.Lock()
	s.gateway = append(s.gateway, Gateway{Op: first.Op, Payload: first.D, Query: r.URL.RawQuery})
	s.conn = conn
	s.seq++
	seq := s.seq
	switch first.Op {
	case 2:
		s.identifys++
	case 6:
		s.resumes++
	}
	s.notify()
	s.mu.Unlock()
	switch first.Op {
	case 2:
		u := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway/"
		conn.write(map[string]any{"op": 0, "t": "READY", "s": seq, "d": map[string]any{
			"v": 9, "session_id": "standin-session", "resume_gateway_url": u,
			"user":        map[string]any{"id": BotID, "username": "reportbot", "discriminator": "0", "bot": true},
			"application": map[string]any{"id": AppID, "flags": 0},
			"guilds":      []any{}, "private_channels": []any{},
		}})
	case 6:
		conn.write(map[string]any{"op": 0, "t": "RESUMED", "s": seq, "d": map[string]any{}})
	default:
		return
	}
	for {
		var m struct {
			Op int `json:"op"`
		}
		if err := c.ReadJSON(&m); err != nil {
			return
		}
		if m.Op == 1 {
			conn.write(map[string]any{"op": 11})
		}
	}
}

// Dispatch sends an event (op 0) on the current gateway connection.
func (s *Server) Dispatch(event string, d any) {
	s.t.Helper()
	s.mu.Lock()
	conn := s.conn
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if conn == nil {
		s.t.Fatal("dispatch: no gateway connection")
	}
	if err := conn.write(map[string]any{"op": 0, "t": event, "s": seq, "d": d}); err != nil {
		s.t.Fatalf("dispatch %s: %v", event, err)
	}
}

// Reconnect asks the bot to reconnect (op 7), as Discord does.
func (s *Server) Reconnect() {
	s.t.Helper()
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if err := conn.write(map[string]any{"op": 7, "d": nil}); err != nil {
		s.t.Fatalf("reconnect: %v", err)
	}
}

// Requests returns the REST requests so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Gateways returns how every gateway connection began.
func (s *Server) Gateways() []Gateway {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Gateway(nil), s.gateway...)
}

// WaitFor waits until cond holds of the stand-in's records, or fails the
// test after timeout.
func (s *Server) WaitFor(what string, timeout time.Duration, cond func(reqs []Request, gws []Gateway) bool) {
	s.t.Helper()
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		ok := cond(s.requests, s.gateway)
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			s.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Matching returns the requests with the method whose path satisfies match.
func Matching(reqs []Request, method string, match func(path string) bool) []Request {
	var out []Request
	for _, r := range reqs {
		if r.Method == method && match(r.Path) {
			out = append(out, r)
		}
	}
	return out
}
