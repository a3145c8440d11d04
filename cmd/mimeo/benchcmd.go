package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/eval"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

const benchUsage = `Usage: mimeo bench [flags]                       (a generated wire corpus)
       mimeo bench --truth FILE [flags] INPUT...   (a labelled input)

Measures mimeo against the near-duplicate pipeline a Go user would build
from the peers, in this process, on the same labelled corpus, and prints one
table: throughput, time per document, peak heap, pairwise precision, recall,
F1 and ARI, hard negatives wrongly merged, and the recall of each kind of
document.

Without inputs it generates the labelled corpus of syndicated wire stories
that BenchmarkScan uses (bench/wire: the same --stories and --corpus-seed give the
same bytes; --spam the spam-site pages like the seed page) as JSONL in a
new directory under $TMPDIR (or /tmp), removed afterwards. With --truth it scores the inputs
against that file, as mimeo eval does.

Rows: mimeo with --jobs workers (and with one worker first, when --jobs is
not 1), with the matching flags given (the defaults are mimeo scan's); the
baseline: encoding/json, github.com/ekzhu/minhash-lsh signatures
(dgryski/go-minhash underneath) of whitespace word 5-grams, k = 128,
ekzhu's LSH at --threshold, an estimate check of every candidate and
union-find. The baseline reads JSONL only (plain, gzip or zstd, with the
fields "id" and "text"); on other inputs its row is left out.

Throughput counts the uncompressed input bytes; the time of each row is the
median of --runs runs, and peak heap is the most heap the row's run held
above what was in use before it (sampled every 2 ms), the largest of its
runs.

Flags:
`

type benchFlags struct {
	match     matchFlags
	truth     string
	json      bool
	runs      int
	stories   int
	sites     int
	seed      uint64
	spam      bool
	noURLs    bool
	baseline  bool
	negatives string
	original  string
	keep      string
}

func (f *benchFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.truth, "truth", "", "labelled `FILE` of the inputs, as for mimeo eval: JSONL lines {\"id\", \"label\"} and optionally \"kind\"")
	fs.BoolVar(&f.json, "json", false, "print the results as one JSON object")
	fs.IntVar(&f.runs, "runs", 1, "timed runs of each row (the median is reported)")
	fs.IntVar(&f.stories, "stories", 3500, "generated corpus: wire stories (3500 is BenchmarkScan's corpus, about 34,000 documents and 116 MB)")
	fs.IntVar(&f.sites, "sites", 0, "generated corpus: publishing sites (0: the generator's default, 40, or 12 with --spam)")
	fs.Uint64Var(&f.seed, "corpus-seed", 1, "generated corpus: its seed (1 is BenchmarkScan's); the same flags give the same corpus")
	fs.BoolVar(&f.spam, "spam", false, "generated corpus: spam-site pages like the seed page (site-wide lists, injected brands) instead of the wire benchmark")
	fs.BoolVar(&f.noURLs, "no-urls", false, "generated corpus, with --spam: documents without URLs")
	fs.BoolVar(&f.baseline, "baseline", true, "also run the peers' pipeline")
	fs.StringVar(&f.negatives, "negative-kinds", "same-template,digest,follow-up", "comma-separated kinds that are hard negatives")
	fs.StringVar(&f.original, "original-kind", "original", "the kind of a story's original, whose keeping is counted")
	fs.StringVar(&f.keep, "keep", "earliest", "which member of a cluster mimeo keeps: first, longest or earliest")
	f.match.AddFlags(fs)
}

// benchRow is one implementation's measurements.
type benchRow struct {
	Name      string  `json:"name"`
	Jobs      int     `json:"jobs,omitempty"`
	Seconds   float64 `json:"seconds"` // median wall time of a run
	MBPerS    float64 `json:"mb_per_s"`
	MicroDoc  float64 `json:"us_per_doc"`
	PeakHeap  uint64  `json:"peak_heap_bytes"`
	Documents int     `json:"documents"`
	// The scores, as mimeo eval reports them.
	Scores evalReport `json:"scores"`
}

