// Package seeds holds the language data that holds for any government work
// report, and the report the bot ships with, in its own folder; both are
// embedded so that the binary needs no files beside it.
//
// Every file here is plain text that a person can edit. The general
// language data, in lang/:
//
//   - synonyms.txt: groups of words that mean the same thing to a reader.
//   - userdict.txt: terms of the genre that the word segmenter must keep whole.
//   - lexicon/*.txt: everyday words for the genre's terms, one file per field.
//   - glossary/*.txt: English for the genre's terms, likewise.
//   - english.txt: the English words of a question that say how it asks
//     (how many, when, last year) and those that say nothing.
//   - places.txt: places a question may name (provinces, cities).
//   - attributes.txt: what a question may ask of a thing (全长, 门票, 年龄) and
//     the units an answer to it must carry.
//   - parts.txt: parts of a whole a report gives as a total (出口 of
//     进出口总额): a number asked of a part is not the whole's.
//
// A report's own folder (reports/luoyang-2017/) holds report.txt, the text
// exactly as given, and optionally its own data: corrections.txt (fixes
// applied before ingest), home.txt (its city and counties), userdict.txt,
// lexicon.txt and glossary.txt (words for its own named projects). Any
// folder of that shape can be loaded from disk the same way.
package seeds

import (
	"embed"
	"io/fs"
	"maps"
	"path"
	"sort"
	"strings"
	"sync"
)

// The general language data files, by their path inside lang/.
const (
	SynonymsFile   = "synonyms.txt"
	UserDictFile   = "userdict.txt"
	EnglishFile    = "english.txt"
	PlacesFile     = "places.txt"
	AttributesFile = "attributes.txt"
	PartsFile      = "parts.txt"
	LexiconDir     = "lexicon"
	GlossaryDir    = "glossary"
)

// The files of a report's folder.
const (
	ReportFile      = "report.txt"
	CorrectionsFile = "corrections.txt"
	HomeFile        = "home.txt"
	LexiconFile     = "lexicon.txt"
	GlossaryFile    = "glossary.txt"
)

// EmbeddedReport names the folder of the report the bot ships with.
const EmbeddedReport = "luoyang-2017"

//go:embed lang reports
var fsys embed.FS

// read holds the embedded files, read once: they never change.
var read struct {
	once         sync.Once
	lang, report map[string][]byte
}

// Lang returns the general language data: every file of lang/ by its path
// inside it (lexicon/economy.txt for a file of a folder). The map is the
// caller's; the contents are shared and must not be modified.
func Lang() map[string][]byte {
	read.once.Do(load)
	return maps.Clone(read.lang)
}

// Report returns the files of the embedded report's folder by name
// (report.txt, corrections.txt, …), as Lang does.
func Report() map[string][]byte {
	read.once.Do(load)
	return maps.Clone(read.report)
}

func load() {
	read.lang = filesUnder("lang")
	read.report = filesUnder("reports/" + EmbeddedReport)
}

// filesUnder reads every .txt file below dir. It panics only if the
// embedded files cannot be read, which the build rules out.
func filesUnder(dir string) map[string][]byte {
	out := make(map[string][]byte)
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := fsys.ReadFile(p)
		out[strings.TrimPrefix(p, dir+"/")] = b
		return err
	})
	if err != nil {
		panic("seeds: " + err.Error())
	}
	return out
}

// Names returns the keys of files in order.
func Names(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// InDir returns the names of the files of files inside dir, in order.
func InDir(files map[string][]byte, dir string) []string {
	var out []string
	for _, name := range Names(files) {
		if path.Dir(name) == dir {
			out = append(out, name)
		}
	}
	return out
}
