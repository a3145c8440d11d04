package crawl

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const shared = "../../../shared/data"

func TestGenerate(t *testing.T) {
	if _, err := os.Stat(shared + "/article-extraction-benchmark"); err != nil {
		t.Skip("../shared/data is absent")
	}
	cfg := DefaultConfig(shared)
	cfg.Stories = 20
	c, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.Templates < 100 {
		t.Errorf("only %d usable templates of 181", c.Templates)
	}
	if len(c.Pages) != 20*cfg.Copies {
		t.Errorf("%d pages, want %d", len(c.Pages), 20*cfg.Copies)
	}
	kinds := map[string]int{}
	byLabel := map[string][]Page{}
	for _, p := range c.Pages {
		kinds[p.Kind]++
		byLabel[p.Label] = append(byLabel[p.Label], p)
		if !bytes.Contains(p.HTML, []byte("</p>\n<p>")) && p.Kind != "truncated" {
			t.Errorf("%s: the story was not placed in template %s", p.ID, p.Template)
		}
	}
	for _, k := range []string{"copy", "branded", "truncated"} {
		if kinds[k] == 0 {
			t.Errorf("no %s pages: %v", k, kinds)
		}
	}
	for label, ps := range byLabel {
		hosts := map[string]bool{}
		for _, p := range ps {
			h := strings.Split(p.URL, "/")[2]
			if hosts[h] {
				t.Errorf("%s: two copies on %s", label, h)
			}
			hosts[h] = true
		}
	}
	var warc, truth bytes.Buffer
	if err := c.WriteWARC(&warc, true); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteTruth(&truth); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(truth.String(), "\n"); n != len(c.Pages) {
		t.Errorf("%d truth lines", n)
	}
	// Deterministic.
	c2, _ := Generate(cfg)
	if !bytes.Equal(c2.Pages[3].HTML, c.Pages[3].HTML) {
		t.Error("same config, different pages")
	}
}
