package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/crawl"
	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

func TestMain(m *testing.M) { ptest.Main(m) }

// runScan runs the scan of cfg, one worker, and returns its configuration,
// result and clusters.
func runScan(t *testing.T, cfg Config) (scan.Config, *scan.Result, []scan.Cluster) {
	t.Helper()
	sc, err := cfg.scanConfig()
	if err != nil {
		t.Fatal(err)
	}
	sc.Jobs = 1
	res, err := scan.Run(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	clusters, err := scan.Clusters(res, cfg.Keep)
	if err != nil {
		t.Fatal(err)
	}
	return sc, res, clusters
}

// scanLines returns the clusters mimeo scan -o writes for cfg, as JSON
// lines: scan.Run, scan.Clusters and the members' scores, as the CLI's
// writer makes them.
func scanLines(t *testing.T, cfg Config) ([]string, *scan.Result) {
	t.Helper()
	_, res, clusters := runScan(t, cfg)
	var lines []string
	for i, c := range clusters {
		co := scan.ClusterJSON{Cluster: i + 1, Size: len(c.Members), Keep: res.Docs[c.Keep].ID, KeepSource: res.Docs[c.Keep].Source}
		for _, m := range c.Members {
			co.Members = append(co.Members, scan.Member(res.Dedup, &res.Docs[m], m, c.Keep))
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(co); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.TrimSuffix(b.String(), "\n"))
	}
	return lines, res
}

// writeInputs writes a corpus as JSONL in parts (a document's input and
// place in it make its number) and returns their paths.
func writeInputs(t *testing.T, c *wire.Corpus, parts int) []string {
	t.Helper()
	var b bytes.Buffer
	if err := c.WriteJSONL(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(b.String(), "\n")
	dir := t.TempDir()
	var paths []string
	for i := range parts {
		var part strings.Builder
		for j := i * len(lines) / parts; j < (i+1)*len(lines)/parts; j++ {
			part.WriteString(lines[j])
		}
		if i == parts-1 {
			part.WriteString("{a broken line\n") // skipped, and counted
		}
		p := filepath.Join(dir, string(rune('a'+i))+".jsonl")
		if err := os.WriteFile(p, []byte(part.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	ins, err := input.Expand(paths)
	if err != nil || len(ins) != parts {
		t.Fatal(err)
	}
	return paths
}

// writeWARC writes the documents as HTML pages in a WARC of one gzip
// member a record, and returns its path.
func writeWARC(t *testing.T, docs []wire.Doc) string {
	t.Helper()
	var b bytes.Buffer
	if err := bench.WriteWARCPages(&b, docs, 5); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "pages.warc.gz")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// equalsScan runs the pipeline on Prism over cfg and asserts the scan's
// output line for line.
func equalsScan(t *testing.T, cfg Config) {
	t.Helper()
	want, res := scanLines(t, cfg)
	if len(want) < 10 {
		t.Fatalf("the scan found %d clusters: too few to compare", len(want))
	}
	p, s := beam.NewPipelineWithRoot()
	lines, err := Build(s, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	assertLines(s, lines, want)
	pr, err := ptest.RunWithMetrics(p)
	if err != nil {
		t.Fatal(err)
	}
	// The counters say what the scan says.
	counters := map[string]int64{}
	for _, c := range pr.Metrics().AllMetrics().Counters() {
		if c.Namespace() == "mimeo" {
			counters[c.Name()] += c.Result()
		}
	}
	var skipped int64
	for _, n := range res.Skipped {
		skipped += n
	}
	for name, want := range map[string]int64{
		"docs_read": int64(len(res.Docs)), "docs_signed": int64(len(res.Docs)), "docs_skipped": skipped,
		"pairs_verified": int64(len(res.Dedup.Pairs())), "clusters": int64(len(want)),
		UnreadableCounter: int64(len(res.FileErrors)),
	} {
		if counters[name] != want {
			t.Errorf("counter %s: %d, want %d", name, counters[name], want)
		}
	}
	for reason, n := range res.Skipped {
		if c := counters[SkippedCounter(reason)]; c != n {
			t.Errorf("counter %s: %d, want %d", SkippedCounter(reason), c, n)
		}
	}
	if counters["candidates"] < counters["pairs_verified"] {
		t.Errorf("counters: %d candidates, %d pairs verified", counters["candidates"], counters["pairs_verified"])
	}
}

// assertLines asserts that lines holds exactly want, in any order.
func assertLines(s beam.Scope, lines beam.PCollection, want []string) {
	expected := make([]any, len(want))
	for i, w := range want {
		expected[i] = w
	}
	passert.Equals(s, lines, expected...)
}

// TestEqualsScanWARC: the same over WARC crawls of HTML pages, their main
// text extracted — generated pages, the same pages in an ARC file, and the wire stories placed into the
// real page templates of the article-extraction benchmark (when
// ../../../shared holds it), with URLs and without.
func TestEqualsScanWARC(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 40, Seed: 24})
	t.Run("pages", func(t *testing.T) {
		equalsScan(t, Config{Inputs: []string{writeWARC(t, c.Docs)}, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest})
	})
	t.Run("arc", func(t *testing.T) {
		// The same pages as HTTP captures in an ARC file.
		var b bytes.Buffer
		rec := func(url, ctype, content string) {
			fmt.Fprintf(&b, "%s 10.1.2.3 20240102030405 %s %d\n%s\n", url, ctype, len(content), content)
		}
		rec("filedesc://pages.arc", "text/plain", "1 0 mimeo\nURL IP-address Archive-date Content-type Archive-length\n")
		for _, d := range c.Docs {
			html := "<html><body><article><p>" + strings.ReplaceAll(d.Text, "\n", "</p><p>") + "</p></article></body></html>"
			rec(d.URL, "text/html", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+html)
		}
		p := filepath.Join(t.TempDir(), "pages.arc")
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		equalsScan(t, Config{Inputs: []string{p}, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest})
	})
	t.Run("real templates", func(t *testing.T) {
		data := filepath.Join("..", "..", "..", "shared", "data")
		if _, err := os.Stat(filepath.Join(data, "article-extraction-benchmark")); err != nil {
			t.Skip("../shared/data/article-extraction-benchmark is absent")
		}
		cfg := crawl.DefaultConfig(data)
		cfg.Stories, cfg.Seed = 40, 25
		cr, err := crawl.Generate(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, urls := range []bool{true, false} {
			if !urls {
				// Records without a target URI: each page's site is
				// what its markup names.
				for i := range cr.Pages {
					cr.Pages[i].URL = ""
				}
			}
			var b bytes.Buffer
			if err := cr.WriteWARC(&b, true); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "crawl.warc.gz")
			if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			equalsScan(t, Config{Inputs: []string{p}, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest})
		}
	})
}

// TestEqualsScan: on the same inputs and flags, the pipeline on Prism
// writes the clusters mimeo scan writes, line for line — the wire
// benchmark, spam-site pages without URLs, and with URLs and half the
// pages undated; in one input and in three.
func TestEqualsScan(t *testing.T) {
	cases := []struct {
		name   string
		corpus *wire.Corpus
		parts  int
		keep   string
	}{
		{"wire", wire.Generate(wire.Config{Stories: 60, Seed: 21}), 3, scan.KeepEarliest},
		{"spam, no URLs", wire.GenerateSpam(wire.SpamConfig{Stories: 80, Seed: 22, NoURLs: true}), 1, scan.KeepEarliest},
		{"spam, URLs, undated", wire.GenerateSpam(wire.SpamConfig{Stories: 80, Seed: 23, UndatedRate: 0.5}), 2, scan.KeepLongest},
	}
	// And with other flags: --exact off; --passages off and
	// --boilerplate off; --threshold 0.5 --containment 0; --keep first.
	c := wire.Generate(wire.Config{Stories: 50, Seed: 27})
	for _, v := range []struct {
		name string
		set  func(*Config)
	}{
		{"exact off", func(c *Config) { c.Exact = false }},
		{"passages and boilerplate off", func(c *Config) { c.Dedup.Passages, c.Boilerplate = -1, false }},
		{"threshold 0.5, containment off", func(c *Config) { c.Dedup.Jaccard, c.Dedup.Containment = 0.5, -1 }},
		{"keep first", func(c *Config) { c.Keep = scan.KeepFirst }},
	} {
		t.Run(v.name, func(t *testing.T) {
			cfg := Config{Inputs: writeInputs(t, c, 2), Boilerplate: true, Exact: true, Keep: scan.KeepEarliest}
			v.set(&cfg)
			equalsScan(t, cfg)
		})
	}
	// An input cut short (a gzip file truncated): its records before the
	// damage are used, as the scan uses them, and it is counted.
	t.Run("input cut short", func(t *testing.T) {
		paths := writeInputs(t, c, 2)
		data, err := os.ReadFile(paths[1])
		if err != nil {
			t.Fatal(err)
		}
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		cut := filepath.Join(t.TempDir(), "cut.jsonl.gz")
		if err := os.WriteFile(cut, z.Bytes()[:z.Len()*2/3], 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := Config{Inputs: []string{paths[0], cut}, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest}
		if _, res, _ := runScan(t, cfg); len(res.FileErrors) != 1 {
			t.Fatalf("the scan reports %d unreadable inputs, want 1", len(res.FileErrors))
		}
		equalsScan(t, cfg)
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			equalsScan(t, Config{
				Inputs: writeInputs(t, c.corpus, c.parts), Boilerplate: true, Exact: true,
				Dedup: index.Options{}, Keep: c.keep,
			})
		})
	}
}

// TestDedupEqualsScan: the deduplicated records the pipeline writes, one
// file an input, are those mimeo scan --dedup-output writes for that
// input, byte for byte — JSONL in two inputs, and a WARC of HTML pages
// (its records that are not pages kept, those of a dropped capture not).
func TestDedupEqualsScan(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 40, Seed: 26})
	for name, paths := range map[string][]string{
		"jsonl": writeInputs(t, c, 2),
		"warc":  {writeWARC(t, c.Docs)},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := Config{Inputs: paths, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest}
			sc, res, clusters := runScan(t, cfg)
			dup := scan.Duplicates(len(res.Docs), res.Dedup, clusters)
			dropped := 0
			for _, d := range dup {
				if d {
					dropped++
				}
			}
			if dropped < 20 {
				t.Fatalf("the scan drops %d documents: too few to compare", dropped)
			}
			dir := t.TempDir()
			p, s := beam.NewPipelineWithRoot()
			if _, err := Build(s, cfg, dir); err != nil {
				t.Fatal(err)
			}
			if err := ptest.Run(p); err != nil {
				t.Fatal(err)
			}
			var first int64
			for i, in := range sc.Inputs {
				var want bytes.Buffer
				_, n, err := scan.WriteDeduped(context.Background(), &want, sc, i, res.Digests[i], func(k int64) (bool, error) { return dup[first+k], nil })
				if err != nil {
					t.Fatal(err)
				}
				first += n
				got, err := os.ReadFile(filepath.Join(dir, DedupName(i, in.Path, in.Format)))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want.Bytes()) {
					t.Errorf("input %d: %d bytes written, the scan writes %d", i, len(got), want.Len())
				}
			}
		})
	}
}

