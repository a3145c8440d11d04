// Command mimeo-beam runs mimeo's scan as an Apache Beam pipeline: on
// Prism (this machine) by default, on Dataflow, Flink or Spark with Beam's
// runner flags (--runner, --endpoint, --project …), which pass through.
//
//	mimeo-beam --output DIR [flags] INPUT...
//
// writes DIR/clusters.jsonl: the clusters, in the JSON lines of mimeo scan
// -o, equal to that scan's on the same inputs and flags; and DIR/dedup/,
// one file an input (pipeline.DedupName) holding its records that are not
// duplicates, as mimeo scan --dedup-output writes them. DIR must not hold
// either yet. Exit status 0 on success, 1 on failure, 2 on a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs" // gs:// inputs and outputs
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"  // s3://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/mimeo-dedup/mimeo/beam/pipeline"
	"github.com/mimeo-dedup/mimeo/internal/cliflags"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// The flags: the scan's reading, recipe and matching flags (the same
// names, defaults and checks: internal/cliflags), the output directory and
// --keep, and Beam's own (--runner and the runners' options).
var (
	flags  = pflag.NewFlagSet("mimeo-beam", pflag.ContinueOnError)
	match  cliflags.Match
	output = flags.String("output", "", "directory to write clusters.jsonl and dedup/ to (required; created if absent; they must not exist)")
	keep   = flags.String("keep", scan.KeepEarliest, "which member of a cluster to keep: first, longest or earliest")
)

func main() {
	match.AddFlags(flags)
	flags.AddGoFlagSet(flag.CommandLine) // Beam's flags
	flags.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: mimeo-beam --output DIR [flags] INPUT...\n\nRuns mimeo scan's matching as an Apache Beam pipeline (Prism unless --runner says otherwise).\n\nFlags:\n%s", flags.FlagUsages())
	}
	err := flags.Parse(os.Args[1:])
	if errors.Is(err, pflag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mimeo-beam:", err)
		os.Exit(2)
	}
	beam.Init() // on a runner's worker, runs the worker and does not return
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "mimeo-beam:", err)
		var u cliflags.UsageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	if *output == "" || flags.NArg() == 0 {
		flags.Usage()
		return cliflags.UsageError{Err: errors.New("--output and at least one input are required")}
	}
	cfg, err := config(flags.Args())
	if err != nil {
		return err
	}
	// The outputs are new files in a directory of ours: nothing is
	// written over.
	clusters, dedup := filepath.Join(*output, "clusters.jsonl"), filepath.Join(*output, "dedup")
	if pipeline.IsRemote(*output) {
		// gs://B/out: objects, written through Beam's file systems.
		out := strings.TrimSuffix(*output, "/")
		clusters, dedup = out+"/clusters.jsonl", out+"/dedup"
		for _, p := range []string{clusters, dedup + "/*"} {
			if found, err := listFiles(p); err == nil && len(found) > 0 {
				return fmt.Errorf("%s exists: give a new --output directory", found[0])
			}
		}
	} else {
		for _, p := range []string{clusters, dedup} {
			if _, err := os.Lstat(p); err == nil {
				return fmt.Errorf("%s exists: give a new --output directory", p)
			}
		}
		if err := os.MkdirAll(dedup, 0o755); err != nil {
			return err
		}
	}
	p, s := beam.NewPipelineWithRoot()
	lines, err := pipeline.Build(s, cfg, dedup)
	if err != nil {
		return err
	}
	textio.Write(s, clusters, lines)
	pr, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return err
	}
	// As mimeo scan: the outputs are written from what could be read,
	// and an input that could not be read to its end is a failure.
	var unreadable int64
	if pr != nil {
		for _, c := range pr.Metrics().AllMetrics().Counters() {
			if c.Namespace() == "mimeo" && c.Name() == pipeline.UnreadableCounter {
				unreadable += c.Result()
			}
		}
	}
	if unreadable > 0 {
		return fmt.Errorf("%d input%s could not be read to the end (named in the workers' log); the records before the problem were used and the outputs written", unreadable, map[bool]string{true: "", false: "s"}[unreadable == 1])
	}
	return nil
}

func config(args []string) (pipeline.Config, error) {
	var cfg pipeline.Config
	sc, err := match.Config()
	if err != nil {
		return cfg, err
	}
	if scan.CheckKeep(*keep) != nil {
		return cfg, cliflags.UsageError{Err: fmt.Errorf("--keep %q: want first, longest or earliest", *keep)}
	}
	var local, paths []string
	for _, a := range args {
		if !pipeline.IsRemote(a) {
			local = append(local, a)
			continue
		}
		// gs://B/crawl/*.warc.gz: the objects the pattern matches, in order.
		remote, err := listRemote(a)
		if err != nil {
			return cfg, err
		}
		paths = append(paths, remote...)
	}
	if len(local) > 0 {
		ins, err := input.Expand(local)
		if err != nil {
			return cfg, err
		}
		for _, in := range ins {
			if in.Path == "-" || in.Size < 0 {
				return cfg, cliflags.UsageError{Err: fmt.Errorf("%s: a pipeline reads files, not streams", in.Path)}
			}
			paths = append(paths, in.Path)
		}
	}
	return pipeline.FromScan(sc, paths, *keep), nil
}

// listRemote returns the input files of a Beam file system that pattern
// names (a file, or a glob), sorted; none is an error, and so is a Parquet
// file.
func listRemote(pattern string) ([]string, error) {
	files, err := listFiles(pattern)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if input.Remote(f).Format == input.Parquet {
			return nil, cliflags.UsageError{Err: fmt.Errorf("%s: Parquet is read by offsets, from a local file; copy it to a file system the workers mount", f)}
		}
	}
	return files, nil
}

// listFiles returns the files of a Beam file system that pattern names,
// sorted; none is an error.
func listFiles(pattern string) ([]string, error) {
	ctx := context.Background()
	fs, err := filesystem.New(ctx, pattern)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	files, err := fs.List(ctx, pattern)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pattern, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no such file", pattern)
	}
	slices.Sort(files)
	return files, nil
}
