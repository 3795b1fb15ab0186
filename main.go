// Command reportbot answers questions about the 2017 Luoyang municipal
// government work report, on Discord, in a console and from the command line.
//
//	reportbot                 Discord when DISCORD_TOKEN is set, else the console
//	reportbot ask [--json] [--top N] [QUESTION]
//	reportbot figure [--json] METRIC
//	reportbot figures [--json]
//	reportbot COMMAND [--json] [ARGS...]
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // DIGEST_TZ works on machines without a zone database
	"unicode/utf8"

	"github.com/joho/godotenv"

	"reportbot/bot"
	"reportbot/metrics"
	"reportbot/state"
)

// Config is what the environment says; main fills it, Run uses it.
type Config struct {
	DBPath string // REPORTBOT_DB, default reportbot.db
	// Reports is REPORTBOT_REPORT: a comma-separated list of reports, each a
	// .txt file or a folder holding report.txt and the report's own data;
	// empty: the embedded report. The first answers what names no other.
	Reports  string
	CacheDir string         // REPORTBOT_CACHE_DIR, default the user cache directory: where gojieba's dictionaries are unpacked
	LogLevel slog.Level     // LOG_LEVEL, default warn
	Location *time.Location // DIGEST_TZ, default Asia/Shanghai: the digest's "today"
	// DatabaseURL is DATABASE_URL: the state (subscriptions, digest posts,
	// the question log, votes) in PostgreSQL, shared by every process;
	// empty: in the SQLite file DBPath, beside the index.
	DatabaseURL string
	// MetricsAddr is METRICS_ADDR (host:port, e.g. 127.0.0.1:9464): where
	// the bot serves Prometheus metrics and /healthz; empty: off.
	MetricsAddr string
	// QuestionLogDays is QUESTION_LOG_DAYS, default 30: how long the bot
	// and the console keep the questions they were asked, and the votes
	// on the answers; 0 keeps none (and answers have no vote buttons).
	QuestionLogDays int
	// FollowUp is FOLLOWUP_MINUTES, default 10: how long a person's question
	// in a channel waits for a follow-up (那去年呢) read with it.
	FollowUp time.Duration
	// VoteHashKey is VOTE_HASH_KEY: the secret the key of the hashes of
	// member ids is made from; empty: the key file REPORTBOT_DB.key.
	VoteHashKey string
}

// ConfigFromEnv reads the settings from the environment. A bad setting gives
// an error that names it and says what is wrong, never its value (a token
// pasted into the wrong setting stays unprinted).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{DBPath: getenv("REPORTBOT_DB"), Reports: getenv("REPORTBOT_REPORT"), CacheDir: getenv("REPORTBOT_CACHE_DIR"), LogLevel: slog.LevelWarn, QuestionLogDays: 30, FollowUp: 10 * time.Minute}
	if c.DBPath == "" {
		c.DBPath = "reportbot.db"
	}
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL: want debug, info, warn or error")
		}
	}
	if v := strings.TrimSpace(getenv("DATABASE_URL")); v != "" {
		if !state.IsPostgresURL(v) {
			return c, fmt.Errorf("DATABASE_URL: want a PostgreSQL URL, postgres://user:password@host:5432/database (or leave it empty for the SQLite file REPORTBOT_DB)")
		}
		c.DatabaseURL = v
	}
	if v := strings.TrimSpace(getenv("METRICS_ADDR")); v != "" {
		if _, port, err := net.SplitHostPort(v); err != nil || port == "" {
			return c, fmt.Errorf("METRICS_ADDR: want host:port, such as 127.0.0.1:9464")
		}
		c.MetricsAddr = v
	}
	tz := getenv("DIGEST_TZ")
	if tz == "" {
		tz = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return c, fmt.Errorf("DIGEST_TZ: not a time zone (want a name such as Asia/Shanghai)")
	}
	c.Location = loc
	if v := strings.TrimSpace(getenv("FOLLOWUP_MINUTES")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1440 {
			return c, fmt.Errorf("FOLLOWUP_MINUTES: want a number of minutes from 1 to 1440")
		}
		c.FollowUp = time.Duration(n) * time.Minute
	}
	if v := strings.TrimSpace(getenv("QUESTION_LOG_DAYS")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 3650 {
			return c, fmt.Errorf("QUESTION_LOG_DAYS: want a number of days from 0 (keep no questions) to 3650")
		}
		c.QuestionLogDays = n
	}
	if v := getenv("VOTE_HASH_KEY"); v != "" {
		if len(strings.TrimSpace(v)) < 16 {
			return c, fmt.Errorf("VOTE_HASH_KEY: want a secret of at least 16 characters (or leave it empty for a key file beside REPORTBOT_DB)")
		}
		c.VoteHashKey = strings.TrimSpace(v)
	}
	return c, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Run(ctx, os.Args[1:], envWithDotenv(".env"), os.Stdin, os.Stdout, os.Stderr))
}

