// Command mkwire writes a labelled corpus of syndicated wire stories, made
// by package bench/wire, for evaluating near-duplicate detection:
//
//	go run ./bench/cmd/mkwire -stories 500 -seed 1 -o corpus.jsonl -truth truth.jsonl
//
// The corpus file holds one JSON object per document, {"id", "url", "date",
// "text"}; the truth file {"id", "label", "kind", "story"} (and "sources"
// for digests and follow-ups), which eval.ReadTruth reads. Each file is
// written to a temporary file in the same directory, synced and renamed
// into place, so a reader never sees a partial file. Flag values are taken
// literally: -copies-max 0 means no copies, a rate of 0 no documents of
// that kind. A summary goes to standard error.
//
// Exit status: 0 success, 1 failure, 2 usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/mimeo-dedup/mimeo/bench/wire"
)

func main() {
	os.Exit(exitCode(run(os.Args[1:], os.Stderr), os.Stderr))
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// errHelp reports that help was printed as asked: exit status 0.
var errHelp = errors.New("help requested")

// errReported is a usage error the flag package has already printed.
var errReported = errors.New("bad flags")

// exitCode prints err (if any) and maps it to the exit status.
func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errReported):
		return 2
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "mkwire: %v\nRun 'mkwire -h' for usage.\n", err)
		return 2
	default:
		fmt.Fprintf(stderr, "mkwire: %v\n", err)
		return 1
	}
}

// run executes the command line args (without the program name).
func run(args []string, stderr io.Writer) error {
	cfg := wire.DefaultConfig()
	fs := flag.NewFlagSet("mkwire", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&cfg.Stories, "stories", cfg.Stories, "number of wire stories")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "seed of the corpus; the same flags give the same bytes")
	fs.IntVar(&cfg.CopiesMin, "copies-min", cfg.CopiesMin, "fewest copies of a story")
	fs.IntVar(&cfg.CopiesMax, "copies-max", cfg.CopiesMax, "most copies of a story (at most -sites)")
	fs.IntVar(&cfg.Sites, "sites", cfg.Sites, "number of publishing sites")
	fs.Float64Var(&cfg.SameTemplateRate, "same-template-rate", cfg.SameTemplateRate, "local stories on copy templates, per story")
	fs.Float64Var(&cfg.DigestRate, "digest-rate", cfg.DigestRate, "morning digests, per story")
	fs.Float64Var(&cfg.FollowUpRate, "follow-up-rate", cfg.FollowUpRate, "follow-up stories, per story")
	out := fs.String("o", "", "write the documents to `file` (required)")
	truth := fs.String("truth", "", "write the ground truth to `file`")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: mkwire [flags] -o corpus.jsonl [-truth truth.jsonl]\n\n"+
			"Writes a labelled corpus of syndicated wire stories, their web copies and hard negatives.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errReported
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q", fs.Arg(0))
	case *out == "":
		return usagef("-o is required")
	case *truth != "" && filepath.Clean(*truth) == filepath.Clean(*out):
		return usagef("-o and -truth name the same file %q", *out)
	case cfg.Stories < 1:
		return usagef("-stories %d: want at least 1", cfg.Stories)
	case cfg.Sites < 1:
		return usagef("-sites %d: want at least 1", cfg.Sites)
	}
	// In wire.Config zero means the default; on the command line it means
	// zero.
	if cfg.CopiesMax == 0 {
		cfg.CopiesMax = -1
	}
	for _, r := range []*float64{&cfg.SameTemplateRate, &cfg.DigestRate, &cfg.FollowUpRate} {
		if *r == 0 {
			*r = -1
		}
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}

	c := wire.Generate(cfg)
	if err := writeFile(*out, c.WriteJSONL); err != nil {
		return err
	}
	if *truth != "" {
		if err := writeFile(*truth, c.WriteTruth); err != nil {
			return err
		}
	}
	var copies, negatives, bytes int
	for _, d := range c.Docs {
		switch {
		case d.Kind.IsCopy():
			copies++
		case d.Kind.IsHardNegative():
			negatives++
		}
		bytes += len(d.Text)
	}
	fmt.Fprintf(stderr, "mkwire: wrote %d documents (%d stories, %d copies, %d hard negatives; %.1f MB of text) to %s\n",
		len(c.Docs), len(c.Stories), copies, negatives, float64(bytes)/1e6, *out)
	if *truth != "" {
		fmt.Fprintf(stderr, "mkwire: wrote the ground truth to %s\n", *truth)
	}
	return nil
}

// writeFile writes path atomically: to a temporary file in the same
// directory, synced, renamed over path, and the directory synced. On
// error the temporary file is removed and path is left as it was.
func writeFile(path string, write func(io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// Make the rename durable. Some file systems cannot sync a directory;
	// the file itself is complete either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
