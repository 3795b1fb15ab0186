package state

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver (pgx) for database/sql

	"reportbot/internal/secret"
)

var postgresDialect = dialect{
	name:   "postgres",
	rebind: rebindDollar,
	text:   func(t time.Time, _ string) any { return t.UTC() },
	lease:  func(t time.Time) any { return t.UTC() },
	migrationsTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL)`,
	// Processes starting together take turns; the key is "reportbot" in ASCII.
	lockMigrations: `SELECT pg_advisory_xact_lock(8243102865432278132)`,
	overriding:     `OVERRIDING SYSTEM VALUE`,
}

// rebindDollar turns each ? into $1, $2, … (no query here has a ? in a
// string literal).
func rebindDollar(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// OpenPostgres connects to the PostgreSQL database at url with the default
// settings; see Open.
func OpenPostgres(ctx context.Context, url string) (*DB, error) {
	return Open(ctx, Config{URL: url})
}

// openPostgres connects to the PostgreSQL database at cfg.URL
// (DATABASE_URL, postgres://user:password@host:5432/db?sslmode=…) and
// applies the migrations. No password, nor the user, appears in an error
// (secret.URL, secret.Scrub). A
// connection that the URL gives no connect_timeout is given the call
// timeout.
func openPostgres(ctx context.Context, cfg Config) (*DB, error) {
	url := cfg.URL
	pc, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL %s: %s", secret.URL(url), secret.Scrub(err.Error(), url))
	}
	if pc.ConnectTimeout <= 0 {
		pc.ConnectTimeout = cfg.CallTimeout
	}
	db := stdlib.OpenDB(*pc)
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to PostgreSQL at %s (DATABASE_URL): %s", secret.URL(url), secret.Scrub(err.Error(), url))
	}
	s := newDB(db, postgresDialect, cfg)
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("PostgreSQL at %s: %w", secret.URL(url), err)
	}
	return s, nil
}
