package knowledge

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"reportbot/report"
	"reportbot/seeds"
)

// Config says where the knowledge base keeps its files.
type Config struct {
	// Path of the SQLite file holding the index (and, beside it, the state
	// package's tables when the state is kept in SQLite).
	Path string
	// DictDir is where gojieba's dictionaries are unpacked; empty means the
	// user cache directory, or, when it cannot be written, a private
	// directory of this user's under the temporary directory.
	DictDir string
	Logger  *slog.Logger
	// Report, when set, is the text of a report to index instead of the
	// one in seeds/ (a test's own report); the seeds' data files still apply,
	// but not their corrections, which are for the seed report.
	Report []byte
}

// Base is the knowledge base: the report's sentences and figures, indexed in
// SQLite FTS5, and the rules to read questions. It is safe for concurrent use.
type Base struct {
	db       *sql.DB
	seg      *Segmenter
	synonyms *Synonyms
	lex      *Lexicon
	log      *slog.Logger

	outline   report.Outline
	sentences []Sentence
	lower     []string // each sentence's text with latin letters lower-cased
	traits    []traits
	texts     joined // the sentences, lower-cased, to find a term in all at once (and tell whether the report uses a word)
	leads     joined // the leads of the sentences
	contexts  joined // the item and area headings above each sentence

	hitsMu    sync.Mutex
	hitsCache map[string][]termHit // term → where it stands, see termHits
	thisYear  int                  // the year of the report's date line: 今年; 去年 is the one before
	rebuilt   bool
	readOnly  bool // opened read-only: a prebuilt index in a read-only place
	path      string
	report    []byte // Config.Report
	mode      searchMode
	bm25Only  bool // rank by bm25 alone, to measure the signals
}

// Open opens the knowledge base at cfg.Path, creating the file and building
// the index when it is missing or was built
// from other seeds or another index version. Errors come back wrapped; a
// malformed seed data file gives ErrInvalidInput.
func Open(ctx context.Context, cfg Config) (*Base, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "knowledge")
	files := seeds.Files()
	userWords, err := ParseUserDict(files[seeds.UserDictFile])
	if err != nil {
		return nil, err
	}
	syn, err := ParseSynonyms(files[seeds.SynonymsFile])
	if err != nil {
		return nil, err
	}
	lex, err := LoadLexicon(files)
	if err != nil {
		return nil, err
	}
	// Every synonym is a word the segmenter should keep whole.
	for _, g := range syn.groups {
		for _, w := range g {
			if utf8.RuneCountInString(w) >= 2 && !isASCII(w) {
				userWords = append(userWords, UserWord{Word: w})
			}
		}
	}
	seg, err := SharedSegmenter(cfg.DictDir, userWords)
	if err != nil {
		return nil, err
	}
	if cfg.Path == "" {
		return nil, fmt.Errorf("open knowledge base: empty database path: %w", ErrInvalidInput)
	}
	db, err := openDB(cfg.Path)
	readOnly := false
	if err != nil {
		// A prebuilt index in a read-only place (an image, a read-only
		// mount) cannot take WAL files beside it; read it as it is.
		rdb, rerr := openReadOnly(cfg.Path)
		if rerr != nil {
			return nil, err
		}
		db, readOnly = rdb, true
		log.Info("database is read-only; answering from it as it is", "path", cfg.Path)
	}
	b := &Base{db: db, seg: seg, synonyms: syn, lex: lex, log: log, readOnly: readOnly, path: cfg.Path, report: cfg.Report}
	if err := b.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return b, nil
}

