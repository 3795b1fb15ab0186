package knowledge

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // SQLite driver; build with -tags sqlite_fts5

	"reportbot/report"
	"reportbot/seeds"
)

// IndexVersion names the layout of the index tables and the way they are
// filled. Change it whenever ingest, figures or segmentation change what is
// stored: an index built with another version is rebuilt on open.
const IndexVersion = "13"

// openDB opens the SQLite file at path with the settings the bot relies on:
// WAL, a busy timeout, immediate write transactions, foreign keys.
func openDB(path string) (*sql.DB, error) {
	dsn := "file:" + path + "?_journal_mode=WAL&_busy_timeout=10000&_txlock=immediate&_foreign_keys=on&_synchronous=NORMAL"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
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
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	return db, nil
}

// indexSchema creates the index tables. They are dropped and made anew on
// every rebuild; nothing else lives in them.
const indexSchema = `
CREATE TABLE idx_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE idx_sentences (
	id INTEGER PRIMARY KEY,
	part_no INTEGER NOT NULL,
	area_no INTEGER NOT NULL,
	part TEXT NOT NULL,
	area TEXT NOT NULL,
	item TEXT NOT NULL,
	lead TEXT NOT NULL,
	period INTEGER NOT NULL,
	text TEXT NOT NULL
);
CREATE TABLE idx_figures (
	id INTEGER PRIMARY KEY,
	sentence_id INTEGER NOT NULL REFERENCES idx_sentences(id),
	metric TEXT NOT NULL,
	subject TEXT NOT NULL,
	measure TEXT NOT NULL,
	value REAL NOT NULL,
	norm_value REAL NOT NULL,
	base_unit TEXT NOT NULL,
	unit TEXT NOT NULL,
	qualifier TEXT NOT NULL,
	raw TEXT NOT NULL,
	year INTEGER NOT NULL,
	year_from INTEGER NOT NULL,
	kind TEXT NOT NULL,
	growth INTEGER NOT NULL
);
CREATE INDEX idx_figures_metric ON idx_figures(metric);
CREATE VIRTUAL TABLE idx_fts USING fts5(
	words, ctx, grams,
	content = '',
	tokenize = "unicode61 tokenchars '.%'"
);
`

var indexTables = []string{"idx_fts", "idx_figures", "idx_sentences", "idx_meta"}

