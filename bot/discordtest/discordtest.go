// Package discordtest is a stand-in for Discord on loopback, for tests of
// the real discordgo client: an HTTP server for the REST routes the bot uses
// and a websocket gateway that says HELLO (op 10), reads IDENTIFY (op 2) or
// RESUME (op 6), sends READY or RESUMED, answers heartbeats (op 1 with op
// 11), and dispatches the events a test asks for. It records every request.
//
// It is as strict as Discord where the bot could go wrong: a request with a
// wrong Authorization header gets 401; a message, interaction response or
// webhook edit with an embed over one of Discord's limits, an empty field
// value, an over-long custom id or attachment description, or a multipart
// body without payload_json gets 400 with code 50035 (Invalid Form Body),
// and so does a response of a type that does not fit the
// interaction (an update to a slash command); a second response to one
// interaction gets 400 with code 40060; an
// IDENTIFY with a wrong token is closed with 4004 and one asking for the
// Message Content intent, when the test said the portal switch is off, with
// 4014. A test can also send INVALID_SESSION (op 9), close the connection
// with any code, answer with a global 429 or a 5xx.
//
// A body with files comes as multipart/form-data, as Discord takes it: the
// JSON in a part named payload_json and each file in a part files[N]. The
// stand-in records the JSON as the request's Body and the files as its
// Files. It is stricter than Discord in one thing: an embed whose image is
// attachment://NAME with no file NAME in the same request gets 400 (Discord
// would show the embed without its image).
//
// Several bot processes may connect at once, one per shard: IDENTIFY's
// shard [id, count] says which; DispatchGuild sends a guild's events to the
// connection of its shard, (guild_id >> 22) % count, as Discord does. A
// message posted with a nonce and enforce_nonce is created once: a second
// post with the same nonce in the channel answers with the first message
// (Discord remembers nonces for a few minutes; the stand-in, for its life).
// HoldPosts holds a channel's next message post unanswered until
// ReleasePosts, so a test can kill the process that sent it.
//
// When DISCORDTEST_REQUESTS names a file, every REST request with a body is
// appended to it as a JSON line {"method", "path", "body"}, the format of
// the OpenAPI checker (../shared/discord-api-spec/check.py); for a
// multipart request the body is its payload_json.
package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"
)

// minWait is the least WaitFor waits before it gives up.
const minWait = 30 * time.Second

// IDs of the stand-in's bot user and application, and the token it accepts.
const (
	BotID = "900000000000000001"
	AppID = "900000000000000002"
	Token = "test-token-not-secret"
)

// Request is one REST request the bot made.
type Request struct {
	Method string
	Path   string    // after /api/v9, e.g. /channels/1/messages
	Body   []byte    // the JSON body; of a multipart request, its payload_json
	Files  []File    // the files of a multipart request, in order
	Status int       // the status the stand-in answered with; 0 while held
	At     time.Time // when it arrived
	// MessageID is the message a post to /channels/{id}/messages made or,
	// with Duplicate, the earlier one its nonce named.
	MessageID string
	Duplicate bool
}

// File is one file part of a multipart request.
type File struct {
	Field       string // the part's name: files[0]
	Name        string // its filename
	ContentType string
	Data        []byte
}

// maxUpload is what Discord takes in one message's files, in bytes.
const maxUpload = 10 << 20

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
	sessions  int
	failures  map[string][]failure // path → responses to give before the real one
	global    []failure            // responses to give to the next requests, whatever their path
	answered  map[string]bool      // interaction id → responded to
	kinds     map[string]int       // interaction id → its type, as dispatched
	channels  map[string]string    // channel id → its JSON, for GET /channels/{id}
	closeNext int                  // close the next IDENTIFY with this code
	shards    map[int]*wsConn      // shard id → its current connection
	shardOf   map[string]int       // session id → shard, for RESUME
	shardN    int                  // the shard count the bots identified with
	nonces    map[string]string    // channel|nonce → message id
	holds     map[string]*hold     // channel → its next post is held
	// NoMessageContent: the portal's Message Content switch is off; an
	// IDENTIFY asking for the intent is closed with 4014.
	noMessageContent bool
	dump             *os.File
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

func (w *wsConn) close(code int, text string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	err := w.c.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	w.c.Close()
	return err
}

