// Package secret keeps secrets out of what reportbot prints: a URL is
// printed without its user info and without the values of the query
// parameters that may carry a password or a key, and an error that
// quotes a URL, or a password taken from one, is printed with them
// blanked out. It is the one redaction for every URL the bot prints
// (DATABASE_URL, DISCORD_API_URL).
package secret

import (
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Mask stands for a value taken out.
const Mask = "xxxxx"

// secretParams are the query parameters whose values are taken out: of
// PostgreSQL's (password, sslpassword, …) and the usual names of keys.
var secretParams = regexp.MustCompile(`(?i)(pass|pwd|secret|token|key|auth|credential|signature)`)

// URL returns u for printing: without user info, and with the value of
// every query parameter that may hold a secret replaced by Mask. Text that
// does not read as a URL is cut to its scheme and host, as far as they can
// be told, or to nothing.
func URL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Scheme == "" {
		return roughURL(u)
	}
	p.User = nil
	if p.RawQuery != "" {
		q, err := url.ParseQuery(p.RawQuery)
		if err != nil {
			p.RawQuery = ""
		} else {
			for k := range q {
				if secretParams.MatchString(k) {
					q[k] = []string{Mask}
				}
			}
			p.RawQuery = encode(q)
		}
	}
	p.Fragment, p.RawFragment = "", ""
	return p.String()
}

// encode is url.Values.Encode, keeping the mask readable.
func encode(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range q[k] {
			if v == Mask {
				parts = append(parts, url.QueryEscape(k)+"="+Mask)
				continue
			}
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	return strings.Join(parts, "&")
}

// roughURL is what may be printed of text url.Parse cannot read: the
// scheme and the host, without user info, path or query.
func roughURL(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok || strings.ContainsAny(scheme, " /?@") {
		return "(not a URL)"
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		rest = rest[at+1:]
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	return scheme + "://" + rest
}

// Values returns the secrets a URL holds, as written and as decoded: its
// password, and the values of the query parameters that may hold one.
func Values(u string) []string {
	var out []string
	add := func(v string) {
		if len(v) >= 3 && v != Mask {
			out = append(out, v)
			if d, err := url.QueryUnescape(v); err == nil && d != v {
				out = append(out, d)
			}
		}
	}
	rest := u
	if _, r, ok := strings.Cut(u, "://"); ok {
		rest = r
	}
	if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
		if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
			add(pw)
		}
	}
	if _, query, ok := strings.Cut(u, "?"); ok {
		for _, kv := range strings.Split(query, "&") {
			if k, v, ok := strings.Cut(kv, "="); ok && secretParams.MatchString(k) {
				add(v)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// reURL finds what reads as a URL in text.
var reURL = regexp.MustCompile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s`\"'<>]+")

// Scrub returns text with every URL in it printed as URL prints it (a
// library may quote the URL it was given, or its own form of it), and
// every secret u holds replaced by Mask wherever it stands: for the error
// of a library given u.
func Scrub(text, u string) string {
	for _, v := range Values(u) {
		text = strings.ReplaceAll(text, v, Mask)
	}
	return reURL.ReplaceAllStringFunc(text, URL)
}
