package knowledge

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"hash"
	"log/slog"
	"os"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // SQLite driver; build with -tags sqlite_fts5

	"reportbot/seeds"
)

// IndexVersion names the layout of the index tables and the way they are
// filled. Change it whenever ingest, figures or segmentation change what is
// stored: an index built with another version is rebuilt on open.
const IndexVersion = "25"

// openDB opens the SQLite file at path with the settings the bot relies on:
// WAL, a busy timeout, immediate write transactions, foreign keys.
func openDB(path string) (*sql.DB, error) {
	dsn := "file:" + path + "?_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=on&_synchronous=NORMAL"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	limitConns(db)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// limitConns bounds the connections a burst of questions opens, each a
// file, and gives them back soon after.
func limitConns(db *sql.DB) {
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(2)
	db.SetConnMaxIdleTime(time.Minute)
}

// openReadOnly opens an existing database file read-only and immutable: no
// locks, no WAL files beside it, for a file in a read-only place.
func openReadOnly(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	limitConns(db)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	return db, nil
}

// indexSchema creates the index tables. They are dropped and made anew on
// every rebuild; nothing else lives in them. The sentences' text, headings
// and figures are read from the reports at every start and never from here:
// idx_sentences only records which report each id is of and a hash of its
// text, so that an index that no longer matches is noticed and rebuilt.
const indexSchema = `
CREATE TABLE idx_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE idx_reports (
	no INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	title TEXT NOT NULL,
	first_id INTEGER NOT NULL,
	last_id INTEGER NOT NULL
);
CREATE TABLE idx_sentences (
	id INTEGER PRIMARY KEY,
	report INTEGER NOT NULL REFERENCES idx_reports(no),
	hash TEXT NOT NULL
);
CREATE VIRTUAL TABLE idx_fts USING fts5(
	words, ctx, grams,
	content = '',
	tokenize = "unicode61 tokenchars '.%'"
);
`

var indexTables = []string{"idx_fts", "idx_figures", "idx_sentences", "idx_reports", "idx_meta"}

// fingerprint identifies what an index was built from: the index version,
// the general language data, every report with its own files, and the
// dictionaries the text was cut with.
func fingerprint(lang *langData, sources []Source) string {
	dict, _ := dictIdentity()
	h := sha256.New()
	for _, part := range []string{IndexVersion, lang.fingerprint, dict} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	for _, src := range sources {
		h.Write([]byte(src.Name))
		h.Write([]byte{0})
		writeFiles(h, src.Files)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeFiles hashes files in name order.
func writeFiles(h hash.Hash, files map[string][]byte) {
	for _, name := range seeds.Names(files) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(files[name])
		h.Write([]byte{0})
	}
}

// sentenceHash is what the index records of a sentence, to tell that it
// still holds the sentence it was built from.
func sentenceHash(s *Sentence) string {
	h := sha256.Sum256([]byte(s.Text + "\x00" + s.Context()))
	return hex.EncodeToString(h[:12])
}

// storedFingerprint returns the fingerprint the index was built with, or ""
// when there is no index yet.
func storedFingerprint(ctx context.Context, db *sql.DB) string {
	var v string
	err := db.QueryRowContext(ctx, `SELECT value FROM idx_meta WHERE key = 'fingerprint'`).Scan(&v)
	if err != nil {
		return ""
	}
	return v
}

// querier is a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// verifyIndex tells why the index does not hold the sentences of docs (a
// sentence changed, missing or added), or "" when it does.
func verifyIndex(ctx context.Context, db querier, docs []*Document) string {
	want := map[int]string{}
	for _, doc := range docs {
		for i := range doc.Sentences {
			want[doc.Sentences[i].ID] = sentenceHash(&doc.Sentences[i])
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT id, hash FROM idx_sentences`)
	if err != nil {
		return "cannot read the index: " + err.Error()
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			return "cannot read the index: " + err.Error()
		}
		if want[id] != h {
			return fmt.Sprintf("sentence %d differs from the report", id)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return "cannot read the index: " + err.Error()
	}
	if n != len(want) {
		return fmt.Sprintf("the index holds %d sentences, the reports %d", n, len(want))
	}
	return ""
}

// rebuild writes the index tables anew from the parsed reports, in one
// transaction, if the stored fingerprint is not want or the index does not
// hold the reports' sentences. A concurrent start that rebuilt first is
// noticed inside the transaction and left alone.
func rebuild(ctx context.Context, db *sql.DB, seg *Segmenter, want string, docs []*Document, log *slog.Logger) (bool, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("rebuild index: %w", err)
	}
	defer tx.Rollback()
	var have string
	_ = tx.QueryRowContext(ctx, `SELECT value FROM idx_meta WHERE key = 'fingerprint'`).Scan(&have)
	if have == want && verifyIndex(ctx, tx, docs) == "" {
		return false, nil
	}
	for _, t := range indexTables {
		if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+t); err != nil {
			return false, fmt.Errorf("rebuild index: drop %s: %w", t, err)
		}
	}
	if _, err := tx.ExecContext(ctx, indexSchema); err != nil {
		return false, fmt.Errorf("rebuild index: create tables: %w", err)
	}
	n := 0
	for k, doc := range docs {
		if err := insertReport(ctx, tx, seg, k+1, doc); err != nil {
			return false, err
		}
		n += len(doc.Sentences)
	}
	for k, v := range map[string]string{"fingerprint": want, "built_at": time.Now().UTC().Format(time.RFC3339)} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO idx_meta (key, value) VALUES (?, ?)`, k, v); err != nil {
			return false, fmt.Errorf("rebuild index: meta: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("rebuild index: commit: %w", err)
	}
	log.Info("index rebuilt", "reports", len(docs), "sentences", n)
	return true, nil
}

// insertReport writes one report's sentences into the index.
func insertReport(ctx context.Context, tx *sql.Tx, seg *Segmenter, no int, doc *Document) error {
	if len(doc.Sentences) == 0 {
		return nil
	}
	first, last := doc.Sentences[0].ID, doc.Sentences[len(doc.Sentences)-1].ID
	if _, err := tx.ExecContext(ctx, `INSERT INTO idx_reports (no, name, title, first_id, last_id) VALUES (?,?,?,?,?)`, no, doc.Name, doc.Title, first, last); err != nil {
		return fmt.Errorf("rebuild index: report %s: %w", doc.Name, err)
	}
	insS, err := tx.PrepareContext(ctx, `INSERT INTO idx_sentences (id, report, hash) VALUES (?,?,?)`)
	if err != nil {
		return err
	}
	defer insS.Close()
	insT, err := tx.PrepareContext(ctx, `INSERT INTO idx_fts (rowid, words, ctx, grams) VALUES (?,?,?,?)`)
	if err != nil {
		return err
	}
	defer insT.Close()
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		if _, err := insS.ExecContext(ctx, s.ID, no, sentenceHash(s)); err != nil {
			return fmt.Errorf("rebuild index: sentence %d: %w", s.ID, err)
		}
		if _, err := insT.ExecContext(ctx, s.ID,
			strings.Join(seg.Words(s.Text), " "),
			strings.Join(seg.Words(s.Context()), " "),
			strings.Join(Bigrams(s.Text), " ")); err != nil {
			return fmt.Errorf("rebuild index: text of sentence %d: %w", s.ID, err)
		}
	}
	return nil
}
