package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// discordAPI is the prefix of every REST URL discordgo builds.
const discordAPI = "https://discord.com/api/v9/"

// apiTransport sends discordgo's REST requests to another base URL (a
// rate-limit proxy, or a local stand-in in tests) by rewriting the prefix
// of the URL; requests elsewhere pass unchanged.
type apiTransport struct {
	base *url.URL // with no trailing slash
	next http.RoundTripper
}

func newAPITransport(base string) (http.RoundTripper, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil {
		return nil, err
	}
	return &apiTransport{base: u, next: http.DefaultTransport}, nil
}

func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s := req.URL.String()
	if !strings.HasPrefix(s, discordAPI) {
		return t.next.RoundTrip(req)
	}
	u, err := url.Parse(t.base.String() + "/" + strings.TrimPrefix(s, discordAPI))
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.URL = u
	r.Host = u.Host
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		// The client names the URL discordgo built; say where it really went.
		return nil, fmt.Errorf("%s %s: %w", r.Method, u.Redacted(), err)
	}
	return resp, nil
}
