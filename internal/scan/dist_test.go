package scan

import (
	"bytes"
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/minhash"
)

// TestPairsByTableKeys: a scan's pairs — verified, quoted with their
// passage keys, decided exactly with their openings — are found again,
// without a Dedup, by gathering each document's table keys
// (index.TableKeys), turning each key's postings into candidates
// (index.KeyCandidates), merging a pair's candidates and deciding it on
// both documents' signatures and sets (index.Options.Decide): the steps a
// distributed run takes, here over maps. Postings arrive shuffled, as a
// shuffle delivers them.
func TestPairsByTableKeys(t *testing.T) {
	corpora := map[string]*wire.Corpus{
		"wire":          wire.Generate(wire.Config{Stories: 120, Seed: 9}),
		"spam, no URLs": wire.GenerateSpam(wire.SpamConfig{Stories: 160, Seed: 10, NoURLs: true}),
		"spam, URLs":    wire.GenerateSpam(wire.SpamConfig{Stories: 160, Seed: 11, UndatedRate: 0.5, SiteListLines: 30}),
	}
	for name, c := range corpora {
		t.Run(name, func(t *testing.T) {
			ins := writeCorpus(t, c)
			var feats []index.Features
			cfg := Config{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true, Visit: func(num uint32, _ *Doc, f *index.Features) error {
				if int(num) != len(feats) {
					t.Fatalf("visited document %d after %d", num, len(feats))
				}
				g := *f
				g.Keys, g.Passages, g.Lead = slices.Clone(f.Keys), slices.Clone(f.Passages), slices.Clone(f.Lead)
				g.Hashes = slices.Compact(slices.Sorted(slices.Values(f.Hashes)))
				g.Bits.Words = slices.Clone(f.Bits.Words)
				feats = append(feats, g)
				return nil
			}}
			res, err := Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			o := res.Dedup.Options()
			want := res.Dedup.Graph()

			// Map: each document's table keys; shuffle: by key.
			postings := make(map[uint64][]index.Posting)
			var keys []uint64
			for doc := range feats {
				keys = index.TableKeys(keys[:0], &feats[doc])
				for pos, k := range keys {
					p := index.Posting{Doc: uint64(doc), Pos: uint32(pos)}
					if pos >= len(feats[doc].Keys) {
						p.Key = feats[doc].Passages[pos-len(feats[doc].Keys)]
					}
					postings[k] = append(postings[k], p)
				}
			}
			r := testrandShuffle(uint64(len(feats)))
			cands := make(map[[2]uint64]index.Candidate)
			for k, ps := range postings {
				r(ps)
				index.KeyCandidates(k, ps, o.KeyCap, func(c index.Candidate) {
					pk := [2]uint64{c.A, c.B}
					if old, ok := cands[pk]; ok {
						c = old.Merge(c)
					}
					cands[pk] = c
				})
			}
			// Decide each pair on both documents.
			got := index.Graph{}
			signed := func(doc uint64) *index.Signed {
				f := &feats[doc]
				return &index.Signed{Bits: minhash.BBit{B: f.Bits.B, K: f.Bits.K, Card: f.Sig.Card, Words: f.Bits.Words}, Set: f.Hashes, Lead: f.Lead}
			}
			for _, c := range cands {
				d := o.Decide(c, signed(c.A), signed(c.B), true)
				a, b := uint32(c.A), uint32(c.B)
				if d.Edge {
					got.Edges = append(got.Edges, uint64(a)<<32|uint64(b))
				}
				if d.Quote {
					got.Quotes = append(got.Quotes, index.Quote{A: a, B: b, Key: d.Key})
				}
				if d.Exact {
					p := d.Pair
					p.A, p.B = a, b
					got.Exact = append(got.Exact, p)
				}
			}
			slices.Sort(got.Edges)
			byPair := func(x, y index.Quote) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) }
			slices.SortFunc(got.Quotes, byPair)
			wq := slices.Clone(want.Quotes)
			slices.SortFunc(wq, byPair)
			slices.SortFunc(got.Exact, func(x, y index.ExactPair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
			t.Logf("%d documents, %d candidate pairs: %d verified, %d quotes, %d decided exactly", len(feats), len(cands), len(want.Edges), len(wq), len(want.Exact))
			if len(want.Edges) < 50 || len(wq) < 20 || len(want.Exact) < 20 {
				t.Fatal("too few pairs to test")
			}
			if !slices.Equal(got.Edges, want.Edges) {
				t.Errorf("%d verified pairs, want %d (first differences: %v)", len(got.Edges), len(want.Edges), firstDiff(got.Edges, want.Edges))
			}
			if !slices.Equal(got.Quotes, wq) {
				t.Errorf("%d quotes, want %d", len(got.Quotes), len(wq))
				for i := range min(len(got.Quotes), len(wq)) {
					if got.Quotes[i] != wq[i] {
						t.Errorf("quote %d: %+v, want %+v", i, got.Quotes[i], wq[i])
						break
					}
				}
			}
			if !slices.Equal(got.Exact, want.Exact) {
				t.Errorf("%d pairs decided exactly, want %d", len(got.Exact), len(want.Exact))
			}
		})
	}
}

func firstDiff(a, b []uint64) [2]uint64 {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return [2]uint64{a[i], b[i]}
		}
	}
	return [2]uint64{}
}

// testrandShuffle returns a function shuffling postings with a fixed seed.
func testrandShuffle(seed uint64) func([]index.Posting) {
	x := seed*0x9E3779B97F4A7C15 + 1
	return func(ps []index.Posting) {
		for i := len(ps) - 1; i > 0; i-- {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			j := int(x % uint64(i+1))
			ps[i], ps[j] = ps[j], ps[i]
		}
	}
}