// benchReport is what mimeo bench prints.
type benchReport struct {
	Corpus    string     `json:"corpus"` // what was measured
	Documents int        `json:"documents"`
	Bytes     int64      `json:"bytes"` // uncompressed input bytes
	Runs      int        `json:"runs"`
	GoMaxProc int        `json:"gomaxprocs"`
	Baseline  string     `json:"baseline_note,omitempty"` // why the baseline has no row
	Rows      []benchRow `json:"rows"`
}

func runBench(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	var f benchFlags
	fs := pflag.NewFlagSet("bench", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, benchUsage, stdout); err != nil {
		return err
	}
	cfg, err := f.match.Config()
	if err != nil {
		return err
	}
	if f.runs < 1 {
		return usagef("bench: --runs %d: want 1 or more", f.runs)
	}
	if scan.CheckKeep(f.keep) != nil {
		return usagef("bench: --keep %q: want first, longest or earliest", f.keep)
	}
	generated := fs.NArg() == 0
	for _, name := range []string{"stories", "sites", "corpus-seed", "spam", "no-urls"} {
		if !generated && fs.Changed(name) {
			return usagef("bench: --%s describes a generated corpus; it cannot be used with inputs", name)
		}
	}
	switch {
	case generated && f.truth != "":
		return usagef("bench: --truth needs inputs")
	case !generated && f.truth == "":
		return usagef("bench: inputs need --truth (or give none to benchmark on a generated corpus)")
	case generated && f.stories < 1:
		return usagef("bench: --stories %d: want at least 1", f.stories)
	case generated && f.sites < 0:
		return usagef("bench: --sites %d: want 0 or more", f.sites)
	case f.noURLs && !f.spam:
		return usagef("bench: --no-urls goes with --spam")
	}

	var sc scoring
	sc.negatives, sc.original, sc.keep = strings.Split(f.negatives, ","), f.original, f.keep
	rep := benchReport{Runs: f.runs, GoMaxProc: runtime.GOMAXPROCS(0)}
	var paths []string
	if generated {
		dir, err := os.MkdirTemp("", "mimeo-bench-")
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer os.RemoveAll(dir) // made above: ours to remove
		c, what, err := f.generate()
		if err != nil {
			return err
		}
		path := filepath.Join(dir, "corpus.jsonl")
		if err := writeCorpus(path, c); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		paths = []string{path}
		rep.Corpus = what
		sc.truth = c.Truth()
		sc.kinds = make(map[string]string, len(c.Docs))
		for i := range c.Docs {
			sc.kinds[c.Docs[i].ID] = c.Docs[i].Kind.String()
		}
	} else {
		tf, err := os.Open(f.truth)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		sc.truth, sc.kinds, err = eval.ReadTruthKinds(tf)
		tf.Close()
		if err != nil {
			return fmt.Errorf("bench: %s: %w", f.truth, err)
		}
		paths = fs.Args()
		rep.Corpus = strings.Join(paths, " ") + " (labels: " + f.truth + ")"
	}
	if cfg.Inputs, err = input.Expand(paths); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	for _, in := range cfg.Inputs {
		if in.Path == "-" || in.Size < 0 {
			return usagef("bench: %s is a stream, which cannot be read once a run; name files", in.Path)
		}
	}

	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	rowJobs := []int{jobs}
	if jobs != 1 {
		rowJobs = []int{1, jobs}
	}
	for _, j := range rowJobs {
		c := cfg
		c.Jobs = j
		row := benchRow{Name: fmt.Sprintf("mimeo -j %d", j), Jobs: j}
		var res *scan.Result
		err := f.timeRuns(ctx, &row, func(run int) error {
			if run == 0 {
				c.Warn = func(err error) { fmt.Fprintf(stderr, "mimeo: warning: %v\n", err) }
			} else {
				c.Warn = nil
			}
			var err error
			res, err = scan.Run(ctx, c)
			return err
		})
		if err != nil {
			return fmt.Errorf("bench: %s: %w", row.Name, err)
		}
		if rep.Bytes == 0 {
			rep.Bytes, rep.Documents = res.InputBytes, len(res.Docs)
		}
		row.Documents = len(res.Docs)
		if row.Scores, err = sc.scan(res); err != nil {
			return usageError{Err: err}
		}
		rep.Rows = append(rep.Rows, row)
	}

	if f.baseline {
		if note := baselineRefuses(cfg.Inputs, cfg.Input); note != "" {
			rep.Baseline = note
		} else {
			row := benchRow{Name: "baseline"}
			var res *bench.BaselineResult
			err := f.timeRuns(ctx, &row, func(int) error {
				var err error
				res, err = runBaseline(cfg.Inputs, cfg.Dedup.Jaccard)
				return err
			})
			if err != nil {
				return fmt.Errorf("bench: baseline: %w", err)
			}
			pred := make(eval.Assignment)
			for i, c := range res.Clusters {
				for _, m := range c {
					pred[res.IDs[m]] = strconv.Itoa(i)
				}
			}
			row.Documents = res.Docs
			row.Scores = sc.assignment(pred, res.Docs)
			rep.Rows = append(rep.Rows, row)
		}
	}
	for i := range rep.Rows {
		r := &rep.Rows[i]
		if r.Seconds > 0 {
			r.MBPerS = float64(rep.Bytes) / 1e6 / r.Seconds
		}
		if r.Documents > 0 {
			r.MicroDoc = r.Seconds * 1e6 / float64(r.Documents)
		}
	}
	if f.json {
		return json.NewEncoder(stdout).Encode(rep)
	}
	printBench(stdout, rep)
	return nil
}

