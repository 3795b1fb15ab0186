// Package commands is the whole conversation of reportbot: slash commands,
// chat questions and the daily digest, in its own request and reply types.
// It knows nothing of Discord or of the terminal; the Discord adapter and the
// console are two front ends over one Router, so what a person sees in
// Discord is what `reportbot COMMAND` prints.
package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"reportbot/report"
)

// Knowledge is what the commands need from the knowledge base: one or
// more reports.
type Knowledge interface {
	// Ask returns the best sentences for a question, from the report it
	// names or else the default one; report.ErrInvalidInput when it has
	// nothing to search for. The result says whether the report answers the
	// question at all, and, when several are loaded, which report it quotes.
	Ask(ctx context.Context, question string, top int) (report.Result, error)
	// AskIn answers a question of a conversation: a follow-up (那去年呢) is
	// read with prev, the conversation's previous question as understood;
	// the result's Understood is the question as read.
	AskIn(ctx context.Context, question, prev string, top int) (report.Result, error)
	// Books returns the loaded reports, the default one first.
	Books() []report.Book
	// Pick returns the report a command's argument names (its city, or a
	// year only it covers), with the argument left without the city; the
	// default report and the argument as it is when it names none.
	Pick(text string) (report.Book, string)
}

// Request is one command to run: a name and its options, or a page cursor
// from an earlier reply.
type Request struct {
	Command string            `json:"command"`
	Options map[string]string `json:"options,omitempty"`
	Cursor  string            `json:"cursor,omitempty"` // Reply.Next of an earlier reply; wins over Command
	// Locale is the asker's language as their client reports it (en-US,
	// zh-CN); an English one gets the words around an answer in English.
	Locale string `json:"locale,omitempty"`
	// Conversation names the conversation a question belongs to (a person
	// in a channel, the console's session, the answer a reply answers); a
	// follow-up is read with its previous question. "": none.
	Conversation string `json:"conversation,omitempty"`
}

// Reply is what the bot says: a value that each front end renders its way.
// Nothing in it is markup; text a user typed may appear in Title and Body,
// and renderers must show it as plain text.
type Reply struct {
	Title string `json:"title"`
	// Answer is the one line that answers a question, before the quoted
	// sentence (2017年目标：实现旅游总收入1040亿元); front ends show it first.
	Answer string `json:"answer,omitempty"`
	// Understood is a follow-up question as it was read with the one
	// before it (去年旅游收入目标是多少 for 那去年呢); "" for a question read
	// as it was asked.
	Understood string   `json:"understood,omitempty"`
	Body       []string `json:"body,omitempty"`
	Fields     []Field  `json:"fields,omitempty"`
	Citation   string   `json:"citation,omitempty"`   // where in the report the answer stands
	Footer     string   `json:"footer,omitempty"`     // page, hints
	Next       string   `json:"next,omitempty"`       // cursor of the next page; empty when none
	Prev       string   `json:"prev,omitempty"`       // cursor of the previous page; empty when none
	UserError  bool     `json:"user_error,omitempty"` // the user's mistake: show it to them alone
	// NotAnswered: the report does not answer the question; the body says
	// so and shows the closest passages, marked as such.
	NotAnswered bool `json:"not_answered,omitempty"`
	// Image is a chart of the reply's figures, or nil; front ends attach
	// Image.PNG() (--json shows what it draws, not its bytes).
	Image *Image `json:"image,omitempty"`
	// Feedback, on a reply to a question, is what a 👍 or 👎 would be
	// about; front ends show vote buttons with Feedback.VoteID.
	Feedback *Feedback `json:"feedback,omitempty"`
	// Private: show the reply to the one who asked alone (a vote's
	// acknowledgement), like a user error.
	Private bool `json:"private,omitempty"`
	// Lang is the language of the reply's own words (report.LangEN for an
	// English question or an English client), for a front end's labels;
	// empty for Chinese.
	Lang string `json:"lang,omitempty"`
}

// Field is a name and a value shown side by side (a figure, a result).
type Field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Command, when set, is the command ("ask", "digest-channel subscribe")
	// that Value begins with as "/COMMAND": a chat front end may show that
	// as a link to the command.
	Command string `json:"command,omitempty"`
}

// OptionType is the type of a command option.
type OptionType int

// The option types.
const (
	OptionString OptionType = iota
	OptionInteger
)

// Option is one typed option of a command.
type Option struct {
	Name          string
	NameZH        string
	NameTW        string // traditional Chinese, for zh-TW clients
	Description   string
	DescriptionZH string
	DescriptionTW string
	Type          OptionType
	Required      bool
	Autocomplete  bool // choices come from Router.Autocomplete
}

