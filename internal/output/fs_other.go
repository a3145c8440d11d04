//go:build !unix

package output

import (
	"context"
	"errors"
	"io/fs"
	"os"
)

func lockFile(*os.File) error { return nil }

// tryLock cannot tell a live writer's file from a dead one's here: stale
// temporary files are left alone.
func tryLock(*os.File) (func(), error) { return nil, errors.New("no file locks") }

func ownedByMe(fs.FileInfo) bool { return false }

func shared(fs.FileInfo) bool { return false }

func openFIFO(_ context.Context, path string) (*os.File, error) {
	return os.OpenFile(path, os.O_WRONLY, 0)
}