// TestComponents: every linked document is labelled by the least document
// of its component — chains far longer than the rounds' reach (left to the
// union-find), a chain numbered from its middle, stars, a pair — and links
// that do not link (a pair decided exactly with nothing shared) join
// nothing.
func TestComponents(t *testing.T) {
	var links []Link
	want := map[uint64]uint64{}
	link := func(a, b uint64) {
		links = append(links, Link{A: min(a, b), B: max(a, b), Edge: a%2 == 0, Quote: a%2 == 1})
	}
	for i := uint64(100); i < 160; i++ { // a chain of 61
		link(i, i+1)
	}
	for i := uint64(100); i <= 160; i++ {
		want[i] = 100
	}
	for i := uint64(0); i < 40; i++ { // a chain from its middle outwards: 1000, 1040, 999, 1041, …
		link(1000-i, 1040+i)
		link(1040+i, 999-i)
		want[1000-i], want[1040+i], want[999-i] = 960, 960, 960
	}
	for i := uint64(1); i <= 30; i++ { // a star
		link(500, 500+i)
		want[500+i] = 500
	}
	want[500] = 500
	link(7, 9)
	want[7], want[9] = 7, 7
	links = append(links, Link{A: 3, B: 4, Exact: true}) // no link
	p, s := beam.NewPipelineWithRoot()
	got := beam.ParDo(s, formatLabel, Components(s, beam.CreateList(s, links)))
	var expected []any
	for d, c := range want {
		expected = append(expected, formatLabel(d, c))
	}
	passert.Equals(s, got, expected...)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
}

