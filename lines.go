package main

import (
	"bufio"
	"io"
	"unicode/utf8"

	"reportbot/commands"
)

// maxLineBytes is the most of a line of standard input held: enough for
// the commands.MaxText characters a question may have.
const maxLineBytes = utf8.UTFMax * commands.MaxText

// lineReader reads lines, holding at most max bytes of each: the rest of
// a longer line is read and dropped, never held, so a line of any length
// takes no more memory than max and the reader's buffer.
type lineReader struct {
	r   *bufio.Reader
	max int
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// ReadString returns the next line, with its '\n' unless it was cut, like
// bufio.Reader.ReadString('\n'): err is nil when a '\n' ended the line,
// io.EOF (with what there was) at the end of the input.
func (l *lineReader) ReadString() (string, error) {
	var line []byte
	for {
		chunk, err := l.r.ReadSlice('\n')
		if room := l.max - len(line); room > 0 {
			line = append(line, chunk[:min(len(chunk), room)]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return string(line), err
	}
}
