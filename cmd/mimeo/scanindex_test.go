package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/eval"
)

// scanPairs runs mimeo scan --pairs and returns the unordered pairs of ids.
func scanPairs(t *testing.T, args ...string) map[[2]string]bool {
	t.Helper()
	res := runCLI(t, "", append([]string{"scan", "--pairs", "-q", "--boilerplate", "off"}, args...)...)
	if res.code != 0 {
		t.Fatalf("scan %v: exit %d: %s", args, res.code, res.stderr)
	}
	pairs := map[[2]string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		if line == "" {
			continue
		}
		var p pairOut
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("bad pair %q: %v", line, err)
		}
		a, b := p.A, p.B
		if a > b {
			a, b = b, a
		}
		pairs[[2]string{a, b}] = true
	}
	return pairs
}

// TestScanIndexRecallEqualsScan checks that scanning a corpus in two parts
// through an index (whose close calls are decided on the shingle sets it
// keeps, as one scan decides them on exact values) finds exactly the
// near-duplicate pairs that one scan of
// the whole corpus finds — hence the same recall — and that this recall is
// high on the labelled corpus. (Pages spread over many sites, so that no
// band key is shared by more documents than a table keeps under one key:
// past that cap, which documents are kept depends on how the corpus is
// split.)
func TestScanIndexRecallEqualsScan(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 30, Sites: 1000, Seed: 2})
	dir := t.TempDir()
	k := len(c.Docs) / 2
	full := writeDocs(t, filepath.Join(dir, "full.jsonl"), c, c.Docs)
	partA := writeDocs(t, filepath.Join(dir, "a.jsonl"), c, c.Docs[:k])
	partB := writeDocs(t, filepath.Join(dir, "b.jsonl"), c, c.Docs[k:])
	idx := filepath.Join(dir, "idx")

	whole := scanPairs(t, full)
	split := scanPairs(t, "--index", idx, partA)
	for p := range scanPairs(t, "--index", idx, partB) {
		split[p] = true
	}
	for p := range whole {
		if !split[p] {
			t.Errorf("pair %v found by one scan, not through the index", p)
		}
	}
	for p := range split {
		if !whole[p] {
			t.Errorf("pair %v found through the index, not by one scan", p)
		}
	}
	truth, found := labelRecall(c, split)
	if truth < 100 || float64(found) < 0.85*float64(truth) {
		t.Fatalf("recall %d of %d true pairs", found, truth)
	}
	t.Logf("%d pairs in both; recall %d/%d = %.3f", len(whole), found, truth, float64(found)/float64(truth))

	// Pages of few sites, whose templates share band keys beyond the cap:
	// the pairs differ a little, the recall hardly.
	c = wire.Generate(wire.Config{Stories: 60, Seed: 2})
	k = len(c.Docs) / 2
	full = writeDocs(t, filepath.Join(dir, "full2.jsonl"), c, c.Docs)
	partA = writeDocs(t, filepath.Join(dir, "a2.jsonl"), c, c.Docs[:k])
	partB = writeDocs(t, filepath.Join(dir, "b2.jsonl"), c, c.Docs[k:])
	idx = filepath.Join(dir, "idx2")
	truth, foundWhole := labelRecall(c, scanPairs(t, full))
	split = scanPairs(t, "--index", idx, partA)
	for p := range scanPairs(t, "--index", idx, partB) {
		split[p] = true
	}
	_, foundSplit := labelRecall(c, split)
	rw, rs := float64(foundWhole)/float64(truth), float64(foundSplit)/float64(truth)
	t.Logf("templated sites: recall %.3f in one scan, %.3f through the index", rw, rs)
	if rs < rw-0.01 || rs > rw+0.03 {
		t.Fatalf("templated sites: recall %.3f in one scan, %.3f through the index", rw, rs)
	}
}

// labelRecall counts the pairs of copies of one story in c and how many of
// them pairs holds.
func labelRecall(c *wire.Corpus, pairs map[[2]string]bool) (truth, found int) {
	for i, a := range c.Docs {
		for _, b := range c.Docs[i+1:] {
			if a.Label == b.Label && a.Label != "" {
				truth++
				x, y := a.ID, b.ID
				if x > y {
					x, y = y, x
				}
				if pairs[[2]string{x, y}] {
					found++
				}
			}
		}
	}
	return truth, found
}