// envWithDotenv reads settings from the environment and, for those it does
// not set, from the .env file at path, if there is one.
func envWithDotenv(path string) func(string) string {
	dot, err := godotenv.Read(path)
	if err != nil {
		dot = map[string]string{}
	}
	return func(k string) string {
		if v, ok := os.LookupEnv(k); ok {
			return v
		}
		return dot[k]
	}
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the bot could not do its job (database, index)
	exitUsage = 2 // the command line was wrong
)

// Run runs one command line and returns the exit status. With no command it
// connects to Discord when DISCORD_TOKEN is set, and starts the console
// when it is not.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return (&Main{Args: args, Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr}).Run(ctx)
}

// Main is one run of reportbot, as main starts it and as tests do.
type Main struct {
	Args           []string
	Getenv         func(string) string
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// TuneBot, when set, adjusts the Discord settings before the bot
	// starts: tests move its clock and shorten its waits.
	TuneBot func(*bot.Config)
	// TuneState, when set, adjusts the state store's settings before it
	// opens: tests shorten its timeouts.
	TuneState func(*state.Config)
	// ChartDir is where the console makes its folder of charts; empty:
	// the temporary directory (TMPDIR).
	ChartDir string
}

// Run runs m and returns the exit status.
func (m *Main) Run(ctx context.Context) int {
	args, getenv, stdin, stdout, stderr := m.Args, m.Getenv, m.Stdin, m.Stdout, m.Stderr
	cfg, err := ConfigFromEnv(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "reportbot:", err)
		return exitUsage
	}
	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	if len(args) == 0 && token != "" && getenv("LOG_LEVEL") == "" {
		cfg.LogLevel = slog.LevelInfo // a running bot says what it does
	}
	a := &app{
		cfg:       cfg,
		getenv:    getenv,
		log:       slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel})),
		stdin:     stdin,
		stdout:    stdout,
		stderr:    stderr,
		tuneBot:   m.TuneBot,
		tuneState: m.TuneState,
		chartRoot: m.ChartDir,
	}
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			a.interactive = true
		}
	}
	if len(args) == 0 {
		if token != "" {
			return a.runBot(ctx)
		}
		return a.runConsole(ctx)
	}
	for _, arg := range args {
		if !utf8.ValidString(arg) {
			// Unreadable input is a mistake to say, not a blank to fill in.
			fmt.Fprintf(stderr, "reportbot: the argument %q is not valid UTF-8 text\n", arg)
			return exitUsage
		}
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "console":
		return a.runConsole(ctx)
	case "ask":
		return a.runAsk(ctx, args)
	case "figure":
		return a.runFigure(ctx, args)
	case "figures":
		return a.runFigures(ctx, args)
	case "stats":
		return a.runStats(ctx, args)
	case "subscriptions":
		return a.runSubscriptions(ctx, args)
	case "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return a.runCommand(ctx, cmd, args)
}

