// Package metrics is reportbot's Prometheus metrics and health check, the
// one place that knows github.com/prometheus/client_golang. With
// METRICS_ADDR set, the bot serves /metrics and /healthz there.
package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the bot's metrics, in a registry of its own.
type Metrics struct {
	reg          *prometheus.Registry
	questions    *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	interactions *prometheus.CounterVec
	digestPosts  *prometheus.CounterVec
	reconnects   prometheus.Counter
	busy         *prometheus.CounterVec
}

// New returns the metrics of the process serving shard of count.
func New(shard, count int) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_questions_total",
			Help: "Questions answered, by command (ask, figure, target, search) and whether the report answered them.",
		}, []string{"command", "answered"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "reportbot_answer_duration_seconds",
			Help:    "Time from an interaction or a message to its reply being ready, by source (interaction, message).",
			Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5},
		}, []string{"source"}),
		interactions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_interactions_total",
			Help: "Interactions received, by type (command, autocomplete, component, other).",
		}, []string{"type"}),
		digestPosts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_digest_posts_total",
			Help: "Digest posts this process made, by result (ok, failed).",
		}, []string{"result"}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "reportbot_gateway_reconnects_total",
			Help: "Gateway connections after the first (resumed or identified anew).",
		}),
		busy: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "reportbot_busy_total",
			Help: "Interactions told the bot is busy and messages left unanswered, by source (interaction, message): more at once than it answers and queues.",
		}, []string{"source"}),
	}
	shardInfo := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "reportbot_shard_info",
		Help:        "The shard this process serves, in its labels; always 1.",
		ConstLabels: prometheus.Labels{"shard": strconv.Itoa(shard), "shard_count": strconv.Itoa(count)},
	})
	shardInfo.Set(1)
	shardID := prometheus.NewGauge(prometheus.GaugeOpts{Name: "reportbot_shard_id", Help: "The shard this process serves (SHARD_ID)."})
	shardID.Set(float64(shard))
	m.reg.MustRegister(m.questions, m.latency, m.interactions, m.digestPosts, m.reconnects, m.busy, shardInfo, shardID,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, r := range []string{"ok", "failed"} {
		m.digestPosts.WithLabelValues(r)
	}
	return m
}

// Question counts a question answered by a command.
func (m *Metrics) Question(command string, answered bool) {
	m.questions.WithLabelValues(command, strconv.FormatBool(answered)).Inc()
}

// Answered observes the time a reply took.
func (m *Metrics) Answered(source string, d time.Duration) {
	m.latency.WithLabelValues(source).Observe(d.Seconds())
}

// Interaction counts an interaction of a type.
func (m *Metrics) Interaction(kind string) { m.interactions.WithLabelValues(kind).Inc() }

// DigestPost counts a digest post, made or failed.
func (m *Metrics) DigestPost(ok bool) {
	r := "ok"
	if !ok {
		r = "failed"
	}
	m.digestPosts.WithLabelValues(r).Inc()
}

// Reconnect counts a gateway connection after the first.
func (m *Metrics) Reconnect() { m.reconnects.Inc() }

// Busy counts an interaction or a message refused: too many at once.
func (m *Metrics) Busy(source string) { m.busy.WithLabelValues(source).Inc() }

// StateStore is what the metrics read of the state store at each scrape.
type StateStore interface {
	Available() bool   // it answers
	LostWrites() int64 // writes lost while it did not answer, ever
}

// WatchState adds the state store's metrics: reportbot_state_up and
// reportbot_state_writes_lost_total.
func (m *Metrics) WatchState(st StateStore) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "reportbot_state_up",
			Help: "1 while the state store answers; 0 from a call it did not answer until it answers again.",
		}, func() float64 {
			if st.Available() {
				return 1
			}
			return 0
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "reportbot_state_writes_lost_total",
			Help: "Writes to the state store (question log rows, votes, digest records) lost because it did not answer.",
		}, func() float64 { return float64(st.LostWrites()) }),
	)
}

// Health is what a health check says: Status ok, degraded (working, with a
// part missing) or down; Details, lines that say which part is which. It
// must not say where a database lives, nor who logs in to it.
type Health struct {
	Status  string
	Details []string
}

// Handler serves /metrics and /healthz: 200 when health says ok or
// degraded, 503 when it says down, with the status and the details as
// lines of text.
func (m *Metrics) Handler(health func(ctx context.Context) Health) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		h := health(ctx)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if h.Status != "ok" && h.Status != "degraded" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		fmt.Fprintln(w, h.Status)
		for _, d := range h.Details {
			fmt.Fprintln(w, d)
		}
	})
	return mux
}

// Server serves a handler on an address until Close.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	wg   sync.WaitGroup
	Addr string // where it listens, with the port chosen when addr had :0
}

// Serve listens on addr (METRICS_ADDR) and serves h in the background. An
// error says the address cannot be listened on.
func Serve(addr string, h http.Handler, log *slog.Logger) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("METRICS_ADDR %s: %w", addr, err)
	}
	s := &Server{srv: &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}, ln: ln, Addr: ln.Addr().String()}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) && log != nil {
			log.Error("metrics server stopped", "err", err)
		}
	}()
	return s, nil
}

// Close stops the server, waiting at most a few seconds for requests.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	s.wg.Wait()
	return err
}
