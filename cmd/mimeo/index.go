package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// indexSubcommands lists the subcommands of mimeo index.
func indexSubcommands() []command {
	return []command{
		{"build", "create an index from the inputs", runIndexBuild},
		{"add", "add the inputs' documents to an index", runIndexAdd},
		{"query", "find each input document's near-duplicates in an index", runIndexQuery},
		{"delete", "delete documents from an index by id", runIndexDelete},
		{"stats", "print an index's size and options", runIndexStats},
		{"verify", "check every checksum and structure of an index", runIndexVerify},
		{"compact", "merge an index's segments into one, without deleted documents", runIndexCompact},
	}
}

const indexUsage = `Usage: mimeo index SUBCOMMAND [flags] [arguments]

A persistent near-duplicate index: a directory of immutable segment files
and a manifest (see index/FORMAT.md). One process at a time may open an index
for writing (build, add, delete, compact); queries, stats and verify read it
meanwhile and see it as of its last flush.

Subcommands:
`

func printIndexUsage(w io.Writer) {
	fmt.Fprint(w, indexUsage)
	for _, c := range indexSubcommands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'mimeo index SUBCOMMAND --help' for its flags.")
}

func runIndex(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		printIndexUsage(stderr)
		return usagef("index: no subcommand given")
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "--help":
		printIndexUsage(stdout)
		return errHelp
	case "help":
		if len(rest) == 0 {
			printIndexUsage(stdout)
			return errHelp
		}
		name, rest = rest[0], []string{"--help"}
	}
	for _, c := range indexSubcommands() {
		if c.name == name {
			return c.run(ctx, rest, stdin, stdout, stderr)
		}
	}
	return usagef("index: unknown subcommand %q%s", name, didYouMean(name, names(indexSubcommands())))
}

// inputFlagNames are the flags of matchFlags that only say how to read the
// inputs: add and query take these, and use the index's own options.
var inputFlagNames = []string{"max-record", "extract", "jobs", "id-field", "text-field", "url-field", "date-field", "encoding", "boilerplate", "strict", "spool-max", "exact"}

// indexInputFlags are the flags of the subcommands that read inputs.
type indexInputFlags struct {
	match    matchFlags
	quiet    bool
	progress string
	options  bool // the recipe and match flags are accepted (build)
}

func (f *indexInputFlags) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVarP(&f.quiet, "quiet", "q", false, "no summary on standard error (warnings are still shown)")
	fs.StringVar(&f.progress, "progress", "auto", "progress on standard error: auto (when it is a terminal), always or never")
	if f.options {
		f.match.AddFlags(fs)
		return
	}
	// The other flags of matchFlags are registered hidden, so that
	// giving one says why it is refused rather than that it is unknown.
	all := pflag.NewFlagSet("", pflag.ContinueOnError)
	f.match.AddFlags(all)
	all.VisitAll(func(fl *pflag.Flag) {
		fl.Hidden = !slices.Contains(inputFlagNames, fl.Name)
		fs.AddFlag(fl)
	})
}

// scanConfig validates the flags and returns the scan of inputs (not yet
// expanded: see openInputs). Without the recipe flags, the caller sets
// cfg.Dedup to the index's options.
func (f *indexInputFlags) scanConfig(sub string, fs *pflag.FlagSet, inputs []string) (cfg scan.Config, err error) {
	if !f.options {
		var refused []string
		fs.Visit(func(fl *pflag.Flag) {
			if fl.Hidden {
				refused = append(refused, "--"+fl.Name)
			}
		})
		if len(refused) > 0 {
			return cfg, usagef("index %s: %s: an index keeps the options it was built with (see 'mimeo index stats DIR')", sub, strings.Join(refused, ", "))
		}
	}
	switch f.progress {
	case "auto", "always", "never":
	default:
		return cfg, usagef("index %s: --progress %q: want auto, always or never", sub, f.progress)
	}
	if cfg, err = f.match.Config(); err != nil {
		return cfg, err
	}
	if len(inputs) == 0 {
		return cfg, usagef("index %s: no inputs", sub)
	}
	cfg.NoDedup = true
	return cfg, nil
}

