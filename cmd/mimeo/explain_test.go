package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
)

func TestExplain(t *testing.T) {
	s := "../../testdata/sample/"
	res := runCLI(t, "", "explain", "--color", "always", s+"original.txt", s+"copy-branded.txt")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{"near-duplicates", "A inside B", "\033[32m  + ", "dailybaynews", "\033[31m  - wirecast"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, res.stdout)
		}
	}
	res = runCLI(t, "", "explain", "--json", s+"original.txt", s+"unrelated.txt")
	var out explainOut
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("%v: %s", err, res.stdout)
	}
	if out.Similarity > 0.1 || out.Estimated.Similarity > 0.1 || len(out.Segments) == 0 {
		t.Errorf("unrelated stories: %+v", out)
	}
	// The segments rebuild both token sequences.
	var a, b []string
	for _, seg := range out.Segments {
		words := strings.Fields(seg.Text)
		if seg.Op != "+" {
			a = append(a, words...)
		}
		if seg.Op != "-" {
			b = append(b, words...)
		}
	}
	if len(a) != out.TokensA || len(b) != out.TokensB {
		t.Errorf("segments hold %d and %d tokens, want %d and %d", len(a), len(b), out.TokensA, out.TokensB)
	}
	// Truncated copy: all of it is inside the original.
	res = runCLI(t, "", "explain", "--json", s+"copy-truncated.txt", s+"original.txt")
	json.Unmarshal([]byte(res.stdout), &out)
	if out.Containment < 0.95 || out.Contained > 0.6 {
		t.Errorf("truncated copy: A in B %.2f, B in A %.2f", out.Containment, out.Contained)
	}
	// Two documents of a JSONL input by id.
	res = runCLI(t, "", "explain", "--input", sampleNews, "doc-000087", "doc-000095")
	if res.code != 0 || !strings.Contains(res.stdout, "doc-000087 (") || !strings.Contains(res.stdout, "near-duplicates") {
		t.Errorf("by id: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if r := runCLI(t, "", "explain", "--input", sampleNews, "doc-000087", "nope"); r.code != 1 || !strings.Contains(r.stderr, `no document with id "nope"`) {
		t.Errorf("missing id: exit %d: %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "explain", s+"original.txt"); r.code != 2 {
		t.Errorf("one argument: exit %d", r.code)
	}
	if r := runCLI(t, "", "explain", s+"original.txt", s+"missing.txt"); r.code != 1 || !strings.Contains(r.stderr, "missing.txt") {
		t.Errorf("missing file: exit %d: %s", r.code, r.stderr)
	}
}

func TestExplainHTML(t *testing.T) {
	dir := t.TempDir()
	story, _ := os.ReadFile("../../testdata/sample/original.txt")
	page := "<html><head><title>Port</title><script>var x = 'tracking code';</script></head><body><nav><a href=/>Home</a> <a href=/n>News</a></nav><article>"
	for _, p := range strings.Split(string(story), "\n\n") {
		page += "<p>" + p + "</p>\n"
	}
	page += "</article><footer>Copyright 2026 Example</footer></body></html>"
	path := writeFile(t, filepath.Join(dir, "page.html"), []byte(page))
	res := runCLI(t, "", "explain", "--json", path, "../../testdata/sample/original.txt")
	var out explainOut
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("%v: %s %s", err, res.stdout, res.stderr)
	}
	// The page is reduced to its article: the same text, no markup.
	if out.Similarity < 0.9 || strings.Contains(res.stdout, "tracking") || strings.Contains(res.stdout, "href") {
		t.Errorf("HTML page against its text: %+v", out)
	}
}

// TestExplainAgreesWithScan: explain, given the input and the flags of a
// scan, calls every pair the scan verified a near-duplicate, with and
// without URLs (the site boilerplate learned from the input as scan learns
// it), and calls a pair of documents of different stories on one site's
// template apart.
func TestExplainAgreesWithScan(t *testing.T) {
	dir := t.TempDir()
	for i, c := range []*wire.Corpus{
		wire.GenerateSpam(wire.SpamConfig{Stories: 60, Seed: 11, NoURLs: true}),
		wire.Generate(wire.Config{Stories: 25, Seed: 12}),
	} {
		in := writeDocs(t, filepath.Join(dir, fmt.Sprintf("c%d.jsonl", i)), c, c.Docs)
		// Two stories on one site's template: apart.
		apart := 0
		for a := 0; a < len(c.Docs) && apart < 3; a++ {
			for b := a + 1; b < len(c.Docs) && apart < 3; b++ {
				da, db := c.Docs[a], c.Docs[b]
				if da.Site != db.Site || da.Label == db.Label || da.Kind.IsHardNegative() || db.Kind.IsHardNegative() {
					continue
				}
				apart++
				r := runCLI(t, "", "explain", "--json", "--input", in, da.ID, db.ID)
				var out explainOut
				json.Unmarshal([]byte(r.stdout), &out)
				if out.Match || r.code != 0 {
					t.Errorf("%s: two stories of %s called near-duplicates: %+v (exit %d: %s)", filepath.Base(in), da.Site, out.Estimated, r.code, r.stderr)
				}
			}
		}
		if apart == 0 {
			t.Fatal("no two stories on one site")
		}
		for _, flags := range [][]string{nil, {"--threshold", "0.4", "--containment", "0.6"}} {
			res := runCLI(t, "", append([]string{"scan", "-q", "--pairs"}, append(flags, in)...)...)
			if res.code != 0 {
				t.Fatal(res.stderr)
			}
			lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
			if len(lines) < 10 {
				t.Fatalf("only %d pairs", len(lines))
			}
			for k, line := range lines {
				if k%(len(lines)/8+1) != 0 {
					continue // a sample
				}
				var p pairOut
				json.Unmarshal([]byte(line), &p)
				r := runCLI(t, "", append([]string{"explain", "--json", "--input", in}, append(flags, p.A, p.B)...)...)
				var out explainOut
				if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
					t.Fatalf("%v: %s %s", err, r.stdout, r.stderr)
				}
				if !out.Match {
					t.Errorf("%s %v: scan paired %s and %s (%+v), explain does not: %+v", filepath.Base(in), flags, p.A, p.B, p, out.Estimated)
				}
			}
		}
	}
}

