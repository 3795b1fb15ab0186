package knowledge

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDictCacheFallsBackToPrivateDir: when the user cache directory cannot
// be made (a read-only HOME), the dictionaries go to a directory of this
// user's alone under the temporary directory.
func TestDictCacheFallsBackToPrivateDir(t *testing.T) {
	tmp := t.TempDir()
	blocker := filepath.Join(tmp, "not-a-dir")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CACHE_HOME", filepath.Join(blocker, "cache")) // under a file: cannot be made
	t.Setenv("HOME", filepath.Join(blocker, "home"))
	t.Setenv("TMPDIR", tmp)
	dir, err := unpackDict("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dir, filepath.Join(tmp, "reportbot-cache-")) {
		t.Errorf("dir = %s, want one under %s", dir, tmp)
	}
	info, err := os.Stat(filepath.Dir(dir))
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("fallback directory: %v, mode %v; want 0700", err, info.Mode().Perm())
	}
}

// TestDictCacheRewritesForeignFiles: a dictionary file that is not the
// embedded one (tampered, truncated) is written anew before it is loaded.
func TestDictCacheRewritesForeignFiles(t *testing.T) {
	cache := t.TempDir()
	dir, err := unpackDict(cache)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "jieba.dict.utf8")
	if err := os.WriteFile(path, []byte("恶意 1 n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := unpackDict(cache); err != nil {
		t.Fatal(err)
	}
	want, _ := embeddedDict("dict/jieba.dict.utf8.gz")
	if !sameFile(path, want) {
		t.Error("a tampered dictionary was left in place")
	}
}

// TestDictCacheRefusesSharedDir: a fallback directory that is open to
// others, or another user's, is refused rather than read.
func TestDictCacheRefusesSharedDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(tmp, "file", "cache"))
	t.Setenv("HOME", filepath.Join(tmp, "file", "home"))
	os.WriteFile(filepath.Join(tmp, "file"), []byte("x"), 0o600)
	t.Setenv("TMPDIR", tmp)
	shared := filepath.Join(tmp, "reportbot-cache-"+strconv.Itoa(os.Getuid()))
	if err := os.Mkdir(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(shared, 0o777)
	if _, err := unpackDict(""); err == nil {
		t.Error("a directory open to every user was used")
	}
	if os.Getuid() == 0 {
		os.Chmod(shared, 0o700)
		if err := os.Chown(shared, 65534, 65534); err != nil {
			t.Fatal(err)
		}
		if _, err := unpackDict(""); err == nil {
			t.Error("another user's directory was used")
		}
	}
}
