package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// defaultSpoolMax is the default of --spool-max.
const defaultSpoolMax = 64 << 30

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
		reopen, remove, err := scan.Spool(ctx, src, "", spoolMax)
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

// sizeValue is a pflag.Value of a size in bytes that accepts the units it
// prints: 64GiB, 100MB, 512k, 1e6.
type sizeValue struct{ n *int64 }

func (v sizeValue) String() string {
	if v.n == nil {
		return "0"
	}
	return formatSize(*v.n)
}

func (v sizeValue) Type() string { return "size" }

func (v sizeValue) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*v.n = n
	return nil
}

// formatSize writes n in the largest binary unit that divides it.
func formatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n != 0 && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

// parseSize reads a size: a number with an optional unit, decimal (k, KB,
// M, MB, G, GB, T, TB: powers of 1000) or binary (KiB, MiB, GiB, TiB), B
// allowed, case ignored.
func parseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	units := []struct {
		suffix string
		mult   float64
	}{
		{"tib", 1 << 40}, {"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10},
		{"tb", 1e12}, {"gb", 1e9}, {"mb", 1e6}, {"kb", 1e3},
		{"t", 1e12}, {"g", 1e9}, {"m", 1e6}, {"k", 1e3}, {"b", 1},
	}
	mult := 1.0
	for _, u := range units {
		if num, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(num), u.mult
			break
		}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) || x*mult > math.MaxInt64/2 {
		return 0, errors.New("want a size such as 1048576, 64MiB or 2GB")
	}
	return int64(x * mult), nil
}