// generate makes the corpus the flags describe and says what it is.
func (f *benchFlags) generate() (*wire.Corpus, string, error) {
	if f.spam {
		c := wire.SpamConfig{Stories: f.stories, Sites: f.sites, Seed: f.seed, NoURLs: f.noURLs}
		if err := c.Validate(); err != nil {
			return nil, "", usageError{Err: fmt.Errorf("bench: %w", err)}
		}
		what := fmt.Sprintf("generated spam-site corpus: %d stories, seed %d", f.stories, f.seed)
		if f.noURLs {
			what += ", no URLs"
		}
		return wire.GenerateSpam(c), what, nil
	}
	c := wire.Config{Stories: f.stories, Sites: f.sites, Seed: f.seed}
	if err := c.Validate(); err != nil {
		return nil, "", usageError{Err: fmt.Errorf("bench: %w", err)}
	}
	return wire.Generate(c), fmt.Sprintf("generated wire corpus: %d stories, seed %d", f.stories, f.seed), nil
}

// writeCorpus writes c as JSONL to path, a new file in a directory of
// ours.
func writeCorpus(path string, c *wire.Corpus) error {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := c.WriteJSONL(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// timeRuns runs fn --runs times (run is 0 for the first), sets row.Seconds to
// the median wall time and row.PeakHeap to the largest heap held above
// the starting point.
func (f *benchFlags) timeRuns(ctx context.Context, row *benchRow, fn func(run int) error) error {
	var times []float64
	for run := range f.runs {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, peak, err := measure(func() error { return fn(run) })
		if err != nil {
			return err
		}
		times = append(times, d.Seconds())
		row.PeakHeap = max(row.PeakHeap, peak)
	}
	slices.Sort(times)
	row.Seconds = times[len(times)/2]
	if len(times)%2 == 0 {
		row.Seconds = (times[len(times)/2-1] + times[len(times)/2]) / 2
	}
	return nil
}

// measure runs fn and returns its wall time and the most heap held above
// the heap in use when it started, sampled every 2 ms (bench.PeakHeap).
func measure(fn func() error) (time.Duration, uint64, error) {
	return bench.PeakHeap(2*time.Millisecond, fn)
}

// baselineRefuses says why the baseline cannot read the inputs, or "".
func baselineRefuses(ins []input.Input, o input.Options) string {
	if o.IDField != "id" || o.TextField != "text" {
		return "the baseline reads the fields \"id\" and \"text\" only"
	}
	for _, in := range ins {
		if in.Format != input.JSONL {
			what := in.Format.String()
			if in.Format == input.Detect {
				what = "not named .jsonl or .ndjson"
			}
			return fmt.Sprintf("the baseline reads JSONL only, and %s is %s", in.Path, what)
		}
	}
	return ""
}

// runBaseline runs the peers' pipeline over the JSONL inputs,
// decompressed as they need: one Baseline over all of them, with the
// documents named as mimeo names them.
func runBaseline(ins []input.Input, threshold float64) (*bench.BaselineResult, error) {
	b := bench.NewBaseline(threshold)
	for _, in := range ins {
		if err := addBaseline(b, in); err != nil {
			return nil, err
		}
	}
	return b.Result(), nil
}

func addBaseline(b *bench.Baseline, in input.Input) error {
	f, err := os.Open(in.Path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	var r io.Reader = br
	magic, _ := br.Peek(4)
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", in.Path, err)
		}
		r = zr
	case len(magic) == 4 && string(magic) == "\x28\xb5\x2f\xfd":
		zr, err := zstd.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", in.Path, err)
		}
		defer zr.Close()
		r = zr
	}
	return b.AddJSONL(r, in.Path)
}

