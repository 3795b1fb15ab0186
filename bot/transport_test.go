package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestTransportErrorNamesTheAddress: a connection error names the address
// the request went to (DISCORD_API_URL), not Discord's.
func TestTransportErrorNamesTheAddress(t *testing.T) {
	t.Parallel()
	tr, err := newAPITransport("http://127.0.0.1:1", time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	_, err = (&http.Client{Transport: tr}).Get(discordAPI + "gateway")
	if err == nil || !strings.Contains(err.Error(), "http://127.0.0.1:1/gateway") {
		t.Errorf("err = %v, want it to name http://127.0.0.1:1/gateway", err)
	}
}
