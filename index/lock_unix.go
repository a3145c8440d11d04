//go:build unix

package index

import (
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes the writer's lock of the index in dir, failing at once
// with ErrLocked if another process (or another Index in this one) holds
// it. The lock is the kernel's (flock) on the directory itself, so that
// deleting the LOCK file cannot let a second writer in, and on the LOCK
// file, which older versions lock; it goes with the process, so that
// neither a crash nor a LOCK file left behind blocks the next writer.
func lockDir(dir string) (func() error, error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := flock(d); err != nil {
		d.Close()
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		d.Close()
		return nil, err
	}
	if err := flock(f); err != nil {
		f.Close()
		d.Close()
		return nil, err
	}
	return func() error { // closing the files releases the locks
		err := f.Close()
		if derr := d.Close(); err == nil {
			err = derr
		}
		return err
	}, nil
}

func flock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == syscall.EWOULDBLOCK {
		return ErrLocked
	}
	return err
}
