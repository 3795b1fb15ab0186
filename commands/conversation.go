package commands

import (
	"container/list"
	"strings"
	"sync"
	"time"
)

// The conversations the router remembers, for follow-up questions: the last
// question of each, as understood, kept in memory only, bounded, the oldest
// evicted first, each forgotten FollowUpWindow after its last question.

// MaxConversations bounds the conversations kept.
const MaxConversations = 10000

// DefaultFollowUpWindow is how long a conversation waits for a follow-up.
const DefaultFollowUpWindow = 10 * time.Minute

// conversations is a bounded map from a conversation's key to its last
// question, least recently used first out.
type conversations struct {
	mu    sync.Mutex
	max   int
	byKey map[string]*list.Element
	order *list.List // of *turn, most recent at the front
}

type turn struct {
	key, understood string
	at              time.Time
}

func newConversations(max int) *conversations {
	return &conversations{max: max, byKey: map[string]*list.Element{}, order: list.New()}
}

// get returns a conversation's last question if it was asked within window
// before now, else "".
func (c *conversations) get(key string, now time.Time, window time.Duration) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return ""
	}
	t := e.Value.(*turn)
	if now.Sub(t.at) > window {
		c.order.Remove(e)
		delete(c.byKey, key)
		return ""
	}
	c.order.MoveToFront(e)
	return t.understood
}

// put records a conversation's last question.
func (c *conversations) put(key, understood string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(key, understood, now)
}

func (c *conversations) putLocked(key, understood string, now time.Time) {
	if e, ok := c.byKey[key]; ok {
		t := e.Value.(*turn)
		t.understood, t.at = understood, now
		c.order.MoveToFront(e)
		return
	}
	c.byKey[key] = c.order.PushFront(&turn{key: key, understood: understood, at: now})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*turn).key)
	}
}

// keep makes a conversation's last question current as of now, and records
// understood as its last question when it holds none.
func (c *conversations) keep(key, understood string, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		e.Value.(*turn).at = now
		c.order.MoveToFront(e)
		return
	}
	c.putLocked(key, understood, now)
}

// forget drops a conversation.
func (c *conversations) forget(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[key]; ok {
		c.order.Remove(e)
		delete(c.byKey, key)
	}
}

// len returns how many conversations are kept.
func (c *conversations) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Remember makes a question the last of a conversation: a front end calls it
// with the key of the message that carried an answer, so that a reply to that
// message follows the answer's question, whoever replies.
func (r *Router) Remember(key, understood string) {
	if key != "" && understood != "" {
		r.root.convs.put(key, understood, r.Now())
	}
}

// Forget ends a conversation (the console's /new).
func (r *Router) Forget(key string) { r.root.convs.forget(key) }

// RememberIfNew is Remember for a reply to an answer, however old: the
// question the router remembers for it, or else, when it holds none (an
// answer posted before a restart, or by an interaction whose message id the
// front end never saw), what the message itself says it answered.
func (r *Router) RememberIfNew(key, understood string) {
	if key != "" && understood != "" {
		r.root.convs.keep(key, understood, r.Now())
	}
}

// AnsweredQuestion reads, from an answer as a front end shows it (its title
// 问：… and its body), the question it answered as the router read it: the
// 理解为 line of a follow-up, else the title's question; "" for another reply.
func AnsweredQuestion(title string, body string) string {
	for _, ch := range []chrome{chromeFor(""), chromeFor("en")} {
		for _, line := range strings.Split(body, "\n") {
			if q, ok := strings.CutPrefix(strings.TrimSpace(line), ch.understood); ok {
				return strings.TrimSpace(q)
			}
		}
		if q, ok := strings.CutPrefix(title, ch.question); ok {
			return strings.TrimSpace(q)
		}
	}
	return ""
}