// fingerprint identifies what an index was built from: the index version,
// every seed file, the report given instead of the seed's (if any), and the
// dictionaries the text was cut with.
func fingerprint(report []byte) string {
	dict, _ := dictIdentity()
	h := sha256.Sum256([]byte(IndexVersion + "\x00" + seeds.Fingerprint() + "\x00" + dict + "\x00" + string(report)))
	return hex.EncodeToString(h[:])
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

// rebuild parses the seeds and writes the index tables anew, in one
// transaction, if the stored fingerprint is not want. A concurrent start that
// rebuilt first is noticed inside the transaction and left alone.
func rebuild(ctx context.Context, db *sql.DB, seg *Segmenter, want string, text []byte, log *slog.Logger) (bool, error) {
	files := seeds.Files()
	corrections, err := ParseCorrections(files[seeds.CorrectionsFile])
	if err != nil {
		return false, err
	}
	if text == nil {
		text = files[seeds.ReportFile]
	} else {
		corrections = nil // they are fixes of the seed report's text
	}
	doc, err := Parse(text, corrections)
	if err != nil {
		return false, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("rebuild index: %w", err)
	}
	defer tx.Rollback()
	var have string
	_ = tx.QueryRowContext(ctx, `SELECT value FROM idx_meta WHERE key = 'fingerprint'`).Scan(&have)
	if have == want {
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
	insS, err := tx.PrepareContext(ctx, `INSERT INTO idx_sentences (id, part_no, area_no, part, area, item, lead, period, text) VALUES (?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return false, err
	}
	insF, err := tx.PrepareContext(ctx, `INSERT INTO idx_figures (sentence_id, metric, subject, measure, value, norm_value, base_unit, unit, qualifier, raw, year, year_from, kind, growth) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return false, err
	}
	insT, err := tx.PrepareContext(ctx, `INSERT INTO idx_fts (rowid, words, ctx, grams) VALUES (?,?,?,?)`)
	if err != nil {
		return false, err
	}
	for _, s := range doc.Sentences {
		if _, err := insS.ExecContext(ctx, s.ID, s.PartNo, s.AreaNo, s.Part, s.Area, s.Item, s.Lead, int(s.Period), s.Text); err != nil {
			return false, fmt.Errorf("rebuild index: sentence %d: %w", s.ID, err)
		}
		for _, f := range s.Figures {
			if _, err := insF.ExecContext(ctx, s.ID, f.Metric, f.Subject, f.Measure, f.Value, f.NormValue, f.BaseUnit, f.Unit, f.Qualifier, f.Raw, f.Year, f.YearFrom, f.Kind, f.Growth); err != nil {
				return false, fmt.Errorf("rebuild index: figure of sentence %d: %w", s.ID, err)
			}
		}
		if _, err := insT.ExecContext(ctx, s.ID,
			strings.Join(seg.Words(s.Text), " "),
			strings.Join(seg.Words(s.Context()), " "),
			strings.Join(Bigrams(s.Text), " ")); err != nil {
			return false, fmt.Errorf("rebuild index: text of sentence %d: %w", s.ID, err)
		}
	}
	ol, _ := json.Marshal(report.Outline{Title: doc.Title, Subtitle: doc.Subtitle, Speaker: doc.Speaker, Date: doc.Date, Year: doc.Year, Parts: doc.Parts})
	for k, v := range map[string]string{"fingerprint": want, "outline": string(ol), "built_at": time.Now().UTC().Format(time.RFC3339)} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO idx_meta (key, value) VALUES (?, ?)`, k, v); err != nil {
			return false, fmt.Errorf("rebuild index: meta: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("rebuild index: commit: %w", err)
	}
	log.Info("index rebuilt", "sentences", len(doc.Sentences))
	return true, nil
}

// load reads the index tables into memory.
func load(ctx context.Context, db *sql.DB) (*report.Outline, []Sentence, error) {
	var ol report.Outline
	var raw string
	if err := db.QueryRowContext(ctx, `SELECT value FROM idx_meta WHERE key = 'outline'`).Scan(&raw); err != nil {
		return nil, nil, fmt.Errorf("load index outline: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &ol); err != nil {
		return nil, nil, fmt.Errorf("load index outline: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT id, part_no, area_no, part, area, item, lead, period, text FROM idx_sentences ORDER BY id`)
	if err != nil {
		return nil, nil, fmt.Errorf("load sentences: %w", err)
	}
	defer rows.Close()
	var out []Sentence
	for rows.Next() {
		var s Sentence
		var period int
		if err := rows.Scan(&s.ID, &s.PartNo, &s.AreaNo, &s.Part, &s.Area, &s.Item, &s.Lead, &period, &s.Text); err != nil {
			return nil, nil, fmt.Errorf("load sentences: %w", err)
		}
		s.Period = Period(period)
		if s.ID != len(out)+1 {
			return nil, nil, errors.New("load sentences: ids are not consecutive")
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("load sentences: %w", err)
	}
	frows, err := db.QueryContext(ctx, `SELECT sentence_id, metric, subject, measure, value, norm_value, base_unit, unit, qualifier, raw, year, year_from, kind, growth FROM idx_figures ORDER BY id`)
	if err != nil {
		return nil, nil, fmt.Errorf("load figures: %w", err)
	}
	defer frows.Close()
	for frows.Next() {
		var id int
		var f Figure
		if err := frows.Scan(&id, &f.Metric, &f.Subject, &f.Measure, &f.Value, &f.NormValue, &f.BaseUnit, &f.Unit, &f.Qualifier, &f.Raw, &f.Year, &f.YearFrom, &f.Kind, &f.Growth); err != nil {
			return nil, nil, fmt.Errorf("load figures: %w", err)
		}
		if id < 1 || id > len(out) {
			return nil, nil, fmt.Errorf("load figures: sentence %d does not exist", id)
		}
		out[id-1].Figures = append(out[id-1].Figures, f)
	}
	return &ol, out, frows.Err()
}
