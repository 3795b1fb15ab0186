//go:build !unix

package knowledge

// ownPrivateDir has nothing to check where there are no Unix owners.
func ownPrivateDir(dir string) error { return nil }
