//go:build unix

package knowledge

import (
	"fmt"
	"os"
	"syscall"
)

// ownPrivateDir checks that dir is a real directory (no symbolic link),
// owned by this user and closed to others; it returns an error otherwise.
func ownPrivateDir(dir string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("dictionary directory %s: %w", dir, err)
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !info.IsDir() || !ok || int(st.Uid) != os.Getuid() || info.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("dictionary directory %s is not a private directory of this user's; remove it or set REPORTBOT_CACHE_DIR", dir)
	}
	return nil
}