// openInputs expands the inputs into cfg and arranges for stdin to be
// read; the caller runs cleanup when done.
func openInputs(ctx context.Context, sub string, cfg *scan.Config, inputs []string, stdin io.Reader, spoolMax int64) (cleanup func(), err error) {
	if cfg.Inputs, cfg.Walked, err = input.ExpandSkipped(inputs); err != nil {
		return nil, fmt.Errorf("index %s: %w", sub, err)
	}
	if cleanup, err = streamSources(ctx, cfg, stdin, cfg.Boilerplate, spoolMax); err != nil {
		return nil, fmt.Errorf("index %s: %w", sub, err)
	}
	return cleanup, nil
}

// warner prints the first 20 skipped records, unreadable inputs and
// inputs without records, and counts the rest in the summary. -q (quiet)
// drops the summary, not the warnings: nothing is skipped unsaid.
func warner(stderr io.Writer, quiet bool) func(error) {
	n := 0
	return func(err error) {
		n++
		switch {
		case n <= 20:
			fmt.Fprintf(stderr, "mimeo: warning: %v\n", err)
		case n == 21 && quiet:
			fmt.Fprintln(stderr, "mimeo: further warnings are not shown; without -q the summary counts them")
		case n == 21:
			fmt.Fprintln(stderr, "mimeo: further warnings are only counted in the summary")
		}
	}
}

// indexProgress shows an index command's progress on the scan's progress
// line: documents added or queried rather than clustered. line describes
// the documents so far.
func indexProgress(p *progressPrinter, line func(scan.Progress) string) func(scan.Progress) {
	return func(pr scan.Progress) { p.show(pr, line) }
}

// indexErr describes a failure of subcommand sub on the index in dir.
func indexErr(sub, dir string, err error) error {
	if errors.Is(err, index.ErrLocked) {
		return fmt.Errorf("index %s: %s: %w (another process has it open for writing)", sub, dir, index.ErrLocked)
	}
	return fmt.Errorf("index %s: %w", sub, err)
}

// openWriter opens the existing index in dir for writing, with its own
// options.
func openWriter(sub, dir string) (*index.Index, error) {
	o, err := index.ReadOptions(dir)
	if err != nil {
		return nil, indexErr(sub, dir, err)
	}
	x, err := index.Open(dir, o)
	if err != nil {
		return nil, indexErr(sub, dir, err)
	}
	return x, nil
}

// addAll adds every document of the scan to x, the index in dir, all or
// nothing: every spillEvery documents it writes a segment file that the
// final Flush records with the rest, in one step; after a failure it rolls
// back, and the index is as it was. An input that could not be read to the
// end is a failure too: the index is cumulative, and a retry once the
// input is mended must not add its first records twice. It returns the
// documents added. An error of the index names dir; one of the inputs
// names the input.
func addAll(ctx context.Context, x *index.Index, dir string, cfg scan.Config, spillEvery int) (res *scan.Result, added int64, err error) {
	var spilled int64
	if cfg.Boilerplate {
		cfg.Model = x.SiteModel() // nil without one: the batch's own
	}
	cfg.Visit = func(_ uint32, d *scan.Doc, f *index.Features) error {
		add := x.AddFeatures
		if d.ID == d.Source {
			add = x.AddFeaturesKeeping // a position in an input, not an id (see scanIndex.visit)
		}
		if err := add(d.ID, d.URL, d.Date, f); err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		if added++; added-spilled >= int64(spillEvery) {
			if err := x.Spill(); err != nil {
				return fmt.Errorf("%s: %w", dir, err)
			}
			spilled = added
		}
		return nil
	}
	if res, err = scan.Run(ctx, cfg); err == nil {
		err = unreadable(res)
	}
	if err == nil {
		if cfg.Model != nil {
			err = x.SetSiteModel(res.Boilerplate) // what the inputs taught it
		}
		if err == nil {
			err = x.Flush()
		}
		if err != nil {
			err = fmt.Errorf("%s: %w", dir, err)
		}
	}
	if err != nil {
		if rerr := x.Rollback(); rerr != nil {
			err = fmt.Errorf("%w; rolling back: %v", err, rerr)
		}
		return res, 0, err
	}
	return res, added, nil
}

