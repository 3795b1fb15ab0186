package discordtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestStrict: the stand-in refuses what Discord refuses.
func TestStrict(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// TestMultipart: a body with files is read as Discord reads it: the JSON of
// payload_json is the body, the files[N] parts are the files, and an embed
// image must name a file of the same request.
func TestMultipart(t *testing.T) {
	t.Parallel()
	s := New(t)
	png := []byte("\x89PNG\r\n\x1a\n not really")
	post := func(payload string, files ...*discordgo.File) int {
		t.Helper()
		var ctype string
		var body []byte
		if payload == "" { // no payload_json at all: a body of the file alone
			ctype, body = multipartWithout(t, files[0])
		} else {
			var err error
			if ctype, body, err = discordgo.MultipartBodyWithJSON(json.RawMessage(payload), files); err != nil {
				t.Fatal(err)
			}
		}
		req, _ := http.NewRequest("POST", s.APIURL()+"/channels/1/messages", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bot "+Token)
		req.Header.Set("Content-Type", ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	file := func(name string) *discordgo.File {
		return &discordgo.File{Name: name, ContentType: "image/png", Reader: bytes.NewReader(png)}
	}
	for _, tt := range []struct {
		name    string
		payload string
		files   []*discordgo.File
		want    int
	}{
		{"image with its file", `{"embeds": [{"title": "t", "image": {"url": "attachment://a.png"}}], "attachments": [{"id": "0", "description": "d"}]}`, []*discordgo.File{file("a.png")}, 200},
		{"image without its file", `{"embeds": [{"title": "t", "image": {"url": "attachment://b.png"}}]}`, []*discordgo.File{file("a.png")}, 400},
		{"description too long", `{"attachments": [{"id": "0", "description": "` + strings.Repeat("字", 1025) + `"}]}`, []*discordgo.File{file("a.png")}, 400},
		{"no payload_json", "", []*discordgo.File{file("a.png")}, 400},
	} {
		if got := post(tt.payload, tt.files...); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
	r := s.Requests()[0]
	if !strings.Contains(string(r.Body), `"attachment://a.png"`) || len(r.Files) != 1 {
		t.Fatalf("recorded %s with %d files", r.Body, len(r.Files))
	}
	if f := r.Files[0]; f.Field != "files[0]" || f.Name != "a.png" || f.ContentType != "image/png" || !bytes.Equal(f.Data, png) {
		t.Errorf("file %s %s %s %q", f.Field, f.Name, f.ContentType, f.Data)
	}
}

// multipartWithout is a multipart body of one file and no payload_json.
func multipartWithout(t *testing.T, f *discordgo.File) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	p, err := w.CreateFormFile("files[0]", f.Name)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(p, f.Reader)
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}