// New starts a stand-in; it stops when the test ends.
func New(t testing.TB) *Server {
	s := &Server{t: t, changed: make(chan struct{}), failures: map[string][]failure{}, answered: map[string]bool{}, kinds: map[string]int{}, channels: map[string]string{},
		shards: map[int]*wsConn{}, shardOf: map[string]int{}, nonces: map[string]string{}, holds: map[string]*hold{}}
	if path := os.Getenv("DISCORDTEST_REQUESTS"); path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatalf("DISCORDTEST_REQUESTS: %v", err)
		}
		s.dump = f
	}
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
		for _, c := range s.shards {
			c.c.Close()
		}
		for ch, h := range s.holds {
			close(h.release)
			delete(s.holds, ch)
		}
		s.mu.Unlock()
		s.http.Close()
		if s.dump != nil {
			s.dump.Close()
		}
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

// FailNext makes the next n requests, to any path, fail with status and
// body: a 5xx, or a global 429 (GlobalRateLimit).
func (s *Server) FailNext(n, status int, body string, header http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		s.global = append(s.global, failure{status, body, header})
	}
}

// GlobalRateLimit answers the next request with a global 429, as Discord
// does: global true and retry_after in the body, Retry-After and
// X-RateLimit-Global in the headers, and no bucket headers.
func (s *Server) GlobalRateLimit(retryAfter time.Duration) {
	secs := retryAfter.Seconds()
	s.FailNext(1, http.StatusTooManyRequests,
		fmt.Sprintf(`{"message": "You are being rate limited.", "retry_after": %g, "global": true, "code": 0}`, secs),
		http.Header{"Retry-After": {strconv.Itoa(int(secs + 0.999))}, "X-Ratelimit-Global": {"true"}, "X-Ratelimit-Scope": {"global"}})
}

// SetMessageContentAllowed says whether the portal's Message Content switch
// is on (it is, by default).
func (s *Server) SetMessageContentAllowed(on bool) {
	s.mu.Lock()
	s.noMessageContent = !on
	s.mu.Unlock()
}

// CloseNextIdentify closes the next IDENTIFY with code (4004, 4010 to 4014).
func (s *Server) CloseNextIdentify(code int) {
	s.mu.Lock()
	s.closeNext = code
	s.mu.Unlock()
}

// AddChannel lets GET /channels/{id} answer with a channel of the given
// type (0 text, 11 public thread) under parent.
func (s *Server) AddChannel(id, guildID, parentID string, typ int) {
	b, _ := json.Marshal(map[string]any{"id": id, "guild_id": guildID, "parent_id": parentID, "type": typ, "name": "c" + id})
	s.mu.Lock()
	s.channels[id] = string(b)
	s.mu.Unlock()
}

// authorized tells whether a REST request may go through: interaction
// callbacks and webhook requests carry their own token; every other route
// needs "Bot TOKEN".
func authorized(r *http.Request, path string) bool {
	if strings.HasPrefix(path, "/interactions/") || strings.HasPrefix(path, "/webhooks/") || path == "/gateway" {
		return true
	}
	return r.Header.Get("Authorization") == "Bot "+Token
}

func (s *Server) rest(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/api/v9")
	var (
		files  []File
		status int
		answer string
		header = http.Header{}
	)
	if mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		var err error
		if body, files, err = readMultipart(body, params["boundary"]); err != nil {
			status, answer = http.StatusBadRequest, invalidFormBody(err.Error())
		}
	}
	held := -1
	if ch, ok := messagesChannel(r.Method, path); ok && status == 0 {
		s.mu.Lock()
		if h, ok := s.holds[ch]; ok && !h.taken {
			h.taken = true
			held = len(s.requests)
			s.requests = append(s.requests, Request{Method: r.Method, Path: path, Body: body, Files: files, At: at})
			s.notify()
			s.mu.Unlock()
			<-h.release
			s.mu.Lock()
		}
		s.mu.Unlock()
	}
	if status == 0 {
		status, answer, header = s.answer(r, path, body, files)
	}
	var msg struct {
		ID string `json:"id"`
	}
	if _, ok := messagesChannel(r.Method, path); ok && status == http.StatusOK {
		json.Unmarshal([]byte(answer), &msg)
	}
	dup := header.Get("X-Discordtest-Duplicate") != ""
	header.Del("X-Discordtest-Duplicate")

	s.mu.Lock()
	if held >= 0 {
		s.requests[held].Status, s.requests[held].MessageID, s.requests[held].Duplicate = status, msg.ID, dup
	} else {
		s.requests = append(s.requests, Request{Method: r.Method, Path: path, Body: body, Files: files, Status: status, At: at, MessageID: msg.ID, Duplicate: dup})
	}
	if s.dump != nil && len(body) > 0 {
		line, _ := json.Marshal(map[string]string{"method": r.Method, "path": path, "body": string(body)})
		s.dump.Write(append(line, '\n'))
	}
	s.notify()
	s.mu.Unlock()

	for k, vs := range header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, answer)
}

