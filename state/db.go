package state

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"reportbot/report"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationsFS embed.FS

// dialect is what differs between the engines, beside the migrations.
type dialect struct {
	name string // "sqlite" or "postgres"
	// rebind turns ? placeholders into the engine's.
	rebind func(q string) string
	// text writes a time for a column of times (TEXT in SQLite, in the
	// layout the column was written with; TIMESTAMPTZ in PostgreSQL).
	text func(t time.Time, layout string) any
	// lease writes a lease's end (Unix milliseconds in SQLite).
	lease func(t time.Time) any
	// migrationsTable creates the table of applied migrations.
	migrationsTable string
	// lockMigrations, when set, runs first in every migration's transaction
	// so that processes starting together apply each migration once.
	lockMigrations string
	// overriding goes between the columns and VALUES of an insert that
	// gives a row its own id where the engine makes ids itself.
	overriding string
}

// DB is the state on one engine. It is safe for concurrent use. Every call
// has a deadline; while the database does not answer, every method fails
// at once with report.ErrUnavailable (see call).
type DB struct {
	db      *sql.DB
	d       dialect
	timeout time.Duration // of every call
	health  *health
	key     *hashKey // of the hashes of member ids
}

// Engine returns "sqlite" or "postgres".
func (s *DB) Engine() string { return s.d.name }

// Ping tells whether the database answers; report.ErrUnavailable while it
// is known not to.
func (s *DB) Ping(ctx context.Context) (err error) {
	ctx, done, err := s.call(ctx, reads)
	if err != nil {
		return err
	}
	defer done(&err)
	return s.db.PingContext(ctx)
}

// Close stops the probe and closes the database.
func (s *DB) Close() error {
	s.health.close()
	return s.db.Close()
}

func (s *DB) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return s.db.ExecContext(ctx, s.d.rebind(q), args...)
}

func (s *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, s.d.rebind(q), args...)
}

func (s *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return s.db.QueryRowContext(ctx, s.d.rebind(q), args...)
}

// timeValue scans a time from either engine: RFC 3339 text, Unix
// milliseconds or a timestamp; NULL leaves it zero.
type timeValue struct {
	t     time.Time
	valid bool
}

func (v *timeValue) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		*v = timeValue{}
	case time.Time:
		*v = timeValue{x, true}
	case int64:
		*v = timeValue{time.UnixMilli(x), true}
	case string:
		return v.Scan([]byte(x))
	case []byte:
		t, err := time.Parse(time.RFC3339Nano, string(x))
		if err != nil {
			return fmt.Errorf("scan time %q: %w", x, err)
		}
		*v = timeValue{t, true}
	default:
		return fmt.Errorf("scan time: unexpected %T", src)
	}
	return nil
}

var _ sql.Scanner = (*timeValue)(nil)

// prepare brings an opened database up to date: the migrations, then the
// salt of an older database moved out of it (moveSalt).
func (s *DB) prepare(ctx context.Context) error {
	if err := s.migrate(ctx); err != nil {
		return err
	}
	return s.moveSalt(ctx)
}

// migrate applies the engine's embedded migrations (NNNN_name.sql) that
// the database has not seen, each in its own transaction, in order.
func (s *DB) migrate(ctx context.Context) error {
	if err := s.createMigrationsTable(ctx); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	dir := "migrations/" + s.d.name
	names, err := fs.Glob(migrationsFS, dir+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, dir+"/")
		num, _, ok := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil {
			return fmt.Errorf("migration %s: name must start with a number and _", base)
		}
		body, _ := migrationsFS.ReadFile(name)
		if err := s.applyMigration(ctx, version, base, string(body)); err != nil {
			return err
		}
	}
	return nil
}

