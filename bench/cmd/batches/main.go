// Command batches measures what a crawler's daily batches through an index
// keep: it sorts a labelled JSONL or WARC corpus by date (undated documents
// first, then by input order), feeds it in batches of -size documents (of
// the corpus's format: WARC records are copied whole) to
// `mimeo scan --index DIR --dedup-output FILE`, one process a batch, and
// reports the stories none of whose documents any batch kept (lost) and
// the duplicates the batches left out (removed):
//
//	go build -o /tmp/mimeo ./cmd/mimeo
//	go run ./bench/cmd/batches -mimeo /tmp/mimeo -size 20 -truth truth.jsonl corpus.jsonl
//	go run ./bench/cmd/batches -mimeo /tmp/mimeo -size 20 -truth crawl.truth.jsonl crawl.warc.gz
//
// -size 0 runs one scan of everything the same way, for comparison.
// Arguments after -- go to every scan. The index and the batch files live
// in a temporary directory, removed at the end.
//
// Exit status: 0 success, 1 failure, 2 usage error.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mimeo-dedup/mimeo/bench/internal/cmdexit"
	"github.com/mimeo-dedup/mimeo/internal/eval"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

func main() {
	os.Exit(exitCode(run(os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
}

// The exit statuses: 0 success, 1 failure, 2 usage error (cmdexit).
type usageError = cmdexit.UsageError

var errHelp, errReported = cmdexit.ErrHelp, cmdexit.ErrReported

func exitCode(err error, stderr io.Writer) int { return cmdexit.Code("batches", err, stderr) }

// doc is a record of the corpus as a crawler meets it.
type doc struct {
	id   string
	raw  []byte    // the JSONL line, or the WARC record without its end
	date time.Time // zero: undated
	warc bool      // a WARC record (ended by "\r\n\r\n", not a newline)
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("batches", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mimeo := fs.String("mimeo", "mimeo", "the mimeo command to run")
	size := fs.Int("size", 20, "documents a batch (0: one scan of everything)")
	truthPath := fs.String("truth", "", "the corpus's truth file (eval.ReadTruth's format)")
	keepDir := fs.String("keep", "", "a new directory to keep each batch's input, clusters and dedup output in (batch-N.jsonl, batch-N.clusters.jsonl, batch-N.kept.jsonl) and the index")
	verbose := fs.Bool("v", false, "list the lost stories: each label and its documents' ids")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: batches -truth FILE [-size N] [-mimeo PATH] CORPUS.jsonl|CORPUS.warc[.gz] [-- SCAN FLAGS]\n\n"+
			"Feeds a labelled corpus in date order to mimeo scan --index --dedup-output in batches and counts the stories lost.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errReported
	}
	switch {
	case fs.NArg() < 1:
		return usageError{Err: errors.New("no corpus")}
	case *truthPath == "":
		return usageError{Err: errors.New("-truth is required")}
	case *size < 0:
		return usageError{Err: fmt.Errorf("-size %d: want 0 or more", *size)}
	}
	corpus, extra := fs.Arg(0), fs.Args()[1:]
	if len(extra) > 0 && extra[0] == "--" {
		extra = extra[1:]
	}
	tf, err := os.Open(*truthPath)
	if err != nil {
		return err
	}
	truth, err := eval.ReadTruth(tf)
	tf.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *truthPath, err)
	}
	docs, err := readCorpus(corpus)
	if err != nil {
		return err
	}
	ext := ".jsonl"
	if len(docs) > 0 && docs[0].warc {
		ext = ".warc"
	}
	byDate(docs)
	dir := *keepDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "mimeo-batches-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	} else if err := os.Mkdir(dir, 0o755); err != nil {
		return err // it must be new: nothing in it is overwritten
	}
	step := *size
	if step == 0 {
		step = len(docs)
	}
	kept := map[string]bool{}
	for i := 0; i < len(docs); i += step {
		name := "batch"
		if *keepDir != "" {
			name = fmt.Sprintf("batch-%d", i/step+1)
		}
		batch := filepath.Join(dir, name+ext)
		if err := os.WriteFile(batch, appendBatch(nil, docs[i:min(i+step, len(docs))]), 0o644); err != nil {
			return err
		}
		out := filepath.Join(dir, name+".kept"+ext)
		cmdArgs := append([]string{"scan", "-q", "--index", filepath.Join(dir, "index"), "-o", filepath.Join(dir, name+".clusters.jsonl"), "--dedup-output", out}, extra...)
		cmd := exec.Command(*mimeo, append(cmdArgs, batch)...)
		var errs bytes.Buffer
		cmd.Stderr = &errs
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("batch %d: %s: %v: %s", i/step+1, *mimeo, err, errs.Bytes())
		}
		outDocs, err := readCorpus(out)
		if err != nil {
			return err
		}
		for _, d := range outDocs {
			kept[d.id] = true
		}
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.id
	}
	k, err := eval.CountKept(truth, ids, kept)
	if err != nil {
		return fmt.Errorf("%s: %w", corpus, err)
	}
	what := fmt.Sprintf("batches of %d", *size)
	if *size == 0 {
		what = "one scan"
	}
	fmt.Fprintf(stdout, "%s: %d documents, %d stories: %d lost (%.2f %%), %d of %d duplicates removed (%.1f %%), %d documents kept\n",
		what, len(docs), k.Stories, k.Lost, 100*float64(k.Lost)/float64(max(k.Stories, 1)),
		k.Removed, k.Dups, 100*float64(k.Removed)/float64(max(k.Dups, 1)), len(kept))
	if *verbose {
		byLabel := make(map[string][]string)
		for _, id := range ids {
			byLabel[truth[id]] = append(byLabel[truth[id]], id)
		}
		for _, label := range k.LostLabels {
			fmt.Fprintf(stdout, "lost %s: %s\n", label, strings.Join(byLabel[label], " "))
		}
	}
	return nil
}

