package knowledge

import "reportbot/report"

// The kinds of error the knowledge base returns, checked with errors.Is;
// they are report's, so that the commands can check them too.
var (
	ErrInvalidInput = report.ErrInvalidInput
	ErrNotFound     = report.ErrNotFound
)