// createMigrationsTable creates schema_migrations, under the migrations'
// lock: two PostgreSQL sessions creating it at once would collide.
func (s *DB) createMigrationsTable(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, s.d.lockMigrations); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, s.d.migrationsTable); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *DB) applyMigration(ctx context.Context, version int, name, body string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	defer tx.Rollback()
	if s.d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, s.d.lockMigrations); err != nil {
			return fmt.Errorf("migration %s: lock: %w", name, err)
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.d.rebind(`SELECT count(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		version, name, s.d.text(time.Now(), time.RFC3339)); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	return tx.Commit()
}

// Migrations returns the versions applied, oldest first.
func (s *DB) Migrations(ctx context.Context) ([]int, error) {
	rows, err := s.query(ctx, `SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Subscribe adds a subscription, or repairs a broken one; it reports whether
// anything changed. Who made it (CreatedBy, a member's id) is kept as a
// keyed hash, never in clear.
func (s *DB) Subscribe(ctx context.Context, sub report.Subscription, at time.Time) (_ bool, err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return false, err
	}
	defer done(&err)
	if sub.Source == "" {
		sub.Source = report.SourceCommand
	}
	by := ""
	if sub.CreatedBy != "" {
		if by, err = s.hashID(subscriberID, sub.CreatedBy); err != nil {
			return false, fmt.Errorf("subscribe %s: %w", sub.ChannelID, err)
		}
	}
	res, err := s.exec(ctx, `INSERT INTO subscriptions (channel_id, guild_id, source, created_by, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(channel_id) DO UPDATE SET broken_at = NULL, broken_reason = NULL
		WHERE subscriptions.broken_at IS NOT NULL`,
		sub.ChannelID, sub.GuildID, sub.Source, by, s.d.text(at, time.RFC3339))
	if err != nil {
		return false, fmt.Errorf("subscribe %s: %w", sub.ChannelID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Unsubscribe removes a channel's subscription; it reports whether there was one.
func (s *DB) Unsubscribe(ctx context.Context, channelID string) (_ bool, err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return false, err
	}
	defer done(&err)
	res, err := s.exec(ctx, `DELETE FROM subscriptions WHERE channel_id = ?`, channelID)
	if err != nil {
		return false, fmt.Errorf("unsubscribe %s: %w", channelID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Subscriptions returns every subscription, broken ones included, oldest first.
func (s *DB) Subscriptions(ctx context.Context) (_ []report.Subscription, err error) {
	ctx, done, err := s.call(ctx, reads)
	if err != nil {
		return nil, err
	}
	defer done(&err)
	rows, err := s.query(ctx, `SELECT channel_id, guild_id, source, created_by, broken_at, broken_reason
		FROM subscriptions ORDER BY created_at, channel_id`)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	defer rows.Close()
	var out []report.Subscription
	for rows.Next() {
		var sub report.Subscription
		var brokenAt timeValue
		var reason sql.NullString
		if err := rows.Scan(&sub.ChannelID, &sub.GuildID, &sub.Source, &sub.CreatedBy, &brokenAt, &reason); err != nil {
			return nil, fmt.Errorf("list subscriptions: %w", err)
		}
		sub.Broken, sub.BrokenReason = brokenAt.valid, reason.String
		out = append(out, sub)
	}
	return out, rows.Err()
}

// SyncConfigSubscriptions makes the configured channels subscriptions of
// source config, and drops config subscriptions no longer configured.
func (s *DB) SyncConfigSubscriptions(ctx context.Context, channelIDs []string, at time.Time) (err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return err
	}
	defer done(&err)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sync configured subscriptions: %w", err)
	}
	defer tx.Rollback()
	keep := map[string]bool{}
	for _, id := range channelIDs {
		keep[id] = true
		if _, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO subscriptions (channel_id, source, created_at) VALUES (?, ?, ?)
			ON CONFLICT(channel_id) DO NOTHING`), id, report.SourceConfig, s.d.text(at, time.RFC3339)); err != nil {
			return fmt.Errorf("sync configured subscriptions: %w", err)
		}
	}
	rows, err := tx.QueryContext(ctx, s.d.rebind(`SELECT channel_id FROM subscriptions WHERE source = ?`), report.SourceConfig)
	if err != nil {
		return fmt.Errorf("sync configured subscriptions: %w", err)
	}
	var drop []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !keep[id] {
			drop = append(drop, id)
		}
	}
	rows.Close()
	for _, id := range drop {
		if _, err := tx.ExecContext(ctx, s.d.rebind(`DELETE FROM subscriptions WHERE channel_id = ?`), id); err != nil {
			return fmt.Errorf("sync configured subscriptions: %w", err)
		}
	}
	return tx.Commit()
}

// MarkBroken records that posting to a channel failed for good.
func (s *DB) MarkBroken(ctx context.Context, channelID, reason string, at time.Time) (err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return err
	}
	defer done(&err)
	_, err = s.exec(ctx, `UPDATE subscriptions SET broken_at = ?, broken_reason = ? WHERE channel_id = ?`,
		s.d.text(at, time.RFC3339), reason, channelID)
	if err != nil {
		return fmt.Errorf("mark %s broken: %w", channelID, err)
	}
	return nil
}

// DueDigests returns the subscriptions, not broken, whose digest of date is
// neither posted nor claimed by a live lease at now: those a scheduler may
// claim, oldest first. One query, however many channels are done already.
func (s *DB) DueDigests(ctx context.Context, date string, now time.Time) (_ []report.Subscription, err error) {
	ctx, done, err := s.call(ctx, reads)
	if err != nil {
		return nil, err
	}
	defer done(&err)
	rows, err := s.query(ctx, `SELECT s.channel_id, s.guild_id, s.source, s.created_by
		FROM subscriptions s LEFT JOIN digest_posts p ON p.channel_id = s.channel_id AND p.date = ?
		WHERE s.broken_at IS NULL AND (p.channel_id IS NULL OR (p.posted_at IS NULL AND p.lease_until <= ?))
		ORDER BY s.created_at, s.channel_id`, date, s.d.lease(now))
	if err != nil {
		return nil, fmt.Errorf("due digests: %w", err)
	}
	defer rows.Close()
	var out []report.Subscription
	for rows.Next() {
		var sub report.Subscription
		if err := rows.Scan(&sub.ChannelID, &sub.GuildID, &sub.Source, &sub.CreatedBy); err != nil {
			return nil, fmt.Errorf("due digests: %w", err)
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// ClaimDigest claims the post of a date's digest to a channel for owner,
// until until: it writes the (channel, date) row, or takes it over when it
// was never posted and its lease ended at or before now. It reports whether
// the caller holds the claim; false when the digest was posted, or another
// holder's lease (or a failed post's wait) still runs. Of any number of
// processes claiming at once, one gets it.
func (s *DB) ClaimDigest(ctx context.Context, channelID, date, owner string, now, until time.Time) (_ bool, err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return false, err
	}
	defer done(&err)
	res, err := s.exec(ctx, `INSERT INTO digest_posts (channel_id, date, claimed_by, lease_until) VALUES (?, ?, ?, ?)
		ON CONFLICT (channel_id, date) DO UPDATE SET claimed_by = excluded.claimed_by, lease_until = excluded.lease_until
		WHERE digest_posts.posted_at IS NULL AND digest_posts.lease_until <= ?`,
		channelID, date, owner, s.d.lease(until), s.d.lease(now))
	if err != nil {
		return false, fmt.Errorf("claim digest %s %s: %w", channelID, date, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim digest %s %s: %w", channelID, date, err)
	}
	return n == 1, nil
}

// RecordDigestPost records that a date's digest was posted to a channel as
// the given message. A second record of the same post changes nothing.
func (s *DB) RecordDigestPost(ctx context.Context, channelID, date, messageID string, at time.Time) (err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return err
	}
	defer done(&err)
	_, err = s.exec(ctx, `INSERT INTO digest_posts (channel_id, date, message_id, posted_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (channel_id, date) DO UPDATE SET message_id = excluded.message_id, posted_at = excluded.posted_at
		WHERE digest_posts.posted_at IS NULL`, channelID, date, messageID, s.d.text(at, time.RFC3339))
	if err != nil {
		return fmt.Errorf("record digest post %s %s: %w", channelID, date, err)
	}
	return nil
}

// FailDigest records a failed post of a digest that owner claimed: a
// refusal (fault, a 4xx) or a transient failure, counted in the row so that
// every process sees them. The claim is released and may be taken again at
// the time retry gives for the new counts. It returns the counts; zeros
// and no change when owner no longer holds the claim (its lease ended and
// another took it, or the digest was posted).
func (s *DB) FailDigest(ctx context.Context, channelID, date, owner string, fault bool, retry func(attempts, transient int) time.Time) (attempts, transient int, err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return 0, 0, err
	}
	defer done(&err)
	a, t := 0, 1
	if fault {
		a, t = 1, 0
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("digest failed %s %s: %w", channelID, date, err)
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, s.d.rebind(`UPDATE digest_posts SET attempts = attempts + ?, transient = transient + ?, claimed_by = ''
		WHERE channel_id = ? AND date = ? AND posted_at IS NULL AND claimed_by = ? RETURNING attempts, transient`), a, t, channelID, date, owner).Scan(&attempts, &transient)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil // posted after all, or held by another now
	}
	if err != nil {
		return 0, 0, fmt.Errorf("digest failed %s %s: %w", channelID, date, err)
	}
	if _, err := tx.ExecContext(ctx, s.d.rebind(`UPDATE digest_posts SET lease_until = ? WHERE channel_id = ? AND date = ?`),
		s.d.lease(retry(attempts, transient)), channelID, date); err != nil {
		return 0, 0, fmt.Errorf("digest failed %s %s: %w", channelID, date, err)
	}
	return attempts, transient, tx.Commit()
}

// DigestPosted tells whether a date's digest was posted to a channel.
func (s *DB) DigestPosted(ctx context.Context, channelID, date string) (_ bool, err error) {
	ctx, done, err := s.call(ctx, reads)
	if err != nil {
		return false, err
	}
	defer done(&err)
	var n int
	err = s.queryRow(ctx, `SELECT count(*) FROM digest_posts WHERE channel_id = ? AND date = ? AND posted_at IS NOT NULL`, channelID, date).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("digest posted %s %s: %w", channelID, date, err)
	}
	return n > 0, nil
}

// LastPosts returns, for every channel with a post, the date of its last.
func (s *DB) LastPosts(ctx context.Context) (_ map[string]string, err error) {
	ctx, done, err := s.call(ctx, reads)
	if err != nil {
		return nil, err
	}
	defer done(&err)
	rows, err := s.query(ctx, `SELECT channel_id, max(date) FROM digest_posts WHERE posted_at IS NOT NULL GROUP BY channel_id`)
	if err != nil {
		return nil, fmt.Errorf("last digest posts: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var ch, date string
		if err := rows.Scan(&ch, &date); err != nil {
			return nil, fmt.Errorf("last digest posts: %w", err)
		}
		out[ch] = date
	}
	return out, rows.Err()
}

// LogQuestion adds a question to the log and returns its row id: q.ID when
// it is set (a row of that id already there is left as it is), else one
// the database gives.
func (s *DB) LogQuestion(ctx context.Context, q report.Asked) (_ int64, err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return 0, err
	}
	defer done(&err)
	at := s.d.text(q.At, time.RFC3339Nano)
	if q.ID != 0 {
		_, err = s.exec(ctx, `INSERT INTO question_log (id, asked_at, command, question, answered, sentence_id, answer) `+s.d.overriding+`
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			q.ID, at, q.Command, q.Question, q.Answered, q.SentenceID, q.Answer)
		if err != nil {
			return 0, fmt.Errorf("log question: %w", err)
		}
		return q.ID, nil
	}
	var id int64
	err = s.queryRow(ctx, `INSERT INTO question_log (asked_at, command, question, answered, sentence_id, answer)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		at, q.Command, q.Question, q.Answered, q.SentenceID, q.Answer).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("log question: %w", err)
	}
	return id, nil
}

// LoggedQuestion returns a row of the question log; report.ErrNotFound when
// there is none (it was pruned, or never logged).
func (s *DB) LoggedQuestion(ctx context.Context, id int64) (_ report.Asked, err error) {
	ctx, done, err := s.call(ctx, reads)
	if err != nil {
		return report.Asked{}, err
	}
	defer done(&err)
	var q report.Asked
	var at timeValue
	err = s.queryRow(ctx, `SELECT id, asked_at, command, question, answered, sentence_id, answer
		FROM question_log WHERE id = ?`, id).Scan(&q.ID, &at, &q.Command, &q.Question, &q.Answered, &q.SentenceID, &q.Answer)
	if errors.Is(err, sql.ErrNoRows) {
		return q, fmt.Errorf("logged question %d: %w", id, report.ErrNotFound)
	}
	if err != nil {
		return q, fmt.Errorf("logged question %d: %w", id, err)
	}
	q.At = at.t.UTC()
	return q, nil
}

// Prune deletes the questions asked and the votes cast before a time:
// both are kept QUESTION_LOG_DAYS. It returns how many of each it deleted.
func (s *DB) Prune(ctx context.Context, before time.Time) (questions, votes int64, err error) {
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return 0, 0, err
	}
	defer done(&err)
	at := s.d.text(before, time.RFC3339Nano)
	res, err := s.exec(ctx, `DELETE FROM question_log WHERE asked_at < ?`, at)
	if err != nil {
		return 0, 0, fmt.Errorf("prune question log: %w", err)
	}
	questions, _ = res.RowsAffected()
	if res, err = s.exec(ctx, `DELETE FROM votes WHERE voted_at < ?`, at); err != nil {
		return questions, 0, fmt.Errorf("prune votes: %w", err)
	}
	votes, _ = res.RowsAffected()
	return questions, votes, nil
}

// RecordVote records a user's vote on an answer: one per user, question and
// sentence; a second vote replaces the first. It reports whether the user
// had voted on that answer before. report.ErrInvalidInput for a vote
// without a user hash.
func (s *DB) RecordVote(ctx context.Context, v report.Vote) (replaced bool, err error) {
	if v.UserHash == "" {
		return false, fmt.Errorf("record vote: no user: %w", report.ErrInvalidInput)
	}
	ctx, done, err := s.call(ctx, writes)
	if err != nil {
		return false, err
	}
	defer done(&err)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, s.d.rebind(`SELECT count(*) FROM votes WHERE user_hash = ? AND question = ? AND sentence_id = ?`),
		v.UserHash, v.Question, v.SentenceID).Scan(&n); err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	if _, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO votes (user_hash, question, sentence_id, answer, up, voted_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_hash, question, sentence_id) DO UPDATE SET up = excluded.up, voted_at = excluded.voted_at, answer = excluded.answer`),
		v.UserHash, v.Question, v.SentenceID, v.Answer, v.Up, s.d.text(v.At, time.RFC3339Nano)); err != nil {
		return false, fmt.Errorf("record vote: %w", err)
	}
	return n > 0, tx.Commit()
}

// Stats reports the question log and the votes from a day on (all that is
// kept when since is zero): questions and answered ones per day in loc,
// the top most asked questions the report did not answer, and the top
// answers with the most 👎.
func (s *DB) Stats(ctx context.Context, since time.Time, loc *time.Location, top int) (_ report.Stats, err error) {
	ctx, done, err := s.call(ctx, reads)
	if err != nil {
		return report.Stats{}, err
	}
	defer done(&err)
	if loc == nil {
		loc = time.UTC
	}
	st := report.Stats{Days: []report.DayStats{}, Unanswered: []report.QuestionCount{}, Downvoted: []report.AnswerVotes{}}
	from := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	if !since.IsZero() {
		st.Since = since.In(loc).Format("2006-01-02")
		from = since
	}
	fromV := s.d.text(from, time.RFC3339Nano)
	if err = s.statsDays(ctx, &st, fromV, loc); err == nil {
		if st.Unanswered, err = s.statsUnanswered(ctx, fromV, top); err == nil {
			st.Downvoted, err = s.statsDownvoted(ctx, fromV, top)
		}
	}
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// statsDays counts the questions asked from from on, and those answered,
// in all and per day in loc.
func (s *DB) statsDays(ctx context.Context, st *report.Stats, from any, loc *time.Location) error {
	rows, err := s.query(ctx, `SELECT asked_at, answered FROM question_log WHERE asked_at >= ? ORDER BY asked_at`, from)
	if err != nil {
		return err
	}
	defer rows.Close()
	days := map[string]*report.DayStats{}
	for rows.Next() {
		var at timeValue
		var answered bool
		if err := rows.Scan(&at, &answered); err != nil {
			return err
		}
		day := at.t.In(loc).Format("2006-01-02")
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
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range days {
		st.Days = append(st.Days, *d)
	}
	sort.Slice(st.Days, func(i, j int) bool { return st.Days[i].Date < st.Days[j].Date })
	return nil
}

// statsUnanswered returns the top most asked questions from from on that
// the report did not answer.
func (s *DB) statsUnanswered(ctx context.Context, from any, top int) ([]report.QuestionCount, error) {
	rows, err := s.query(ctx, `SELECT question, count(*) AS n, max(asked_at) AS last FROM question_log
		WHERE NOT answered AND asked_at >= ? GROUP BY question ORDER BY n DESC, last DESC, question LIMIT ?`, from, top)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []report.QuestionCount{}
	for rows.Next() {
		var q report.QuestionCount
		var last timeValue
		if err := rows.Scan(&q.Question, &q.Count, &last); err != nil {
			return nil, err
		}
		q.Last = last.t.UTC()
		out = append(out, q)
	}
	return out, rows.Err()
}

// statsDownvoted returns the top answers with the most 👎 from from on.
func (s *DB) statsDownvoted(ctx context.Context, from any, top int) ([]report.AnswerVotes, error) {
	const down = `sum(CASE WHEN up THEN 0 ELSE 1 END)`
	rows, err := s.query(ctx, `SELECT sentence_id, max(answer), `+down+` AS down, sum(CASE WHEN up THEN 1 ELSE 0 END), max(question)
		FROM votes WHERE voted_at >= ? GROUP BY sentence_id, CASE WHEN sentence_id = 0 THEN question ELSE '' END
		HAVING `+down+` > 0 ORDER BY down DESC, sentence_id LIMIT ?`, from, top)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []report.AnswerVotes{}
	for rows.Next() {
		var a report.AnswerVotes
		if err := rows.Scan(&a.SentenceID, &a.Answer, &a.Down, &a.Up, &a.Question); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
