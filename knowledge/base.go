package knowledge

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"reportbot/report"
	"reportbot/seeds"
)

// Config says where the knowledge base keeps its files and which reports it
// serves.
type Config struct {
	// Path of the SQLite file holding the index (and, beside it, the state
	// package's tables when the state is kept in SQLite).
	Path string
	// DictDir is where gojieba's dictionaries are unpacked; empty means the
	// user cache directory, or, when it cannot be written, a private
	// directory of this user's under the temporary directory.
	DictDir string
	Logger  *slog.Logger
	// Reports are the reports to serve, the default one first; none means
	// the embedded report.
	Reports []Source
}

// Base is the knowledge base: the reports' sentences and figures, indexed in
// SQLite FTS5, and the rules to read questions. It is safe for concurrent
// use.
type Base struct {
	db       *sql.DB
	seg      *Segmenter
	synonyms *Synonyms
	log      *slog.Logger
	books    []*Book

	rebuilt  bool
	readOnly bool // opened read-only: a prebuilt index in a read-only place
	path     string
	mode     searchMode
	bm25Only bool // rank by bm25 alone, to measure the signals
}

// Book is one report of the knowledge base, with the language data that
// applies to it. It is safe for concurrent use.
type Book struct {
	shared   *Base
	db       *sql.DB
	seg      *Segmenter
	synonyms *Synonyms
	lex      *Lexicon
	log      *slog.Logger
	src      Source

	outline   report.Outline
	first     int // the index's id of the book's first sentence, less one
	sentences []Sentence
	lower     []string // each sentence's text with latin letters lower-cased
	traits    []traits
	texts     joined // the sentences, lower-cased, to find a term in all at once (and tell whether the report uses a word)
	leads     joined // the leads of the sentences
	contexts  joined // the item and area headings above each sentence
	names     joined // the subjects of each sentence's figures that it does not write whole (城镇居民人均可支配收入 of 城镇和农村居民…)

	hitsMu    sync.Mutex
	hitsCache map[string][]termHit // term → where it stands, see termHits
	thisYear  int                  // the year of the report's date line: 今年; 去年 is the one before
	spans     []yearSpan           // the years each part speaks of, by part number less one
	subjects  map[string]bool      // the subjects of the report's figures
}

// Open opens the knowledge base at cfg.Path, creating the file and building
// the index when it is missing or was built from other reports, other
// language data or another index version. Errors come back wrapped; a
// malformed data file or a report that cannot be read (no parts, no date
// line, a correction that does not apply) gives ErrInvalidInput naming it.
func Open(ctx context.Context, cfg Config) (*Base, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "knowledge")
	if cfg.Path == "" {
		return nil, fmt.Errorf("open knowledge base: empty database path: %w", ErrInvalidInput)
	}
	sources := cfg.Reports
	if len(sources) == 0 {
		sources = []Source{EmbeddedSource()}
	}
	lang, err := loadLang(seeds.Lang())
	if err != nil {
		return nil, err
	}
	docs, err := parseSources(sources)
	if err != nil {
		return nil, err
	}
	userWords, err := lang.userWords(sources, docs)
	if err != nil {
		return nil, err
	}
	seg, err := SharedSegmenter(cfg.DictDir, userWords)
	if err != nil {
		return nil, err
	}
	db, readOnly, err := openIndex(cfg.Path, log)
	if err != nil {
		return nil, err
	}
	b := &Base{db: db, seg: seg, synonyms: lang.synonyms, log: log, readOnly: readOnly, path: cfg.Path}
	if err := b.init(ctx, lang, sources, docs); err != nil {
		db.Close()
		return nil, err
	}
	return b, nil
}

// openIndex opens the database file, or, when it cannot be written, reads a
// prebuilt index in a read-only place (an image, a read-only mount) as it is.
func openIndex(path string, log *slog.Logger) (*sql.DB, bool, error) {
	db, err := openDB(path)
	if err == nil {
		return db, false, nil
	}
	rdb, rerr := openReadOnly(path)
	if rerr != nil {
		return nil, false, err
	}
	log.Info("database is read-only; answering from it as it is", "path", path)
	return rdb, true, nil
}

