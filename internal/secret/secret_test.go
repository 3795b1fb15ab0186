package secret

import (
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://bot:s3cret@db.example:5432/reportbot", "postgres://db.example:5432/reportbot"},
		{"postgres://bot@db/reportbot?sslmode=require", "postgres://db/reportbot?sslmode=require"},
		{"postgres:///reportbot?host=/run/pg&password=s3cret", "postgres:///reportbot?host=%2Frun%2Fpg&password=xxxxx"},
		{"postgres://db/r?sslpassword=k3y&sslmode=verify-full", "postgres://db/r?sslmode=verify-full&sslpassword=xxxxx"},
		{"https://user:pa55@proxy.internal:8080/api/v9", "https://proxy.internal:8080/api/v9"},
		{"http://proxy/api?token=abc&x=1#frag", "http://proxy/api?token=xxxxx&x=1"},
		{"postgres://bot:s3cret@db:bad-port/x", "postgres://db:bad-port"},
		{"not a url at all: s3cret", "(not a URL)"},
	} {
		if got := URL(tt.in); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScrub(t *testing.T) {
	for _, tt := range []struct{ url, text string }{
		{"postgres://bot:s3cret@db:5432/r", `cannot parse "postgres://bot:s3cret@db:5432/r": s3cret is wrong`},
		{"postgres://bot@db/r?password=p%40ss%26word&sslmode=x", "failed: password=p@ss&word rejected (p%40ss%26word)"},
		{"http://u:hunter2@proxy:1/api", `Get "http://u:hunter2@proxy:1/api/gateway": dial tcp: refused`},
		{"postgres://dbuser:s3cret@db:bad/x", "cannot parse `postgres://dbuser:xxxxx@db:bad/x`: invalid port"},
	} {
		got := Scrub(tt.text, tt.url)
		for _, secret := range []string{"s3cret", "p@ss&word", "p%40ss%26word", "hunter2", "u:", "dbuser"} {
			if strings.Contains(got, secret) {
				t.Errorf("Scrub(%q) = %q: still holds %s", tt.text, got, secret)
			}
		}
	}
}