// printInputSummary writes the first lines of a summary: the documents
// read and the records skipped.
func printInputSummary(w io.Writer, sub, verb string, res *scan.Result, docs int64, cfg *scan.Config) {
	inputs := int64(len(cfg.Inputs))
	printReadSummary(w, fmt.Sprintf("mimeo index %s: %s document%s %s from %s input%s, %.1f MB of text", sub, group(docs), plural(docs), verb, group(inputs), plural(inputs), float64(res.TextBytes)/1e6), res, cfg.Walked)
	for _, err := range res.FileErrors {
		fmt.Fprintf(w, "  unreadable: %v\n", err)
	}
}

// printSizes writes an index's segments and bytes on disk.
func printSizes(w io.Writer, st index.Stats) {
	fmt.Fprintf(w, "  %s segment(s), %s bytes on disk: signatures %s, bands %s, metadata %s, shingle sets %s, ids %s, checksums %s; %.1f bytes/document\n",
		group(int64(st.Segments)), group(st.FileBytes), group(st.SignatureBytes), group(st.BandBytes),
		group(st.MetadataBytes), group(st.SetBytes), group(st.IDBytes), group(st.ChecksumBytes), perDoc(st.FileBytes, st.Documents))
}

func perDoc(bytes int64, docs int) float64 {
	if docs == 0 {
		return 0
	}
	return float64(bytes) / float64(docs)
}

// rate formats n per secs seconds.
func rate(n int64, secs float64) string { return group(int64(float64(n) / max(secs, 1e-9))) }

func jobsText(jobs int) string {
	if jobs > 0 {
		return fmt.Sprintf("-j %d", jobs)
	}
	return "all CPUs"
}

// unreadable is the error of a scan that could not read some inputs to
// the end, naming the first of them; nil if it read them all.
func unreadable(res *scan.Result) error {
	if res == nil || len(res.FileErrors) == 0 {
		return nil
	}
	more := ""
	if n := len(res.FileErrors); n > 1 {
		more = fmt.Sprintf(" and %d more", n-1)
	}
	n := int64(len(res.FileErrors))
	return fmt.Errorf("%d input%s could not be read to the end: %w%s", n, plural(n), res.FileErrors[0], more)
}

type indexBuildFlags struct {
	in         indexInputFlags
	output     string
	flushEvery int
}

func (f *indexBuildFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&f.output, "output", "o", "", "create the index in `DIR` (which must not exist, or be empty)")
	fs.IntVar(&f.flushEvery, "flush-every", 1_000_000, "write a segment file every `N` documents, which bounds the memory used")
	f.in.options = true
	f.in.AddFlags(fs)
}

const indexBuildUsage = `Usage: mimeo index build -o DIR [flags] INPUT...

Creates an index in DIR holding every document of the inputs (read as mimeo
scan reads them, with the same flags), under the recipe and thresholds the
flags give: queries use them, and 'mimeo index add' keeps them. Documents
are written to a segment file every --flush-every documents, and the
segments merged into one at the end.

DIR must not exist, or be empty, or hold an index without documents (left
by a build that was interrupted); 'mimeo index add' adds to an index. If the
build fails or is interrupted (SIGINT, SIGTERM), what it wrote is removed:
the index's own files, and DIR if the build created it. An input that cannot
be read to the end (a truncated gzip file) fails the build too.

With --boilerplate on, the index keeps a site model: the lines of 3 or more
pages of one site (by URL) are that site's furniture, left out before
signing; add, scan --index and query use it and the first two teach it.

Flags:
`

func runIndexBuild(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f indexBuildFlags
	fs := pflag.NewFlagSet("index build", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, indexBuildUsage, stdout); err != nil {
		return err
	}
	if f.output == "" {
		return usagef("index build: no index directory (-o DIR)")
	}
	if f.flushEvery < 1 {
		return usagef("index build: --flush-every %d: want 1 or more", f.flushEvery)
	}
	cfg, err := f.in.scanConfig("build", fs, fs.Args())
	if err != nil {
		return err
	}
	dir := f.output
	cleanup, err := openInputs(ctx, "build", &cfg, fs.Args(), stdin, f.in.match.SpoolMax)
	if err != nil {
		return err
	}
	defer cleanup()
	start := time.Now()
	x, err := createIndex(dir, cfg.Dedup, stderr, f.in.quiet)
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if ok {
			x.Close()
			return
		}
		// Remove what the build made: the index's files, and the
		// directory if the build created it.
		x.Destroy()
	}()

	cfg.Warn = warner(stderr, f.in.quiet)
	prog := newProgressPrinter(stderr, f.in.progress, cfg.Inputs, cfg.Boilerplate)
	cfg.Progress = indexProgress(prog, func(pr scan.Progress) string {
		return fmt.Sprintf("%s documents added", group(pr.Docs))
	})
	res, added, err := addAll(ctx, x, dir, cfg, f.flushEvery)
	prog.done()
	if err != nil {
		return fmt.Errorf("index build: %w; no index was left in %s", err, dir)
	}
	if x.Stats().Segments > 1 {
		if err := x.Compact(); err != nil {
			return indexErr("build", dir, err)
		}
	}
	ok = true
	if !f.in.quiet {
		printInputSummary(stderr, "build", "added", res, added, &cfg)
		printSizes(stderr, x.Stats())
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "  %.2f s, %s documents/s (%s)\n", secs, rate(added, secs), jobsText(cfg.Jobs))
	}
	return nil
}

