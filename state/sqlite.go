package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/mattn/go-sqlite3" // SQLite driver
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
	if err := s.prepare(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	return s, nil
}

// openSQLiteFile opens the SQLite file at path, creating it, with the
// settings the bot relies on (WAL, a busy timeout, immediate write
// transactions) and a small pool: a burst of questions does not hold a
// file a question. Two processes that create a new file together may both
// try to switch it to WAL at once, and one gets "database is locked" at
// once, whatever the busy timeout: that is tried again for a while.
func openSQLiteFile(ctx context.Context, path string) (*sql.DB, error) {
	dsn := "file:" + path + "?_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=on&_synchronous=NORMAL"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(2)
	db.SetConnMaxIdleTime(time.Minute)
	wait := 5 * time.Millisecond
	for deadline := time.Now().Add(10 * time.Second); ; wait = min(wait*2, 200*time.Millisecond) {
		err = db.PingContext(ctx)
		var se sqlite3.Error
		if err == nil || !errors.As(err, &se) || se.Code != sqlite3.ErrBusy || time.Now().After(deadline) {
			break
		}
		select {
		case <-ctx.Done():
			db.Close()
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// PrepareSQLite makes sure the SQLite file at path exists in WAL mode, so
// that the index, which opens the same file, never has to switch it while
// another process does: main calls it first. A file it cannot create or
// write is left for the index to report.
func PrepareSQLite(ctx context.Context, path string) error {
	db, err := openSQLiteFile(ctx, path)
	if err != nil {
		return fmt.Errorf("prepare %s: %w", path, err)
	}
	return db.Close()
}