// writeCorpus writes c as one JSONL input.
func writeCorpus(t *testing.T, c *wire.Corpus) []input.Input {
	t.Helper()
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	writeJSONL(t, path, c)
	ins, err := input.Expand([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

// writeJSONL writes c as JSONL to the file path.
func writeJSONL(t *testing.T, path string, c *wire.Corpus) {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteJSONL(&b); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFeaturesByCountedModel: a scan's features are found again, without
// its passes, from its documents as EachDoc reads them and a site model
// counted exactly (each site's distinct documents' distinct lines,
// index.SiteDocKey and index.SiteLineKeys; index.NewBoilerplateLines): the
// steps of a distributed run. The inputs are split in two, read apart.
func TestFeaturesByCountedModel(t *testing.T) {
	for name, c := range map[string]*wire.Corpus{
		"wire":       wire.Generate(wire.Config{Stories: 120, Seed: 12}),
		"spam, URLs": wire.GenerateSpam(wire.SpamConfig{Stories: 160, Seed: 13, SiteListLines: 30}),
		"WARC":       wire.Generate(wire.Config{Stories: 40, Seed: 24}),
	} {
		t.Run(name, func(t *testing.T) {
			one := writeCorpus(t, c)
			if name == "WARC" {
				var b bytes.Buffer
				if err := bench.WriteWARCPages(&b, c.Docs, 5); err != nil {
					t.Fatal(err)
				}
				p := filepath.Join(t.TempDir(), "pages.warc.gz")
				if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				var err error
				if one, err = input.Expand([]string{p}); err != nil {
					t.Fatal(err)
				}
			}
			// Two inputs: the corpus, and its first 200 lines again.
			data, err := os.ReadFile(one[0].Path)
			if err != nil {
				t.Fatal(err)
			}
			head := filepath.Join(t.TempDir(), "head.jsonl")
			lines := bytes.SplitAfterN(data, []byte("\n"), 201)
			if err := os.WriteFile(head, bytes.Join(lines[:200], nil), 0o644); err != nil {
				t.Fatal(err)
			}
			ins, err := input.Expand([]string{one[0].Path, head})
			if err != nil {
				t.Fatal(err)
			}
			if name == "WARC" {
				ins = one // (a WARC's lines are not records)
			}
			var want []index.Features
			cfg := Config{Inputs: ins, Jobs: 2, Boilerplate: true, Exact: true, Visit: func(_ uint32, _ *Doc, f *index.Features) error {
				g := *f
				g.Keys, g.Passages, g.Lead, g.Hashes = slices.Clone(f.Keys), slices.Clone(f.Passages), slices.Clone(f.Lead), slices.Clone(f.Hashes)
				g.Bits.Words, g.Sig.Slots = slices.Clone(f.Bits.Words), nil
				want = append(want, g)
				return nil
			}}
			res, err := Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			type doc struct {
				text  []byte
				lines []uint64
				site  string
			}
			var docs []doc
			read := &Result{}
			for i := range ins {
				err := EachDoc(context.Background(), cfg, read, i, func(_ *Doc, text []byte, lines []uint64, site string) error {
					docs = append(docs, doc{slices.Clone(text), slices.Clone(lines), site})
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			if len(docs) != len(want) {
				t.Fatalf("EachDoc read %d documents, the scan %d", len(docs), len(want))
			}
			seen := make(map[uint64]bool)
			count := make(map[uint64]int)
			for _, d := range docs {
				if d.site == "" || seen[index.SiteDocKey(d.site, d.text)] {
					continue
				}
				seen[index.SiteDocKey(d.site, d.text)] = true
				if (d.lines != nil) != (name == "WARC") {
					t.Fatalf("%s: page lines %v: want them for each HTML page only", name, d.lines != nil)
				}
				keys := d.lines
				if keys == nil {
					keys = index.SiteLineKeys(nil, d.site, d.text)
				}
				for _, k := range keys {
					count[k]++
				}
			}
			var furniture []uint64
			for k, n := range count {
				if n >= res.Boilerplate.MinDocs() {
					furniture = append(furniture, k)
				}
			}
			if len(furniture) < 10 || res.Boilerplate.Lines() != len(furniture) {
				t.Fatalf("%d furniture lines counted, the scan's model %d", len(furniture), res.Boilerplate.Lines())
			}
			ex, err := index.NewFeaturizer(cfg.Dedup)
			if err != nil {
				t.Fatal(err)
			}
			ex.SetBoilerplate(index.NewBoilerplateLines(res.Boilerplate.MinDocs(), furniture))
			ex.KeepHashes(true)
			var f index.Features
			for i, d := range docs {
				ex.Extract(d.text, d.site, &f)
				w := &want[i]
				if f.Sig.Card != w.Sig.Card || !slices.Equal(f.Bits.Words, w.Bits.Words) || !slices.Equal(f.Keys, w.Keys) ||
					!slices.Equal(f.Passages, w.Passages) || !slices.Equal(f.Lead, w.Lead) || !slices.Equal(f.Hashes, w.Hashes) {
					t.Fatalf("document %d: features differ from the scan's (len %d, scan %d; card %d, %d)", i, len(d.text), res.Docs[i].Len, f.Sig.Card, w.Sig.Card)
				}
			}
			t.Logf("%d documents, %d furniture lines", len(docs), len(furniture))
		})
	}
}
