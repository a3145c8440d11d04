// Command batches measures what a crawler's daily batches through an index
// keep: it sorts a labelled JSONL corpus by date (undated documents first,
// then by input order), feeds it in batches of -size documents to
// `mimeo scan --index DIR --dedup-output FILE`, one process a batch, and
// reports the stories none of whose documents any batch kept (lost) and
// the duplicates the batches left out (removed):
//
//	go build -o /tmp/mimeo ./cmd/mimeo
//	go run ./bench/cmd/batches -mimeo /tmp/mimeo -size 20 -truth truth.jsonl corpus.jsonl
//
// -size 0 runs one scan of everything the same way, for comparison.
// Arguments after -- go to every scan. The index and the batch files live
// in a temporary directory, removed at the end.
//
// Exit status: 0 success, 1 failure, 2 usage error.
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"

	"github.com/mimeo-dedup/mimeo/internal/eval"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

func main() {
	err := run(os.Args[1:], os.Stdout)
	var usage usageError
	switch {
	case errors.As(err, &usage):
		fmt.Fprintln(os.Stderr, "batches:", err)
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "batches:", err)
		os.Exit(1)
	}
}

type usageError struct{ error }

type doc struct {
	id    string
	line  []byte
	at    int64 // Unix nanoseconds; 0: undated
	dated bool
	n     int // input order
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("batches", flag.ContinueOnError)
	mimeo := fs.String("mimeo", "mimeo", "the mimeo command to run")
	size := fs.Int("size", 20, "documents a batch (0: one scan of everything)")
	truthPath := fs.String("truth", "", "the corpus's truth file (eval.ReadTruth's format)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() < 1 || *truthPath == "" || *size < 0 {
		return usageError{errors.New("usage: batches -truth FILE [-size N] [-mimeo PATH] CORPUS.jsonl [-- SCAN FLAGS]")}
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
	byDate(docs)
	dir, err := os.MkdirTemp("", "mimeo-batches-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	step := *size
	if step == 0 {
		step = len(docs)
	}
	kept := map[string]bool{}
	for i := 0; i < len(docs); i += step {
		batch := filepath.Join(dir, "batch.jsonl")
		var buf bytes.Buffer
		for _, d := range docs[i:min(i+step, len(docs))] {
			buf.Write(d.line)
			buf.WriteByte('\n')
		}
		if err := os.WriteFile(batch, buf.Bytes(), 0o644); err != nil {
			return err
		}
		out := filepath.Join(dir, "kept.jsonl")
		cmdArgs := append([]string{"scan", "-q", "--index", filepath.Join(dir, "index"), "-o", filepath.Join(dir, "clusters.jsonl"), "--dedup-output", out}, extra...)
		cmd := exec.Command(*mimeo, append(cmdArgs, batch)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("batch %d: %s: %v: %s", i/step+1, *mimeo, err, stderr.Bytes())
		}
		outDocs, err := readCorpus(out)
		if err != nil {
			return err
		}
		for _, d := range outDocs {
			kept[d.id] = true
		}
	}
	lost, stories, removed, dups, err := tally(docs, truth, kept)
	if err != nil {
		return fmt.Errorf("%s: %w", corpus, err)
	}
	what := fmt.Sprintf("batches of %d", *size)
	if *size == 0 {
		what = "one scan"
	}
	fmt.Fprintf(stdout, "%s: %d documents, %d stories: %d lost (%.2f %%), %d of %d duplicates removed (%.1f %%), %d documents kept\n",
		what, len(docs), stories, lost, 100*float64(lost)/float64(max(stories, 1)),
		removed, dups, 100*float64(removed)/float64(max(dups, 1)), len(kept))
	return nil
}

// byDate orders documents as a crawler meets them: undated ones first,
// then by date, ties in input order.
func byDate(docs []doc) {
	slices.SortStableFunc(docs, func(a, b doc) int {
		if a.dated != b.dated {
			if a.dated {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.n, b.n))
	})
}

// tally counts the stories (truth labels) of docs, those none of whose
// documents were kept, the duplicates (a story's documents but one) and
// those left out of the stories that were kept.
func tally(docs []doc, truth map[string]string, kept map[string]bool) (lost, stories, removed, dups int, err error) {
	byLabel := map[string][]string{}
	for _, d := range docs {
		label, ok := truth[d.id]
		if !ok {
			return 0, 0, 0, 0, fmt.Errorf("document %q is not in the truth file", d.id)
		}
		byLabel[label] = append(byLabel[label], d.id)
	}
	for _, ids := range byLabel {
		k := 0
		for _, id := range ids {
			if kept[id] {
				k++
			}
		}
		dups += len(ids) - 1
		if k == 0 {
			lost++
		} else {
			removed += len(ids) - k
		}
	}
	return lost, len(byLabel), removed, dups, nil
}

// readCorpus reads a JSONL file's lines with their id and date.
func readCorpus(path string) ([]doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []doc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var d struct {
			ID   string `json:"id"`
			Date string `json:"date"`
		}
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		t, ok := input.ParseDate(d.Date)
		docs = append(docs, doc{id: d.ID, line: slices.Clone(line), at: t.UnixNano(), dated: ok && d.Date != "", n: n})
	}
	return docs, sc.Err()
}