// TestExplainOpening checks that explain weighs a page's opening as scan
// does: a page of another story that carries a long paragraph of a story
// is mostly inside it, yet not a near-duplicate, and says why; a truncated
// copy under another site's dateline is.
func TestExplainOpening(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	sentence := func() string { return randomSentence(r, 14) }
	var paras []string
	for range 16 {
		paras = append(paras, sentence()+" "+sentence()+" "+sentence())
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	story := write("story.txt", "LINDALE (Wire) — "+strings.Join(paras, "\n"))
	for _, tc := range []struct {
		name, text string
		match      bool
	}{
		{"truncated.txt", "LINDALE, Brand (Copier) — " + strings.Join(paras[:3], "\n"), true},
		{"foreign.txt", "MARMOOR (Other) — " + sentence() + "\n" + strings.Join(paras[3:6], " "), false},
	} {
		res := runCLI(t, "", "explain", "--json", write(tc.name, tc.text), story)
		var out explainOut
		if err := json.Unmarshal([]byte(res.stdout), &out); err != nil || res.code != 0 {
			t.Fatalf("%s: exit %d: %v: %s", tc.name, res.code, err, res.stderr)
		}
		if out.Containment < 0.6 || out.Similarity >= 0.3 {
			t.Fatalf("%s: similarity %.2f, containment %.2f: not a containment case", tc.name, out.Similarity, out.Containment)
		}
		if out.Match != tc.match || out.OpeningAinB == nil || (*out.OpeningAinB >= 0.5) != tc.match {
			t.Errorf("%s: match %v, opening inside %v; want match %v", tc.name, out.Match, out.OpeningAinB, tc.match)
		}
		// --raw shows the whole texts compared, the verdict still scan's:
		// short lines that scan leaves out weigh in the whole texts only.
		var short []string
		for range 30 {
			short = append(short, randomSentence(r, 5))
		}
		noisy := write("noisy-"+tc.name, tc.text+"\n"+strings.Join(short, "\n"))
		out = explainOut{}
		if res := runCLI(t, "", "explain", "--json", noisy, story); json.Unmarshal([]byte(res.stdout), &out) != nil || res.code != 0 || out.Match != tc.match {
			t.Fatalf("%s with short lines: exit %d, match %v: %s", tc.name, res.code, out.Match, res.stderr)
		}
		raw := runCLI(t, "", "explain", "--json", "--raw", noisy, story)
		var rawOut explainOut
		if err := json.Unmarshal([]byte(raw.stdout), &rawOut); err != nil || raw.code != 0 {
			t.Fatalf("%s --raw: exit %d: %v: %s", tc.name, raw.code, err, raw.stderr)
		}
		if rawOut.Containment >= out.Containment-0.2 {
			t.Fatalf("%s --raw: containment %.2f against %.2f: the short lines do not weigh", tc.name, rawOut.Containment, out.Containment)
		}
		if rawOut.Match != out.Match || rawOut.DecidedOn != out.DecidedOn {
			t.Errorf("%s --raw: match %v on the %s; without: %v on the %s", tc.name, rawOut.Match, rawOut.DecidedOn, out.Match, out.DecidedOn)
		}
		// The text output shows the opening's share; --exact off decides
		// on the estimates and weighs no opening.
		text := runCLI(t, "", "explain", write(tc.name, tc.text), story)
		if want := fmt.Sprintf("A's opening inside B  %.3f", *out.OpeningAinB); text.code != 0 || !strings.Contains(text.stdout, want) {
			t.Errorf("%s: text output without %q:\n%s", tc.name, want, text.stdout)
		}
		var est explainOut
		if res := runCLI(t, "", "explain", "--json", "--exact", "off", write(tc.name, tc.text), story); json.Unmarshal([]byte(res.stdout), &est) != nil || res.code != 0 ||
			est.DecidedOn != "estimates" || est.OpeningAinB != nil {
			t.Errorf("%s --exact off: decided on %q, opening %v: %s", tc.name, est.DecidedOn, est.OpeningAinB, res.stderr)
		}
		scan := runCLI(t, "", "scan", "-q", "--pairs", write(tc.name+".jsonl", fmt.Sprintf("{\"id\":\"a\",\"text\":%q}\n{\"id\":\"b\",\"text\":%q}\n", tc.text, "LINDALE (Wire) — "+strings.Join(paras, "\n"))))
		if paired := strings.TrimSpace(scan.stdout) != ""; paired != tc.match {
			t.Errorf("%s: scan paired %v, explain %v", tc.name, paired, out.Match)
		}
	}
}
