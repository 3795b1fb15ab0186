package state

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"reportbot/report"
)

// Every call to the database has a deadline, and a database that does not
// answer is noticed once and then left alone: a call that fails because the
// database did not answer (its deadline passed, the connection was refused
// or lost) marks it down. While it is down, calls fail at once with
// report.ErrUnavailable, and a probe pings it every so often until it
// answers again. Each outage is logged twice, when it begins and when it
// ends, whatever the number of calls refused in between; writes lost are
// counted (LostWrites), for metrics.

// The defaults of Config's CallTimeout and ProbeEvery.
const (
	postgresCallTimeout = 3 * time.Second
	// sqliteCallTimeout is above SQLite's own busy timeout (10 s), which
	// says "database is locked" first.
	sqliteCallTimeout = 15 * time.Second
	defaultProbeEvery = 2 * time.Second
)

// health is whether the database answers, and the probe that finds out
// when it answers again.
type health struct {
	engine  string
	log     *slog.Logger
	ping    func(ctx context.Context) error
	every   time.Duration // between probes
	timeout time.Duration // of a probe
	lost    atomic.Int64  // writes lost, ever

	mu       sync.Mutex
	down     bool
	since    time.Time // when the outage began
	lostThen int64     // lost when it began

	ctx    context.Context // ends when the database closes
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newHealth(engine string, log *slog.Logger, ping func(context.Context) error, every, timeout time.Duration) *health {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &health{engine: engine, log: log.With("component", "state", "engine", engine), ping: ping, every: every, timeout: timeout}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	return h
}

// available tells whether the database answered its last call or probe.
func (h *health) available() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.down
}

// fail marks the database down, after a call it did not answer, and starts
// the probe; the first call of an outage logs it.
func (h *health) fail(err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.down || h.ctx.Err() != nil {
		return
	}
	h.down, h.since, h.lostThen = true, time.Now(), h.lost.Load()
	h.log.Warn("the state store does not answer: state features answer 暂时无法保存 and writes are dropped until it does", "err", err)
	h.wg.Add(1)
	go h.probe()
}

// probe pings the database until it answers, then marks it up and logs the
// outage's end.
func (h *health) probe() {
	defer h.wg.Done()
	t := time.NewTicker(h.every)
	defer t.Stop()
	for {
		select {
		case <-h.ctx.Done():
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(h.ctx, h.timeout)
		err := h.ping(ctx)
		cancel()
		if err != nil {
			continue
		}
		h.mu.Lock()
		h.down = false
		h.log.Warn("the state store answers again", "after", time.Since(h.since).Round(time.Millisecond), "writes_lost", h.lost.Load()-h.lostThen)
		h.mu.Unlock()
		return
	}
}

// close stops the probe.
func (h *health) close() {
	h.cancel()
	h.wg.Wait()
}

// unanswered tells whether err says the database did not answer: its
// deadline passed (while the caller still waited), or the connection
// could not be made or was lost.
func unanswered(err error, caller context.Context) bool {
	if err == nil || caller.Err() != nil {
		return false // the caller gave up (a shutdown): no outage
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) || errors.As(err, &ce) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, driver.ErrBadConn) || pgconn.Timeout(err)
}

// Kinds of call, for counting lost writes.
const (
	reads  = false
	writes = true
)

// call begins a call to the database: it returns ctx bounded by the call's
// deadline, or report.ErrUnavailable at once while the database is down.
// The caller defers done(&err): it ends the deadline, marks the database
// down when err says it did not answer, and then wraps err with
// report.ErrUnavailable.
func (s *DB) call(ctx context.Context, write bool) (context.Context, func(*error), error) {
	if !s.health.available() {
		if write {
			s.health.lost.Add(1)
		}
		return ctx, nil, report.ErrUnavailable
	}
	cctx, cancel := context.WithTimeout(ctx, s.timeout)
	return cctx, func(err *error) {
		cancel()
		if *err == nil || errors.Is(*err, report.ErrUnavailable) || !unanswered(*err, ctx) {
			return
		}
		if write {
			s.health.lost.Add(1)
		}
		s.health.fail(*err)
		*err = fmt.Errorf("%w: %w", report.ErrUnavailable, *err)
	}, nil
}

// Available tells whether the database answered its last call: false from
// a call it did not answer until a probe finds it answering again.
func (s *DB) Available() bool { return s.health.available() }

// LostWrites returns how many writes were lost, ever, because the database
// did not answer (or the question log's queue was full).
func (s *DB) LostWrites() int64 { return s.health.lost.Load() }
