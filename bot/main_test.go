package bot_test

import (
	"os"
	"testing"

	"reportbot/internal/pgtest"
)

// TestMain stops the throw-away PostgreSQL the digest tests on PostgreSQL
// start (see internal/pgtest).
func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
