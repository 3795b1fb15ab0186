// Package state keeps what the bot must remember, apart from the index: the
// digest subscriptions and posts (with the claims that make each post happen
// once), the question log and the votes. It has two engines behind one
// type: SQLite, the embedded default, in the same file as the index
// (REPORTBOT_DB); and PostgreSQL (DATABASE_URL), which several processes on
// several hosts share. Each engine has its own migrations folder
// (migrations/sqlite, migrations/postgres), applied at open; the contract
// tests (testStore) run against both and keep their meaning the same.
package state

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"reportbot/report"
)

// Store is everything the state keeps. *DB implements it on either engine;
// its users declare the smaller interfaces they need.
type Store interface {
	// Subscriptions.
	Subscribe(ctx context.Context, s report.Subscription, at time.Time) (bool, error)
	Unsubscribe(ctx context.Context, channelID string) (bool, error)
	Subscriptions(ctx context.Context) ([]report.Subscription, error)
	SyncConfigSubscriptions(ctx context.Context, channelIDs []string, at time.Time) error
	MarkBroken(ctx context.Context, channelID, reason string, at time.Time) error
	// Digest posts and their claims.
	DueDigests(ctx context.Context, date string, now time.Time) ([]report.Subscription, error)
	ClaimDigest(ctx context.Context, channelID, date, owner string, now, until time.Time) (bool, error)
	RecordDigestPost(ctx context.Context, channelID, date, messageID string, at time.Time) error
	FailDigest(ctx context.Context, channelID, date, owner string, fault bool, retry func(attempts, transient int) time.Time) (attempts, transient int, err error)
	DigestPosted(ctx context.Context, channelID, date string) (bool, error)
	LastPosts(ctx context.Context) (map[string]string, error)
	// The question log and the votes.
	LogQuestion(ctx context.Context, q report.Asked) (int64, error)
	LoggedQuestion(ctx context.Context, id int64) (report.Asked, error)
	Prune(ctx context.Context, before time.Time) (questions, votes int64, err error)
	RecordVote(ctx context.Context, v report.Vote) (bool, error)
	UserHash(ctx context.Context, userID string) (string, error)
	Stats(ctx context.Context, since time.Time, loc *time.Location, top int) (report.Stats, error)
	// The database itself.
	Ping(ctx context.Context) error
	Engine() string
	Close() error
}

var _ Store = (*DB)(nil)

// Config says where the state lives: PostgreSQL when URL is set, else the
// SQLite file at Path.
type Config struct {
	URL  string // DATABASE_URL: postgres://user:pass@host:5432/db?sslmode=…
	Path string // REPORTBOT_DB
	// CallTimeout bounds every call to the database, connecting included;
	// default 3 s for PostgreSQL, 15 s for SQLite (whose busy timeout of
	// 10 s comes first).
	CallTimeout time.Duration
	// ProbeEvery is how often a database that stopped answering is tried
	// again; default 2 s.
	ProbeEvery time.Duration
	// Logger is told when the database stops answering and when it
	// answers again; nil discards.
	Logger *slog.Logger
	// HashSecret is VOTE_HASH_KEY: the secret the key of the hashes of
	// member ids (voters, subscribers) is made from. Empty: the key is
	// the file KeyFile, made at random on first use.
	HashSecret string
	// KeyFile holds the key when there is no HashSecret: 32 random bytes
	// in hex, mode 0600, outside the database; default Path + ".key".
	KeyFile string
}

// Open opens the configured store and applies its migrations.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.ProbeEvery <= 0 {
		cfg.ProbeEvery = defaultProbeEvery
	}
	if cfg.URL != "" {
		if cfg.CallTimeout <= 0 {
			cfg.CallTimeout = postgresCallTimeout
		}
		return openPostgres(ctx, cfg)
	}
	if cfg.Path == "" {
		return nil, fmt.Errorf("open state: no DATABASE_URL and no REPORTBOT_DB: %w", report.ErrInvalidInput)
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = sqliteCallTimeout
	}
	return openSQLite(ctx, cfg)
}

// newDB wraps an open database of an engine.
func newDB(db *sql.DB, d dialect, cfg Config) *DB {
	s := &DB{db: db, d: d, timeout: cfg.CallTimeout}
	s.health = newHealth(d.name, cfg.Logger, db.PingContext, cfg.ProbeEvery, cfg.CallTimeout)
	keyFile := cfg.KeyFile
	if keyFile == "" && cfg.Path != "" {
		keyFile = cfg.Path + ".key"
	}
	s.key = &hashKey{secret: cfg.HashSecret, file: keyFile}
	return s
}

// IsPostgresURL tells whether a DATABASE_URL names PostgreSQL, the one
// server engine the state knows.
func IsPostgresURL(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}
