package state

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// No member id is kept in clear: a vote keeps a keyed hash of its voter
// (UserHash), a subscription of who made it. The key is kept outside the
// database, so that whoever holds the database cannot link a hash to a
// member by trying ids: it is made from VOTE_HASH_KEY (Config.HashSecret),
// or it is the key file beside the database (Config.KeyFile, mode 0600),
// made at random on first use. A database from before kept its salt in
// state_meta: Open moves it to the key file (when there is neither a
// secret nor a key file yet, so that earlier votes can still be changed),
// hashes the subscribers kept in clear, and deletes the salt.

// The uses of the key, kept apart so that a voter's hash and a
// subscriber's are not the same for the same member.
const (
	voterID      = ""
	subscriberID = "subscriber\x00"
)

// hashKey is the key of the hashes of member ids, read or made once.
type hashKey struct {
	secret string // VOTE_HASH_KEY
	file   string

	mu  sync.Mutex
	key []byte
}

// get returns the key: made from the secret, or read from the key file,
// which it makes when there is none, with the salt of an older database
// when it is given one.
func (k *hashKey) get(salt []byte) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.key != nil {
		return k.key, nil
	}
	if k.secret != "" {
		sum := sha256.Sum256([]byte("reportbot member id key\x00" + k.secret))
		k.key = sum[:]
		return k.key, nil
	}
	if k.file == "" {
		return nil, errors.New("no key for member ids: set VOTE_HASH_KEY")
	}
	key, err := readKeyFile(k.file)
	if errors.Is(err, fs.ErrNotExist) {
		if salt == nil {
			salt = make([]byte, 32)
			if _, err := rand.Read(salt); err != nil {
				return nil, err
			}
		}
		key, err = makeKeyFile(k.file, salt)
	}
	if err != nil {
		return nil, fmt.Errorf("key for member ids: %w", err)
	}
	k.key = key
	return key, nil
}

// readKeyFile reads a key file: hex on one line.
func readKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("%s: not a key (want 32 bytes in hex)", path)
	}
	return key, nil
}

// makeKeyFile writes key to path, mode 0600, unless another process made
// the file first, whose key it returns then.
func makeKeyFile(path string, key []byte) ([]byte, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".reportbot-key-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(hex.EncodeToString(key) + "\n")
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return readKeyFile(path) // made by another process first
	} else if err != nil {
		return nil, err
	}
	return key, nil
}

// hashID returns the keyed hash of a member's id for a use.
func (s *DB) hashID(use, id string) (string, error) {
	key, err := s.key.get(nil)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(use + id))
	return hex.EncodeToString(m.Sum(nil))[:32], nil
}

// UserHash returns a keyed hash of a voter's id (HMAC-SHA-256 with the key
// kept outside the database), so that votes can be told apart without
// keeping who cast them. It asks nothing of the database.
func (s *DB) UserHash(ctx context.Context, userID string) (string, error) {
	return s.hashID(voterID, userID)
}

// reMemberID is a member id kept in clear by a database from before.
var reMemberID = regexp.MustCompile(`^\d{17,20}$`)

// moveSalt takes the salt of an older database out of it: into the key
// file (see hashKey), and hashes with the key the subscribers it kept in
// clear. A database with no salt and no subscriber in clear is left alone.
func (s *DB) moveSalt(ctx context.Context) error {
	var v string
	err := s.queryRow(ctx, `SELECT value FROM state_meta WHERE key = 'user_salt'`).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("move the salt out: %w", err)
	}
	if v != "" {
		salt, err := hex.DecodeString(v)
		if err != nil {
			return fmt.Errorf("move the salt out: %w", err)
		}
		if _, err := s.key.get(salt); err != nil {
			return fmt.Errorf("move the salt out: %w", err)
		}
	}
	if err := s.hashSubscribers(ctx); err != nil {
		return err
	}
	if _, err := s.exec(ctx, `DELETE FROM state_meta WHERE key = 'user_salt'`); err != nil {
		return fmt.Errorf("move the salt out: %w", err)
	}
	return nil
}

// hashSubscribers replaces the member ids kept in clear in
// subscriptions.created_by with their hashes.
func (s *DB) hashSubscribers(ctx context.Context) error {
	rows, err := s.query(ctx, `SELECT channel_id, created_by FROM subscriptions WHERE created_by <> ''`)
	if err != nil {
		return fmt.Errorf("hash subscribers: %w", err)
	}
	clear := map[string]string{}
	for rows.Next() {
		var ch, by string
		if err := rows.Scan(&ch, &by); err != nil {
			rows.Close()
			return fmt.Errorf("hash subscribers: %w", err)
		}
		if reMemberID.MatchString(by) {
			clear[ch] = by
		}
	}
	rows.Close()
	for ch, by := range clear {
		h, err := s.hashID(subscriberID, by)
		if err == nil {
			_, err = s.exec(ctx, `UPDATE subscriptions SET created_by = ? WHERE channel_id = ?`, h, ch)
		}
		if err != nil {
			return fmt.Errorf("hash subscribers: %w", err)
		}
	}
	return nil
}
