package knowledge

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yanyiwu/gojieba"
)

//go:embed dict/*.gz dict/*.utf8
var dictFS embed.FS

// dictFiles are the files gojieba reads, in the order NewJieba takes them,
// with the embedded name each is unpacked from.
var dictFiles = []struct{ name, embedded string }{
	{"jieba.dict.utf8", "dict/jieba.dict.utf8.gz"},
	{"hmm_model.utf8", "dict/hmm_model.utf8.gz"},
	{"user.dict.utf8", ""}, // written empty-ish; report terms are added with AddWordEx
	{"idf.utf8", "dict/idf.utf8"},
	{"stop_words.utf8", "dict/stop_words.utf8"},
}

// Segmenter cuts Chinese text into words with gojieba, keeping numbers
// (3740, 8.8%, 2.6) whole. One Segmenter serves the whole process: it is safe
// for concurrent use once built, and no word is added after NewSegmenter returns.
type Segmenter struct {
	jieba *gojieba.Jieba
}

// sharedSegs holds the process's Segmenters, one for each set of user
// words: a process serving one set of reports builds one.
var sharedSegs struct {
	sync.Mutex
	byKey map[string]*sharedSeg
}

type sharedSeg struct {
	once sync.Once
	seg  *Segmenter
	err  error
}

// SharedSegmenter returns the process's Segmenter for these user words,
// built on first use with the dictionaries unpacked to cacheDir (empty means
// the user cache directory) and the user words added.
func SharedSegmenter(cacheDir string, userWords []UserWord) (*Segmenter, error) {
	h := sha256.New()
	for _, w := range userWords {
		fmt.Fprintf(h, "%s\x00%d\x00%s\x00", w.Word, w.Freq, w.Tag)
	}
	key := cacheDir + "\x00" + hex.EncodeToString(h.Sum(nil))
	sharedSegs.Lock()
	if sharedSegs.byKey == nil {
		sharedSegs.byKey = map[string]*sharedSeg{}
	}
	ss := sharedSegs.byKey[key]
	if ss == nil {
		ss = &sharedSeg{}
		sharedSegs.byKey[key] = ss
	}
	sharedSegs.Unlock()
	ss.once.Do(func() { ss.seg, ss.err = NewSegmenter(cacheDir, userWords) })
	return ss.seg, ss.err
}

// UserWord is a term the segmenter must keep whole, with its weight.
type UserWord struct {
	Word string
	Freq int
	Tag  string // its part of speech, for the tagger; "" is nz, a proper noun
}

// NewSegmenter unpacks the embedded dictionaries to cacheDir (when empty, the
// user cache directory, or the temporary directory when there is none) and
// loads gojieba from there, then adds the user words. Loading takes about a
// second and 100 MB; build one per process.
func NewSegmenter(cacheDir string, userWords []UserWord) (*Segmenter, error) {
	dir, err := unpackDict(cacheDir)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(dictFiles))
	for i, f := range dictFiles {
		paths[i] = filepath.Join(dir, f.name)
	}
	j := gojieba.NewJieba(paths...)
	for _, w := range userWords {
		freq := w.Freq
		if freq <= 0 {
			freq = defaultUserFreq
		}
		tag := w.Tag
		if tag == "" {
			tag = "nz"
		}
		j.AddWordEx(w.Word, freq, tag)
	}
	return &Segmenter{jieba: j}, nil
}

const defaultUserFreq = 20000

// dictSource names where the embedded dictionaries come from and how they
// were made; change it when they are replaced (see dict/README.md).
const dictSource = "github.com/yanyiwu/gojieba@v1.4.6 deps/cppjieba/dict, trimmed with -min 3"

// unpackDict writes the dictionaries into a directory named after their
// identity under cacheDir (see dictCacheDir) and returns it. Files found
// there are loaded only when their SHA-256 matches the embedded ones; any
// other is written anew, to a temporary name and renamed, so a crash or a
// concurrent start never leaves a half-written file.
func unpackDict(cacheDir string) (string, error) {
	id, err := dictIdentity()
	if err != nil {
		return "", err
	}
	base, err := dictCacheDir(cacheDir)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "jieba-"+id)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create dictionary directory: %w", err)
	}
	for _, f := range dictFiles {
		want, err := embeddedDict(f.embedded)
		if err != nil {
			return "", err
		}
		path := filepath.Join(dir, f.name)
		if sameFile(path, want) {
			continue
		}
		if err := writeFileAtomic(path, bytes.NewReader(want)); err != nil {
			return "", err
		}
		if !sameFile(path, want) {
			return "", fmt.Errorf("dictionary %s: written but does not read back the same", path)
		}
	}
	return dir, nil
}

// dictCacheDir returns the directory the dictionaries go under: cacheDir
// when set, else the user cache directory's reportbot folder when it can be
// made (a read-only HOME cannot), else a directory of this user's alone
// under the temporary directory, made 0700 and checked to be theirs, so that
// no other user's files are ever loaded.
func dictCacheDir(cacheDir string) (string, error) {
	if cacheDir != "" {
		return cacheDir, nil
	}
	if d, err := os.UserCacheDir(); err == nil {
		dir := filepath.Join(d, "reportbot")
		if err := os.MkdirAll(dir, 0o700); err == nil {
			return dir, nil
		}
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("reportbot-cache-%d", os.Getuid()))
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("create dictionary directory %s: %w", dir, err)
	}
	if err := ownPrivateDir(dir); err != nil {
		return "", err
	}
	return dir, nil
}

// embeddedDict returns the content of an embedded dictionary file,
// unpacked; "" names the user dictionary, which holds one line.
func embeddedDict(name string) ([]byte, error) {
	switch {
	case name == "":
		return []byte("政府工作报告 100 n\n"), nil
	case strings.HasSuffix(name, ".gz"):
		b, _ := dictFS.ReadFile(name)
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("unpack %s: %w", name, err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("unpack %s: %w", name, err)
		}
		return out, nil
	default:
		return dictFS.ReadFile(name)
	}
}

