package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"reportbot/internal/secret"
)

// discordAPI is the prefix of every REST URL discordgo builds.
const discordAPI = "https://discord.com/api/v9/"

// apiTransport is the bot's way to Discord's REST API, under discordgo's
// own rate limiter. It sends requests to another base URL when set (a
// rate-limit proxy, or a local stand-in in tests) by rewriting the prefix of
// the URL. It tries a request again when Discord answers with a 5xx, after
// a wait that doubles, and after a global rate limit (a 429 that is not a
// route's bucket) it lets no request out before the retry_after Discord
// gave; discordgo itself waits only with the one request that got the 429.
type apiTransport struct {
	base    *url.URL // with no trailing slash
	printed string   // base as it may be printed: secret.URL
	next    http.RoundTripper
	retries int
	backoff time.Duration // the first wait before a retry

	mu      sync.Mutex
	until   time.Time // no request before then: a global rate limit
	gateway string    // the gateway's URL, as GET /gateway answered
}

func newAPITransport(base string, backoff time.Duration) (*apiTransport, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return nil, err
	}
	return &apiTransport{base: u, printed: secret.URL(u.String()), next: restTransport(), retries: 3, backoff: backoff}, nil
}

// named returns an error of a request discordgo made (the HTTP client's
// error names the Discord URL discordgo built) naming the address the
// request went to instead, as it may be printed: without user info or
// secrets. It unwraps to err.
func (t *apiTransport) named(err error) error {
	if err == nil || !strings.Contains(err.Error(), discordAPI) {
		return err
	}
	return &namedError{err: err, text: strings.ReplaceAll(err.Error(), discordAPI, t.printed+"/")}
}

// namedError is an error with its text changed.
type namedError struct {
	err  error
	text string
}

func (e *namedError) Error() string { return e.text }
func (e *namedError) Unwrap() error { return e.err }

// restTransport is HTTP to the REST API with a bound on connections: a
// burst of answers shares at most 32 of them (over HTTP/2, Discord's,
// many requests share one), and keeps at most 8 idle for 30 s after.
func restTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxConnsPerHost = 32
	t.MaxIdleConnsPerHost = 8
	t.IdleConnTimeout = 30 * time.Second
	return t
}

func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if s := req.URL.String(); strings.HasPrefix(s, discordAPI) {
		u, err := url.Parse(t.base.String() + "/" + strings.TrimPrefix(s, discordAPI))
		if err != nil {
			return nil, err
		}
		req = req.Clone(req.Context())
		req.URL = u
		req.Host = u.Host
	}
	for attempt := 0; ; attempt++ {
		if err := t.waitGlobal(req.Context()); err != nil {
			return nil, err
		}
		r := req
		if attempt > 0 {
			r = req.Clone(req.Context())
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, err
				}
				r.Body = body
			}
		}
		resp, err := t.next.RoundTrip(r)
		if err != nil {
			return nil, err // the client names the URL; named says which
		}
		switch {
		case resp.StatusCode == http.StatusTooManyRequests:
			return t.rateLimited(resp)
		case resp.StatusCode == http.StatusOK && (strings.HasSuffix(r.URL.Path, "/gateway") || strings.HasSuffix(r.URL.Path, "/gateway/bot")):
			return t.noteGateway(resp), nil
		case resp.StatusCode >= 500 && attempt < t.retries && (req.Body == nil || req.GetBody != nil):
			io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
			resp.Body.Close()
			select {
			case <-req.Context().Done():
				return nil, req.Context().Err()
			case <-time.After(t.backoff << attempt):
			}
			continue
		}
		return resp, nil
	}
}

// noteGateway remembers the gateway URL a GET /gateway answer gives and
// passes the answer on.
func (t *apiTransport) noteGateway(resp *http.Response) *http.Response {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var g struct {
		URL string `json:"url"`
	}
	if err == nil && json.Unmarshal(body, &g) == nil && g.URL != "" {
		t.mu.Lock()
		t.gateway = g.URL
		t.mu.Unlock()
	}
	return resp
}

// gatewayURL returns the gateway's URL, once GET /gateway told it.
func (t *apiTransport) gatewayURL() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.gateway
}

// waitGlobal waits out a global rate limit.
func (t *apiTransport) waitGlobal(ctx context.Context) error {
	t.mu.Lock()
	d := time.Until(t.until)
	t.mu.Unlock()
	if d <= 0 {
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// rateLimited reads a 429: one that is global (it says so, or it names no
// bucket) holds every request back until its retry_after. The response goes
// on to discordgo, which waits and tries that request again.
func (t *apiTransport) rateLimited(resp *http.Response) (*http.Response, error) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, nil
	}
	var rl struct {
		RetryAfter float64 `json:"retry_after"`
		Global     bool    `json:"global"`
	}
	json.Unmarshal(body, &rl)
	h := resp.Header
	global := rl.Global || h.Get("X-RateLimit-Global") != "" || h.Get("X-RateLimit-Scope") == "global" || h.Get("X-RateLimit-Bucket") == ""
	if !global {
		return resp, nil
	}
	wait := time.Duration(rl.RetryAfter * float64(time.Second))
	if wait <= 0 {
		if secs, err := strconv.ParseFloat(h.Get("Retry-After"), 64); err == nil {
			wait = time.Duration(secs * float64(time.Second))
		}
	}
	wait = min(wait, time.Hour)
	t.mu.Lock()
	if until := time.Now().Add(wait); until.After(t.until) {
		t.until = until
	}
	t.mu.Unlock()
	return resp, nil
}