// Command describes one command, for help and for registering it with chat
// platforms.
type Command struct {
	Name          string
	NameZH        string
	NameTW        string // traditional Chinese, for zh-TW clients
	Description   string
	DescriptionZH string
	DescriptionTW string
	Options       []Option
	Subcommands   []Command // for chat platforms: COMMAND SUBCOMMAND
	// InServer: the command is about a server (its channels, its digest),
	// not for a person's own installation of the bot.
	InServer bool
	// ManageServer: by default only members who may manage the server see
	// the command.
	ManageServer bool
	run          func(ctx context.Context, r *Router, req Request) (Reply, error)
}

// Choice is one autocomplete suggestion: what is shown and what is sent.
type Choice struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// MaxChoices is the most autocomplete suggestions returned.
const MaxChoices = 25

// errUser marks an error the user made; its message is shown to them.
var errUser = errors.New("user error")

// userErrorf returns an error that Handle turns into a user-error reply.
func userErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUser}, args...)...)
}

// Router runs commands, chat questions and digests over a knowledge base.
// With several reports loaded, each report has a Router of its own (see
// forBook), which the top one hands a request to.
type Router struct {
	kb       Knowledge
	book     report.Book // the report this router speaks for: the default one at the top
	root     *Router     // the top router; itself at the top
	log      *slog.Logger
	commands []Command
	byName   map[string]*Command

	themesOnce   sync.Once
	themeList    []theme
	scheduleOnce sync.Once
	days         []digestDay // the digest's cycle, see schedule

	versionOnce sync.Once
	versionHash string

	booksMu sync.Mutex
	byBook  map[report.Book]*Router // the routers of the other reports, made on first use

	convs *conversations // the conversations' last questions, for follow-ups
	// FollowUpWindow is how long a conversation waits for a follow-up
	// (FOLLOWUP_MINUTES); DefaultFollowUpWindow when zero.
	FollowUpWindow time.Duration

	// Now returns the time; Location is the time zone of "today" for the digest.
	Now      func() time.Time
	Location *time.Location
	// Log, when set, records every question answered (the command, the
	// question, whether it was answered, the top sentence); see QuestionLog.
	Log QuestionLog
}

// NewRouter returns a Router over kb; a nil logger discards logs.
func NewRouter(kb Knowledge, log *slog.Logger) *Router {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Router{kb: kb, book: kb.Books()[0], log: log.With("component", "commands"), Now: time.Now, Location: time.UTC}
	r.root = r
	r.convs = newConversations(MaxConversations)
	r.commands = commandList()
	r.byName = make(map[string]*Command)
	for i := range r.commands {
		c := &r.commands[i]
		r.byName[c.Name] = c
		r.byName[c.NameZH] = c
	}
	return r
}

// Commands returns every command, in the order help lists them.
func (r *Router) Commands() []Command { return r.commands }

// Lookup returns the command with the given name (English or Chinese).
func (r *Router) Lookup(name string) (*Command, bool) {
	c, ok := r.byName[strings.ToLower(strings.TrimPrefix(strings.TrimSpace(name), "/"))]
	return c, ok
}

// Handle runs one request. A mistake of the user's (an unknown command, a
// missing or malformed option) comes back as a reply with UserError set; an
// error comes back only when the bot itself failed, and the front end should
// say that something went wrong.
func (r *Router) Handle(ctx context.Context, req Request) (reply Reply, err error) {
	req = capRequest(req)
	if req.Cursor != "" {
		cur, ok := decodeCursor(req.Cursor)
		if _, known := r.Lookup(cur.command); !ok || !known || cur.version != r.version() {
			return expired(), nil
		}
		req = Request{Command: cur.command, Options: map[string]string{cursorOption: req.Cursor}}
	}
	c, ok := r.Lookup(req.Command)
	if !ok {
		return r.unknownCommand(req.Command), nil
	}
	for _, o := range c.Options {
		if o.Required && strings.TrimSpace(req.Options[o.Name]) == "" && req.Options[cursorOption] == "" {
			return userReply("缺少"+o.NameZH, usageLine(c)), nil
		}
	}
	reply, err = c.run(ctx, r.forRequest(c, req), req)
	if errors.Is(err, errUser) {
		msg := strings.TrimPrefix(err.Error(), errUser.Error()+": ")
		return userReply(msg, usageLine(c)), nil
	}
	if err != nil {
		return Reply{}, fmt.Errorf("%s: %w", c.Name, err)
	}
	if req.Options[cursorOption] == "" {
		r.logQuestion(ctx, &reply)
	}
	return reply, nil
}

