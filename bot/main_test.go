package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"reportbot/internal/pgtest"
	"reportbot/knowledge"
)

// TestMain stops the throw-away PostgreSQL the digest tests on PostgreSQL
// start (see internal/pgtest), and closes the index the tests share.
func TestMain(m *testing.M) {
	code := pgtest.Run(m)
	if index.kb != nil {
		index.kb.Close()
		os.RemoveAll(index.dir)
	}
	os.Exit(code)
}

// index is the knowledge base every test's bot answers from: the bots
// only read it, and opening it is most of what starting a bot costs. Each
// test keeps its state in a file of its own.
var index struct {
	once sync.Once
	dir  string
	kb   *knowledge.Base
	err  error
}

func sharedIndex(t *testing.T) *knowledge.Base {
	t.Helper()
	index.once.Do(func() {
		if index.dir, index.err = os.MkdirTemp("", "reportbot-bot-test-"); index.err != nil {
			return
		}
		index.kb, index.err = knowledge.Open(context.Background(), knowledge.Config{Path: filepath.Join(index.dir, "index.db")})
	})
	if index.err != nil {
		t.Fatal(index.err)
	}
	return index.kb
}