// app is one run of the command line.
type app struct {
	cfg            Config
	getenv         func(string) string
	log            *slog.Logger
	stdin          io.Reader
	stdout, stderr io.Writer
	interactive    bool // stdin is a terminal
	tuneBot        func(*bot.Config)
	tuneState      func(*state.Config)
	chartRoot      string // where the console makes chartDir; "" for TMPDIR
	chartDir       string // where the console saves charts, made on first use
	charts         int    // charts the console saved
	dbLooked       bool   // REPORTBOT_DB was looked at before its first opening
}

// runBot connects to Discord and answers there until ctx ends (SIGINT,
// SIGTERM), then closes the gateway and the database.
func (a *app) runBot(ctx context.Context) int {
	dc, err := bot.ParseConfig(a.getenv, a.cfg.Location)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot:", err)
		return exitUsage
	}
	if a.tuneBot != nil {
		a.tuneBot(&dc)
	}
	r, kb, ok := a.router(ctx)
	if !ok {
		return exitError
	}
	defer kb.Close()
	if kb.ReadOnly() && a.cfg.DatabaseURL == "" {
		fmt.Fprintf(a.stderr, "reportbot: %s is read-only; the bot keeps its digest subscriptions there: set REPORTBOT_DB to a file it can write, or DATABASE_URL\n", a.cfg.DBPath)
		return exitError
	}
	st, ok := a.openState(ctx)
	if !ok {
		return exitError
	}
	defer st.Close()
	a.log.Info("state", "engine", st.Engine(), "shard", dc.ShardID, "shards", dc.ShardCount)
	if dc.ShardCount > 1 && a.cfg.DatabaseURL == "" {
		a.log.Warn("SHARD_COUNT is above 1 but the state is in the local SQLite file: shards on other hosts will not see its subscriptions; set DATABASE_URL to a PostgreSQL all shards share", "file", a.cfg.DBPath)
	}
	r.Now = dc.Now
	if ql := a.logQuestions(r, st); ql != nil {
		defer ql.Close()
	}
	var m *metrics.Metrics
	if a.cfg.MetricsAddr != "" {
		m = metrics.New(dc.ShardID, dc.ShardCount)
		dc.Observer = m
		r.Log = &countedLog{next: r.Log, m: m}
	}
	b, err := bot.New(dc, r, a.botStore(st, dc), a.log)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot:", err)
		return exitError
	}
	if m != nil {
		srv, ok := a.serveMetrics(m, st, b)
		if !ok {
			return exitError
		}
		defer srv.Close()
	}
	if err := b.Open(ctx); err != nil {
		b.Close()
		if ctx.Err() != nil { // stopped while starting: a clean stop
			return exitOK
		}
		fmt.Fprintln(a.stderr, "reportbot:", err)
		return exitError
	}
	a.log.Info("reportbot is running; stop it with Ctrl-C")
	code := exitOK
	select {
	case <-ctx.Done():
		a.log.Info("shutting down")
	case err := <-b.Fatal(): // Discord will not take the bot back as it is set
		fmt.Fprintln(a.stderr, "reportbot:", err)
		code = exitError
	}
	if err := b.Close(); err != nil {
		a.log.Warn("close discord", "err", err)
	}
	return code
}

// botStore is the state as the bot is given it: with QUESTION_LOG_DAYS=0
// it keeps no votes (as it keeps no questions), and the answers have no
// vote buttons.
func (a *app) botStore(st *state.DB, dc bot.Config) bot.Store {
	if a.cfg.QuestionLogDays == 0 {
		return struct{ bot.Store }{st}
	}
	if a.cfg.DatabaseURL != "" && a.cfg.VoteHashKey == "" && dc.ShardCount > 1 {
		a.log.Warn("VOTE_HASH_KEY is not set: each host hashes voters with the key file beside its REPORTBOT_DB, so one person's votes through different hosts count apart; set VOTE_HASH_KEY, the same on every host")
	}
	return st
}

