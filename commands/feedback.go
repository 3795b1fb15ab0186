package commands

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"reportbot/report"
)

// QuestionLog records the questions the router answers. It is optional: a
// Router with none logs nothing (QUESTION_LOG_DAYS=0, one-shot commands).
type QuestionLog interface {
	// LogQuestion adds a question to the log and returns its row id.
	LogQuestion(ctx context.Context, q report.Asked) (int64, error)
}

// QuestionLookup finds a logged question by its row id; a QuestionLog that
// has it lets a vote button carry the row instead of a long question.
type QuestionLookup interface {
	LoggedQuestion(ctx context.Context, id int64) (report.Asked, error)
}

// Feedback is what a 👍 or 👎 on a reply is about: the question and the
// sentence that answered it. Replies to questions carry it (ask, figure,
// target, search); front ends show vote buttons with VoteID.
type Feedback struct {
	Command    string `json:"command"`
	Question   string `json:"question"`    // as asked; "" for a later page or /target with no field
	Answered   bool   `json:"answered"`    // the report answered it
	SentenceID int    `json:"sentence_id"` // the answer's sentence; 0 when none
	Answer     string `json:"answer"`      // its text
	LogID      int64  `json:"log_id,omitempty"`
}

// votePrefix starts every vote button's id: "vote|u|SENTENCE|LOG|QUESTION".
const votePrefix = "vote|"

// VoteID returns the custom id of the reply's 👍 (up) or 👎 button: at
// most MaxCursor characters. It names the question by its log row when it
// was logged, and carries the question itself, cut to fit, for when the
// row cannot be read (not written yet, or lost while the state store was
// down).
func (f *Feedback) VoteID(up bool) string {
	dir := "d"
	if up {
		dir = "u"
	}
	s := votePrefix + dir + "|" + strconv.Itoa(f.SentenceID) + "|" + strconv.FormatInt(f.LogID, 10) + "|"
	q := OneLine(f.Question)
	if room := MaxCursor - utf8.RuneCountInString(s); utf8.RuneCountInString(q) > room {
		q = string([]rune(q)[:room])
	}
	return s + q
}

// VoteRef is what a vote button's id says.
type VoteRef struct {
	Up         bool
	SentenceID int
	LogID      int64  // the question log's row; 0 when the question is in Question
	Question   string // the question, perhaps cut; "" on a button from before it came with LogID
}

// ParseVoteID reads a vote button's id; ok is false for anything else.
func ParseVoteID(s string) (VoteRef, bool) {
	rest, ok := strings.CutPrefix(s, votePrefix)
	if !ok || len(s) > utf8.UTFMax*MaxCursor || !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxCursor {
		return VoteRef{}, false
	}
	parts := strings.SplitN(rest, "|", 4)
	if len(parts) != 4 || (parts[0] != "u" && parts[0] != "d") {
		return VoteRef{}, false
	}
	sid, err1 := strconv.Atoi(parts[1])
	lid, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || sid < 0 || lid < 0 {
		return VoteRef{}, false
	}
	return VoteRef{Up: parts[0] == "u", SentenceID: sid, LogID: lid, Question: parts[3]}, true
}

// IsVoteID tells whether s is a vote button's id.
func IsVoteID(s string) bool {
	_, ok := ParseVoteID(s)
	return ok
}

// Vote returns the vote a button's id stands for, with the question and the
// answer it is about: from the question log when the id names a row, else
// from the id and the report. The caller sets UserHash and At. ok is false
// for an id that is not a vote button's, or names a sentence the report
// does not have.
func (r *Router) Vote(ctx context.Context, customID string) (v report.Vote, ok bool) {
	ref, ok := ParseVoteID(customID)
	if !ok {
		return v, false
	}
	v = report.Vote{Question: ref.Question, SentenceID: ref.SentenceID, Up: ref.Up}
	if ref.SentenceID > 0 {
		s, found := r.sentence(ref.SentenceID)
		if !found {
			return v, false
		}
		v.Answer = s.Text
	}
	if look, can := r.Log.(QuestionLookup); can && ref.LogID > 0 {
		if q, err := look.LoggedQuestion(ctx, ref.LogID); err == nil {
			v.Question = q.Question
			if q.SentenceID == ref.SentenceID && q.Answer != "" {
				v.Answer = q.Answer // as it was answered, before any re-index
			}
		} else if v.Question == "" { // a button from before the question came with the row
			r.log.Warn("vote on a question no longer logged", "log_id", ref.LogID, "err", err)
			v.Question = "#" + strconv.FormatInt(ref.LogID, 10)
		}
	}
	return v, true
}

// VoteAck is the reply to a vote, shown to the voter alone.
func VoteAck(up, replaced bool) Reply {
	mark := "👎"
	if up {
		mark = "👍"
	}
	title := "谢谢！已记录 " + mark
	if replaced {
		title = "已改为 " + mark
	}
	return Reply{Title: title, Body: []string{"你的评价帮助维护者改进回答。每人对每个回答只计一票，可以更改。"}, Private: true}
}

// logQuestion records a reply's question, when there is a log and a
// question, and keeps the row id for the vote buttons. A failure is logged,
// never shown: the answer matters more than the log.
func (r *Router) logQuestion(ctx context.Context, reply *Reply) {
	f := reply.Feedback
	if r.Log == nil || f == nil || strings.TrimSpace(f.Question) == "" || reply.UserError {
		return
	}
	id, err := r.Log.LogQuestion(ctx, report.Asked{
		Command: f.Command, Question: f.Question, Answered: f.Answered,
		SentenceID: f.SentenceID, Answer: f.Answer, At: r.Now(),
	})
	if err != nil {
		r.log.Warn("log question", "err", err)
		return
	}
	f.LogID = id
}

// hitFeedback is the feedback of a reply whose answer is a figure's
// sentence, or nothing found.
func hitFeedback(command, q string, hits []report.FigureHit) *Feedback {
	f := &Feedback{Command: command, Question: q}
	if len(hits) > 0 {
		f.Answered, f.SentenceID, f.Answer = true, hits[0].SentenceID, hits[0].Text
	}
	return f
}
