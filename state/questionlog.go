package state

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"reportbot/report"
)

// LogConfig configures a QuestionLog.
type LogConfig struct {
	Days int              // QUESTION_LOG_DAYS: questions and votes older are deleted
	Now  func() time.Time // the clock of the rows and of pruning; default time.Now
	// Queue is how many questions may wait to be written; default 1,000.
	Queue int
	// PruneEvery is how often old rows are deleted; default an hour.
	PruneEvery time.Duration
	Logger     *slog.Logger
}

// QuestionLog is the question log as a router keeps it: off the answer's
// path. LogQuestion gives a question its row id at once and leaves the row
// to a writer in the background, so that an answer never waits on the
// database; a question that finds the queue full (the database is slow or
// down) is dropped and counted as a lost write. The writer also deletes
// the questions and the votes older than Days, when it starts and every
// PruneEvery. Close
// writes what is queued, within a bound, and stops the writer.
type QuestionLog struct {
	db    *DB
	cfg   LogConfig
	log   *slog.Logger
	queue chan report.Asked

	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{} // closed when the writer has stopped
}

// NewQuestionLog starts a question log in the database.
func (s *DB) NewQuestionLog(cfg LogConfig) *QuestionLog {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 1000
	}
	if cfg.PruneEvery <= 0 {
		cfg.PruneEvery = time.Hour
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	l := &QuestionLog{db: s, cfg: cfg, log: log.With("component", "question log"), queue: make(chan report.Asked, cfg.Queue),
		stop: make(chan struct{}), done: make(chan struct{})}
	go l.write()
	return l
}

// LogQuestion queues a question for the log and returns the id its row
// will have. It never waits.
func (l *QuestionLog) LogQuestion(ctx context.Context, q report.Asked) (int64, error) {
	q.ID = rand.Int64N(1<<53-1) + 1 // exact in JSON's numbers too
	select {
	case l.queue <- q:
	default:
		l.db.health.lost.Add(1)
	}
	return q.ID, nil
}

// LoggedQuestion returns a row of the log; report.ErrNotFound when there is
// none (pruned, lost, or not written yet), report.ErrUnavailable while the
// database does not answer.
func (l *QuestionLog) LoggedQuestion(ctx context.Context, id int64) (report.Asked, error) {
	return l.db.LoggedQuestion(ctx, id)
}

// write writes queued questions and prunes old rows until Close.
func (l *QuestionLog) write() {
	defer close(l.done)
	prune := time.NewTicker(l.cfg.PruneEvery)
	defer prune.Stop()
	l.prune()
	for {
		select {
		case q := <-l.queue:
			l.insert(q)
		case <-prune.C:
			l.prune()
		case <-l.stop:
			for {
				select {
				case q := <-l.queue:
					l.insert(q)
				default:
					return
				}
			}
		}
	}
}

// insert writes one row. The database logs an outage itself, once; any
// other failure is logged here.
func (l *QuestionLog) insert(q report.Asked) {
	if _, err := l.db.LogQuestion(context.Background(), q); err != nil && !errors.Is(err, report.ErrUnavailable) {
		l.log.Warn("question not logged", "err", err)
	}
}

// prune deletes the questions and the votes older than Days.
func (l *QuestionLog) prune() {
	before := l.cfg.Now().AddDate(0, 0, -l.cfg.Days)
	if _, _, err := l.db.Prune(context.Background(), before); err != nil && !errors.Is(err, report.ErrUnavailable) {
		l.log.Warn("prune question log and votes", "err", err)
	}
}

// Close writes what is queued and stops the writer, waiting at most a
// little longer than one call's timeout (the database may hang, which the
// first call that times out finds out, and the rest fail at once).
func (l *QuestionLog) Close() error {
	l.stopOnce.Do(func() { close(l.stop) })
	select {
	case <-l.done:
		return nil
	case <-time.After(2*l.db.timeout + time.Second):
		return errors.New("question log: queued questions not written in time")
	}
}
