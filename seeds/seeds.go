// Package seeds holds the report text and the data files that ingest and
// retrieval read, embedded so that the binary needs no files beside it.
//
// Every file here is plain text that a person can edit:
//
//   - luoyang-2017-government-work-report.txt: the report exactly as given.
//   - corrections.txt: fixes applied to the report text before ingest.
//   - synonyms.txt: groups of words that mean the same thing to a reader.
//   - userdict.txt: report terms that the word segmenter must keep whole.
package seeds

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
)

// ReportFile is the name of the report text inside FS.
const ReportFile = "luoyang-2017-government-work-report.txt"

// The data files inside FS.
const (
	CorrectionsFile = "corrections.txt"
	SynonymsFile    = "synonyms.txt"
	UserDictFile    = "userdict.txt"
)

//go:embed *.txt
var FS embed.FS

// Files returns the contents of every seed file by name. It panics only if
// the embedded files are missing, which the build rules out.
func Files() map[string][]byte {
	out := make(map[string][]byte)
	for _, name := range []string{ReportFile, CorrectionsFile, SynonymsFile, UserDictFile} {
		b, err := FS.ReadFile(name)
		if err != nil {
			panic("seeds: missing embedded file " + name)
		}
		out[name] = b
	}
	return out
}

// Fingerprint returns a hash of every seed file, in a fixed order, so that an
// index built from other seeds can be told apart.
func Fingerprint() string {
	h := sha256.New()
	files := Files()
	for _, name := range []string{ReportFile, CorrectionsFile, SynonymsFile, UserDictFile} {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(files[name])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}