func (b *Base) init(ctx context.Context, lang *langData, sources []Source, docs []*Document) error {
	want := fingerprint(lang, sources)
	have := storedFingerprint(ctx, b.db)
	if b.readOnly && have != want {
		return fmt.Errorf("the index in %s was built from other reports or another version, and the file is read-only: rebuild it where it can be written (or point REPORTBOT_DB elsewhere): %w", b.path, ErrStaleReadOnly)
	}
	if have == want && !b.readOnly {
		if why := verifyIndex(ctx, b.db, docs); why != "" {
			b.log.Warn("index does not match the reports; rebuilding it", "path", b.path, "why", why)
			have = ""
		}
	}
	if have != want {
		rebuilt, err := rebuild(ctx, b.db, b.seg, want, docs, b.log)
		if err != nil {
			return err
		}
		b.rebuilt = rebuilt
	}
	first := 0
	for k, doc := range docs {
		bk, err := b.newBook(lang, sources[k], doc, first)
		if err != nil {
			return err
		}
		b.books = append(b.books, bk)
		first += len(doc.Sentences)
	}
	return nil
}

// newBook makes a loaded report ready for questions: its sentences, the
// index of its words, and the language data that applies to it.
func (b *Base) newBook(lang *langData, src Source, doc *Document, first int) (*Book, error) {
	lex, err := lang.forReport(src, doc)
	if err != nil {
		return nil, err
	}
	bk := &Book{shared: b, db: b.db, seg: b.seg, synonyms: b.synonyms, lex: lex, log: b.log, src: src, first: first}
	bk.outline = doc.outline(src)
	bk.sentences = doc.Sentences
	bk.spans = doc.spans
	bk.subjects = map[string]bool{}
	for _, s := range doc.Sentences {
		for _, f := range s.Figures {
			bk.subjects[f.Subject] = true
			if t := withoutScope(f.Subject); t != "" {
				bk.subjects[t] = true // 全社会研发经费投入强度 measures 研发经费投入强度
			}
		}
	}
	bk.lower = make([]string, len(doc.Sentences))
	bk.traits = make([]traits, len(doc.Sentences))
	leads, contexts, names := make([]string, len(doc.Sentences)), make([]string, len(doc.Sentences)), make([]string, len(doc.Sentences))
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		s.ID = first + i + 1
		bk.lower[i] = strings.ToLower(s.Text)
		bk.traits[i] = traitsOf(s)
		leads[i] = s.Lead
		contexts[i] = s.Item + "\x00" + s.Area
		names[i] = strings.ToLower(doc.names[i])
	}
	bk.texts, bk.leads, bk.contexts, bk.names = newJoined(bk.lower), newJoined(leads), newJoined(contexts), newJoined(names)
	bk.thisYear = reportYear(bk.outline.Subtitle + " " + bk.outline.Title)
	if bk.thisYear == 0 {
		bk.thisYear = doc.Year
	}
	return bk, nil
}

