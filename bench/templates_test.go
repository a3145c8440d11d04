package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/crawl"
	"github.com/mimeo-dedup/mimeo/internal/extract"
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
			os.WriteFile(name+".txt", []byte(s.Worst), 0o644)
			os.WriteFile(name+".want", []byte(s.WorstStory), 0o644)
		}
	}
	var all, mins []float64
	for _, s := range scores {
		all = append(all, s.Jaccard...)
		mins = append(mins, s.MinJaccard)
	}
	if m := Quantiles(all, 0.5)[0]; m < 0.9 {
		t.Errorf("median Jaccard %.3f, want at least 0.9", m)
	}
}