// createIndex creates the index of a build in dir. An index without
// documents there (a build that was interrupted) is replaced; one with
// documents is an error.
func createIndex(dir string, o index.Options, stderr io.Writer, quiet bool) (*index.Index, error) {
	x, err := index.Create(dir, o)
	if !errors.Is(err, index.ErrExist) {
		if err != nil {
			return nil, indexErr("build", dir, err)
		}
		return x, nil
	}
	old, err := openWriter("build", dir)
	if err != nil {
		return nil, err
	}
	if st := old.Stats(); st.Documents > 0 {
		old.Close()
		return nil, fmt.Errorf("index build: %s already holds an index of %s documents: add to it with 'mimeo index add', or remove it first", dir, group(int64(st.Documents)))
	}
	if err := old.Destroy(); err != nil {
		return nil, indexErr("build", dir, err)
	}
	if !quiet {
		fmt.Fprintf(stderr, "mimeo: %s held an index without documents (a build that did not finish?): building it anew\n", dir)
	}
	if x, err = index.Create(dir, o); err != nil {
		return nil, indexErr("build", dir, err)
	}
	return x, nil
}

type indexAddFlags struct {
	in         indexInputFlags
	flushEvery int
}

func (f *indexAddFlags) AddFlags(fs *pflag.FlagSet) {
	fs.IntVar(&f.flushEvery, "flush-every", 1_000_000, "write a segment file every `N` documents, which bounds the memory used")
	f.in.AddFlags(fs)
}

const indexAddUsage = `Usage: mimeo index add [flags] DIR INPUT...

Adds every document of the inputs to the index in DIR, under the index's own
recipe and thresholds (the flags only say how to read the inputs, as for
mimeo scan). It is all or nothing: documents are written to a segment file
every --flush-every documents, and recorded in the index together at the
end; when add fails or is interrupted, or an input cannot be read to the
end, the index is left as it was, so that running it again adds each
document once. A document whose id the index
holds replaces the indexed one; documents without an id of their own
(named FILE:LINE, or by their path) replace nothing. With --boilerplate on, the pages are cleaned with the index's
site model, which they teach (in the same all or nothing).

Flags:
`

func runIndexAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f indexAddFlags
	fs := pflag.NewFlagSet("index add", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, indexAddUsage, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("index add: no index directory")
	}
	if f.flushEvery < 1 {
		return usagef("index add: --flush-every %d: want 1 or more", f.flushEvery)
	}
	cfg, err := f.in.scanConfig("add", fs, fs.Args()[1:])
	if err != nil {
		return err
	}
	dir := fs.Arg(0)
	start := time.Now()
	x, err := openWriter("add", dir)
	if err != nil {
		return err
	}
	defer x.Close()
	cfg.Dedup = x.Options()
	cleanup, err := openInputs(ctx, "add", &cfg, fs.Args()[1:], stdin, f.in.match.SpoolMax)
	if err != nil {
		return err
	}
	defer cleanup()

	cfg.Warn = warner(stderr, f.in.quiet)
	prog := newProgressPrinter(stderr, f.in.progress, cfg.Inputs, cfg.Boilerplate)
	cfg.Progress = indexProgress(prog, func(pr scan.Progress) string {
		return fmt.Sprintf("%s documents added", group(pr.Docs))
	})
	res, added, err := addAll(ctx, x, dir, cfg, f.flushEvery)
	prog.done()
	if err != nil {
		return fmt.Errorf("index add: %w; nothing was added to %s", err, dir)
	}
	if !f.in.quiet {
		printInputSummary(stderr, "add", "added", res, added, &cfg)
		st := x.Stats()
		fmt.Fprintf(stderr, "  the index holds %s documents\n", group(int64(st.Documents)))
		printSizes(stderr, st)
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "  %.2f s, %s documents/s (%s)\n", secs, rate(added, secs), jobsText(cfg.Jobs))
	}
	return nil
}

