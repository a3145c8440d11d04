package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// streamSources arranges for the inputs that are streams — standard input,
// named pipes, process substitutions, devices — to be read: spooled to a
// temporary file, at most spoolMax bytes each, when they must be read more
// than once (twice), else read once as they come. Reads of a stream end
// when ctx does, even while no data comes. The caller runs cleanup when
// done with the inputs.
func streamSources(ctx context.Context, cfg *scan.Config, stdin io.Reader, twice bool, spoolMax int64) (cleanup func(), err error) {
	open := make(map[string]func() (io.Reader, error))
	var cleanups []func()
	cleanup = func() {
		for _, c := range cleanups {
			c()
		}
	}
	for _, in := range cfg.Inputs {
		if in.Path != "-" && in.Size >= 0 {
			continue // a regular file: read from disk, as often as needed
		}
		var src io.Reader
		var closeSrc func()
		if in.Path == "-" {
			src, closeSrc = stdin, func() {}
		} else {
			f, err := openStream(ctx, in.Path)
			if err != nil {
				cleanup()
				return nil, err
			}
			src, closeSrc = f, func() { f.Close() }
		}
		src = input.ContextReader(ctx, src)
		if !twice {
			used := false
			name := in.Path
			open[in.Path] = func() (io.Reader, error) {
				if used {
					return nil, fmt.Errorf("%s cannot be read twice", streamName(name))
				}
				used = true
				return src, nil
			}
			cleanups = append(cleanups, closeSrc)
			continue
		}
		reopen, remove, err := scan.Spool(ctx, src, cfg.TempDir, spoolMax)
		closeSrc()
		if err != nil {
			cleanup()
			return nil, fmt.Errorf("spooling %s: %w", streamName(in.Path), err)
		}
		open[in.Path] = reopen
		cleanups = append(cleanups, remove)
	}
	cfg.Open = func(in input.Input) (io.Reader, error) {
		if f, ok := open[in.Path]; ok {
			return f()
		}
		return nil, nil
	}
	return cleanup, nil
}

// openStream opens a named pipe or device for reading; opening a pipe
// waits for its writer, which ctx's end interrupts.
func openStream(ctx context.Context, path string) (*os.File, error) {
	type result struct {
		f   *os.File
		err error
	}
	done := make(chan result, 1)
	go func() {
		f, err := os.Open(path)
		done <- result{f, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, fmt.Errorf("input: %w", r.err)
		}
		return r.f, nil
	case <-ctx.Done():
		go func() { // close it if the open ever succeeds
			if r := <-done; r.f != nil {
				r.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

func streamName(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}
