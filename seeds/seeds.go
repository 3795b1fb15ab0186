// Package seeds holds the report text and the data files that ingest and
// retrieval read, embedded so that the binary needs no files beside it.
//
// Every file here is plain text that a person can edit:
//
//   - luoyang-2017-government-work-report.txt: the report exactly as given.
//   - corrections.txt: fixes applied to the report text before ingest.
//   - synonyms.txt: groups of words that mean the same thing to a reader.
//   - userdict.txt: report terms that the word segmenter must keep whole.
//   - lexicon/*.txt: everyday words for the report's terms, one file per
//     range of the report, grouped by area.
//   - glossary/*.txt: English for the report's terms, likewise.
//   - english.txt: the English words of a question that say how it asks
//     (how many, when, last year) and those that say nothing.
//   - places.txt: places other than the report's own city; home.txt: the
//     report's own city and its counties and districts.
//   - attributes.txt: what a question may ask of a thing (全长, 门票, 年龄) and
//     the units an answer to it must carry.
//   - parts.txt: parts of a whole the report gives as a total (出口 of
//     进出口总额): a number asked of a part is not the whole's.
package seeds

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// ReportFile is the name of the report text inside FS.
const ReportFile = "luoyang-2017-government-work-report.txt"

// The data files inside FS.
const (
	CorrectionsFile = "corrections.txt"
	SynonymsFile    = "synonyms.txt"
	UserDictFile    = "userdict.txt"
	EnglishFile     = "english.txt"
	PlacesFile      = "places.txt"
	HomeFile        = "home.txt"
	AttributesFile  = "attributes.txt"
	PartsFile       = "parts.txt"
	LexiconDir      = "lexicon"
	GlossaryDir     = "glossary"
)

//go:embed *.txt lexicon/*.txt glossary/*.txt
var FS embed.FS

// Files returns the contents of every seed file by its path inside FS
// (lexicon/review.txt for a file of a folder). It panics only if the
// embedded files cannot be read, which the build rules out.
func Files() map[string][]byte {
	out := make(map[string][]byte)
	err := fs.WalkDir(FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := FS.ReadFile(p)
		out[p] = b
		return err
	})
	if err != nil {
		panic("seeds: " + err.Error())
	}
	return out
}

// Dir returns the files of one folder (LexiconDir, GlossaryDir), in name order.
func Dir(dir string) []NamedFile {
	var out []NamedFile
	for name, b := range Files() {
		if path.Dir(name) == dir {
			out = append(out, NamedFile{Name: name, Data: b})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// NamedFile is a seed file with its path inside FS.
type NamedFile struct {
	Name string
	Data []byte
}

// Fingerprint returns a hash of every seed file, in name order, so that an
// index built from other seeds can be told apart.
func Fingerprint() string {
	h := sha256.New()
	files := Files()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(files[name])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
