package knowledge

import "errors"

// The kinds of error the knowledge base returns, checked with errors.Is.
var (
	// ErrInvalidInput: the input cannot be read (a malformed data file line,
	// a question with nothing to search for).
	ErrInvalidInput = errors.New("invalid input")
	// ErrNotFound: nothing in the report matches.
	ErrNotFound = errors.New("not found")
)
