package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/internal/eval"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

type evalFlags struct {
	match     matchFlags
	truth     string
	json      bool
	negatives string
	original  string
	keep      string
	oracle    bool
}

func (f *evalFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.truth, "truth", "", "labelled `FILE`: JSONL lines {\"id\": ID, \"label\": CLUSTER} (an optional \"kind\" gives recall per kind)")
	fs.BoolVar(&f.json, "json", false, "print the scores as one JSON object")
	fs.StringVar(&f.negatives, "negative-kinds", "same-template,digest,follow-up", "comma-separated kinds that are hard negatives: documents that must not be clustered with anything")
	fs.StringVar(&f.original, "original-kind", "original", "the kind of a story's original: eval reports how often a cluster that holds one keeps it")
	fs.StringVar(&f.keep, "keep", "earliest", "which member of a cluster to keep, as for scan: first, longest or earliest")
	fs.BoolVar(&f.oracle, "oracle", false, "decide every pair of documents sharing a shingle on exact values (no estimates, no LSH): the scores of the rule and the clustering alone, for comparison; holds every shingle set in memory")
	f.match.AddFlags(fs)
}

const evalUsage = `Usage: mimeo eval --truth FILE [flags] INPUT...

Scans the inputs as mimeo scan does (same flags) and compares the clusters
with labelled truth: pairwise precision, recall and F1 over all pairs of
documents in the same cluster, and the adjusted Rand index. When the truth
gives a "kind" per document, it also prints the recall of each kind and the
share of hard negatives wrongly merged. Documents missing from the truth or
from the scan count as singletons.

Flags:
`

// evalReport is what eval prints.
type evalReport struct {
	eval.Scores
	Kinds          []eval.KindScore `json:"kinds,omitempty"`
	Negatives      int              `json:"negatives"`
	NegativeMerged int              `json:"negatives_merged"`
	Documents      int              `json:"documents_scanned"`
	// Of the predicted clusters that hold a document of the original
	// kind, how many keep it.
	WithOriginal int `json:"clusters_with_original"`
	KeptOriginal int `json:"kept_original"`
}

func runEval(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var f evalFlags
	fs := pflag.NewFlagSet("eval", pflag.ContinueOnError)
	f.AddFlags(fs)
	if err := parseFlags(fs, args, evalUsage, stdout); err != nil {
		return err
	}
	if f.truth == "" {
		return usagef("eval: --truth is required")
	}
	cfg, err := f.match.Config()
	if err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("eval: no inputs")
	}
	if scan.CheckKeep(f.keep) != nil {
		return usagef("eval: --keep %q: want first, longest or earliest", f.keep)
	}
	tf, err := os.Open(f.truth)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	truth, kinds, err := eval.ReadTruthKinds(tf)
	tf.Close()
	if err != nil {
		return fmt.Errorf("eval: %s: %w", f.truth, err)
	}
	if cfg.Inputs, err = input.Expand(fs.Args()); err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	cleanup, err := streamSources(ctx, &cfg, stdin, cfg.Boilerplate, f.match.SpoolMax)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	defer cleanup()
	cfg.Warn = func(err error) { fmt.Fprintf(stderr, "mimeo: warning: %v\n", err) }
	cfg.Oracle = f.oracle
	res, err := scan.Run(ctx, cfg)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}

	sc := scoring{truth: truth, kinds: kinds, negatives: strings.Split(f.negatives, ","), original: f.original, keep: f.keep}
	rep, err := sc.scan(res)
	if err != nil {
		return usageError{Err: err}
	}
	if f.json {
		enc := json.NewEncoder(stdout)
		return enc.Encode(rep)
	}
	fmt.Fprintf(stdout, "documents: %d scanned, %d in the truth; clusters: %d true, %d predicted\n",
		len(res.Docs), len(truth), rep.TrueClusters, rep.PredictedClusters)
	fmt.Fprintf(stdout, "pairwise precision %.4f  recall %.4f  F1 %.4f  ARI %.4f  (pairs: %d true positive, %d false positive, %d false negative)\n",
		rep.Precision, rep.Recall, rep.F1, rep.ARI, rep.TruePositives, rep.FalsePositives, rep.FalseNegatives)
	if len(rep.Kinds) > 0 {
		tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "kind\tdocuments\tpairs\tfound\trecall\t")
		for _, k := range rep.Kinds {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.4f\t\n", k.Kind, k.Docs, k.Pairs, k.Found, k.Recall)
		}
		tw.Flush()
		pct := 0.0
		if rep.Negatives > 0 {
			pct = 100 * float64(rep.NegativeMerged) / float64(rep.Negatives)
		}
		fmt.Fprintf(stdout, "hard negatives wrongly merged: %d of %d (%.2f%%)\n", rep.NegativeMerged, rep.Negatives, pct)
		if rep.WithOriginal > 0 {
			fmt.Fprintf(stdout, "clusters keeping their %s: %d of %d (%.1f%%, --keep %s)\n", f.original, rep.KeptOriginal, rep.WithOriginal,
				100*float64(rep.KeptOriginal)/float64(rep.WithOriginal), f.keep)
		}
	}
	return nil
}

// scoring scores predicted clusters against labelled truth, as eval
// reports them (and bench, for every implementation).
type scoring struct {
	truth     eval.Assignment
	kinds     map[string]string // by id; may be empty
	negatives []string          // the kinds that are hard negatives
	original  string            // the kind of an original
	keep      string            // scan.Clusters' keep
}

// scan scores a scan's clusters, and how often they keep the original.
func (s scoring) scan(res *scan.Result) (evalReport, error) {
	pred := make(eval.Assignment)
	for i, c := range res.Clusters {
		for _, m := range c {
			pred[res.Docs[m].ID] = strconv.Itoa(i)
		}
	}
	rep := s.assignment(pred, len(res.Docs))
	if len(s.kinds) == 0 {
		return rep, nil
	}
	clusters, err := scan.Clusters(res, s.keep)
	if err != nil {
		return rep, err
	}
	for _, c := range clusters {
		has := false
		for _, m := range c.Members {
			has = has || s.kinds[res.Docs[m].ID] == s.original
		}
		if has {
			rep.WithOriginal++
			if s.kinds[res.Docs[c.Keep].ID] == s.original {
				rep.KeptOriginal++
			}
		}
	}
	return rep, nil
}

// assignment scores a predicted clustering of docs documents.
func (s scoring) assignment(pred eval.Assignment, docs int) evalReport {
	rep := evalReport{Scores: eval.Compare(s.truth, pred), Documents: docs}
	if len(s.kinds) > 0 {
		rep.Kinds = eval.RecallByKind(s.truth, pred, s.kinds)
		rep.NegativeMerged, rep.Negatives = eval.Merged(s.truth, pred, func(id string) bool {
			return slices.Contains(s.negatives, s.kinds[id])
		})
	}
	return rep
}
