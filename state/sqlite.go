package state

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/mattn/go-sqlite3" // SQLite driver
)

var sqliteDialect = dialect{
	name:   "sqlite",
	rebind: func(q string) string { return q },
	text:   func(t time.Time, layout string) any { return t.UTC().Format(layout) },
	lease:  func(t time.Time) any { return t.UnixMilli() },
	migrationsTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TEXT NOT NULL)`,
}

// OpenSQLite opens the state in the SQLite file at path, with the default
// settings; see Open.
func OpenSQLite(ctx context.Context, path string) (*DB, error) {
	return Open(ctx, Config{Path: path})
}

// openSQLite opens the state in the SQLite file cfg.Path (the index's file,
// REPORTBOT_DB), creating it, and applies the migrations. The index tables
// beside them are the knowledge package's and are never touched here.
func openSQLite(ctx context.Context, cfg Config) (*DB, error) {
	path := cfg.Path
	db, err := openSQLiteFile(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	s := newDB(db, sqliteDialect, cfg)
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	return s, nil
}

// openSQLiteFile opens the SQLite file at path, creating it, with the
// settings the bot relies on (WAL, a busy timeout, immediate write
// transactions) and a small pool: a burst of questions does not hold a
// file a question.
func openSQLiteFile(ctx context.Context, path string) (*sql.DB, error) {
	dsn := "file:" + path + "?_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=on&_synchronous=NORMAL"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(2)
	db.SetConnMaxIdleTime(time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}
