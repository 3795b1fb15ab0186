package commands_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"reportbot/commands"
	"reportbot/report"
)

// memLog is a question log in memory.
type memLog struct{ rows []report.Asked }

func (m *memLog) LogQuestion(ctx context.Context, q report.Asked) (int64, error) {
	q.ID = int64(len(m.rows) + 1)
	m.rows = append(m.rows, q)
	return q.ID, nil
}

func (m *memLog) LoggedQuestion(ctx context.Context, id int64) (report.Asked, error) {
	if id < 1 || int(id) > len(m.rows) {
		return report.Asked{}, report.ErrNotFound
	}
	return m.rows[id-1], nil
}

// lostLog gives every question a row id and writes none.
type lostLog struct{}

func (lostLog) LogQuestion(ctx context.Context, q report.Asked) (int64, error) { return 42, nil }
func (lostLog) LoggedQuestion(ctx context.Context, id int64) (report.Asked, error) {
	return report.Asked{}, report.ErrNotFound
}

// TestQuestionLog: every question the router answers is logged once, with
// whether the report answered it and its top sentence; commands that are
// not questions, pages and mistakes are not.
func TestQuestionLog(t *testing.T) {
	r := newRouter(t)
	log := &memLog{}
	r.Log = log
	for _, tt := range []struct {
		line     string
		logged   bool
		answered bool
		answer   string
	}{
		{"/ask 今年旅游收入目标是多少？", true, true, "1040亿元"},
		{"/ask 市委书记是谁", true, false, ""},
		{"/figure 旅游总收入", true, true, "905亿元"},
		{"/figure 火星基地", true, false, ""},
		{"/target 旅游", true, true, "1040亿元"},
		{"/search 牡丹文化节", true, true, "牡丹文化节"},
		{"/search 量子计算机", true, false, ""},
		{"/target", false, false, ""},
		{"/help", false, false, ""},
		{"/section 七", false, false, ""},
		{"/ask ？？？", false, false, ""},
		{"/nosuch 旅游", false, false, ""},
	} {
		before := len(log.rows)
		reply := handle(t, r, tt.line)
		if got := len(log.rows) - before; got != map[bool]int{true: 1, false: 0}[tt.logged] {
			t.Errorf("%s: logged %d rows", tt.line, got)
			continue
		}
		if !tt.logged {
			continue
		}
		row := log.rows[len(log.rows)-1]
		q := strings.TrimSpace(strings.SplitN(tt.line, " ", 2)[1])
		if row.Question != q || row.Answered != tt.answered || !strings.Contains(row.Answer, tt.answer) || row.At.IsZero() {
			t.Errorf("%s: logged %+v", tt.line, row)
		}
		if tt.answered && row.SentenceID == 0 {
			t.Errorf("%s: no sentence logged", tt.line)
		}
		if reply.Feedback == nil || reply.Feedback.LogID != row.ID {
			t.Errorf("%s: feedback %+v does not name row %d", tt.line, reply.Feedback, row.ID)
		}
	}
	// A chat question is logged once; a page of an earlier answer is not.
	before := len(log.rows)
	reply, ok, err := r.Chat(context.Background(), commands.Message{Text: "<@1> 地铁2号线什么时候开工", MentionsBot: true})
	if err != nil || !ok || len(log.rows) != before+1 || log.rows[before].Question != "地铁2号线什么时候开工" {
		t.Fatalf("chat: logged %v", log.rows[before:])
	}
	if _, err := r.Handle(context.Background(), commands.Request{Cursor: reply.Next}); err != nil || len(log.rows) != before+1 {
		t.Errorf("a page was logged: %v", log.rows[before:])
	}
}

// TestVoteID: a vote button's id fits Discord's 100 characters, reads back,
// and gives the question and answer voted on, from the log or from itself.
func TestVoteID(t *testing.T) {
	r := newRouter(t)
	long := strings.Repeat("旅游收入", 100) + "？"
	reply := handle(t, r, "/ask "+long)
	if reply.Feedback == nil || reply.Feedback.SentenceID == 0 {
		t.Fatalf("feedback %+v", reply.Feedback)
	}
	for _, up := range []bool{true, false} {
		id := reply.Feedback.VoteID(up)
		if n := utf8.RuneCountInString(id); n > commands.MaxCursor {
			t.Errorf("vote id of %d characters", n)
		}
		if commands.IsCursor(id) || !commands.IsVoteID(id) {
			t.Errorf("%q is taken for a page cursor", id)
		}
		v, ok := r.Vote(context.Background(), id)
		if !ok || v.Up != up || v.SentenceID != reply.Feedback.SentenceID || v.Answer != reply.Feedback.Answer || !strings.HasPrefix(long, v.Question) || v.Question == "" {
			t.Errorf("Vote(%q) = %+v, %v", id, v, ok)
		}
	}

	log := &memLog{}
	r.Log = log
	reply = handle(t, r, "/ask "+long)
	v, ok := r.Vote(context.Background(), reply.Feedback.VoteID(false))
	if !ok || v.Question != long || v.Up {
		t.Errorf("with a log: Vote = %+v, %v; want the whole question", v, ok)
	}
	// A row not written (yet, or lost while the state store was down): the
	// question comes from the button, cut to fit.
	r.Log = lostLog{}
	reply = handle(t, r, "/ask "+long)
	v, ok = r.Vote(context.Background(), reply.Feedback.VoteID(true))
	if !ok || !v.Up || v.Question == "" || !strings.HasPrefix(long, v.Question) {
		t.Errorf("with the row lost: Vote = %+v, %v; want the question from the button", v, ok)
	}
	for _, bad := range []string{"", "vote|", "vote|x|1|0|q", "vote|u|-1|0|q", "vote|u|999999|0|q", "v1|ask|1|x", strings.Repeat("vote|u|1|0|", 20)} {
		if _, ok := r.Vote(context.Background(), bad); ok {
			t.Errorf("Vote(%q) is a vote", bad)
		}
	}
	if ack := commands.VoteAck(true, false); !ack.Private || !strings.Contains(ack.Title, "👍") {
		t.Errorf("VoteAck = %+v", ack)
	}
	if ack := commands.VoteAck(false, true); !strings.Contains(ack.Title, "已改为 👎") {
		t.Errorf("VoteAck changed = %+v", ack)
	}
}