// TestScanIndexDedup checks scan --index's clusters and dedup output: a
// second dump's copies of stories the first held are seen before and left
// out, and its new stories are kept.
func TestScanIndexDedup(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 40, Seed: 3})
	dir := t.TempDir()
	k := len(c.Docs) / 2
	partA := writeDocs(t, filepath.Join(dir, "a.jsonl"), c, c.Docs[:k])
	partB := writeDocs(t, filepath.Join(dir, "b.jsonl"), c, c.Docs[k:])
	idx := filepath.Join(dir, "idx")
	if res := runCLI(t, "", "scan", "-q", "--index", idx, "-o", filepath.Join(dir, "a.out"), partA); res.code != 0 {
		t.Fatalf("first scan: exit %d: %s", res.code, res.stderr)
	}
	// Flags that change the index's options are refused.
	res := runCLI(t, "", "scan", "-q", "--index", idx, "--threshold", "0.5", partB)
	if res.code != 1 || !strings.Contains(res.stderr, "another recipe") {
		t.Fatalf("scan with another threshold: exit %d: %s", res.code, res.stderr)
	}
	dedup := filepath.Join(dir, "b.dedup.jsonl")
	res = runCLI(t, "", "scan", "--index", idx, "--dedup-output", dedup, partB)
	if res.code != 0 {
		t.Fatalf("second scan: exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "documents seen before") || !strings.Contains(res.stderr, "documents in 1 segment(s)") {
		t.Errorf("summary: %s", res.stderr)
	}
	labelA := map[string]bool{}
	label := map[string]string{}
	for _, d := range c.Docs[:k] {
		labelA[d.Label] = d.Label != ""
	}
	for _, d := range c.Docs {
		label[d.ID] = d.Label
	}
	// Clusters: a member whose story the first part held is seen before,
	// as a document of that story.
	seen, want, wrong := 0, 0, 0
	inSeen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		var co clusterOut
		if err := json.Unmarshal([]byte(line), &co); err != nil {
			t.Fatalf("bad cluster %q: %v", line, err)
		}
		if co.SeenAs == "" {
			continue
		}
		if co.Indexed[0].ID != co.SeenAs {
			t.Fatalf("seen_as %s is not the best indexed match %+v", co.SeenAs, co.Indexed)
		}
		for _, m := range co.Members {
			inSeen[m.ID] = true
			if label[m.ID] != label[co.SeenAs] && label[m.ID] != "" {
				wrong++
			}
		}
	}
	for _, d := range c.Docs[k:] {
		if labelA[d.Label] {
			want++
			if inSeen[d.ID] {
				seen++
			}
		}
	}
	if want < 20 || float64(seen) < 0.85*float64(want) || wrong > want/50 {
		t.Fatalf("%d of %d documents of known stories seen before; %d in a cluster of another story", seen, want, wrong)
	}
	// The dedup output holds no document that was seen before.
	data, err := os.ReadFile(dedup)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	for id := range inSeen {
		if strings.Contains(out, `"id":"`+id+`"`) {
			t.Fatalf("%s was seen before but is in the dedup output", id)
		}
	}
	if n := strings.Count(out, "\n"); n == 0 || n >= len(c.Docs)-k {
		t.Fatalf("dedup output holds %d of %d records", n, len(c.Docs)-k)
	}
	if st := indexStats(t, idx); st.Documents != len(c.Docs) {
		t.Fatalf("the index holds %d documents, want %d", st.Documents, len(c.Docs))
	}
}

// TestScanIndexSmallBatches: a crawler's day, as 20-document batches in
// date order through scan --index --dedup-output, on pages whose sites
// carry prose furniture: the index's site model, taught by every batch,
// keeps the stories that a model learned from each batch alone would merge
// through their site's furniture. As few stories are lost as in one scan of
// everything (plus 1 %), and as many duplicates removed (less 1 %).
func TestScanIndexSmallBatches(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 120, Sites: 12, Seed: 5})
	docs := slices.Clone(c.Docs)
	slices.SortStableFunc(docs, func(a, b wire.Doc) int { return strings.Compare(a.Date, b.Date) })
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	truth, ids := eval.Assignment{}, []string{}
	for _, d := range docs {
		truth[d.ID] = d.Label
		ids = append(ids, d.ID)
	}
	lostOf := func(kept map[string]bool) eval.Kept {
		k, err := eval.CountKept(truth, ids, kept)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	readKept := func(path string, kept map[string]bool) {
		for _, id := range outputIDs(t, path) {
			kept[id] = true
		}
	}
	batches := map[string]bool{}
	for i := 0; i < len(docs); i += 20 {
		in := writeDocs(t, filepath.Join(dir, "batch.jsonl"), c, docs[i:min(i+20, len(docs))])
		out := filepath.Join(dir, "batch.dedup.jsonl")
		if res := runCLI(t, "", "scan", "-q", "--index", idx, "-o", filepath.Join(dir, "c.jsonl"), "--dedup-output", out, in); res.code != 0 {
			t.Fatalf("batch %d: exit %d: %s", i/20, res.code, res.stderr)
		}
		readKept(out, batches)
	}
	whole := map[string]bool{}
	all := writeDocs(t, filepath.Join(dir, "all.jsonl"), c, docs)
	if res := runCLI(t, "", "scan", "-q", "-o", filepath.Join(dir, "c.jsonl"), "--dedup-output", filepath.Join(dir, "all.dedup.jsonl"), all); res.code != 0 {
		t.Fatalf("scan: exit %d: %s", res.code, res.stderr)
	}
	readKept(filepath.Join(dir, "all.dedup.jsonl"), whole)
	kb, kw := lostOf(batches), lostOf(whole)
	t.Logf("%d stories, %d duplicates: batches lose %d and remove %d, one scan %d and %d", kb.Stories, kb.Dups, kb.Lost, kb.Removed, kw.Lost, kw.Removed)
	if kb.Lost > kw.Lost+kb.Stories/100 {
		t.Errorf("20-document batches lose %d stories, one scan %d", kb.Lost, kw.Lost)
	}
	if kb.Removed < kw.Removed-kb.Dups/100 || float64(kb.Removed) < 0.95*float64(kb.Dups) {
		t.Errorf("20-document batches remove %d of %d duplicates, one scan %d", kb.Removed, kb.Dups, kw.Removed)
	}
	st := indexStats(t, idx)
	if st.Documents != len(docs) || st.SiteModel == nil || st.SiteModel.Lines < 12*5 || st.SiteModel.Bytes == 0 {
		t.Errorf("index stats %+v, site model %+v: want every page and the furniture of 12 sites", st, st.SiteModel)
	}
}
