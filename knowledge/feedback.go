package knowledge

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"time"

	"reportbot/report"
)

// What people asked and what they thought of the answers: the question log
// and the votes. These tables are created by migrations/0002_feedback.sql
// and never touched by a rebuild of the index; they hold no user names, and
// a vote holds a keyed hash of its user's id (UserHash).

// LogQuestion adds a question to the log and returns its row id.
func (b *Base) LogQuestion(ctx context.Context, q report.Asked) (int64, error) {
	res, err := b.db.ExecContext(ctx, `INSERT INTO question_log (asked_at, command, question, answered, sentence_id, answer)
		VALUES (?, ?, ?, ?, ?, ?)`,
		q.At.UTC().Format(time.RFC3339Nano), q.Command, q.Question, q.Answered, q.SentenceID, q.Answer)
	if err != nil {
		return 0, fmt.Errorf("log question: %w", err)
	}
	return res.LastInsertId()
}

// LoggedQuestion returns a row of the question log; ErrNotFound when there
// is none (it was pruned, or never logged).
func (b *Base) LoggedQuestion(ctx context.Context, id int64) (report.Asked, error) {
	var q report.Asked
	var at string
	err := b.db.QueryRowContext(ctx, `SELECT id, asked_at, command, question, answered, sentence_id, answer
		FROM question_log WHERE id = ?`, id).Scan(&q.ID, &at, &q.Command, &q.Question, &q.Answered, &q.SentenceID, &q.Answer)
	if errors.Is(err, sql.ErrNoRows) {
		return q, fmt.Errorf("logged question %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return q, fmt.Errorf("logged question %d: %w", id, err)
	}
	q.At, _ = time.Parse(time.RFC3339Nano, at)
	return q, nil
}

// PruneQuestions deletes the questions asked before a time and returns how
// many it deleted.
func (b *Base) PruneQuestions(ctx context.Context, before time.Time) (int64, error) {
	res, err := b.db.ExecContext(ctx, `DELETE FROM question_log WHERE asked_at < ?`, before.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return 0, fmt.Errorf("prune question log: %w", err)
	}
	return res.RowsAffected()
}

// RecordVote records a user's vote on an answer: one per user, question and
// sentence; a second vote replaces the first. It reports whether the user
// had voted on that answer before. ErrInvalidInput for a vote without a
// user hash.
func (b *Base) RecordVote(ctx context.Context, v report.Vote) (replaced bool, err error) {
	if v.UserHash == "" {
		return false, fmt.Errorf("record vote: no user: %w", ErrInvalidInput)
	}
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM votes WHERE user_hash = ? AND question = ? AND sentence_id = ?`,
		v.UserHash, v.Question, v.SentenceID).Scan(&n); err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO votes (user_hash, question, sentence_id, answer, up, voted_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_hash, question, sentence_id) DO UPDATE SET up = excluded.up, voted_at = excluded.voted_at, answer = excluded.answer`,
		v.UserHash, v.Question, v.SentenceID, v.Answer, v.Up, v.At.UTC().Format(time.RFC3339Nano)); err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	return n > 0, tx.Commit()
}

// UserHash returns a keyed hash of a user's id (HMAC-SHA-256 with a salt
// made at random once per database and kept in it), so that votes can be
// told apart without keeping who cast them.
func (b *Base) UserHash(ctx context.Context, userID string) (string, error) {
	salt, err := b.salt(ctx)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil))[:32], nil
}

// salt returns the database's salt for user hashes, making it on first use.
func (b *Base) salt(ctx context.Context) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("user hash salt: %w", err)
	}
	if _, err := b.db.ExecContext(ctx, `INSERT INTO state_meta (key, value) VALUES ('user_salt', ?) ON CONFLICT (key) DO NOTHING`,
		hex.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("user hash salt: %w", err)
	}
	var v string
	if err := b.db.QueryRowContext(ctx, `SELECT value FROM state_meta WHERE key = 'user_salt'`).Scan(&v); err != nil {
		return nil, fmt.Errorf("user hash salt: %w", err)
	}
	return hex.DecodeString(v)
}

// Stats reports the question log and the votes from a day on (all that is
// kept when since is zero): questions and answered ones per day in loc,
// the top most asked questions the report did not answer, and the top
// answers with the most 👎.
func (b *Base) Stats(ctx context.Context, since time.Time, loc *time.Location, top int) (report.Stats, error) {
	if loc == nil {
		loc = time.UTC
	}
	st := report.Stats{Days: []report.DayStats{}, Unanswered: []report.QuestionCount{}, Downvoted: []report.AnswerVotes{}}
	from := ""
	if !since.IsZero() {
		st.Since = since.In(loc).Format("2006-01-02")
		from = since.UTC().Format(time.RFC3339Nano)
	}
	rows, err := b.db.QueryContext(ctx, `SELECT asked_at, answered FROM question_log WHERE asked_at >= ? ORDER BY asked_at`, from)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	days := map[string]*report.DayStats{}
	for rows.Next() {
		var at string
		var answered bool
		if err := rows.Scan(&at, &answered); err != nil {
			rows.Close()
			return st, fmt.Errorf("stats: %w", err)
		}
		t, _ := time.Parse(time.RFC3339Nano, at)
		day := t.In(loc).Format("2006-01-02")
		d, ok := days[day]
		if !ok {
			d = &report.DayStats{Date: day}
			days[day] = d
		}
		d.Questions++
		st.Questions++
		if answered {
			d.Answered++
			st.Answered++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	for _, d := range days {
		st.Days = append(st.Days, *d)
	}
	sort.Slice(st.Days, func(i, j int) bool { return st.Days[i].Date < st.Days[j].Date })

	rows, err = b.db.QueryContext(ctx, `SELECT question, count(*) AS n, max(asked_at) AS last FROM question_log
		WHERE answered = 0 AND asked_at >= ? GROUP BY question ORDER BY n DESC, last DESC, question LIMIT ?`, from, top)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	for rows.Next() {
		var q report.QuestionCount
		var last string
		if err := rows.Scan(&q.Question, &q.Count, &last); err != nil {
			rows.Close()
			return st, fmt.Errorf("stats: %w", err)
		}
		q.Last, _ = time.Parse(time.RFC3339Nano, last)
		st.Unanswered = append(st.Unanswered, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}

	rows, err = b.db.QueryContext(ctx, `SELECT sentence_id, max(answer), sum(up = 0) AS down, sum(up = 1), max(question)
		FROM votes WHERE voted_at >= ? GROUP BY sentence_id, CASE WHEN sentence_id = 0 THEN question ELSE '' END
		HAVING down > 0 ORDER BY down DESC, sentence_id LIMIT ?`, from, top)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a report.AnswerVotes
		if err := rows.Scan(&a.SentenceID, &a.Answer, &a.Down, &a.Up, &a.Question); err != nil {
			return st, fmt.Errorf("stats: %w", err)
		}
		st.Downvoted = append(st.Downvoted, a)
	}
	return st, rows.Err()
}