// appendBatch appends docs to dst as a file of their format: JSONL lines,
// or WARC records each ended by two CRLFs.
func appendBatch(dst []byte, docs []doc) []byte {
	for _, d := range docs {
		dst = append(dst, d.raw...)
		if d.warc {
			dst = append(dst, "\r\n\r\n"...)
		} else {
			dst = append(dst, '\n')
		}
	}
	return dst
}

// byDate orders documents as a crawler meets them: undated ones first,
// then by date, ties in input order.
func byDate(docs []doc) {
	slices.SortStableFunc(docs, func(a, b doc) int { return a.date.Compare(b.date) })
}

// readCorpus reads a JSONL or WARC corpus as mimeo scan reads it (records
// it would skip are errors here: the batches must hold every document;
// the WARC records that are not pages are left out).
func readCorpus(path string) ([]doc, error) {
	ins, err := input.Expand([]string{path})
	if err != nil {
		return nil, err
	}
	var docs []doc
	for _, in := range ins {
		if in.Format != input.JSONL && in.Format != input.WARC {
			return nil, fmt.Errorf("%s: not JSONL or WARC", in.Path)
		}
		r, err := input.Open(in, input.Options{})
		if err != nil {
			return nil, err
		}
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				r.Close()
				return nil, err
			}
			// The record, its strings included, is valid until the next
			// call to Next.
			if rec.ARC {
				r.Close()
				return nil, fmt.Errorf("%s: an ARC file: its records are not copied to batches", in.Path)
			}
			d := doc{id: strings.Clone(rec.ID), raw: slices.Clone(rec.Raw), warc: in.Format == input.WARC}
			if t, ok := input.ParseDate(rec.Date); ok {
				d.date = t
			}
			docs = append(docs, d)
		}
		if err := r.Close(); err != nil {
			return nil, err
		}
	}
	if len(docs) > 0 && slices.ContainsFunc(docs, func(d doc) bool { return d.warc != docs[0].warc }) {
		return nil, fmt.Errorf("%s: JSONL and WARC inputs together: a batch holds one format", path)
	}
	return docs, nil
}