type indexQueryFlags struct {
	in     indexInputFlags
	output string
	top    int
}

func (f *indexQueryFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVarP(&f.output, "output", "o", "-", "write the matches to `FILE` instead of standard output")
	fs.IntVar(&f.top, "top", 0, "at most `N` matches per document, the strongest (0: all)")
	f.in.AddFlags(fs)
}

const indexQueryUsage = `Usage: mimeo index query [flags] DIR INPUT...

Looks up every document of the inputs in the index in DIR, which it opens
read-only: a writer may be adding to it meanwhile (the query sees the index
as of its last flush). A document already in the index matches itself.

Output (JSONL, one line per input document, in input order):
  {"id": ID, "matches": [{"id": ID, "url": URL, "date": DATE,
   "similarity": x, "containment": y, "contained": z, "verified": true}, ...]}
strongest match first; matches is [] for a document without any.
similarity is the estimated Jaccard similarity, containment the share of the
input document found in the match, contained the share of the match found in
the input document. A match whose estimate lay within 2 standard errors of
a threshold is measured on the shingle sets the index keeps instead, and
says "verified": true (left out otherwise).

Site boilerplate (--boilerplate on): the queries are cleaned with the site
model the index keeps (which build, add and scan --index teach), taught the
queries too, as adding them would; the index itself is not changed.

Flags:
`