// sameFile tells whether the file at path holds exactly want, by SHA-256.
func sameFile(path string, want []byte) bool {
	got, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	return sha256.Sum256(got) == sha256.Sum256(want)
}

// dictIdentity names the embedded dictionaries by their source and the
// names and sizes of their files, so that a binary with other dictionaries
// never reads stale ones and an index cut with other dictionaries is
// rebuilt, without hashing megabytes at every start.
func dictIdentity() (string, error) {
	h := sha256.New()
	h.Write([]byte(dictSource))
	for _, f := range dictFiles {
		if f.embedded == "" {
			continue
		}
		info, err := fs.Stat(dictFS, f.embedded)
		if err != nil {
			return "", fmt.Errorf("read embedded dictionary %s: %w", f.embedded, err)
		}
		fmt.Fprintf(h, "%s %d\n", f.embedded, info.Size())
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// writeFileAtomic streams r to a temporary file beside path and renames it
// into place.
func writeFileAtomic(path string, r io.Reader) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Words cuts text into search words: numbers stay whole (with a trailing %),
// ASCII words are lower-cased, punctuation and spaces are dropped, and long
// Chinese words also yield their dictionary sub-words (jieba's search mode).
func (s *Segmenter) Words(text string) []string {
	return cut(text, func(run string) []string { return s.jieba.CutForSearch(run, true) })
}

// Cut cuts text into words the way a reader would (jieba's default mode),
// with the same treatment of numbers, latin words and punctuation as Words.
func (s *Segmenter) Cut(text string) []string {
	return cut(text, func(run string) []string { return s.jieba.Cut(run, true) })
}

// cut splits text into runs, keeps numbers and lower-cased latin words whole
// and cuts the Han runs with cutHan.
func cut(text string, cutHan func(string) []string) []string {
	var out []string
	forRuns(text, func(run string, kind runKind) {
		switch kind {
		case runNumber:
			out = append(out, run)
		case runLatin:
			out = append(out, strings.ToLower(run))
		case runHan:
			for _, w := range cutHan(run) {
				if w = strings.TrimSpace(w); w != "" {
					out = append(out, w)
				}
			}
		}
	})
	return out
}

type runKind int

const (
	runNumber runKind = iota
	runLatin
	runHan
)

// yearWordEnds are the letters that make a word with the 年 of a year
// (2020年底, 2020年度, 2020年以来), which stays whole.
const yearWordEnds = "底末初度内中前后以间份"

// forRuns splits text into runs of numbers (digits with one inner point and
// an optional %), latin letters, and Han characters; everything else
// separates runs and is dropped. The 年 after a year's digits is a run of
// its own unless it makes a word with what follows (yearWordEnds).
func forRuns(text string, fn func(run string, kind runKind)) {
	i := 0
	year := false // the run before was a year's digits (2020)
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if year && r == '年' && i+size < len(text) {
			// 2020年全社会…: 年 ends the year, it does not begin 年全
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.Is(unicode.Han, next) && !strings.ContainsRune(yearWordEnds, next) {
				fn("年", runHan)
				i += size
				year = false
				continue
			}
		}
		year = false
		switch {
		case isDigit(r):
			j := i + size
			dot := false
			for j < len(text) {
				c := text[j]
				if c >= '0' && c <= '9' {
					j++
					continue
				}
				if c == '.' && !dot && j+1 < len(text) && text[j+1] >= '0' && text[j+1] <= '9' {
					dot = true
					j++
					continue
				}
				break
			}
			if j < len(text) && text[j] == '%' {
				j++
			}
			fn(text[i:j], runNumber)
			year = reYearDigits.MatchString(text[i:j])
			i = j
		case r < utf8.RuneSelf && (unicode.IsLetter(r)):
			j := i + size
			for j < len(text) {
				c := text[j]
				if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
					j++
					continue
				}
				break
			}
			fn(text[i:j], runLatin)
			i = j
		case unicode.Is(unicode.Han, r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !unicode.Is(unicode.Han, r2) {
					break
				}
				j += s2
			}
			fn(text[i:j], runHan)
			i = j
		default:
			i += size
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// Bigrams returns the overlapping pairs of Han characters of text, and the
// numbers and latin words whole, for the character-bigram column of the index.
func Bigrams(text string) []string {
	var out []string
	forRuns(text, func(run string, kind runKind) {
		if kind != runHan {
			out = append(out, strings.ToLower(run))
			return
		}
		rs := []rune(run)
		if len(rs) == 1 {
			out = append(out, run)
			return
		}
		for i := 0; i+1 < len(rs); i++ {
			out = append(out, string(rs[i:i+2]))
		}
	})
	return out
}

// TaggedWord is a word of a question with its part of speech (n, v, ns …),
// as jieba tags it; latin words and numbers are tagged "eng" and "m".
type TaggedWord struct {
	Word, Tag string
}

// Tag cuts text into words with their parts of speech.
func (s *Segmenter) Tag(text string) []TaggedWord {
	var out []TaggedWord
	forRuns(text, func(run string, kind runKind) {
		switch kind {
		case runNumber:
			out = append(out, TaggedWord{run, "m"})
		case runLatin:
			out = append(out, TaggedWord{strings.ToLower(run), "eng"})
		case runHan:
			for _, wt := range s.jieba.Tag(run) {
				i := strings.LastIndex(wt, "/")
				if i <= 0 {
					continue
				}
				out = append(out, TaggedWord{wt[:i], wt[i+1:]})
			}
		}
	})
	return out
}