// forBook returns the router of one report: r's own when it speaks for it.
// A report's router shares everything with the top one but the report, and
// keeps that report's digest cycle.
func (r *Router) forBook(b report.Book) *Router {
	root := r.root
	if b == root.book {
		return root
	}
	root.booksMu.Lock()
	defer root.booksMu.Unlock()
	if rr, ok := root.byBook[b]; ok {
		return rr
	}
	if root.byBook == nil {
		root.byBook = map[report.Book]*Router{}
	}
	rr := &Router{kb: root.kb, book: b, root: root, log: root.log, commands: root.commands, byName: root.byName,
		Now: root.Now, Location: root.Location, Log: root.Log}
	root.byBook[b] = rr
	return rr
}

// forRequest returns the router of the report a command is about: the one
// its argument names (figure, target, section, search) or the one whose
// turn a digest date is. Questions find their report themselves.
func (r *Router) forRequest(c *Command, req Request) *Router {
	if len(r.kb.Books()) == 1 {
		return r
	}
	switch c.Name {
	case "figure", "target", "section", "search":
		_, arg := pageOf(req, c.Options[0].Name)
		b, _ := r.kb.Pick(arg)
		return r.forBook(b)
	}
	return r
}

// capRequest cuts every option of a request to MaxText characters, before
// anything reads it all; a cursor longer than any cursor is none.
func capRequest(req Request) Request {
	if len(req.Cursor) > utf8.UTFMax*MaxCursor {
		req.Cursor = "\x00" // no cursor's prefix: expired
	}
	if len(req.Options) == 0 {
		return req
	}
	opts := make(map[string]string, len(req.Options))
	for k, v := range req.Options {
		opts[k] = CapText(v)
	}
	req.Options = opts
	return req
}

// cursorOption carries a page cursor to a command's run function.
const cursorOption = "\x00cursor"

// expired answers a button that is not (or no longer) one of ours.
func expired() Reply { return userReply("这个按钮已过期", "请重新发送命令。") }

func userReply(title string, body ...string) Reply {
	return Reply{Title: title, Body: body, UserError: true}
}

func (r *Router) unknownCommand(name string) Reply {
	var names []string
	for _, c := range r.commands {
		names = append(names, "/"+c.Name)
	}
	title := "没有这个命令"
	if name = strings.TrimSpace(name); name != "" {
		title = "没有这个命令：" + clip(name, 40)
	}
	return userReply(title, "可用的命令："+strings.Join(names, " "), "输入 /help 查看说明。")
}

// usageLine returns a command's usage: /figure 指标，例如 /figure 旅游总收入.
func usageLine(c *Command) string {
	s := "用法：/" + c.Name
	for _, o := range c.Options {
		if o.Required {
			s += " " + o.NameZH
		} else {
			s += " [" + o.NameZH + "]"
		}
	}
	if ex := examples[c.Name]; ex != "" {
		s += "，例如 " + ex
	}
	return s
}

var examples = map[string]string{
	"ask":     "/ask 今年旅游收入目标是多少？",
	"figure":  "/figure 旅游总收入",
	"target":  "/target 旅游",
	"section": "/section 七",
	"search":  "/search 旅游",
	"digest":  "/digest 2026-11-27",
}

// Autocomplete returns at most MaxChoices suggestions for an option of a
// command, matching what has been typed so far.
func (r *Router) Autocomplete(command, option, typed string) []Choice {
	c, ok := r.Lookup(command)
	if !ok {
		return nil
	}
	typed = strings.ToLower(strings.TrimSpace(typed))
	switch c.Name {
	case "figure":
		return r.metricChoices(typed, false)
	case "target":
		return r.metricChoices(typed, true)
	case "section":
		return r.sectionChoices(typed)
	}
	return nil
}

// metricChoices suggests figure metrics: those that start with what was
// typed first, then those that contain it, the most frequent first.
func (r *Router) metricChoices(typed string, targetsOnly bool) []Choice {
	count := map[string]int{}
	for _, s := range r.book.Sentences() {
		for _, f := range s.Figures {
			if targetsOnly && f.Kind != report.KindTarget {
				continue
			}
			if f.Metric != "" && len([]rune(f.Metric)) <= 40 {
				count[f.Metric]++
			}
		}
	}
	type cand struct {
		m      string
		prefix bool
		n      int
	}
	var cands []cand
	for m, n := range count {
		lm := strings.ToLower(m)
		if typed != "" && !strings.Contains(lm, typed) {
			continue
		}
		cands = append(cands, cand{m, strings.HasPrefix(lm, typed), n})
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.prefix != b.prefix {
			return a.prefix
		}
		if a.n != b.n {
			return a.n > b.n
		}
		return a.m < b.m
	})
	var out []Choice
	for _, c := range cands {
		if len(out) == MaxChoices {
			break
		}
		out = append(out, Choice{Name: c.m, Value: c.m})
	}
	return out
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}
