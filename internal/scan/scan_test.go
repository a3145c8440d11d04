package scan

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

// corpus writes a small labelled corpus split into three files, with one
// malformed line, and returns the inputs.
func corpus(t *testing.T) []input.Input {
	t.Helper()
	c := wire.Generate(wire.Config{Stories: 30, Seed: 3})
	var b bytes.Buffer
	if err := c.WriteJSONL(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(b.String(), "\n")
	dir := t.TempDir()
	var paths []string
	for i := range 3 {
		var part strings.Builder
		for j := i; j < len(lines); j += 3 {
			part.WriteString(lines[j])
		}
		if i == 1 {
			part.WriteString("{broken\n")
		}
		p := filepath.Join(dir, string(rune('a'+i))+".jsonl")
		if err := os.WriteFile(p, []byte(part.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	ins, err := input.Expand(paths)
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

type outcome struct {
	ids      []string
	clusters [][]uint32
	skipped  map[string]int64
	records  int64
}

func run(t *testing.T, cfg Config) outcome {
	t.Helper()
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	o := outcome{clusters: res.Clusters, skipped: res.Skipped, records: res.Records}
	for _, d := range res.Docs {
		o.ids = append(o.ids, d.ID)
	}
	return o
}

func TestRunIndependentOfJobsAndCache(t *testing.T) {
	ins := corpus(t)
	var want outcome
	for i, cfg := range []Config{
		{Jobs: 1, Boilerplate: true},
		{Jobs: 4, Boilerplate: true},
		{Jobs: 2, Boilerplate: true, CacheBytes: -1},     // read twice
		{Jobs: 1, Boilerplate: true, CacheBytes: 50_000}, // the cache overflows
		{Jobs: 3, Boilerplate: true, CacheBytes: 50_000},
	} {
		cfg.Inputs = ins
		var warned []string
		cfg.Warn = func(err error) { warned = append(warned, err.Error()) }
		got := run(t, cfg)
		if len(warned) != 1 || !strings.Contains(warned[0], "b.jsonl:") {
			t.Errorf("config %d: warnings %q, want the one malformed line", i, warned)
		}
		if i == 0 {
			want = got
			if len(want.clusters) < 10 || want.skipped["malformed JSON"] != 1 {
				t.Fatalf("%d clusters, skipped %v", len(want.clusters), want.skipped)
			}
			continue
		}
		if !slices.Equal(got.ids, want.ids) || !slices.EqualFunc(got.clusters, want.clusters, slices.Equal) ||
			got.records != want.records || got.skipped["malformed JSON"] != 1 {
			t.Errorf("config %d (%+v) differs from -j 1", i, cfg)
		}
	}
	// Without the boilerplate pass the documents are the same, the
	// clusters may differ.
	got := run(t, Config{Inputs: ins, Jobs: 2})
	if !slices.Equal(got.ids, want.ids) {
		t.Error("documents differ without the boilerplate pass")
	}
}

func TestRunStrict(t *testing.T) {
	ins := corpus(t)
	for _, bp := range []bool{false, true} {
		_, err := Run(context.Background(), Config{Inputs: ins, Strict: true, Boilerplate: bp, Jobs: 2})
		var re *input.RecordError
		if !errors.As(err, &re) || re.Reason != input.ReasonMalformedJSON {
			t.Errorf("boilerplate %v: strict error %v, want the malformed record", bp, err)
		}
	}
}

func TestRunCancel(t *testing.T) {
	ins := corpus(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, jobs := range []int{1, 2} {
		if _, err := Run(ctx, Config{Inputs: ins, Jobs: jobs, Boilerplate: true}); !errors.Is(err, context.Canceled) {
			t.Errorf("-j %d: canceled run returned %v", jobs, err)
		}
	}
}

func TestSpool(t *testing.T) {
	dir := t.TempDir()
	open, cleanup, err := Spool(context.Background(), strings.NewReader("line one\nline two\n"), dir, 18)
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 && runtime.GOOS != "windows" {
		// Unlinked at once: a killed process leaves nothing behind.
		t.Errorf("the spool has a name while in use: %v", entries)
	}
	for range 2 {
		r, err := open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		if string(b) != "line one\nline two\n" {
			t.Errorf("spooled %q", b)
		}
	}
	cleanup()
	if _, err := open(); err == nil {
		t.Error("spool still readable after cleanup")
	}
	// Over the limit, or canceled: an error, and no file left.
	if _, _, err := Spool(context.Background(), strings.NewReader("line one\nline two\n"), dir, 17); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("over the limit: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Spool(ctx, strings.NewReader("x"), dir, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
}

// TestRunVisit checks that Visit sees every document in input order with
// its features, with and without the in-memory search.
func TestRunVisit(t *testing.T) {
	ins := corpus(t)
	want := run(t, Config{Inputs: ins, Jobs: 1, Boilerplate: true})
	for _, noDedup := range []bool{false, true} {
		var ids []string
		var nums []uint32
		cfg := Config{Inputs: ins, Jobs: 3, Boilerplate: true, NoDedup: noDedup}
		cfg.Visit = func(num uint32, d *Doc, f *index.Features) error {
			if len(f.Keys) == 0 || f.Sig.Card == 0 {
				t.Errorf("document %d (%s) has no features", num, d.ID)
			}
			ids = append(ids, d.ID)
			nums = append(nums, num)
			return nil
		}
		res, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids, want.ids) {
			t.Fatalf("NoDedup %v: Visit saw other documents", noDedup)
		}
		for i, n := range nums {
			if n != uint32(i) {
				t.Fatalf("NoDedup %v: document %d numbered %d", noDedup, i, n)
			}
		}
		if noDedup != (res.Dedup == nil) || noDedup != (len(res.Docs) == 0) || noDedup != (res.Clusters == nil) {
			t.Fatalf("NoDedup %v: Dedup %v, %d docs, %d clusters", noDedup, res.Dedup != nil, len(res.Docs), len(res.Clusters))
		}
	}
	stop := errors.New("stop")
	_, err := Run(context.Background(), Config{Inputs: ins, Jobs: 2, Visit: func(uint32, *Doc, *index.Features) error { return stop }})
	if !errors.Is(err, stop) {
		t.Fatalf("a Visit error: %v", err)
	}
}

// TestExactSameEveryWay: the exact pass decides the same pairs whether the
// documents' sets stay in memory, go to a temporary file or some of each,
// the texts come from the boilerplate pass's cache or from reading the
// inputs again, with one worker or several, and it changes some decisions.
func TestExactSameEveryWay(t *testing.T) {
	ins := corpus(t)
	want := run(t, Config{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true})
	for _, cfg := range []Config{
		{Inputs: ins, Jobs: 3, Boilerplate: true, Exact: true},
		{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true, CacheBytes: -1},
		{Inputs: ins, Jobs: 2, Boilerplate: true, Exact: true, CacheBytes: -1},
		// Some documents' sets in memory, the others' in the file.
		{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true, CacheBytes: 1 << 16},
		{Inputs: ins, Jobs: 2, Boilerplate: true, Exact: true, CacheBytes: 1 << 17},
	} {
		cfg.TempDir = t.TempDir()
		res, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case cfg.CacheBytes == 0 && (res.SetBytes == 0 || res.SetSpilled != 0),
			cfg.CacheBytes < 0 && (res.SetBytes != 0 || res.SetSpilled == 0),
			cfg.CacheBytes > 0 && (res.SetBytes == 0 || res.SetSpilled == 0 || res.SetBytes > cfg.CacheBytes):
			t.Errorf("-j %d, cache %d: %d bytes of sets in memory, %d on disk", cfg.Jobs, cfg.CacheBytes, res.SetBytes, res.SetSpilled)
		}
		if left, err := os.ReadDir(cfg.TempDir); err != nil || len(left) > 0 {
			t.Errorf("-j %d, cache %d: left %v in the temporary directory (%v)", cfg.Jobs, cfg.CacheBytes, left, err)
		}
		got := run(t, cfg)
		if !slices.EqualFunc(got.clusters, want.clusters, slices.Equal) {
			t.Errorf("-j %d, cache %d: clusters differ", cfg.Jobs, cfg.CacheBytes)
		}
	}
	res, err := Run(context.Background(), Config{Inputs: ins, Boilerplate: true, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Undecided == 0 {
		t.Error("no pair was decided on exact values")
	}
	for _, p := range res.Dedup.Pairs() {
		if !res.Dedup.Options().Near(p.Match, res.Dedup.Card(p.A), res.Dedup.Card(p.B)) {
			t.Errorf("pair %d-%d does not match: %+v", p.A, p.B, p.Match)
		}
	}
}

// TestOracle: the oracle decides on exact values every pair that shares a
// shingle, so it finds at least the pairs the exact pass does.
func TestOracle(t *testing.T) {
	ins := corpus(t)
	exact, err := Run(context.Background(), Config{Inputs: ins, Boilerplate: true, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	oracle, err := Run(context.Background(), Config{Inputs: ins, Boilerplate: true, Oracle: true})
	if err != nil {
		t.Fatal(err)
	}
	have := map[[2]uint32]bool{}
	for _, p := range oracle.Dedup.Pairs() {
		have[[2]uint32{p.A, p.B}] = true
	}
	missing := 0
	for _, p := range exact.Dedup.Pairs() {
		if !have[[2]uint32{p.A, p.B}] {
			missing++
		}
	}
	// Pairs decided on estimates (outside the uncertain band) may still
	// fail on exact values: a few, not many.
	if len(oracle.Dedup.Pairs()) < len(exact.Dedup.Pairs()) || missing*50 > len(exact.Dedup.Pairs()) {
		t.Errorf("oracle %d pairs, exact pass %d, of which %d not in the oracle", len(oracle.Dedup.Pairs()), len(exact.Dedup.Pairs()), missing)
	}
}

// htmlCorpus writes half of a small labelled corpus as HTML files (pages
// of one template: navigation, the article, a footer) and the other half
// as JSONL, so that batches hold HTML pages and texts side by side.
func htmlCorpus(t *testing.T) []input.Input {
	t.Helper()
	c := wire.Generate(wire.Config{Stories: 24, Seed: 7})
	dir := t.TempDir()
	var jsonl wire.Corpus
	for i, d := range c.Docs {
		if i%2 == 1 {
			jsonl.Docs = append(jsonl.Docs, d)
			continue
		}
		var page strings.Builder
		page.WriteString(`<html><head><title>A story</title><script>var x = "` + strings.Repeat("tracking ", 300) + `";</script>` +
			`<style>p { margin: 0 }</style></head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav><article>`)
		for _, block := range strings.Split(d.Text, "\n\n") {
			page.WriteString("<p>" + html.EscapeString(block) + "</p>\n")
		}
		page.WriteString(`</article><footer>© The Example Gazette. All rights reserved.</footer></body></html>`)
		if err := os.WriteFile(filepath.Join(dir, d.ID+".html"), []byte(page.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeJSONL(t, filepath.Join(dir, "texts.jsonl"), &jsonl)
	ins, err := input.Expand([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

// TestHTMLSameEveryWay: HTML pages reduced to their text as they are read
// (one worker) or by the workers (several), cached or read twice, give the
// same documents and clusters, beside texts in the same batches.
func TestHTMLSameEveryWay(t *testing.T) {
	ins := htmlCorpus(t)
	var want outcome
	for i, cfg := range []Config{
		{Jobs: 1, Boilerplate: true, Exact: true},
		{Jobs: 3, Boilerplate: true, Exact: true},
		{Jobs: 1, Boilerplate: true, Exact: true, CacheBytes: -1},
		{Jobs: 1, Boilerplate: true, Exact: true, CacheBytes: 40_000},
		{Jobs: 2, Boilerplate: true, Exact: true, CacheBytes: 40_000},
	} {
		cfg.Inputs = ins
		got := run(t, cfg)
		if i == 0 {
			want = got
			if len(want.ids) < 40 || len(want.clusters) < 10 {
				t.Fatalf("%d documents, %d clusters", len(want.ids), len(want.clusters))
			}
			continue
		}
		if !slices.Equal(got.ids, want.ids) || !slices.EqualFunc(got.clusters, want.clusters, slices.Equal) || got.records != want.records {
			t.Errorf("config %d (-j %d, cache %d) differs from -j 1", i, cfg.Jobs, cfg.CacheBytes)
		}
	}
	// Without the boilerplate pass, one worker extracts as it reads in the
	// only pass.
	one := run(t, Config{Inputs: ins, Jobs: 1, Exact: true})
	three := run(t, Config{Inputs: ins, Jobs: 3, Exact: true})
	if !slices.Equal(one.ids, three.ids) || !slices.EqualFunc(one.clusters, three.clusters, slices.Equal) || len(one.clusters) < 10 {
		t.Errorf("without the boilerplate pass: %d clusters with -j 1, %d with -j 3, not the same", len(one.clusters), len(three.clusters))
	}
}

// TestCacheCost: a batch kept for the second pass holds the texts of its
// pages, not their HTML, beside a text record's text, and no room to
// spare.
func TestCacheCost(t *testing.T) {
	page := []byte("<html><body><nav><a href=/>Home</a></nav><p>" + strings.Repeat("A sentence of the story, and more of it. ", 40) + "</p>" +
		"<script>" + strings.Repeat("var tracking = 1;", 2000) + "</script></body></html>")
	w := &worker{page: extract.New(extract.Options{}), mode: ExtractAuto}
	for _, withText := range []bool{false, true} {
		b := &batch{}
		for range 4 {
			b.buf = append(b.buf, page...)
			b.recs = append(b.recs, record{html: true, doc: Doc{Len: len(page)}})
		}
		if withText {
			b.buf = append(b.buf, "a text record"...)
			b.recs = append(b.recs, record{doc: Doc{Len: len("a text record")}})
		}
		fixTexts(b)
		w.prepare(b)
		cost := b.cacheCost()
		if withText {
			if cap(b.buf) != len("a text record") || cost > int64(len(page)) || string(b.recs[4].text) != "a text record" {
				t.Errorf("with a text record: buf of %d bytes kept, cost %d", cap(b.buf), cost)
			}
		} else if b.buf != nil || cost > int64(len(page)) {
			t.Errorf("pages only: buf kept %v, cost %d for %d bytes of HTML", b.buf != nil, cost, 4*len(page))
		}
		for i := range b.recs[:4] {
			if !bytes.Contains(b.recs[i].text, []byte("A sentence of the story")) {
				t.Errorf("page %d's text: %q", i, b.recs[i].text)
			}
		}
	}
}