// readMultipart splits a multipart/form-data body into its payload_json and
// its files, as Discord reads it.
func readMultipart(body []byte, boundary string) (payload []byte, files []File, err error) {
	if boundary == "" {
		return nil, nil, errors.New("multipart: no boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("multipart: %v", err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, nil, fmt.Errorf("multipart: %v", err)
		}
		switch name := p.FormName(); {
		case name == "payload_json":
			payload = data
		case strings.HasPrefix(name, "files[") && strings.HasSuffix(name, "]") && p.FileName() != "":
			files = append(files, File{Field: name, Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
		default:
			return nil, nil, fmt.Errorf("multipart: unexpected part %q (filename %q)", name, p.FileName())
		}
	}
	if payload == nil {
		return nil, nil, errors.New("payload_json: required in a multipart body")
	}
	return payload, files, nil
}

func (s *Server) answer(r *http.Request, path string, body []byte, files []File) (status int, answer string, header http.Header) {
	if fail := s.nextFailure(path); fail != nil {
		return fail.status, fail.body, fail.header
	}
	if !authorized(r, path) {
		return http.StatusUnauthorized, `{"message": "401: Unauthorized", "code": 0}`, nil
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	if len(files) > 10 || size > maxUpload {
		return http.StatusRequestEntityTooLarge, `{"message": "Request entity too large", "code": 40005}`, nil
	}
	if len(body) > 0 && r.Method != http.MethodGet {
		if msg := invalidBody(path, body, files); msg != "" {
			return http.StatusBadRequest, invalidFormBody(msg), nil
		}
	}
	switch {
	case r.Method == http.MethodGet && (path == "/gateway/bot" || path == "/gateway"):
		u := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway/"
		if path == "/gateway" {
			return http.StatusOK, fmt.Sprintf(`{"url": %q}`, u), nil
		}
		return http.StatusOK, fmt.Sprintf(`{"url": %q, "shards": 1, "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}`, u), nil
	case r.Method == http.MethodPut && strings.HasPrefix(path, "/applications/"):
		return http.StatusOK, registered(body), nil
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/interactions/"):
		status, answer := s.callback(path, body)
		return status, answer, nil
	case (r.Method == http.MethodPatch || r.Method == http.MethodPost) && strings.HasPrefix(path, "/webhooks/"):
		return http.StatusOK, fmt.Sprintf(`{"id": %q, "channel_id": "1", "content": "", "embeds": []}`, s.nextMessageID()), nil
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "/webhooks/"):
		return http.StatusNoContent, "", nil
	case r.Method == http.MethodPost && strings.HasPrefix(path, "/channels/") && strings.HasSuffix(path, "/messages"):
		return s.post(path, body)
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/channels/") && strings.Count(path, "/") == 2:
		s.mu.Lock()
		c, ok := s.channels[strings.TrimPrefix(path, "/channels/")]
		s.mu.Unlock()
		if ok {
			return http.StatusOK, c, nil
		}
		return http.StatusNotFound, `{"message": "Unknown Channel", "code": 10003}`, nil
	}
	return http.StatusNotFound, `{"message": "Unknown route", "code": 0}`, nil
}

// nextFailure takes the failure the test asked for the next request (to
// any path), or the next request to path; nil when there is none.
func (s *Server) nextFailure(path string) *failure {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.global) > 0 {
		fail := &s.global[0]
		s.global = s.global[1:]
		return fail
	}
	if fs := s.failures[path]; len(fs) > 0 {
		s.failures[path] = fs[1:]
		return &fs[0]
	}
	return nil
}

// callback answers an interaction's response: once per interaction, of a
// type that fits it.
func (s *Server) callback(path string, body []byte) (status int, answer string) {
	id := strings.Split(strings.TrimPrefix(path, "/interactions/"), "/")[0]
	var cb struct {
		Type int `json:"type"`
	}
	json.Unmarshal(body, &cb)
	s.mu.Lock()
	again := s.answered[id]
	kind, known := s.kinds[id]
	if !again {
		s.answered[id] = true
	}
	s.mu.Unlock()
	if again {
		return http.StatusBadRequest, `{"message": "Interaction has already been acknowledged.", "code": 40060}`
	}
	if known && !callbackFits(kind, cb.Type) {
		return http.StatusBadRequest, invalidFormBody(fmt.Sprintf("type: callback %d does not answer an interaction of type %d", cb.Type, kind))
	}
	return http.StatusNoContent, ""
}

// post makes a message in a channel, once per enforced nonce: a second
// post with the nonce answers with the first message, marked duplicate.
func (s *Server) post(path string, body []byte) (status int, answer string, header http.Header) {
	ch := strings.TrimSuffix(strings.TrimPrefix(path, "/channels/"), "/messages")
	var n struct {
		Nonce        any  `json:"nonce"`
		EnforceNonce bool `json:"enforce_nonce"`
	}
	json.Unmarshal(body, &n) // of a multipart post, rest passes its payload_json
	key := ""
	if n.EnforceNonce && n.Nonce != nil {
		key = ch + "|" + fmt.Sprint(n.Nonce)
	}
	s.mu.Lock()
	id, again := s.nonces[key]
	if key != "" && !again {
		s.msgID++
		id = strconv.Itoa(800000000000000000 + s.msgID)
		s.nonces[key] = id
	}
	s.mu.Unlock()
	if again {
		header = http.Header{"X-Discordtest-Duplicate": {"1"}}
	} else if key == "" {
		id = s.nextMessageID()
	}
	return http.StatusOK, fmt.Sprintf(`{"id": %q, "channel_id": %q, "content": "", "embeds": []}`, id, ch), header
}

// callbackFits tells whether a response type answers an interaction type:
// an autocomplete gets choices (8), only a message's component or a modal
// may update a message (6, 7), and a ping only a pong (1).
func callbackFits(interaction, callback int) bool {
	switch callback {
	case 1:
		return interaction == 1
	case 4, 5:
		return interaction == 2 || interaction == 3 || interaction == 5
	case 6, 7:
		return interaction == 3 || interaction == 5
	case 8:
		return interaction == 4
	case 9:
		return interaction == 2 || interaction == 3
	}
	return false
}

// registered answers a bulk overwrite with the commands, each given an id.
func registered(body []byte) string {
	var cmds []map[string]any
	if json.Unmarshal(body, &cmds) != nil {
		return string(body)
	}
	for i, c := range cmds {
		c["id"] = strconv.Itoa(910000000000000000 + i)
		c["application_id"] = AppID
		c["version"] = "1"
	}
	b, _ := json.Marshal(cmds)
	return string(b)
}

func invalidFormBody(msg string) string {
	b, _ := json.Marshal(map[string]any{"message": "Invalid Form Body", "code": 50035, "errors": map[string]any{"_errors": []any{map[string]string{"code": "BASE_TYPE_INVALID", "message": msg}}}})
	return string(b)
}

// Discord's limits on a message, in characters.
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedsTotal = 6000
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxCustomID    = 100
	maxLabel       = 80
)

