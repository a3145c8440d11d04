package main

import (
	"context"
	"io"

	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/output"
)

// outputFile is an output being written: a new or replaced regular file
// goes through a temporary file renamed into place by Commit; devices,
// FIFOs, links and other special files are written through, never
// replaced (internal/output).
type outputFile = output.File

// createOutput opens the output path (waiting for a FIFO's reader until
// ctx ends) ("-" or "": standard output). An
// output that is one of the inputs (standard input, stdin, when it is a
// file), or one of dirs' files or inside one of them (an index directory),
// is refused; so is standard output redirected to such a file.
func createOutput(ctx context.Context, path string, stdin io.Reader, stdout io.Writer, inputs []input.Input, dirs ...string) (*outputFile, error) {
	paths := make([]string, 0, len(inputs))
	for _, in := range inputs {
		paths = append(paths, in.Path)
	}
	return output.Create(path, output.Options{Stdout: stdout, Inputs: paths, Dirs: dirs, Stdin: stdin, Context: ctx})
}
