package commands

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"
)

// MaxText bounds the questions, command lines and chat messages read, in
// characters; CapText cuts what is longer.
const MaxText = 2000

// CapText cuts s to at most MaxText characters without looking past them:
// however long s is, no more than MaxText characters' worth of bytes of it
// are read (an invalid byte counts as a character, and is dropped later).
func CapText(s string) string {
	if len(s) > utf8.UTFMax*MaxText {
		s = s[:utf8.UTFMax*MaxText]
	}
	n := 0
	for i := range s {
		if n == MaxText {
			return s[:i]
		}
		n++
	}
	return s
}

// ParseLine reads a command line as typed in the console or in chat:
// "/target 旅游", "/digest --date 2026-11-27", "section 七". Options are given
// as --NAME VALUE or --NAME=VALUE; the rest of the line goes to the command's
// first option. An unknown command still gives a Request, which Handle
// answers with a user error.
func ParseLine(line string) Request {
	line = strings.TrimSpace(sanitize(line))
	line = strings.TrimPrefix(strings.TrimPrefix(line, "/"), "／")
	name, rest, _ := strings.Cut(line, " ")
	return ParseArgs(name, strings.Fields(rest))
}

// ParseArgs reads a command and its arguments, as from the command line.
func ParseArgs(name string, args []string) Request {
	req := Request{Command: strings.ToLower(strings.TrimSpace(name)), Options: map[string]string{}}
	c := commandByName(req.Command)
	var rest []string
	for i := 0; i < len(args); i++ {
		a := sanitize(args[i])
		if strings.HasPrefix(a, "--") && len(a) > 2 {
			key, val, hasVal := strings.Cut(a[2:], "=")
			if c != nil && c.option(key) != "" {
				key = c.option(key)
				if !hasVal && i+1 < len(args) {
					i++
					val = sanitize(args[i])
				}
				req.Options[key] = val
				continue
			}
		}
		rest = append(rest, a)
	}
	if len(rest) > 0 {
		first := "text"
		if c != nil && len(c.Options) > 0 {
			first = c.Options[0].Name
		}
		if req.Options[first] == "" {
			req.Options[first] = strings.Join(rest, " ")
		}
	}
	return req
}

// builtin is the fixed list of commands, made once, for parsing.
var builtin = commandList()

// commandByName finds a command of the fixed list by either of its names.
func commandByName(name string) *Command {
	for i := range builtin {
		if c := &builtin[i]; c.Name == name || c.NameZH == name {
			return c
		}
	}
	return nil
}

// option returns the option's English name for its English or Chinese name,
// or "".
func (c *Command) option(name string) string {
	for _, o := range c.Options {
		if o.Name == name || o.NameZH == name {
			return o.Name
		}
	}
	return ""
}

// sanitize makes text safe to read: valid UTF-8, no NULs, at most MaxText
// characters, cut before anything reads it all.
func sanitize(s string) string {
	s = strings.ToValidUTF8(CapText(s), "")
	return strings.ReplaceAll(s, "\x00", "")
}

// Message is a chat message, as the front end saw it.
type Message struct {
	Text         string
	MentionsBot  bool // it mentions the bot
	RepliesToBot bool // it replies to one of the bot's messages
	Direct       bool // it came in a direct message
	InAskChannel bool // it came in a channel configured for questions
	// Conversation names the conversation the message belongs to, for
	// follow-up questions (see Request.Conversation); "": none.
	Conversation string
}

// directed tells whether the message speaks to the bot.
func (m Message) directed() bool { return m.MentionsBot || m.RepliesToBot || m.Direct }

var (
	reMention   = regexp.MustCompile(`<@[!&]?\d+>|<#\d+>|<a?:\w+:\d+>|@everyone|@here`)
	questionCue = []string{"？", "?", "吗", "多少", "几", "什么", "哪", "谁", "何时", "如何", "怎么", "怎样", "是否", "有没有", "啥", "能否"}
)

// StripMentions removes mentions of users, roles, channels and everyone
// from chat text.
func StripMentions(s string) string {
	return strings.TrimSpace(reMention.ReplaceAllString(s, " "))
}

// ReadsAsQuestion tells whether text reads as a question.
func ReadsAsQuestion(text string) bool {
	for _, c := range questionCue {
		if strings.Contains(text, c) {
			return true
		}
	}
	return false
}

// Chat answers a chat message. It answers when the message speaks to the bot
// (a mention, a reply, a direct message), or comes in an ask channel and
// reads as a question; ok is false when the bot should stay silent. A
// message that starts with / runs that command. In a direct conversation a
// message the bot cannot answer gets a short reply that says what it can do.
func (r *Router) Chat(ctx context.Context, m Message) (reply Reply, ok bool, err error) {
	text := StripMentions(sanitize(m.Text))
	if !m.directed() && !(m.InAskChannel && ReadsAsQuestion(text)) {
		return Reply{}, false, nil
	}
	if req := ParseLine(text); strings.HasPrefix(text, "/") || strings.HasPrefix(text, "／") {
		req.Conversation = m.Conversation
		if _, known := r.Lookup(req.Command); known {
			reply, err := r.Handle(ctx, req)
			return reply, err == nil, err
		}
	}
	if !hasWord(text) {
		if m.directed() {
			return r.greeting(), true, nil
		}
		return Reply{}, false, nil
	}
	reply, err = r.Handle(ctx, Request{Command: "ask", Options: map[string]string{"question": text}, Conversation: m.Conversation})
	if err != nil {
		return Reply{}, false, err
	}
	if reply.NotAnswered && !m.directed() {
		return Reply{}, false, nil // an ask channel: say nothing rather than "no idea"
	}
	reply.UserError = false
	return reply, true, nil
}

// greeting says what the bot can do.
func (r *Router) greeting() Reply {
	return Reply{
		Title:  "你好！",
		Body:   []string{"我回答关于" + r.titles() + "的问题，回答都引用报告原文。", "例如：今年旅游收入目标是多少？去年地区生产总值是多少？今年要新建多少所学校？"},
		Footer: "命令：/ask /figure /target /section /search /digest /help /about",
	}
}

func hasWord(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x3400 && r <= 0x9fff {
			return true
		}
	}
	return false
}
