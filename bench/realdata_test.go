package bench

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/crawl"
	"github.com/mimeo-dedup/mimeo/internal/eval"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// sharedData is the third-party data beside the repository; tests that
// need it skip when it is absent (a user's clone has none).
const sharedData = "../../shared/data"

func needShared(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, "README.md")); err != nil {
		t.Skip("../shared/data is absent")
	}
}

// scanDocs writes docs as JSONL, scans them with the default settings and
// scores the clusters against the documents' labels.
func scanDocs(t *testing.T, docs []RealDoc) eval.Scores {
	t.Helper()
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	truth := make(eval.Assignment)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		truth[d.ID] = d.Label
	}
	f.Close()
	ins, err := input.Expand([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), scan.Config{Inputs: ins, Boilerplate: true})
	if err != nil {
		t.Fatal(err)
	}
	pred := make(eval.Assignment)
	for i, c := range res.Clusters {
		for _, m := range c {
			pred[res.Docs[m].ID] = strconv.Itoa(i)
		}
	}
	return eval.Compare(truth, pred)
}

// TestArticleExtractionPairs: each real page must be clustered with its
// own clean article body (docs/EVALUATION.md records the full figures).
func TestArticleExtractionPairs(t *testing.T) {
	needShared(t)
	docs, err := LoadAEB(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 362 {
		t.Fatalf("%d documents, want 362", len(docs))
	}
	s := scanDocs(t, docs)
	t.Logf("article extraction benchmark: %v", s)
	if s.Recall < 0.88 || s.Precision < 0.85 {
		t.Errorf("precision %.3f, recall %.3f: want at least 0.85 and 0.88", s.Precision, s.Recall)
	}
}

// TestBBCExactDuplicates: every exact duplicate of BBC News is found.
func TestBBCExactDuplicates(t *testing.T) {
	needShared(t)
	docs, err := LoadBBC(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	s := scanDocs(t, docs)
	t.Logf("BBC: %v", s)
	if s.Recall != 1 || s.TruePositives != 98 {
		t.Errorf("exact-duplicate recall %.3f (%d pairs), want 1 (98 pairs)", s.Recall, s.TruePositives)
	}
}

// TestTemplateCrawl: the same story in the real templates of several sites
// clusters, different stories in one template do not (bench/crawl). It
// scans with the CLI's defaults (the exact pass on), as TestVariedCrawl.
func TestTemplateCrawl(t *testing.T) {
	needShared(t)
	c, err := crawl.Generate(crawl.DefaultConfig(sharedData))
	if err != nil {
		t.Fatal(err)
	}
	s, _, read := scanCrawl(t, c)
	t.Logf("template crawl: %v", s)
	if read != len(c.Pages) || s.F1 < 0.95 {
		t.Errorf("%d of %d pages read, F1 %.3f: want all and at least 0.95", read, len(c.Pages), s.F1)
	}
}