type embed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  *string `json:"name"`
		Value *string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
	Image *struct {
		URL string `json:"url"`
	} `json:"image"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author"`
}

type messageBody struct {
	Content    string `json:"content"`
	Embeds     []embed
	Components []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
			Label    string `json:"label"`
		} `json:"components"`
	} `json:"components"`
	Attachments []struct {
		Filename    string `json:"filename"`
		Description string `json:"description"`
	} `json:"attachments"`
}

// maxAttachmentDescription is Discord's limit on a file's description.
const maxAttachmentDescription = 1024

// invalidBody checks a message body (a channel message, an interaction
// response's data, a webhook message) against Discord's limits and says
// what is wrong, or "". files are the request's uploads.
func invalidBody(path string, body []byte, files []File) string {
	m, ok, msg := readMessage(path, body)
	if !ok {
		return msg
	}
	runes := utf8.RuneCountInString
	if runes(m.Content) > maxContent {
		return fmt.Sprintf("content: must be %d or fewer in length", maxContent)
	}
	if len(m.Embeds) > maxEmbeds {
		return fmt.Sprintf("embeds: must be %d or fewer in length", maxEmbeds)
	}
	total := 0
	for i, e := range m.Embeds {
		n, msg := invalidEmbed(e, fmt.Sprintf("embeds.%d.", i), files)
		if msg != "" {
			return msg
		}
		total += n
	}
	for i, a := range m.Attachments {
		if runes(a.Description) > maxAttachmentDescription {
			return fmt.Sprintf("attachments.%d.description: must be %d or fewer in length", i, maxAttachmentDescription)
		}
	}
	if total > maxEmbedsTotal {
		return fmt.Sprintf("embeds: %d characters in all, more than %d", total, maxEmbedsTotal)
	}
	seen := map[string]bool{}
	for _, row := range m.Components {
		for _, c := range row.Components {
			if runes(c.CustomID) > maxCustomID || runes(c.Label) > maxLabel {
				return "components: custom_id or label too long"
			}
			if c.CustomID != "" && seen[c.CustomID] {
				return "components: custom_id must be unique"
			}
			seen[c.CustomID] = true
		}
	}
	return ""
}