func formatLabel(doc, comp uint64) string { return fmt.Sprintf("%d:%d", doc, comp) }

func init() { register.Function2x1(formatLabel) }

// TestEqualsScanRemote: inputs on a Beam file system (memfs here; gs://
// and s3:// alike), a JSONL file and a gzipped one, read through it, give
// the clusters the scan gives of the same files on disk (their sources
// named by the remote paths), and the deduplicated records of each.
func TestEqualsScanRemote(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 40, Seed: 28})
	local := writeInputs(t, c, 2)
	var remote []string
	for i, p := range local {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("memfs://crawl/%c.jsonl", 'a'+i)
		if i == 1 {
			var z bytes.Buffer
			zw := gzip.NewWriter(&z)
			zw.Write(data)
			zw.Close()
			data, name = z.Bytes(), name+".gz"
		}
		memfs.Write(name, data)
		remote = append(remote, name)
	}
	want, _ := scanLines(t, Config{Inputs: local, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest})
	for i := range want {
		for j, p := range local {
			want[i] = strings.ReplaceAll(want[i], `"`+p+`:`, `"`+remote[j]+`:`)
		}
	}
	cfg := Config{Inputs: remote, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest}
	dir := "memfs://out/dedup" // the deduplicated records go to the file system too
	p, s := beam.NewPipelineWithRoot()
	lines, err := Build(s, cfg, dir)
	if err != nil {
		t.Fatal(err)
	}
	assertLines(s, lines, want)
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	sc, err := cfg.scanConfig()
	if err != nil {
		t.Fatal(err)
	}
	// The deduplicated records: those the scan writes of the local files.
	lsc, res, clusters := runScan(t, Config{Inputs: local, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest})
	dup := scan.Duplicates(len(res.Docs), res.Dedup, clusters)
	var first int64
	for i, in := range sc.Inputs {
		var wantDedup bytes.Buffer
		_, n, err := scan.WriteDeduped(context.Background(), &wantDedup, lsc, i, res.Digests[i], func(k int64) (bool, error) { return dup[first+k], nil })
		if err != nil {
			t.Fatal(err)
		}
		first += n
		var got []byte
		rc, err := memfs.New(context.Background()).OpenRead(context.Background(), dir+"/"+DedupName(i, in.Path, in.Format))
		if err == nil {
			got, err = io.ReadAll(rc)
			rc.Close()
		}
		if err != nil || !bytes.Equal(got, wantDedup.Bytes()) || wantDedup.Len() == 0 {
			t.Errorf("dedup output of %s: %d bytes (%v), the scan's of the local file %d", in.Path, len(got), err, wantDedup.Len())
		}
	}
	if _, err := (Config{Inputs: []string{"memfs://crawl/missing.jsonl"}}).scanConfig(); err != nil {
		t.Fatalf("a remote input is described without being opened: %v", err)
	}
}
