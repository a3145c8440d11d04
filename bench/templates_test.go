package bench

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/crawl"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/eval"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// TestTemplateExtraction: main-text extraction finds a story placed in
// each real template, whatever its length (issue #16). Set
// MIMEO_TEMPLATE_DUMP to a directory to write each template's worst
// extraction and its story there.
func TestTemplateExtraction(t *testing.T) {
	needShared(t)
	tpls, err := crawl.LoadTemplates(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	scores, err := TemplateExtraction(tpls, 11, 2, extract.Auto)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	WriteTemplateReport(&b, scores, 20)
	t.Logf("%d templates:\n%s", len(scores), b.String())
	if dir := os.Getenv("MIMEO_TEMPLATE_DUMP"); dir != "" {
		for _, s := range scores {
			name := filepath.Join(dir, s.Template[:12])
			if err := os.WriteFile(name+".txt", []byte(s.Worst), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name+".want", []byte(s.WorstStory), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Whole stories and truncated ones apart: a truncated copy is a
	// paragraph in a page of template text, which only a site model of
	// several pages removes.
	var all, mins, truncated []float64
	for _, s := range scores {
		per := len(s.Jaccard) / len(StoryLengths)
		worst := 2.0
		for i, j := range s.Jaccard {
			if StoryLengths[i/per] == "truncated" {
				truncated = append(truncated, j)
				continue
			}
			all = append(all, j)
			worst = min(worst, j)
		}
		mins = append(mins, worst)
	}
	qa, qm, qt := Quantiles(all, 0.1, 0.5), Quantiles(mins, 0.1, 0.5), Quantiles(truncated, 0.1, 0.25, 0.5)
	t.Logf("whole stories: p10 %.3f, median %.3f; each template's worst whole story: p10 %.3f, median %.3f; truncated: p10 %.3f, p25 %.3f, median %.3f",
		qa[0], qa[1], qm[0], qm[1], qt[0], qt[1], qt[2])
	if m := Quantiles(all, 0.5)[0]; m < 0.9 {
		t.Errorf("median Jaccard %.3f, want at least 0.9", m)
	}
	// The worst decile of templates (each by its worst whole story): 0.789
	// on 2026-12-04, 0.745 before the prose rule.
	if p := Quantiles(mins, 0.1)[0]; p < 0.77 {
		t.Errorf("p10 of the templates' worst Jaccard %.3f, want at least 0.77", p)
	}
	// Truncated copies: p25 0.725 on 2026-12-04 (with the generator's
	// svg titles left alone), 0.706 before the teasers of a "More in …"
	// list were told from the article, 0.571 before a short article where
	// the headline is stayed the article (and one with no prose yielded
	// to any with some).
	if q := Quantiles(truncated, 0.25, 0.5); q[0] < 0.7 || q[1] < 0.9 {
		t.Errorf("truncated copies: p25 %.3f, median %.3f; want at least 0.7 and 0.9", q[0], q[1])
	}
}

// writeCrawl writes a crawl as a WARC (a gzip member a record) in a
// temporary directory and returns its path and truth.
func writeCrawl(tb testing.TB, c *crawl.Crawl) (string, eval.Assignment, map[string]string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "crawl.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := c.WriteWARC(f, true); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	truth, kinds := eval.Assignment{}, map[string]string{}
	for _, p := range c.Pages {
		truth[c.RecordID(p)] = p.Label
		kinds[c.RecordID(p)] = p.Kind
	}
	return path, truth, kinds
}

// scanCrawl writes a crawl, scans it with the CLI's defaults and scores
// the clusters: the scores, recall by copy kind and the pages read.
func scanCrawl(t *testing.T, c *crawl.Crawl) (eval.Scores, []eval.KindScore, int) {
	t.Helper()
	path, truth, kinds := writeCrawl(t, c)
	ins, err := input.Expand([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), scan.Config{Inputs: ins, Boilerplate: true, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	pred := make(eval.Assignment)
	for i, cl := range res.Clusters {
		for _, m := range cl {
			pred[res.Docs[m].ID] = strconv.Itoa(i)
		}
	}
	return eval.Compare(truth, pred), eval.RecallByKind(truth, pred, kinds), len(res.Docs)
}

// TestVariedCrawl: with the CLI's defaults, a crawl in which every knob
// varies (crawl.VariedConfig, a seed not used while developing) clusters
// the copies of each story across real templates and never two stories
// of one template (issue #16; docs/EVALUATION.md has five seeds): F1 ≥
// 0.97, precision ≥ 0.99, every copy kind's recall ≥ 0.95 but truncated
// copies' (≥ 0.9 on this seed, the hardest measured). The same holds
// without URLs (WARC records without a target URI), where the site model
// knows a page's site from its markup (extract.Extractor.Site).
func TestVariedCrawl(t *testing.T) {
	needShared(t)
	c, err := crawl.Generate(crawl.VariedConfig(sharedData, 109))
	if err != nil {
		t.Fatal(err)
	}
	var withURLs float64
	for _, urls := range []bool{true, false} {
		name := "URLs"
		if !urls {
			name = "no URLs"
			for i := range c.Pages {
				c.Pages[i].URL = ""
			}
		}
		t.Run(name, func(t *testing.T) {
			s, byKind, read := scanCrawl(t, c)
			t.Logf("varied crawl, %d pages: %v", len(c.Pages), s)
			for _, k := range byKind {
				t.Logf("  %-10s %4d pages  recall %.3f", k.Kind, k.Docs, k.Recall)
				// 0.947 for truncated copies with URLs and without,
				// 0.99 for the others, on 2026-12-04 (seeds 101–105
				// and 201–205 reach 0.96–1.00 for truncated copies).
				floor := 0.95
				if k.Kind == "truncated" {
					floor = 0.9
				}
				if k.Recall < floor {
					t.Errorf("%s copies recalled at %.3f, want at least %.2f", k.Kind, k.Recall, floor)
				}
			}
			if read != len(c.Pages) || s.Precision < 0.99 || s.F1 < 0.97 {
				t.Errorf("%d of %d pages read, precision %.3f, F1 %.3f: want all, at least 0.99 and 0.97", read, len(c.Pages), s.Precision, s.F1)
			}
			// Without the pages' sites no model learns their furniture:
			// F1 0.986 here. Their markup names them nearly as their
			// URLs do.
			if urls {
				withURLs = s.F1
			} else if s.F1 < withURLs-0.003 {
				t.Errorf("F1 %.4f without URLs, %.4f with them: the pages' markup should name their sites", s.F1, withURLs)
			}
		})
	}
}

// BenchmarkScanTemplateCrawl scans the varied crawl of real templates
// (seed 1; about 190 KB of HTML a page) with the CLI's defaults, one
// worker.
func BenchmarkScanTemplateCrawl(b *testing.B) {
	if _, err := os.Stat(filepath.Join(sharedData, "README.md")); err != nil {
		b.Skip("../shared/data is absent")
	}
	cfg := crawl.VariedConfig(sharedData, 1)
	if testing.Short() {
		cfg.Stories = 40
	}
	c, err := crawl.Generate(cfg)
	if err != nil {
		b.Fatal(err)
	}
	path, _, _ := writeCrawl(b, c)
	ins, _ := input.Expand([]string{path})
	var html int64
	for _, p := range c.Pages {
		html += int64(len(p.HTML))
	}
	b.SetBytes(html)
	b.ReportAllocs()
	for b.Loop() {
		res, err := scan.Run(context.Background(), scan.Config{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Docs) != len(c.Pages) {
			b.Fatalf("%d pages, want %d", len(res.Docs), len(c.Pages))
		}
	}
	b.ReportMetric(float64(b.N*len(c.Pages))/b.Elapsed().Seconds(), "pages/s")
}

// TestVariedCrawlOnePageAtATime: a crawler that hands the library one HTML
// page at a time, in date order (index.Index.CheckAndAdd of Doc.HTML),
// loses no story and is told that nearly every later copy was seen, with
// URLs and without them (the pages' sites named by their markup): the
// answers of `scan --index` a page at a time (docs/EVALUATION.md: 0 lost,
// 99.1 % removed on seed 201).
func TestVariedCrawlOnePageAtATime(t *testing.T) {
	needShared(t)
	cfg := crawl.VariedConfig(sharedData, 110)
	cfg.Stories = 120
	c, err := crawl.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	pages := slices.Clone(c.Pages)
	slices.SortStableFunc(pages, func(a, b crawl.Page) int { return cmp.Compare(a.Date, b.Date) })
	var told [2][]bool // each page told seen, with URLs and without
	for u, urls := range []bool{true, false} {
		x, err := index.Create(t.TempDir(), index.Options{})
		if err != nil {
			t.Fatal(err)
		}
		kept := map[string]bool{} // stories with a page told new
		removed := 0
		for _, p := range pages {
			d := index.Doc{ID: c.RecordID(p), Date: p.Date, HTML: p.HTML}
			if urls {
				d.URL = p.URL
			}
			r, err := x.CheckAndAdd(context.Background(), d, index.CheckOptions{Add: index.AddAlways})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Seen) > 0 {
				removed++
			} else {
				kept[p.Label] = true
			}
			told[u] = append(told[u], len(r.Seen) > 0)
		}
		x.Close()
		stories := map[string]bool{}
		for _, p := range pages {
			stories[p.Label] = true
		}
		dups := len(pages) - len(stories)
		t.Logf("URLs %v: %d pages, %d stories: %d lost, %d of %d duplicates removed (%.1f %%)", urls, len(pages), len(stories), len(stories)-len(kept), removed, dups, 100*float64(removed)/float64(dups))
		if len(kept) != len(stories) || removed < dups*95/100 {
			t.Errorf("URLs %v: %d of %d stories lost, %d of %d duplicates removed: want none lost and 95 %% removed", urls, len(stories)-len(kept), len(stories), removed, dups)
		}
	}
	// The pages' markup names their sites nearly as their URLs' hosts do:
	// nearly the same answers, page for page (one page differs on
	// 2026-12-04: 4 of the 179 templates carry only relative references,
	// which name no site).
	differ := 0
	for i := range told[0] {
		if told[0][i] != told[1][i] {
			differ++
		}
	}
	if differ*100 > len(pages) {
		t.Errorf("without URLs, %d of %d pages answered otherwise than with them: want at most 1 %%", differ, len(pages))
	}
}
