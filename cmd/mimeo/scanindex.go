package main

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/pflag"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// scanIndex dedups a scan against an on-disk index (scan --index): each
// document is queried against what the index held before the scan, and
// once the outputs are written every document of the scan is added.
type scanIndex struct {
	dir   string
	x     *index.Index
	hits  map[uint32][]index.Hit // a document's matches in the index
	seen  map[uint32][]index.Hit // those that make it seen before
	batch *index.Batch           // the scan's documents, added once the outputs are written
	// compilations are the documents that quote unrelated stories of the
	// index (scan.Config.Compilations).
	compilations []uint32
}

// openScanIndex opens (or creates) the index in dir for a scan whose
// configuration is cfg. An existing index's options win unless a recipe
// or matching flag was given, which must then agree with them.
func openScanIndex(dir string, cfg *scan.Config, fs *pflag.FlagSet) (*scanIndex, error) {
	o, err := index.ReadOptions(dir)
	var x *index.Index
	switch {
	case err == nil:
		explicit := false
		fs.Visit(func(fl *pflag.Flag) {
			explicit = explicit || isOptionFlag(fl.Name)
		})
		if !explicit {
			cfg.Dedup = o
		}
		x, err = index.Open(dir, cfg.Dedup)
	case errors.Is(err, index.ErrNotExist):
		x, err = index.Create(dir, cfg.Dedup)
	}
	switch {
	case errors.Is(err, index.ErrRecipe):
		return nil, fmt.Errorf("scan: --index %s: %w (leave out the recipe and matching flags to use the index's)", dir, err)
	case errors.Is(err, index.ErrLocked):
		return nil, fmt.Errorf("scan: --index %s: %w (another process has it open for writing)", dir, err)
	case err != nil:
		return nil, fmt.Errorf("scan: --index %s: %w", dir, err)
	}
	return &scanIndex{dir: dir, x: x, hits: make(map[uint32][]index.Hit), seen: make(map[uint32][]index.Hit), batch: x.NewBatch()}, nil
}

// isOptionFlag reports whether a scan flag sets the recipe or matching
// options an index keeps.
func isOptionFlag(name string) bool {
	var m matchFlags
	fs := pflag.NewFlagSet("", pflag.ContinueOnError)
	m.AddFlags(fs)
	return fs.Lookup(name) != nil && !slices.Contains(inputFlagNames, name)
}

// visit is the scan's Visit: it queries the index and keeps the features.
func (s *scanIndex) visit(num uint32, d *scan.Doc, f *index.Features) error {
	// Seen before: the document is similar to an indexed one or contained
	// in it, as a member must be of its center — not merely containing
	// it (a digest that quotes an indexed story is news); a compilation
	// only in one that holds most of it (index.SeenFeatures).
	r, err := s.batch.Seen(f)
	if err != nil {
		return fmt.Errorf("--index %s: %w", s.dir, err)
	}
	seen, hits := r.Seen, r.Hits
	if r.Compilation {
		// A digest of the index's stories is one in this scan's clusters
		// too, which do not hold those stories.
		s.compilations = append(s.compilations, num)
	}
	for _, h := range [2][]index.Hit{hits, seen} {
		for i := range h {
			h[i].Sig.Words = nil // not needed
		}
	}
	if len(hits) > 0 {
		s.hits[num] = hits
	}
	if len(seen) > 0 {
		s.seen[num] = seen
	}
	add := s.batch.Add
	if d.ID == d.Source {
		// No id of its own: a position in an input, which another
		// input may reuse ("-:3"); it replaces nothing.
		add = s.batch.AddKeeping
	}
	if err := add(d.ID, d.URL, d.Date, f); err != nil {
		return fmt.Errorf("--index %s: %w", s.dir, err)
	}
	return nil
}

// addAll adds the scan's documents to the index with the site model the
// scan taught (nil: none) and flushes.
func (s *scanIndex) addAll(model *index.Boilerplate) error {
	if err := s.batch.Commit(model); err != nil {
		return fmt.Errorf("--index %s: %w", s.dir, err)
	}
	return nil
}

func (s *scanIndex) close() { s.x.Close() }

// withIndexed adds to the scan's clusters what the index knew
// (scan.WithIndexed).
func (s *scanIndex) withIndexed(clusters []cluster) []cluster {
	return scan.WithIndexed(clusters, s.seen)
}

// scan.IndexedJSON is a document of the index that a cluster matches: its
// estimated similarity and the containment of the cluster's member in it.

// summary is the index's part of --summary-json.
func (s *scanIndex) summary() *indexSummary {
	after := s.x.Stats()
	return &indexSummary{Dir: s.dir, Seen: len(s.seen), Added: s.batch.Len(), Documents: int(after.Documents), Segments: after.Segments}
}

// printSummary adds the index's part to the scan's summary.
func (s *scanIndex) printSummary(w io.Writer) {
	after := s.x.Stats()
	fmt.Fprintf(w, "  index %s: %s documents seen before; %s added, %s documents in %d segment(s)\n",
		s.dir, group(int64(len(s.seen))), group(int64(s.batch.Len())), group(int64(after.Documents)), after.Segments)
}
