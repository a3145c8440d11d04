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

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/mimeo-dedup/mimeo/beam/pipeline"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

var (
	output      = flag.String("output", "", "directory to write clusters.jsonl and dedup/ to (required; created if absent; they must not exist)")
	textField   = flag.String("text-field", "text", "JSONL field holding the document text")
	idField     = flag.String("id-field", "id", "JSONL field holding the document id (default FILE:LINE when absent)")
	urlField    = flag.String("url-field", "url", "JSONL field holding the document URL")
	dateField   = flag.String("date-field", "date", "JSONL field holding the document date")
	extract     = flag.String("extract", "auto", "what to take of an HTML page: auto (its main text), all (all visible text) or none")
	boilerplate = flag.String("boilerplate", "on", "learn each site's repeated lines from the URLs and ignore them: on or off")
	exact       = flag.String("exact", "on", "decide the candidate pairs too close to a threshold, and those a containment alone matches, on exact values: on or off")
	threshold   = flag.Float64("threshold", index.DefaultJaccard, "estimated Jaccard similarity at or above which documents are near-duplicates")
	containment = flag.Float64("containment", index.DefaultContainment, "estimated containment at or above which documents are near-duplicates; 0 disables")
	keep        = flag.String("keep", scan.KeepEarliest, "which member of a cluster to keep: first, longest or earliest")
)

type usageError struct{ error }

func main() {
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: mimeo-beam --output DIR [flags] INPUT...\n\nRuns mimeo scan's matching as an Apache Beam pipeline (Prism unless --runner says otherwise).\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init()
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "mimeo-beam:", err)
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	if *output == "" || flag.NArg() == 0 {
		flag.Usage()
		return usageError{errors.New("--output and at least one input are required")}
	}
	cfg, err := config(flag.Args())
	if err != nil {
		return err
	}
	// The outputs are new files in a directory of ours: nothing is
	// written over.
	clusters, dedup := filepath.Join(*output, "clusters.jsonl"), filepath.Join(*output, "dedup")
	for _, p := range []string{clusters, dedup} {
		if _, err := os.Lstat(p); err == nil {
			return fmt.Errorf("%s exists: give a new --output directory", p)
		}
	}
	if err := os.MkdirAll(dedup, 0o755); err != nil {
		return err
	}
	p, s := beam.NewPipelineWithRoot()
	lines, err := pipeline.Build(s, cfg, dedup)
	if err != nil {
		return err
	}
	textio.Write(s, clusters, lines)
	return beamx.Run(ctx, p)
}

func config(args []string) (pipeline.Config, error) {
	var cfg pipeline.Config
	ins, err := input.Expand(args)
	if err != nil {
		return cfg, err
	}
	for _, in := range ins {
		if in.Path == "-" || in.Size < 0 {
			return cfg, usageError{fmt.Errorf("%s: a pipeline reads files, not streams", in.Path)}
		}
		cfg.Inputs = append(cfg.Inputs, in.Path)
	}
	modes := map[string]scan.ExtractMode{"auto": scan.ExtractAuto, "all": scan.ExtractAll, "none": scan.ExtractNone}
	m, ok := modes[*extract]
	if !ok {
		return cfg, usageError{fmt.Errorf("--extract %q: want auto, all or none", *extract)}
	}
	cfg.Extract = int(m)
	for _, o := range []struct {
		name, value string
		to          *bool
	}{{"boilerplate", *boilerplate, &cfg.Boilerplate}, {"exact", *exact, &cfg.Exact}} {
		if o.value != "on" && o.value != "off" {
			return cfg, usageError{fmt.Errorf("--%s %q: want on or off", o.name, o.value)}
		}
		*o.to = o.value == "on"
	}
	if scan.CheckKeep(*keep) != nil {
		return cfg, usageError{fmt.Errorf("--keep %q: want first, longest or earliest", *keep)}
	}
	cfg.Keep = *keep
	cfg.Input = input.Options{TextField: *textField, IDField: *idField, URLField: *urlField, DateField: *dateField}
	cfg.Dedup = index.Options{Jaccard: *threshold, Containment: *containment}
	if *containment == 0 {
		cfg.Dedup.Containment = -1
	}
	if _, err := index.NewDedup(cfg.Dedup); err != nil {
		return cfg, usageError{err}
	}
	return cfg, nil
}