// spanOf returns the years the part of sentence i speaks of.
func (bk *Book) spanOf(i int) yearSpan {
	if n := bk.sentences[i].PartNo; n > 0 && n <= len(bk.spans) {
		return bk.spans[n-1]
	}
	return yearSpan{}
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

// Default returns the first report loaded, which answers what names no
// other.
func (b *Base) Default() *Book { return b.books[0] }

// Outline returns the default report's opening lines and headings.
func (b *Base) Outline() report.Outline { return b.Default().Outline() }

// Sentences returns every sentence of the default report, in report order.
func (b *Base) Sentences() []Sentence { return b.Default().Sentences() }

// Sentence returns the sentence with the given id, of whichever report, or
// false.
func (b *Base) Sentence(id int) (Sentence, bool) {
	for _, bk := range b.books {
		if s, ok := bk.Sentence(id); ok {
			return s, true
		}
	}
	return Sentence{}, false
}

// BookOf returns the report a sentence id belongs to, or nil.
func (b *Base) BookOf(id int) *Book {
	for _, bk := range b.books {
		if _, ok := bk.Sentence(id); ok {
			return bk
		}
	}
	return nil
}

// Figures returns the default report's figures of a metric.
func (b *Base) Figures(query string) ([]FigureHit, error) { return b.Default().Figures(query) }

// Comparisons pairs figures of the default report.
func (b *Base) Comparisons(hits []FigureHit) []Comparison { return b.Default().Comparisons(hits) }

// English returns the English of a term of the default report.
func (b *Base) English(term string) string { return b.Default().English(term) }

// Outline returns the report's opening lines and headings.
func (bk *Book) Outline() report.Outline { return bk.outline }

// Ref names the report in an answer.
func (bk *Book) Ref() *report.ReportRef {
	return &report.ReportRef{Name: bk.outline.Name, Title: bk.outline.FullTitle(), Year: bk.outline.Year}
}

// Sentences returns every sentence in report order. The slice is shared: do
// not modify it.
func (bk *Book) Sentences() []Sentence { return bk.sentences }

// Sentence returns the sentence with the given id, or false.
func (bk *Book) Sentence(id int) (Sentence, bool) {
	i := id - bk.first - 1
	if i < 0 || i >= len(bk.sentences) {
		return Sentence{}, false
	}
	return bk.sentences[i], true
}

// ParseUserDict reads a user dictionary: a term per line, optionally
// followed by its weight and its part of speech (n, v, ns …). It returns
// ErrInvalidInput for a bad weight.
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
		if len(fields) > 2 {
			w.Tag = fields[2]
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

// has tells whether w is a word of the synonym table.
func (s *Synonyms) has(w string) bool {
	_, ok := s.byWord[strings.ToLower(w)]
	return ok
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

// langData is the general language data, read once for every report.
type langData struct {
	files       map[string][]byte
	dict        *dictionary
	tables      map[string][]TermLine // the lexicon and glossary files, parsed
	fingerprint string                // a hash of every file
	synonyms    *Synonyms
	userDict    []UserWord
}

// loadLang reads the general language data. A malformed line is an
// ErrInvalidInput naming its file.
func loadLang(files map[string][]byte) (*langData, error) {
	ld := &langData{files: files, dict: parseDictionary(files)}
	h := sha256.New()
	writeFiles(h, files)
	ld.fingerprint = hex.EncodeToString(h.Sum(nil))
	var err error
	if ld.userDict, err = ParseUserDict(files[seeds.UserDictFile]); err != nil {
		return nil, err
	}
	if ld.synonyms, err = ParseSynonyms(files[seeds.SynonymsFile]); err != nil {
		return nil, err
	}
	// A malformed line of the term tables is found at start, not at the
	// first report that uses it.
	ld.tables = map[string][]TermLine{}
	for _, name := range seeds.Names(files) {
		if path.Dir(name) != seeds.LexiconDir && path.Dir(name) != seeds.GlossaryDir {
			continue
		}
		if ld.tables[name], err = ParseTermTable(name, files[name]); err != nil {
			return nil, err
		}
	}
	return ld, nil
}

// userWords returns the words the segmenter must keep whole: the general
// user dictionary, every report's own, every report's city as its opening
// lines name it (岚西, 岚西市: a city the dictionary may not know), and every
// synonym.
func (ld *langData) userWords(sources []Source, docs []*Document) ([]UserWord, error) {
	words := slices.Clone(ld.userDict)
	for k, doc := range docs {
		o := doc.outline(sources[k])
		if o.City != "" {
			words = append(words, UserWord{Word: o.City, Tag: "ns"}, UserWord{Word: o.City + "市", Tag: "ns"})
		}
		if o.Area != "" {
			words = append(words, UserWord{Word: o.Area, Tag: "ns"})
		}
	}
	for _, src := range sources {
		own, err := ParseUserDict(src.Files[seeds.UserDictFile])
		if err != nil {
			return nil, fmt.Errorf("report %s: %w", src.Origin, err)
		}
		words = append(words, own...)
	}
	for _, g := range ld.synonyms.groups {
		for _, w := range g {
			if utf8.RuneCountInString(w) >= 2 && !isASCII(w) {
				words = append(words, UserWord{Word: w})
			}
		}
	}
	return words, nil
}

// forReport returns the language data that applies to one report.
func (ld *langData) forReport(src Source, doc *Document) (*Lexicon, error) {
	o := doc.outline(src)
	lx, err := LoadLexicon(Data{Lang: ld.files, Own: src.Files, Text: doc.text + doc.figureNames(), City: o.City, Area: o.Area, dict: ld.dict, tables: ld.tables})
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", src.Origin, err)
	}
	return lx, nil
}
