package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestTransportErrorNamesTheAddress: a connection error names the address
// the request went to (DISCORD_API_URL, without its user info), once, and
// not Discord's.
func TestTransportErrorNamesTheAddress(t *testing.T) {
	t.Parallel()
	tr, err := newAPITransport("http://someone:hunter2@127.0.0.1:1/api/v9", time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	_, err = (&http.Client{Transport: tr}).Get(discordAPI + "gateway")
	got := tr.named(err).Error()
	if !strings.Contains(got, `"http://127.0.0.1:1/api/v9/gateway"`) || strings.Count(got, "127.0.0.1:1") != 2 {
		t.Errorf("err = %s, want it to name http://127.0.0.1:1/api/v9/gateway (and the dial)", got)
	}
	for _, no := range []string{"discord.com", "someone", "hunter2"} {
		if strings.Contains(got, no) {
			t.Errorf("err = %s: names %s", got, no)
		}
	}
}