type indexMatchOut struct {
	ID          string  `json:"id"`
	URL         string  `json:"url,omitempty"`
	Date        string  `json:"date,omitempty"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
	Contained   float64 `json:"contained"`
	Verified    bool    `json:"verified,omitempty"` // measured on the shingle sets, not estimated
}

type indexQueryOut struct {
	ID      string          `json:"id"`
	Matches []indexMatchOut `json:"matches"`
}

func runIndexQuery(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f indexQueryFlags
	fs := pflag.NewFlagSet("index query", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, indexQueryUsage, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("index query: no index directory")
	}
	if f.top < 0 {
		return usagef("index query: --top %d: want 0 or more", f.top)
	}
	cfg, err := f.in.scanConfig("query", fs, fs.Args()[1:])
	if err != nil {
		return err
	}
	dir := fs.Arg(0)
	start := time.Now()
	x, err := index.OpenReadOnly(dir)
	if err != nil {
		return indexErr("query", dir, err)
	}
	defer x.Close()
	cfg.Dedup = x.Options()
	if cfg.Boilerplate {
		// The queries are cleaned as adding them would clean them: with
		// the index's site model, taught the queries too (not recorded).
		cfg.Model = x.SiteModel()
	}
	cleanup, err := openInputs(ctx, "query", &cfg, fs.Args()[1:], stdin, f.in.match.SpoolMax)
	if err != nil {
		return err
	}
	defer cleanup()

	out, err := createOutput(ctx, f.output, stdin, stdout, cfg.Inputs, dir)
	if err != nil {
		return fmt.Errorf("index query: %w", err)
	}
	defer out.Abort()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var docs, matched int64
	var ms []indexMatchOut
	cfg.Visit = func(_ uint32, d *scan.Doc, feat *index.Features) error {
		hits, err := x.QueryFeatures(feat)
		if err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		if f.top > 0 && len(hits) > f.top {
			hits = hits[:f.top]
		}
		ms = ms[:0]
		for _, h := range hits {
			ms = append(ms, indexMatchOut{ID: h.ID, URL: h.URL, Date: h.Date,
				Similarity: round3(h.Similarity), Containment: round3(h.Containment), Contained: round3(h.Contained), Verified: h.Verified})
		}
		docs++
		if len(hits) > 0 {
			matched++
		}
		if ms == nil {
			ms = []indexMatchOut{} // [], not null
		}
		if err := enc.Encode(indexQueryOut{ID: d.ID, Matches: ms}); err != nil {
			return fmt.Errorf("writing %s: %w", out.Name(), err)
		}
		return nil
	}
	cfg.Warn = warner(stderr, f.in.quiet)
	prog := newProgressPrinter(stderr, f.in.progress, cfg.Inputs, cfg.Boilerplate)
	cfg.Progress = indexProgress(prog, func(pr scan.Progress) string {
		return fmt.Sprintf("%s documents queried, %s with a match", group(pr.Docs), group(matched))
	})
	res, err := scan.Run(ctx, cfg)
	prog.done()
	if err != nil {
		return fmt.Errorf("index query: %w", err)
	}
	if err := out.Commit(); err != nil {
		return fmt.Errorf("index query: %w", err)
	}
	if !f.in.quiet {
		printInputSummary(stderr, "query", "queried", res, docs, &cfg)
		pct := 0.0
		if docs > 0 {
			pct = 100 * float64(matched) / float64(docs)
		}
		fmt.Fprintf(stderr, "  %s with a match (%.1f%%) among %s indexed documents\n", group(matched), pct, group(int64(x.Stats().Documents)))
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "  %.2f s, %s queries/s (%s)\n", secs, rate(docs, secs), jobsText(cfg.Jobs))
	}
	if err := unreadable(res); err != nil {
		return fmt.Errorf("index query: %w; the records before the problem were used", err)
	}
	return nil
}

const indexDeleteUsage = `Usage: mimeo index delete [flags] DIR [ID...]

Deletes the documents with the given ids (every document added with the id
so far) from the index in DIR: queries stop returning them, and 'mimeo
index compact' removes them from the files. The ids are the arguments and
the lines of --ids-from, exactly as they were indexed.

Flags:
`

func runIndexDelete(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var idsFrom string
	fs := pflag.NewFlagSet("index delete", pflag.ContinueOnError)
	fs.StringVar(&idsFrom, "ids-from", "", "read ids from `FILE`, one per line (- for standard input); empty lines are ignored")
	if err := parseFlags(fs, args, indexDeleteUsage, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("index delete: no index directory")
	}
	dir, ids := fs.Arg(0), fs.Args()[1:]
	if idsFrom != "" {
		more, err := readIDs(idsFrom, stdin)
		if err != nil {
			return fmt.Errorf("index delete: %w", err)
		}
		ids = append(ids, more...)
	}
	if len(ids) == 0 {
		return usagef("index delete: no ids (give them as arguments or with --ids-from)")
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	x, err := openWriter("delete", dir)
	if err != nil {
		return err
	}
	defer x.Close()
	// Which of the ids the index holds, and how many documents each.
	docs := make(map[string]int, len(ids))
	for _, id := range ids {
		docs[id] = 0
	}
	if err := x.Walk(func(d index.Doc) error {
		if n, ok := docs[d.ID]; ok {
			docs[d.ID] = n + 1
		}
		return ctx.Err()
	}); err != nil {
		return indexErr("delete", dir, err)
	}
	var found, deleted int64
	for _, id := range ids {
		if docs[id] == 0 {
			continue
		}
		if err := x.Delete(id); err != nil {
			x.Rollback()
			return indexErr("delete", dir, err)
		}
		found++
		deleted += int64(docs[id])
	}
	if err := ctx.Err(); err != nil {
		x.Rollback()
		return fmt.Errorf("index delete: %w; nothing was deleted", err)
	}
	if err := x.Flush(); err != nil {
		x.Rollback()
		return indexErr("delete", dir, fmt.Errorf("%w; nothing was deleted", err))
	}
	fmt.Fprintf(stdout, "deleted %s document%s under %s of the %s id%s given from %s",
		group(deleted), plural(deleted), group(found), group(int64(len(ids))), plural(int64(len(ids))), dir)
	if unknown := int64(len(ids)) - found; unknown > 0 {
		fmt.Fprintf(stdout, "; %s id%s not in the index", group(unknown), plural(unknown))
	}
	fmt.Fprintln(stdout)
	return nil
}

// plural returns "s" unless n is 1.
func plural(n int64) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// readIDs reads one id per line from path ("-": stdin).
func readIDs(path string, stdin io.Reader) ([]string, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var ids []string
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if id := strings.TrimSuffix(sc.Text(), "\r"); id != "" {
			ids = append(ids, id)
		}
	}
	if err := sc.Err(); err != nil {
		if path == "-" {
			path = "standard input"
		}
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return ids, nil
}

const indexStatsUsage = `Usage: mimeo index stats [flags] DIR

Prints the size of the index in DIR, which it opens read-only: documents
(deleted ones included until a compaction), segments, deleted ids, bytes on
disk by kind, and the options the index was built with.

Flags:
`

type indexBytesOut struct {
	Signatures int64 `json:"signatures"`
	Bands      int64 `json:"bands"`
	Metadata   int64 `json:"metadata"`
	Sets       int64 `json:"sets"`
	IDs        int64 `json:"ids"`
	Checksums  int64 `json:"checksums"`
	Total      int64 `json:"total"`
}

type indexOptionsOut struct {
	Recipe          string  `json:"recipe"`
	Shingle         string  `json:"shingle"`
	Hashes          int     `json:"hashes"`
	ShingleSeed     uint64  `json:"shingle_seed"`
	Seed            uint64  `json:"seed"`
	FoldDigits      bool    `json:"fold_digits"`
	StripDiacritics bool    `json:"strip_diacritics"`
	Bits            int     `json:"bits"`
	Bands           string  `json:"bands"`
	Threshold       float64 `json:"threshold"`
	Containment     float64 `json:"containment"` // 0: disabled, as --containment
	MinContained    int     `json:"min_contained"`
	LeadShingles    int     `json:"lead_shingles"`
	LeadK           int     `json:"lead_hashes"`
	KeyCap          int     `json:"key_cap"`
	MinLineWords    int     `json:"min_line_words"`
	MinContentWords int     `json:"min_content_words"`
	ListRun         int     `json:"list_run"` // -1: off
	Passages        bool    `json:"passages"`
	Sets            bool    `json:"sets"`
}

type indexStatsOut struct {
	Documents        int             `json:"documents"`
	InMemory         int             `json:"in_memory"`
	Segments         int             `json:"segments"`
	Deletions        int             `json:"deletions"`
	Bytes            indexBytesOut   `json:"bytes"`
	BytesPerDocument float64         `json:"bytes_per_document"`
	Options          indexOptionsOut `json:"options"`
	SiteModel        *siteModelOut   `json:"site_model,omitempty"`
}

type siteModelOut struct {
	Docs  int   `json:"docs"`  // a line in this many documents of a site is its furniture
	Lines int   `json:"lines"` // (site, line) pairs known as furniture
	Bytes int64 `json:"bytes"` // of the model's file
}

func statsOut(st index.Stats) indexStatsOut {
	o := st.Options
	out := indexStatsOut{
		Documents: st.Documents, InMemory: st.InMemory, Segments: st.Segments, Deletions: st.Deletions,
		Bytes: indexBytesOut{Signatures: st.SignatureBytes, Bands: st.BandBytes, Metadata: st.MetadataBytes,
			Sets: st.SetBytes, IDs: st.IDBytes, Checksums: st.ChecksumBytes, Total: st.FileBytes},
		BytesPerDocument: round3(perDoc(st.FileBytes, st.Documents)),
		Options: indexOptionsOut{
			Recipe: o.Recipe.String(), Shingle: o.Recipe.Shingle.String(), Hashes: o.Recipe.K,
			ShingleSeed: o.Recipe.Shingle.Seed, Seed: o.Recipe.Seed,
			FoldDigits: o.Recipe.Shingle.FoldDigits, StripDiacritics: o.Recipe.Shingle.StripDiacritics,
			Bits: o.Bits, Bands: o.Banding.String(), Threshold: o.Jaccard, Containment: max(o.Containment, 0),
			MinContained: o.MinContained, LeadShingles: o.LeadShingles, LeadK: o.LeadK, KeyCap: o.KeyCap,
			MinLineWords: o.MinLineWords, MinContentWords: o.MinContentWords, ListRun: o.ListRun, Passages: o.Passages > 0,
			Sets: o.Sets > 0,
		},
	}
	if o.SiteModel > 0 {
		out.SiteModel = &siteModelOut{Docs: o.SiteModel, Lines: st.SiteLines, Bytes: st.ModelBytes}
	}
	return out
}

func runIndexStats(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var format string
	fs := pflag.NewFlagSet("index stats", pflag.ContinueOnError)
	fs.StringVar(&format, "format", "text", "output format: text or json")
	if err := parseFlags(fs, args, indexStatsUsage, stdout); err != nil {
		return err
	}
	if format != "text" && format != "json" {
		return usagef("index stats: --format %q: want text or json", format)
	}
	if fs.NArg() != 1 {
		return usagef("index stats: want one index directory, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	x, err := index.OpenReadOnly(dir)
	if err != nil {
		return indexErr("stats", dir, err)
	}
	defer x.Close()
	s := statsOut(x.Stats())
	if format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(s)
	}
	o := s.Options
	fmt.Fprintf(stdout, "index:       %s\n", dir)
	fmt.Fprintf(stdout, "documents:   %s (%s in memory)\n", group(int64(s.Documents)), group(int64(s.InMemory)))
	fmt.Fprintf(stdout, "segments:    %s\n", group(int64(s.Segments)))
	fmt.Fprintf(stdout, "deletions:   %s ids\n", group(int64(s.Deletions)))
	fmt.Fprintf(stdout, "bytes:       %s: signatures %s, bands %s, metadata %s, shingle sets %s, checksums %s\n",
		group(s.Bytes.Total), group(s.Bytes.Signatures), group(s.Bytes.Bands), group(s.Bytes.Metadata), group(s.Bytes.Sets), group(s.Bytes.Checksums))
	fmt.Fprintf(stdout, "per doc:     %.1f bytes\n", s.BytesPerDocument)
	fmt.Fprintf(stdout, "recipe:      %s\n", o.Recipe)
	fmt.Fprintf(stdout, "bits:        %d\n", o.Bits)
	fmt.Fprintf(stdout, "bands:       %s (lead: %d shingles, %d hashes)\n", o.Bands, o.LeadShingles, o.LeadK)
	cont := "off"
	if o.Containment > 0 {
		cont = fmt.Sprintf("%g (min %d shingles)", o.Containment, o.MinContained)
	}
	fmt.Fprintf(stdout, "thresholds:  similarity %g, containment %s\n", o.Threshold, cont)
	fmt.Fprintf(stdout, "close calls: %s\n", map[bool]string{true: "decided on the shingle sets kept", false: "decided on the estimates (no shingle sets kept)"}[o.Sets])
	if m := s.SiteModel; m != nil {
		fmt.Fprintf(stdout, "site model:  %s furniture lines (in %d documents of a site or more), %s bytes\n", group(int64(m.Lines)), m.Docs, group(m.Bytes))
	} else {
		fmt.Fprintf(stdout, "site model:  none\n")
	}
	return nil
}

const indexVerifyUsage = `Usage: mimeo index verify DIR

Checks every checksum and the structure of every file of the index in DIR,
which it opens read-only. Exit status 0 when all is well, 1 with the damaged
file and offset otherwise.

Flags:
`

func runIndexVerify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("index verify", pflag.ContinueOnError)
	if err := parseFlags(fs, args, indexVerifyUsage, stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("index verify: want one index directory, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	x, err := index.OpenReadOnly(dir)
	if err != nil {
		return indexErr("verify", dir, err)
	}
	defer x.Close()
	if err := x.Verify(); err != nil {
		return indexErr("verify", dir, err)
	}
	st := x.Stats()
	fmt.Fprintf(stdout, "ok: %s documents in %s segment(s), %s bytes of segments checked, and the manifest\n",
		group(int64(st.Documents)), group(int64(st.Segments)), group(st.FileBytes))
	return nil
}

const indexCompactUsage = `Usage: mimeo index compact DIR

Merges the segments of the index in DIR into one, leaving out the deleted
documents. It opens the index for writing; queries may go on meanwhile.

Flags:
`

func runIndexCompact(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("index compact", pflag.ContinueOnError)
	if err := parseFlags(fs, args, indexCompactUsage, stdout); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("index compact: want one index directory, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	x, err := openWriter("compact", dir)
	if err != nil {
		return err
	}
	defer x.Close()
	before := x.Stats()
	if err := x.Compact(); err != nil {
		return indexErr("compact", dir, err)
	}
	after := x.Stats()
	fmt.Fprintf(stdout, "compacted %s: %s segment(s) → %s, %s documents → %s, %s bytes → %s\n", dir,
		group(int64(before.Segments)), group(int64(after.Segments)),
		group(int64(before.Documents)), group(int64(after.Documents)),
		group(before.FileBytes), group(after.FileBytes))
	return nil
}
