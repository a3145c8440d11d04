//go:build !unix

package segment

import "os"

// mapFile reads a file into memory where memory mapping is not available.
func mapFile(path string) ([]byte, func() error, error) {
	data, err := os.ReadFile(path)
	return data, func() error { return nil }, err
}
