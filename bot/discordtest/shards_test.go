package discordtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
)

// TestEnforcedNonce: a message with enforce_nonce is made once per channel
// and nonce; without it, every post makes a message.
func TestEnforcedNonce(t *testing.T) {
	t.Parallel()
	s := New(t)
	post := func(ch, contentType string, body []byte) string {
		req, _ := http.NewRequest("POST", s.APIURL()+"/channels/"+ch+"/messages", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bot "+Token)
		req.Header.Set("Content-Type", contentType)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m struct{ ID string }
		json.NewDecoder(resp.Body).Decode(&m)
		return m.ID
	}
	js := func(ch, body string) string { return post(ch, "application/json", []byte(body)) }
	a := js("1", `{"content": "x", "nonce": "d1", "enforce_nonce": true}`)
	if again := js("1", `{"content": "x", "nonce": "d1", "enforce_nonce": true}`); again != a {
		t.Errorf("the same nonce made %s after %s", again, a)
	}
	if other := js("2", `{"content": "x", "nonce": "d1", "enforce_nonce": true}`); other == a {
		t.Error("a nonce in another channel named the first channel's message")
	}
	if free := js("1", `{"content": "x", "nonce": "d1"}`); free == a {
		t.Error("a nonce without enforce_nonce was enforced")
	}
	var dups int
	for _, r := range s.Requests() {
		if r.Duplicate {
			dups++
		}
	}
	if dups != 1 {
		t.Errorf("%d posts marked Duplicate, want 1", dups)
	}
}

func TestShardOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		guild string
		count int
		want  int
	}{
		{"41771983423418368", 1, 0},
		{"41771983423418368", 4, (41771983423418368 >> 22) % 4},
		{"4194304", 3, 1},
		{"8388608", 3, 2},
	} {
		if got := ShardOf(tt.guild, tt.count); got != tt.want {
			t.Errorf("ShardOf(%s, %d) = %d, want %d", tt.guild, tt.count, got, tt.want)
		}
	}
}
