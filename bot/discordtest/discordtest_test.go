package discordtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestStrict: the stand-in refuses what Discord refuses.
func TestStrict(t *testing.T) {
	s := New(t)
	long := strings.Repeat("字", 1025)
	for _, tt := range []struct {
		name, auth, method, path, body string
		status, code                   int
	}{
		{"wrong token", "Bot nope", "POST", "/channels/1/messages", `{"content": "x"}`, 401, 0},
		{"no token", "", "POST", "/channels/1/messages", `{"content": "x"}`, 401, 0},
		{"field too long", "Bot " + Token, "POST", "/channels/1/messages", `{"embeds": [{"fields": [{"name": "n", "value": "` + long + `"}]}]}`, 400, 50035},
		{"empty field value", "Bot " + Token, "POST", "/channels/1/messages", `{"embeds": [{"fields": [{"name": "n", "value": ""}]}]}`, 400, 50035},
		{"over 6000 in all", "Bot " + Token, "POST", "/channels/1/messages", `{"embeds": [{"description": "` + strings.Repeat("字", 4000) + `"}, {"description": "` + strings.Repeat("字", 2001) + `"}]}`, 400, 50035},
		{"over 6000 in an edit", "", "PATCH", "/webhooks/2/tok/messages/@original", `{"embeds": [{"description": "` + strings.Repeat("字", 4000) + `", "footer": {"text": "` + strings.Repeat("字", 2001) + `"}}]}`, 400, 50035},
		{"first response", "", "POST", "/interactions/5/tok/callback", `{"type": 4, "data": {"content": "x"}}`, 204, 0},
		{"second response", "", "POST", "/interactions/5/tok/callback", `{"type": 4, "data": {"content": "x"}}`, 400, 40060},
		{"fine", "Bot " + Token, "POST", "/channels/1/messages", `{"embeds": [{"title": "t", "fields": [{"name": "n", "value": "v"}]}]}`, 200, 0},
	} {
		req, _ := http.NewRequest(tt.method, s.APIURL()+tt.path, strings.NewReader(tt.body))
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e struct {
			Code int `json:"code"`
		}
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != tt.status || e.Code != tt.code {
			t.Errorf("%s: %d code %d, want %d code %d", tt.name, resp.StatusCode, e.Code, tt.status, tt.code)
		}
	}
	s.GlobalRateLimit(0)
	resp, err := http.Get(s.APIURL() + "/gateway")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("X-RateLimit-Global") != "true" || resp.Header.Get("X-RateLimit-Bucket") != "" {
		t.Errorf("global 429: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestCallbackFits(t *testing.T) {
	for _, tt := range []struct {
		interaction, callback int
		want                  bool
	}{
		{2, 4, true}, {2, 5, true}, {2, 7, false}, {2, 6, false}, {2, 8, false},
		{3, 7, true}, {3, 6, true}, {3, 4, true}, {4, 8, true}, {4, 4, false}, {1, 1, true},
	} {
		if got := callbackFits(tt.interaction, tt.callback); got != tt.want {
			t.Errorf("callbackFits(%d, %d) = %v, want %v", tt.interaction, tt.callback, got, tt.want)
		}
	}
}
