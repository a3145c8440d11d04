package bench

import (
	"os"
	"sync"
	"testing"
)

// tempDirs lists the directories that sharedTempDir made for inputs the
// benchmarks share (outliving any one benchmark's b.TempDir): TestMain
// removes them, and nothing else, once the tests and benchmarks are done.
var tempDirs struct {
	sync.Mutex
	paths []string
}

// sharedTempDir makes a new directory for inputs several benchmarks share.
func sharedTempDir(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err == nil {
		tempDirs.Lock()
		tempDirs.paths = append(tempDirs.paths, dir)
		tempDirs.Unlock()
	}
	return dir, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range tempDirs.paths {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