// printBench prints the report as tables.
func printBench(w io.Writer, rep benchReport) {
	fmt.Fprintf(w, "%s\n%d documents, %.1f MB; median of %d %s; GOMAXPROCS %d\n\n",
		rep.Corpus, rep.Documents, float64(rep.Bytes)/1e6, rep.Runs, "run"+plural(int64(rep.Runs)), rep.GoMaxProc)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "implementation\tMB/s\tµs/doc\tpeak heap\tprecision\trecall\tF1\tARI\tnegatives merged\t")
	for _, r := range rep.Rows {
		neg := "—"
		if r.Scores.Negatives > 0 {
			neg = fmt.Sprintf("%.2f%%", 100*float64(r.Scores.NegativeMerged)/float64(r.Scores.Negatives))
		}
		fmt.Fprintf(tw, "%s\t%.1f\t%.1f\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s\t\n", r.Name, r.MBPerS, r.MicroDoc,
			formatBytes(r.PeakHeap), r.Scores.Precision, r.Scores.Recall, r.Scores.F1, r.Scores.ARI, neg)
	}
	tw.Flush()
	if rep.Baseline != "" {
		fmt.Fprintf(w, "no baseline row: %s\n", rep.Baseline)
	}
	if len(rep.Rows) > 0 && len(rep.Rows[0].Scores.Kinds) > 0 {
		fmt.Fprintln(w, "\nrecall per kind:")
		tw = tabwriter.NewWriter(w, 0, 8, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "kind\tdocuments\t")
		for _, r := range rep.Rows {
			fmt.Fprintf(tw, "%s\t", r.Name)
		}
		fmt.Fprintln(tw)
		for i, k := range rep.Rows[0].Scores.Kinds {
			fmt.Fprintf(tw, "%s\t%d\t", k.Kind, k.Docs)
			for _, r := range rep.Rows {
				if i < len(r.Scores.Kinds) && r.Scores.Kinds[i].Kind == k.Kind && r.Scores.Kinds[i].Pairs > 0 {
					fmt.Fprintf(tw, "%.4f\t", r.Scores.Kinds[i].Recall)
				} else {
					fmt.Fprint(tw, "—\t")
				}
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	for _, r := range rep.Rows {
		if r.Scores.WithOriginal > 0 {
			fmt.Fprintf(w, "%s keeps the original in %d of %d clusters that hold one\n", r.Name, r.Scores.KeptOriginal, r.Scores.WithOriginal)
		}
	}
}

// formatBytes prints n in binary units.
func formatBytes(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