func (b *Base) init(ctx context.Context) error {
	want := fingerprint(b.report)
	if b.readOnly {
		if storedFingerprint(ctx, b.db) != want {
			return fmt.Errorf("the index in %s was built from other seeds or another version, and the file is read-only: rebuild it where it can be written (or point REPORTBOT_DB elsewhere): %w", b.path, ErrStaleReadOnly)
		}
	}
	if !b.readOnly && storedFingerprint(ctx, b.db) != want {
		rebuilt, err := rebuild(ctx, b.db, b.seg, want, b.report, b.log)
		if err != nil {
			return err
		}
		b.rebuilt = rebuilt
	}
	ol, sents, err := load(ctx, b.db)
	if err != nil {
		return err
	}
	b.outline = *ol
	b.sentences = sents
	b.lower = make([]string, len(sents))
	b.traits = make([]traits, len(sents))
	for i := range sents {
		b.lower[i] = strings.ToLower(sents[i].Text)
		b.traits[i] = traitsOf(&sents[i])
	}
	leads, contexts := make([]string, len(sents)), make([]string, len(sents))
	for i, s := range sents {
		leads[i] = s.Lead
		contexts[i] = s.Item + "\x00" + s.Area
	}
	b.texts, b.leads, b.contexts = newJoined(b.lower), newJoined(leads), newJoined(contexts)
	b.thisYear = reportYear(ol.Subtitle + " " + ol.Title)
	return nil
}

// Close closes the database.
func (b *Base) Close() error { return b.db.Close() }

// DB returns the index's database.
func (b *Base) DB() *sql.DB { return b.db }

// ReadOnly tells whether the database was opened read-only; the bot's
// state cannot be kept then.
func (b *Base) ReadOnly() bool { return b.readOnly }

// ErrStaleReadOnly: the index is out of date and its file cannot be written.
var ErrStaleReadOnly = errors.New("stale read-only index")

// Rebuilt tells whether Open built the index anew.
func (b *Base) Rebuilt() bool { return b.rebuilt }

// Outline returns the report's opening lines and headings.
func (b *Base) Outline() report.Outline {
	return b.outline
}

// Sentences returns every sentence in report order. The slice is shared: do
// not modify it.
func (b *Base) Sentences() []Sentence { return b.sentences }

// Sentence returns the sentence with the given id, or false.
func (b *Base) Sentence(id int) (Sentence, bool) {
	if id < 1 || id > len(b.sentences) {
		return Sentence{}, false
	}
	return b.sentences[id-1], true
}

// ParseUserDict reads the user dictionary: a term per line, optionally
// followed by its weight. It returns ErrInvalidInput for a bad weight.
func ParseUserDict(data []byte) ([]UserWord, error) {
	var out []UserWord
	err := eachDataLine(data, func(n int, line string) error {
		fields := strings.Fields(line)
		w := UserWord{Word: fields[0]}
		if len(fields) > 1 {
			f, err := strconv.Atoi(fields[1])
			if err != nil || f <= 0 {
				return fmt.Errorf("user dictionary line %d: weight %q: %w", n, fields[1], ErrInvalidInput)
			}
			w.Freq = f
		}
		out = append(out, w)
		return nil
	})
	return out, err
}

// Synonyms maps each word of the synonym table to its group.
type Synonyms struct {
	groups  [][]string
	byWord  map[string]int // lower-cased word → group
	byLenth []string       // every word, longest first, for scanning text
}

// ParseSynonyms reads the synonym table: one group per line, words separated
// by "|". It returns ErrInvalidInput for a group of fewer than two words.
func ParseSynonyms(data []byte) (*Synonyms, error) {
	s := &Synonyms{byWord: make(map[string]int)}
	err := eachDataLine(data, func(n int, line string) error {
		var g []string
		for _, w := range strings.Split(line, "|") {
			if w = strings.TrimSpace(w); w != "" {
				g = append(g, w)
			}
		}
		if len(g) < 2 {
			return fmt.Errorf("synonyms line %d: want at least two words separated by |: %w", n, ErrInvalidInput)
		}
		for _, w := range g {
			key := strings.ToLower(w)
			if _, dup := s.byWord[key]; !dup {
				s.byWord[key] = len(s.groups)
				s.byLenth = append(s.byLenth, key)
			}
		}
		s.groups = append(s.groups, g)
		return nil
	})
	sort.SliceStable(s.byLenth, func(i, j int) bool { return len(s.byLenth[i]) > len(s.byLenth[j]) })
	return s, err
}

// Group returns the words that mean the same as w (w first), or just w.
func (s *Synonyms) Group(w string) []string {
	i, ok := s.byWord[strings.ToLower(w)]
	if !ok {
		return []string{w}
	}
	out := []string{w}
	for _, x := range s.groups[i] {
		if !strings.EqualFold(x, w) {
			out = append(out, x)
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
