package commands

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A cursor names a page of a reply: "v1|COMMAND|PAGE|ARG". It carries all it
// needs, so a button pressed on an old message still works after a restart.
// It is at most MaxCursor characters, to fit a Discord button's custom id.
type cursor struct {
	command string
	page    int // from 0
	arg     string
}

// MaxCursor is the longest cursor, in characters.
const MaxCursor = 100

const cursorPrefix = "v1|"

// encode returns the cursor as text, or "" when it would be too long.
func (c cursor) encode() string {
	s := cursorPrefix + c.command + "|" + strconv.Itoa(c.page) + "|" + c.arg
	if utf8.RuneCountInString(s) > MaxCursor {
		return ""
	}
	return s
}

func decodeCursor(s string) (cursor, bool) {
	if !strings.HasPrefix(s, cursorPrefix) || !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxCursor {
		return cursor{}, false
	}
	parts := strings.SplitN(strings.TrimPrefix(s, cursorPrefix), "|", 3)
	if len(parts) != 3 {
		return cursor{}, false
	}
	page, err := strconv.Atoi(parts[1])
	if err != nil || page < 0 || page > 1000 {
		return cursor{}, false
	}
	return cursor{command: parts[0], page: page, arg: parts[2]}, true
}

// IsCursor tells whether s is a page cursor of this package.
func IsCursor(s string) bool {
	_, ok := decodeCursor(s)
	return ok
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
// is, with the cursor of the next page (or "").
func paginate[T any](items []T, page, size int, command, arg string) (shown []T, footer, next string) {
	pages := (len(items) + size - 1) / size
	if pages == 0 {
		return nil, "", ""
	}
	if page >= pages {
		page = pages - 1
	}
	end := min((page+1)*size, len(items))
	shown = items[page*size : end]
	footer = "第" + strconv.Itoa(page+1) + "/" + strconv.Itoa(pages) + "页，共" + strconv.Itoa(len(items)) + "条"
	if page+1 < pages {
		next = cursor{command: command, page: page + 1, arg: arg}.encode()
		if next == "" {
			footer += "（内容较多，请缩小范围）"
		}
	}
	return shown, footer, next
}
