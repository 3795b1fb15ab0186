package knowledge

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"reportbot/seeds"
)

// Source is one report to load: its text and its own optional data files.
type Source struct {
	// Name identifies the report among those loaded: its folder's name, or
	// its file's name without .txt (luoyang-2017).
	Name string
	// Origin says where it was read from, for messages: a path, or
	// "seeds/reports/NAME" for the embedded one.
	Origin string
	// Files holds report.txt and the report's own data files, by name
	// (corrections.txt, home.txt, userdict.txt, lexicon.txt, glossary.txt).
	Files map[string][]byte
}

// Text returns the report's text.
func (s Source) Text() []byte { return s.Files[seeds.ReportFile] }

// EmbeddedSource returns the report the bot ships with.
func EmbeddedSource() Source {
	return Source{Name: seeds.EmbeddedReport, Origin: "seeds/reports/" + seeds.EmbeddedReport + "/" + seeds.ReportFile, Files: seeds.Report()}
}

// ownFiles are the data files a report's folder may hold beside report.txt.
var ownFiles = []string{seeds.CorrectionsFile, seeds.HomeFile, seeds.UserDictFile, seeds.LexiconFile, seeds.GlossaryFile}

// ReadSource reads a report from disk: a plain .txt file, or a folder
// holding report.txt and, optionally, the report's own data files. It
// returns ErrInvalidInput, naming the file, when the text is missing, empty
// or not UTF-8.
func ReadSource(path string) (Source, error) {
	info, err := os.Stat(path)
	if err != nil {
		return Source{}, fmt.Errorf("report %s: %w", path, err)
	}
	src := Source{Origin: path, Files: map[string][]byte{}}
	textPath := path
	if info.IsDir() {
		src.Name = filepath.Base(filepath.Clean(path))
		textPath = filepath.Join(path, seeds.ReportFile)
		for _, name := range ownFiles {
			b, err := os.ReadFile(filepath.Join(path, name))
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				return Source{}, fmt.Errorf("report %s: %w", path, err)
			}
			src.Files[name] = b
		}
	} else {
		src.Name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	text, err := os.ReadFile(textPath)
	if err != nil {
		return Source{}, fmt.Errorf("report %s: %w", textPath, err)
	}
	if err := checkText(text); err != nil {
		return Source{}, fmt.Errorf("report %s: %w", textPath, err)
	}
	src.Files[seeds.ReportFile] = text
	return src, nil
}

// checkText tells whether a report's text can be read at all.
func checkText(text []byte) error {
	switch {
	case len(bytes.TrimSpace(text)) == 0:
		return fmt.Errorf("the file is empty: %w", ErrInvalidInput)
	case !utf8.Valid(text):
		return fmt.Errorf("the file is not UTF-8 text (save it as UTF-8): %w", ErrInvalidInput)
	}
	return nil
}

// ReadSources reads a comma-separated list of reports (REPORTBOT_REPORT);
// an empty list is the embedded report alone.
func ReadSources(list string) ([]Source, error) {
	var out []Source
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		src, err := ReadSource(p)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	if len(out) == 0 {
		out = append(out, EmbeddedSource())
	}
	return out, nil
}
