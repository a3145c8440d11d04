//go:build !unix

package index

import (
	"sync"
)

var locks sync.Map

// lockDir takes the writer's lock of the index in dir within this
// process.
func lockDir(path string) (func() error, error) {
	if _, loaded := locks.LoadOrStore(path, true); loaded {
		return nil, ErrLocked
	}
	return func() error { locks.Delete(path); return nil }, nil
}
