package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/mimeo-dedup/mimeo/minhash"
	"github.com/mimeo-dedup/mimeo/shingle"
)

// aebDir is the Zyte article-extraction benchmark, relative to this package.
const aebDir = "../../../shared/data/article-extraction-benchmark"

// aebPage is one page of the benchmark and its human-checked article body.
type aebPage struct {
	id   string
	url  string
	html []byte
	body string
}

var aebOnce struct {
	sync.Once
	pages []aebPage
	err   error
}

// loadAEB reads the benchmark, or skips the test when it is absent.
func loadAEB(tb testing.TB) []aebPage {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(aebDir, "ground-truth.json")); err != nil {
		tb.Skipf("article-extraction benchmark not found at %s", aebDir)
	}
	aebOnce.Do(func() { aebOnce.pages, aebOnce.err = readAEB(aebDir) })
	if aebOnce.err != nil {
		tb.Fatal(aebOnce.err)
	}
	return aebOnce.pages
}

func readAEB(dir string) ([]aebPage, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([]aebPage, 0, len(ids))
	for _, id := range ids {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		pages = append(pages, aebPage{id: id, url: truth[id].URL, html: b, body: truth[id].ArticleBody})
	}
	return pages, nil
}

// quality is the agreement of an extraction with the true body, over word
// 5-gram shingles.
type quality struct {
	jaccard   float64 // |E∩B| / |E∪B|
	recall    float64 // |E∩B| / |B|: containment of the body in the extraction
	precision float64 // |E∩B| / |E|: containment of the extraction in the body
}

func measure(s *shingle.Shingler, got, want []byte) quality {
	g := s.AppendHashes(nil, got)
	w := s.AppendHashes(nil, want)
	return quality{
		jaccard:   minhash.ExactJaccard(g, w),
		recall:    minhash.ExactContainment(w, g),
		precision: minhash.ExactContainment(g, w),
	}
}

// dist summarises a sample: min, p10, p25, median, p75, mean.
type dist struct{ min, p10, p25, median, p75, mean float64 }

func summarise(xs []float64) dist {
	s := slices.Clone(xs)
	slices.Sort(s)
	q := func(p float64) float64 {
		// Linear interpolation between closest ranks.
		x := p * float64(len(s)-1)
		i := int(x)
		if i+1 >= len(s) {
			return s[len(s)-1]
		}
		return s[i] + (x-float64(i))*(s[i+1]-s[i])
	}
	var sum float64
	for _, x := range s {
		sum += x
	}
	return dist{s[0], q(0.10), q(0.25), q(0.5), q(0.75), sum / float64(len(s))}
}

func (d dist) String() string {
	return fmt.Sprintf("min %.3f  p10 %.3f  p25 %.3f  median %.3f  p75 %.3f  mean %.3f",
		d.min, d.p10, d.p25, d.median, d.p75, d.mean)
}

// medianJaccardFloor is what TestBenchmarkPages asserts for Auto; see the
// package report in the test log for the distribution.
const medianJaccardFloor = 0.9

// TestBenchmarkPages measures main-text quality against the human-checked
// bodies of the 181 pages of the Zyte article-extraction benchmark.
// Set MIMEO_EXTRACT_DUMP to a directory to write each extraction there.
func TestBenchmarkPages(t *testing.T) {
	pages := loadAEB(t)
	s, err := shingle.New(shingle.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dump := os.Getenv("MIMEO_EXTRACT_DUMP")
	for _, mode := range []Mode{Auto, All} {
		e := New(Options{Mode: mode})
		var jac, rec, prec []float64
		var out []byte
		type row struct {
			id string
			q  quality
		}
		var rows []row
		for _, p := range pages {
			out = e.AppendText(out[:0], p.html)
			q := measure(s, out, []byte(p.body))
			jac = append(jac, q.jaccard)
			rec = append(rec, q.recall)
			prec = append(prec, q.precision)
			rows = append(rows, row{p.id, q})
			if dump != "" && mode == Auto {
				name := filepath.Join(dump, p.id[:12])
				if err := os.WriteFile(name+".txt", out, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name+".want", []byte(p.body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		dj := summarise(jac)
		t.Logf("%s, %d pages, word 5-gram shingles against the true body:", mode, len(pages))
		t.Logf("  Jaccard                    %v", dj)
		t.Logf("  body in text (recall)      %v", summarise(rec))
		t.Logf("  text in body (precision)   %v", summarise(prec))
		if testing.Verbose() && mode == Auto {
			slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.id, b.id) })
			slices.SortStableFunc(rows, func(a, b row) int {
				switch {
				case a.q.jaccard < b.q.jaccard:
					return -1
				case a.q.jaccard > b.q.jaccard:
					return 1
				}
				return 0
			})
			var buf bytes.Buffer
			for _, r := range rows[:min(len(rows), 40)] {
				fmt.Fprintf(&buf, "  %s J %.3f R %.3f P %.3f\n", r.id[:12], r.q.jaccard, r.q.recall, r.q.precision)
			}
			t.Logf("worst pages:\n%s", buf.String())
		}
		if mode == Auto && dj.median < medianJaccardFloor {
			t.Errorf("median Jaccard %.3f < %.2f", dj.median, medianJaccardFloor)
		}
	}
}
