// Command reportbot answers questions about the 2017 Luoyang municipal
// government work report, from the command line (and, later, on Discord).
//
//	reportbot ask [--json] [--top N] [QUESTION]
//	reportbot figure [--json] METRIC
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Config is what the environment says; main fills it, Run uses it.
type Config struct {
	DBPath   string // REPORTBOT_DB, default reportbot.db
	LogLevel slog.Level
}

// ConfigFromEnv reads the settings from the environment.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{DBPath: getenv("REPORTBOT_DB"), LogLevel: slog.LevelWarn}
	if c.DBPath == "" {
		c.DBPath = "reportbot.db"
	}
	if v := getenv("LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return c, fmt.Errorf("LOG_LEVEL %q: want debug, info, warn or error", v)
		}
	}
	return c, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // the bot could not do its job (database, index)
	exitUsage = 2 // the command line was wrong
)

// Run runs one command line and returns the exit status.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := ConfigFromEnv(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "reportbot:", err)
		return exitUsage
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	cmd := "ask"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	} else {
		args = []string{sampleQuestion}
	}
	switch cmd {
	case "ask":
		return runAsk(ctx, cfg, log, args, stdin, stdout, stderr)
	case "figure":
		return runFigure(ctx, cfg, log, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "reportbot: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

const sampleQuestion = "今年旅游收入目标是多少？"

const usage = `usage:
  reportbot ask [--json] [--top N] [QUESTION]   answer a question (none: one per line from stdin)
  reportbot figure [--json] METRIC              the figures of a metric, 2016 and 2017 side by side

settings (environment): REPORTBOT_DB (default reportbot.db), LOG_LEVEL (default warn)
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
		case allowTop && (a == "--top" || a == "-top"):
			if i+1 >= len(args) {
				return false, 0, nil, fmt.Errorf("--top needs a number")
			}
			i++
			if _, e := fmt.Sscanf(args[i], "%d", &top); e != nil || top < 1 || top > 50 {
				return false, 0, nil, fmt.Errorf("--top %q: want a number from 1 to 50", args[i])
			}
		case allowTop && strings.HasPrefix(a, "--top="):
			if _, e := fmt.Sscanf(strings.TrimPrefix(a, "--top="), "%d", &top); e != nil || top < 1 || top > 50 {
				return false, 0, nil, fmt.Errorf("%s: want a number from 1 to 50", a)
			}
		default:
			words = append(words, a)
		}
	}
	return
}
