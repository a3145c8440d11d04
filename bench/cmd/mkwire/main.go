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

	"github.com/mimeo-dedup/mimeo/bench/internal/cmdexit"
	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/output"
)

func main() {
	os.Exit(exitCode(run(os.Args[1:], os.Stderr), os.Stderr))
}

// The exit statuses: 0 success, 1 failure, 2 usage error (cmdexit).
type usageError = cmdexit.UsageError

func usagef(format string, args ...any) error { return cmdexit.Usagef(format, args...) }

var errHelp, errReported = cmdexit.ErrHelp, cmdexit.ErrReported

func exitCode(err error, stderr io.Writer) int { return cmdexit.Code("mkwire", err, stderr) }

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
	spam := fs.Bool("spam", false, "a corpus of spam-site pages like the seed page (wire.GenerateSpam): the flags below, and -stories, -seed, -sites, -copies-min, -copies-max, -digest-rate, -follow-up-rate")
	var sc wire.SpamConfig
	fs.IntVar(&sc.SiteListLines, "list-lines", 16, "-spam: headlines in each site's site-wide lists")
	fs.IntVar(&sc.RelatedLines, "related-lines", 10, "-spam: per-page related headlines")
	fs.IntVar(&sc.ListDays, "list-days", 0, "-spam: site-wide lists change every N days (0: never)")
	fs.BoolVar(&sc.NoURLs, "no-urls", false, "-spam: documents without URLs")
	fs.Float64Var(&sc.UndatedRate, "undated", 0, "-spam: share of documents without a date")
	fs.BoolVar(&sc.MixedDates, "mixed-dates", false, "-spam: dates in assorted formats")
	fs.Float64Var(&sc.OriginalRate, "original-rate", 0.5, "-spam: share of stories whose clean wire original is included")
	fs.Float64Var(&sc.ShortStories, "short-stories", 0.25, "-spam: share of stories that are briefs")
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
	if *spam {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		sc.Stories, sc.Seed = cfg.Stories, cfg.Seed
		if set["sites"] {
			sc.Sites = cfg.Sites
		}
		if set["copies-min"] || set["copies-max"] {
			sc.CopiesMin, sc.CopiesMax = cfg.CopiesMin, cfg.CopiesMax
		}
		// Zero means zero on the command line, the default in SpamConfig.
		zero := func(r *float64) {
			if *r == 0 {
				*r = -1
			}
		}
		if set["digest-rate"] {
			sc.DigestRate = cfg.DigestRate
			zero(&sc.DigestRate)
		}
		if set["follow-up-rate"] {
			sc.FollowUpRate = cfg.FollowUpRate
			zero(&sc.FollowUpRate)
		}
		for _, r := range []*float64{&sc.OriginalRate, &sc.ShortStories} {
			if *r == 0 {
				*r = -1
			}
		}
		for _, n := range []*int{&sc.SiteListLines, &sc.RelatedLines} {
			if *n == 0 {
				*n = -1
			}
		}
		if err := sc.Validate(); err != nil {
			return usageError{Err: err}
		}
		return write(wire.GenerateSpam(sc), *out, *truth, stderr)
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
		return usageError{Err: err}
	}

	return write(wire.Generate(cfg), *out, *truth, stderr)
}

// write writes the corpus and its truth and a summary.
func write(c *wire.Corpus, out, truth string, stderr io.Writer) error {
	if err := writeFile(out, c.WriteJSONL); err != nil {
		return err
	}
	if truth != "" {
		if err := writeFile(truth, c.WriteTruth); err != nil {
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
		len(c.Docs), len(c.Stories), copies, negatives, float64(bytes)/1e6, out)
	if truth != "" {
		fmt.Fprintf(stderr, "mkwire: wrote the ground truth to %s\n", truth)
	}
	return nil
}

// writeFile writes path through internal/output: atomically for a regular
// file, written through for a device or a pipe, never renamed over either.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := output.Create(path, output.Options{})
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}
