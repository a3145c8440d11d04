//go:build !unix

package index

import (
	"os"
	"sync"
)

// mapFile reads a file into memory where memory mapping is not available.
func mapFile(path string) ([]byte, func() error, error) {
	data, err := os.ReadFile(path)
	return data, func() error { return nil }, err
}

var locks sync.Map

// lockDir takes the writer's lock of the index in dir within this
// process.
func lockDir(path string) (func() error, error) {
	if _, loaded := locks.LoadOrStore(path, true); loaded {
		return nil, ErrLocked
	}
	return func() error { locks.Delete(path); return nil }, nil
}
