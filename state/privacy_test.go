package state

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"reportbot/internal/pgtest"
	"reportbot/report"
)

func TestSQLitePrivacy(t *testing.T) {
	t.Parallel()
	testPrivacy(t, func(t *testing.T, cfg Config) Config {
		if cfg.Path == "" {
			cfg.Path = filepath.Join(t.TempDir(), "reportbot.db")
		}
		return cfg
	})
}

func TestPostgresPrivacy(t *testing.T) {
	t.Parallel()
	testPrivacy(t, func(t *testing.T, cfg Config) Config {
		if cfg.URL == "" {
			cfg.URL = pgtest.URL(t)
			if cfg.HashSecret == "" {
				cfg.KeyFile = filepath.Join(t.TempDir(), "reportbot.db.key")
			}
		}
		return cfg
	})
}

// testPrivacy: no member id is kept in clear, the key of their hashes is
// kept outside the database (a key file of mode 0600, or made from
// VOTE_HASH_KEY), and an older database's salt leaves it for the key
// file, so that earlier votes can still be changed. where completes a
// Config with a new database (and a key file beside it).
func testPrivacy(t *testing.T, where func(t *testing.T, cfg Config) Config) {
	ctx := context.Background()
	const member = "700000000000000021"
	open := func(cfg Config) *DB {
		t.Helper()
		s, err := Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	cfg := where(t, Config{})
	s := open(cfg)
	if _, err := s.Subscribe(ctx, report.Subscription{ChannelID: "100000000000000001", CreatedBy: member}, time.Now()); err != nil {
		t.Fatal(err)
	}
	voter, err := s.UserHash(ctx, member)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordVote(ctx, report.Vote{Question: "市委书记是谁", SentenceID: 7, UserHash: voter, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogQuestion(ctx, report.Asked{Command: "ask", Question: "市委书记是谁", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if where := inClear(t, s, member); where != "" {
		t.Errorf("the member id is kept in clear in %s", where)
	}
	subs, _ := s.Subscriptions(ctx)
	if len(subs) != 1 || subs[0].CreatedBy == voter {
		t.Errorf("a subscriber's hash is their voter's hash: %+v", subs)
	}
	keyFile := cfg.KeyFile
	if keyFile == "" {
		keyFile = cfg.Path + ".key"
	}
	if st, err := os.Stat(keyFile); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("key file %s: %v %v, want mode 0600", keyFile, st, err)
	}
	s.Close()
	if again, _ := open(cfg).UserHash(ctx, member); again != voter {
		t.Errorf("after a restart the voter's hash changed: %s, was %s", again, voter)
	}

	// VOTE_HASH_KEY: no key file, the same hash on every start.
	secret := where(t, Config{HashSecret: "a long secret shared by every shard"})
	h1, _ := open(secret).UserHash(ctx, member)
	h2, _ := open(secret).UserHash(ctx, member)
	if h1 == "" || h1 != h2 || h1 == voter {
		t.Errorf("hashes with VOTE_HASH_KEY: %q, %q (with a key file: %q)", h1, h2, voter)
	}
	if secret.Path != "" {
		if _, err := os.Stat(secret.Path + ".key"); err == nil {
			t.Error("a key file was made though VOTE_HASH_KEY is set")
		}
	}

	// A database from before: its salt and its subscriber in clear.
	old := where(t, Config{})
	o := open(old)
	salt := strings.Repeat("5a", 32)
	for _, q := range []string{
		`INSERT INTO state_meta (key, value) VALUES ('user_salt', '` + salt + `')`,
		`INSERT INTO subscriptions (channel_id, source, created_by, created_at) VALUES ('100000000000000009', 'command', '` + member + `', '2026-11-01T00:00:00Z')`,
	} {
		if _, err := o.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	o.Close()
	if old.KeyFile == "" {
		os.Remove(old.Path + ".key")
	} else {
		os.Remove(old.KeyFile)
	}
	o = open(old)
	key, _ := hex.DecodeString(salt)
	m := hmac.New(sha256.New, key)
	m.Write([]byte(member))
	if got, want := must(o.UserHash(ctx, member)), hex.EncodeToString(m.Sum(nil))[:32]; got != want {
		t.Errorf("after the salt left the database, a voter's hash is %s, want %s (as before)", got, want)
	}
	if where := inClear(t, o, member); where != "" {
		t.Errorf("after opening a database from before, the member id is in clear in %s", where)
	}
	var n int
	o.db.QueryRowContext(ctx, `SELECT count(*) FROM state_meta WHERE key = 'user_salt'`).Scan(&n)
	if n != 0 {
		t.Error("the salt is still in the database")
	}
}

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

// inClear returns the table whose rows hold text, or "" when none does.
func inClear(t *testing.T, s *DB, text string) string {
	t.Helper()
	for _, table := range []string{"subscriptions", "digest_posts", "question_log", "votes", "state_meta"} {
		rows, err := s.db.Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			rows.Scan(ptrs...)
			for _, v := range vals {
				var s string
				switch x := v.(type) {
				case string:
					s = x
				case []byte:
					s = string(x)
				}
				if strings.Contains(s, text) {
					rows.Close()
					return table
				}
			}
		}
		rows.Close()
	}
	return ""
}
