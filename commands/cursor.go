package commands

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A cursor names a page of a reply: "v2|VERSION|COMMAND|PAGE|ARG". It
// carries all it needs, so a button pressed on an old message still works
// after a restart; VERSION names the report's sentences the page arguments
// point into, so a button made over another index is known as outdated
// rather than read wrong. It is at most MaxCursor characters, to fit a
// Discord button's custom id.
type cursor struct {
	version string
	command string
	page    int // from 0
	arg     string
}

// MaxCursor is the longest cursor, in characters.
const MaxCursor = 100

const cursorPrefix = "v2|"

// encode returns the cursor as text, or "" when it would be too long.
func (c cursor) encode() string {
	s := cursorPrefix + c.version + "|" + c.command + "|" + strconv.Itoa(c.page) + "|" + c.arg
	if utf8.RuneCountInString(s) > MaxCursor {
		return ""
	}
	return s
}

func decodeCursor(s string) (cursor, bool) {
	if !strings.HasPrefix(s, cursorPrefix) || len(s) > utf8.UTFMax*MaxCursor || !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxCursor {
		return cursor{}, false
	}
	parts := strings.SplitN(strings.TrimPrefix(s, cursorPrefix), "|", 4)
	if len(parts) != 4 || parts[0] == "" {
		return cursor{}, false
	}
	page, err := strconv.Atoi(parts[2])
	if err != nil || page < 0 || page > 1000 {
		return cursor{}, false
	}
	return cursor{version: parts[0], command: parts[1], page: page, arg: parts[3]}, true
}

// IsCursor tells whether s has the form of a page cursor of this package
// (whether it is still current is for Handle to say).
func IsCursor(s string) bool {
	_, ok := decodeCursor(s)
	return ok
}

// version names the sentences the knowledge base holds: a short hash of
// their ids and texts, which cursors carry.
func (r *Router) version() string {
	root := r.root
	root.versionOnce.Do(func() {
		h := sha256.New()
		for _, b := range root.kb.Books() {
			for _, s := range b.Sentences() {
				h.Write([]byte(strconv.Itoa(s.ID) + "\x00" + s.Text + "\x00"))
			}
		}
		root.versionHash = hex.EncodeToString(h.Sum(nil))[:8]
	})
	return root.versionHash
}

// cursor returns the cursor of a page of a command over this router's index.
func (r *Router) cursor(command string, page int, arg string) string {
	return cursor{version: r.version(), command: command, page: page, arg: arg}.encode()
}

// pageOf returns the request's page and argument: from its cursor when it
// has one, else page 0 and the named option.
func pageOf(req Request, option string) (page int, arg string) {
	if c, ok := decodeCursor(req.Options[cursorOption]); ok {
		return c.page, c.arg
	}
	return 0, strings.TrimSpace(req.Options[option])
}

// paginate returns the items of one page and the footer that says where it
// is, with the cursors of the next and the previous page (or "").
func paginate[T any](r *Router, items []T, page, size int, command, arg string) (shown []T, footer, next, prev string) {
	pages := (len(items) + size - 1) / size
	if pages == 0 {
		return nil, "", "", ""
	}
	if page >= pages {
		page = pages - 1
	}
	end := min((page+1)*size, len(items))
	shown = items[page*size : end]
	footer = "第" + strconv.Itoa(page+1) + "/" + strconv.Itoa(pages) + "页，共" + strconv.Itoa(len(items)) + "条"
	if page+1 < pages {
		next = r.cursor(command, page+1, arg)
		if next == "" {
			footer += "（内容较多，请缩小范围）"
		}
	}
	if page > 0 {
		prev = r.cursor(command, page-1, arg)
	}
	return shown, footer, next, prev
}