// readMessage reads the message a request to path carries; ok is false
// when it carries none to check, with what is wrong with the body, if
// anything.
func readMessage(path string, body []byte) (m messageBody, ok bool, msg string) {
	switch {
	case strings.HasPrefix(path, "/interactions/"):
		var cb struct {
			Type int             `json:"type"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(body, &cb); err != nil {
			return m, false, "body: " + err.Error()
		}
		if cb.Type < 1 || cb.Type > 12 {
			return m, false, fmt.Sprintf("type: %d is not an interaction callback type", cb.Type)
		}
		if len(cb.Data) == 0 || string(cb.Data) == "null" {
			return m, false, ""
		}
		if err := json.Unmarshal(cb.Data, &m); err != nil {
			return m, false, "data: " + err.Error()
		}
	case strings.HasPrefix(path, "/webhooks/") || (strings.HasPrefix(path, "/channels/") && strings.HasSuffix(path, "/messages")):
		if err := json.Unmarshal(body, &m); err != nil {
			return m, false, "body: " + err.Error()
		}
	default:
		return m, false, ""
	}
	return m, true, ""
}

// invalidEmbed checks one embed (at names it, embeds.N.) and returns its
// characters, which count toward the message's total, or what is wrong.
func invalidEmbed(e embed, at string, files []File) (chars int, msg string) {
	runes := utf8.RuneCountInString
	if runes(e.Title) > maxTitle {
		return 0, at + "title: too long"
	}
	if runes(e.Description) > maxDescription {
		return 0, at + "description: too long"
	}
	if len(e.Fields) > maxFields {
		return 0, at + "fields: too many"
	}
	chars = runes(e.Title) + runes(e.Description)
	for j, f := range e.Fields {
		if f.Name == nil || strings.TrimSpace(*f.Name) == "" || runes(*f.Name) > maxFieldName {
			return 0, fmt.Sprintf("%sfields.%d.name: required, at most %d", at, j, maxFieldName)
		}
		if f.Value == nil || strings.TrimSpace(*f.Value) == "" || runes(*f.Value) > maxFieldValue {
			return 0, fmt.Sprintf("%sfields.%d.value: required, at most %d", at, j, maxFieldValue)
		}
		chars += runes(*f.Name) + runes(*f.Value)
	}
	if e.Footer != nil {
		if runes(e.Footer.Text) > maxFooter {
			return 0, at + "footer.text: too long"
		}
		chars += runes(e.Footer.Text)
	}
	if e.Author != nil {
		chars += runes(e.Author.Name)
	}
	if e.Image != nil {
		if name, ok := strings.CutPrefix(e.Image.URL, "attachment://"); ok && !hasFile(files, name) {
			return 0, at + "image.url: no file named " + name + " in this request"
		}
	}
	return chars, ""
}

func hasFile(files []File, name string) bool {
	for _, f := range files {
		if f.Name == name {
			return true
		}
	}
	return false
}

// hold is a held message post.
type hold struct {
	release chan struct{}
	taken   bool // the post arrived and waits
}

// messagesChannel returns the channel of a message post.
func messagesChannel(method, path string) (string, bool) {
	if method != http.MethodPost || !strings.HasPrefix(path, "/channels/") || !strings.HasSuffix(path, "/messages") {
		return "", false
	}
	return strings.TrimSuffix(strings.TrimPrefix(path, "/channels/"), "/messages"), true
}

func (s *Server) nextMessageID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgID++
	return strconv.Itoa(800000000000000000 + s.msgID)
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
}

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
	var first frame
	if err := c.ReadJSON(&first); err != nil {
		return
	}
	s.mu.Lock()
	s.gateway = append(s.gateway, Gateway{Op: first.Op, Payload: first.D, Query: r.URL.RawQuery})
	s.conn = conn
	s.noteShard(conn, first)
	s.notify()
	s.mu.Unlock()
	if !s.begin(conn, first) {
		return
	}
	for {
		var m frame
		if err := c.ReadJSON(&m); err != nil {
			return
		}
		switch m.Op {
		case 1:
			conn.write(map[string]any{"op": 11})
		case 2, 6: // after INVALID_SESSION
			s.mu.Lock()
			s.gateway = append(s.gateway, Gateway{Op: m.Op, Payload: m.D, Query: r.URL.RawQuery})
			s.noteShard(conn, m)
			s.notify()
			s.mu.Unlock()
			if !s.begin(conn, m) {
				return
			}
		}
	}
}

// identifyShard reads IDENTIFY's shard [id, count]; [0, 1] when absent.
func identifyShard(v []int) (shard, count int) {
	if len(v) == 2 && v[1] > 0 {
		return v[0], v[1]
	}
	return 0, 1
}

// noteShard makes conn the connection of the shard an IDENTIFY names, or
// of the session a RESUME names, as the stand-in records it, so that a
// test that saw the record can dispatch to it. s.mu is held.
func (s *Server) noteShard(conn *wsConn, f frame) {
	var d struct {
		SessionID string `json:"session_id"`
		Shard     []int  `json:"shard"`
	}
	json.Unmarshal(f.D, &d)
	switch f.Op {
	case 2:
		shard, count := identifyShard(d.Shard)
		s.shards[shard] = conn
		s.shardN = count
	case 6:
		if shard, ok := s.shardOf[d.SessionID]; ok {
			s.shards[shard] = conn
		}
	}
}

// begin answers an IDENTIFY with READY and a RESUME with RESUMED, or closes
// the connection as Discord would; it tells whether the connection goes on.
func (s *Server) begin(conn *wsConn, f frame) bool {
	var d struct {
		Token     string `json:"token"`
		Intents   int    `json:"intents"`
		SessionID string `json:"session_id"`
		Shard     []int  `json:"shard"`
	}
	json.Unmarshal(f.D, &d)
	s.mu.Lock()
	closeCode := s.closeNext
	s.closeNext = 0
	noContent := s.noMessageContent
	s.sessions++
	session := "standin-session"
	if s.sessions > 1 {
		session += "-" + strconv.Itoa(s.sessions)
	}
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	token := strings.TrimPrefix(d.Token, "Bot ")
	switch {
	case f.Op != 2 && f.Op != 6:
		conn.close(4002, "Error while decoding payload.")
		return false
	case token != Token:
		conn.close(4004, "Authentication failed.")
		return false
	case f.Op == 2 && closeCode != 0:
		conn.close(closeCode, "Closed by the test.")
		return false
	case f.Op == 2 && noContent && d.Intents&(1<<15) != 0:
		conn.close(4014, "Disallowed intent(s).")
		return false
	case f.Op == 6:
		conn.write(map[string]any{"op": 0, "t": "RESUMED", "s": seq, "d": map[string]any{}})
		return true
	}
	shard, count := identifyShard(d.Shard)
	s.mu.Lock()
	s.shardOf[session] = shard
	s.mu.Unlock()
	u := "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway/"
	conn.write(map[string]any{"op": 0, "t": "READY", "s": seq, "d": map[string]any{
		"v": 9, "session_id": session, "resume_gateway_url": u,
		"user":        map[string]any{"id": BotID, "username": "reportbot", "discriminator": "0", "bot": true},
		"application": map[string]any{"id": AppID, "flags": 0},
		"guilds":      []any{}, "private_channels": []any{}, "shard": []int{shard, count},
	}})
	return true
}

func (s *Server) current() *wsConn {
	s.t.Helper()
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn == nil {
		s.t.Fatal("no gateway connection")
	}
	return conn
}

// Dispatch sends an event (op 0) on the current gateway connection.
func (s *Server) Dispatch(event string, d any) {
	s.t.Helper()
	s.dispatchOn(s.current(), event, d)
}

func (s *Server) dispatchOn(conn *wsConn, event string, d any) {
	s.t.Helper()
	s.mu.Lock()
	s.seq++
	seq := s.seq
	s.mu.Unlock()
	if event == "INTERACTION_CREATE" {
		var i struct {
			ID   string `json:"id"`
			Type int    `json:"type"`
		}
		b, _ := json.Marshal(d)
		json.Unmarshal(b, &i)
		s.mu.Lock()
		s.kinds[i.ID] = i.Type
		s.mu.Unlock()
	}
	if err := conn.write(map[string]any{"op": 0, "t": event, "s": seq, "d": d}); err != nil {
		s.t.Fatalf("dispatch %s: %v", event, err)
	}
}

// ShardOf returns the shard that serves a guild: (guild_id >> 22) % count.
func ShardOf(guildID string, count int) int {
	id, _ := strconv.ParseUint(guildID, 10, 64)
	if count < 1 {
		count = 1
	}
	return int((id >> 22) % uint64(count))
}

// DispatchGuild sends an event of a guild on the connection of the shard
// that serves it, as Discord routes a guild's events.
func (s *Server) DispatchGuild(guildID, event string, d any) {
	s.t.Helper()
	s.mu.Lock()
	shard := ShardOf(guildID, s.shardN)
	conn := s.shards[shard]
	s.mu.Unlock()
	if conn == nil {
		s.t.Fatalf("dispatch %s: no connection for shard %d of guild %s", event, shard, guildID)
	}
	s.dispatchOn(conn, event, d)
}

// HoldPosts holds the next message post to a channel: it is recorded with
// Status 0 when it arrives and answered (the message made) only after
// ReleasePosts, whether or not its sender is still there.
func (s *Server) HoldPosts(channelID string) {
	s.mu.Lock()
	s.holds[channelID] = &hold{release: make(chan struct{})}
	s.mu.Unlock()
}

// ReleasePosts lets a held post to a channel go on.
func (s *Server) ReleasePosts(channelID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h, ok := s.holds[channelID]; ok {
		close(h.release)
		delete(s.holds, channelID)
	}
}

// Reconnect asks the bot to reconnect (op 7), as Discord does.
func (s *Server) Reconnect() {
	s.t.Helper()
	if err := s.current().write(map[string]any{"op": 7, "d": nil}); err != nil {
		s.t.Fatalf("reconnect: %v", err)
	}
}

// InvalidSession sends INVALID_SESSION (op 9): resumable says whether the
// session may be resumed.
func (s *Server) InvalidSession(resumable bool) {
	s.t.Helper()
	if err := s.current().write(map[string]any{"op": 9, "d": resumable}); err != nil {
		s.t.Fatalf("invalid session: %v", err)
	}
}

// Close closes the current gateway connection with a close code, as
// Discord does: 4000 to 4009 may be resumed, 4004 and 4010 to 4014 may not.
func (s *Server) Close(code int, text string) {
	s.t.Helper()
	s.current().close(code, text)
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

// WriteRequests writes every REST request with a body as a JSON line
// {"method", "path", "body"}, the input of the OpenAPI checker.
func (s *Server) WriteRequests(w io.Writer) error {
	for _, r := range s.Requests() {
		if len(r.Body) == 0 {
			continue
		}
		line, _ := json.Marshal(map[string]string{"method": r.Method, "path": r.Path, "body": string(r.Body)})
		if _, err := w.Write(append(line, '\n')); err != nil {
			return err
		}
	}
	return nil
}

// WaitFor waits until cond holds of the stand-in's records, or fails the
// test after timeout.
func (s *Server) WaitFor(what string, timeout time.Duration, cond func(reqs []Request, gws []Gateway) bool) {
	s.t.Helper()
	// A condition that holds comes in milliseconds; the deadline only bounds
	// a failure, so it is generous: a CI machine of two cores may be busy
	// building and running other packages' processes at the same time.
	deadline := time.After(max(timeout, minWait))
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