// serveMetrics serves /metrics, with the state store's, and /healthz at
// METRICS_ADDR; false when it cannot listen there, said on standard error.
func (a *app) serveMetrics(m *metrics.Metrics, st *state.DB, b *bot.Bot) (*metrics.Server, bool) {
	m.WatchState(st)
	srv, err := metrics.Serve(a.cfg.MetricsAddr, m.Handler(func(ctx context.Context) metrics.Health {
		h := b.Health(ctx)
		return metrics.Health{Status: h.Status, Details: []string{"gateway: " + h.Gateway, "state: " + h.State}}
	}), a.log)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot:", err)
		return nil, false
	}
	a.log.Info("metrics", "addr", srv.Addr, "paths", "/metrics /healthz")
	return srv, true
}

const usage = `usage:
  reportbot                                    the console (type a question, or /help)
  reportbot console                            the same
  reportbot ask [--json] [--top N] [QUESTION]  answer a question (none: one per line from stdin)
  reportbot ask --explain QUESTION             how it is read: the report, the intent, the
                                               candidates and their scores, the judge's rules
  reportbot figure [--json] METRIC             the figures of a metric, last year's and this year's side by side
  reportbot figures [--json]                   every figure of the report, one a line
  reportbot COMMAND [--json] [ARGS...]         run one command as /COMMAND would in chat:
                                               target, section, search, digest, help, about
  reportbot figure|target|section|digest ARGS --png FILE
                                               also write the reply's chart as a PNG
  reportbot stats [--since YYYY-MM-DD] [--json]
                                               what people asked: questions a day, the share
                                               answered, the most asked unanswered, the most 👎

  reportbot subscriptions list [--json]        the daily digest's channels, in the configured state
  reportbot subscriptions add CHANNEL_ID [--guild GUILD_ID]
  reportbot subscriptions remove CHANNEL_ID

settings (environment): REPORTBOT_DB (default reportbot.db), DATABASE_URL (postgres://…: the
state in PostgreSQL), LOG_LEVEL (default warn), QUESTION_LOG_DAYS (default 30: the questions and the
votes; 0 keeps none), VOTE_HASH_KEY (the secret of the voters' hashes; default a key file beside REPORTBOT_DB)
`

// splitFlags separates --json and --top N from the words of a question, so
// that a question may contain anything, and flags may come anywhere.
func splitFlags(args []string, allowTop bool) (jsonOut bool, top int, words []string, err error) {
	top = 3
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			words = append(words, args[i+1:]...)
			return
		case a == "--json" || a == "-json":
			jsonOut = true
		case allowTop && isOption(a, "--top", "-top"):
			v, last, has := optionValue(args, i)
			if !has {
				return false, 0, nil, fmt.Errorf("--top needs a number")
			}
			i = last
			if _, e := fmt.Sscanf(v, "%d", &top); e != nil || top < 1 || top > 50 {
				return false, 0, nil, fmt.Errorf("--top %q: want a number from 1 to 50", v)
			}
		default:
			words = append(words, a)
		}
	}
	return
}

// isOption tells whether arg is the command-line option names[0] (or one
// of its other spellings, names[1:]), given alone or as names[0]=VALUE.
func isOption(arg string, names ...string) bool {
	for _, n := range names {
		if arg == n {
			return true
		}
	}
	return strings.HasPrefix(arg, names[0]+"=")
}

// optionValue returns the value of the option at args[i] (isOption): after
// its = or in the next argument, with the index of the last argument it
// took; has is false when the option ends the command line with no value.
func optionValue(args []string, i int) (value string, last int, has bool) {
	if _, v, ok := strings.Cut(args[i], "="); ok {
		return v, i, true
	}
	if i+1 < len(args) {
		return args[i+1], i + 1, true
	}
	return "", i, false
}
