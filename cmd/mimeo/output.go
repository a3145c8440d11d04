package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// outputFile writes to a temporary file beside the target and renames it
// into place on Commit, so that a failed run never leaves a half-written
// file. "-" or "" means standard output.
type outputFile struct {
	*bufio.Writer
	path string
	tmp  *os.File
	std  bool
}

func createOutput(path string, stdout io.Writer) (*outputFile, error) {
	if path == "" || path == "-" {
		return &outputFile{Writer: bufio.NewWriterSize(stdout, 1<<16), std: true}, nil
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", path, err)
	}
	return &outputFile{Writer: bufio.NewWriterSize(tmp, 1<<16), path: path, tmp: tmp}, nil
}

// Commit flushes, syncs and renames the file into place.
func (o *outputFile) Commit() error {
	if err := o.Flush(); err != nil {
		o.Abort()
		return fmt.Errorf("writing %s: %w", o.name(), err)
	}
	if o.std {
		return nil
	}
	if err := o.tmp.Sync(); err != nil {
		o.Abort()
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	if err := o.tmp.Close(); err != nil {
		os.Remove(o.tmp.Name())
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	if err := os.Rename(o.tmp.Name(), o.path); err != nil {
		os.Remove(o.tmp.Name())
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	if d, err := os.Open(filepath.Dir(o.path)); err == nil {
		d.Sync() // make the rename durable; not all systems can sync a directory
		d.Close()
	}
	return nil
}

// Abort discards the file.
func (o *outputFile) Abort() {
	if o.std || o.tmp == nil {
		return
	}
	o.tmp.Close()
	os.Remove(o.tmp.Name())
	o.tmp = nil
}

func (o *outputFile) name() string {
	if o.std {
		return "standard output"
	}
	return o.path
}
