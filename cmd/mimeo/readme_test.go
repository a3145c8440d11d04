package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/wire"
)

// readmeBlocks returns the README's fenced code blocks of a language.
func readmeBlocks(t *testing.T, lang string) []string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, part := range strings.Split(string(data), "```"+lang+"\n")[1:] {
		end := strings.Index(part, "```")
		if end < 0 {
			t.Fatalf("an unclosed %s block", lang)
		}
		blocks = append(blocks, part[:end])
	}
	return blocks
}

// TestREADMEExamples runs every mimeo command of the README's shell
// blocks: those of the quick start in the repository, the others on a
// crawl laid out as they name it. A command the test does not know how to
// run fails it, so that a new example is not left untested.
func TestREADMEExamples(t *testing.T) {
	fixture := t.TempDir()
	c := wire.Generate(wire.Config{Stories: 6, Seed: 11})
	n := len(c.Docs)
	writeDocs(t, filepath.Join(fixture, "crawl", "2025-05", "a.jsonl"), c, c.Docs[:n/3])
	writeDocs(t, filepath.Join(fixture, "today.jsonl"), c, c.Docs[2*n/3:])
	var warc bytes.Buffer
	if err := bench.WriteWARCPages(&warc, c.Docs[n/3:2*n/3], 3); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(fixture, "crawl", "2025-06-01.warc.gz"), warc.Bytes())
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlocks(t, "sh")
	t.Chdir(fixture)

	ran := 0
	for _, block := range blocks {
		for _, line := range strings.Split(block, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			words := strings.Fields(line)
			var args []string
			switch {
			case line == "go test ./...": // this very run
				continue
			case strings.HasPrefix(line, "go install ") || strings.HasPrefix(line, "go get "):
				continue // network; the module path is checked below
			case len(words) > 2 && words[0] == "go" && words[1] == "run" && words[2] == "./cmd/mimeo":
				args = words[3:]
				for i, a := range args {
					if strings.HasPrefix(a, "testdata/") {
						args[i] = filepath.Join(root, a) // the repository's, from the fixture
					}
				}
			case words[0] == "mimeo":
				args = words[1:]
			default:
				t.Errorf("README command %q: the test does not know how to run it", line)
				continue
			}
			ran++
			res := runCLI(t, "", args...)
			if res.code != 0 {
				t.Errorf("README command %q: exit %d\n%s", line, res.code, res.stderr)
			}
		}
	}
	if ran < 6 {
		t.Errorf("ran %d README commands; the README has lost its examples?", ran)
	}
	if _, err := os.Stat("matches.jsonl"); err != nil {
		t.Errorf("the query example wrote no matches.jsonl: %v", err)
	}
}

// TestREADMEGoExample: the README's Go example is the one index's
// ExampleRecipe_NewSigner runs (with its output checked), line for line;
// and the install command names this module's command.
func TestREADMEGoExample(t *testing.T) {
	example, err := os.ReadFile("../../index/example_signer_test.go")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlocks(t, "go")
	if len(blocks) == 0 {
		t.Fatal("the README has no Go example")
	}
	for _, b := range blocks {
		for _, line := range strings.Split(strings.TrimSpace(b), "\n") {
			if !strings.Contains(string(example), strings.TrimSpace(line)) {
				t.Errorf("README Go line %q is not in index/example_signer_test.go", line)
			}
		}
	}
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	path := strings.Fields(strings.SplitN(string(mod), "\n", 2)[0])[1]
	found := false
	for _, b := range readmeBlocks(t, "sh") {
		found = found || strings.Contains(b, "go install "+path+"/cmd/mimeo@latest")
	}
	if !found {
		t.Errorf("the README's install command does not name %s/cmd/mimeo", path)
	}
}
