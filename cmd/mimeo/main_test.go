package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type cliResult struct {
	stdout, stderr string
	code           int
}

func runCLI(t *testing.T, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	code := exitCode(err, &errb)
	return cliResult{out.String(), errb.String(), code}
}

func TestCLI(t *testing.T) {
	dir := t.TempDir()
	unreadable := filepath.Join(dir, "missing.txt")
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	sample := "../../testdata/sample/"
	tests := []struct {
		name      string
		args      []string
		stdin     string
		code      int
		stdout    []string // substrings
		stderr    []string
		notStdout []string
	}{
		{"no command", nil, "", 2, nil, []string{"no command given", "Usage"}, nil},
		{"unknown command", []string{"frobnicate"}, "", 2, nil, []string{`unknown command "frobnicate"`}, nil},
		{"help", []string{"help"}, "", 0, []string{"Commands:", "sign"}, nil, nil},
		{"help sign", []string{"help", "sign"}, "", 0, []string{"Usage: mimeo sign", "--shingle"}, nil, nil},
		{"sign --help", []string{"sign", "--help"}, "", 0, []string{"--hashes"}, nil, nil},
		{"sign no files", []string{"sign"}, "", 2, nil, []string{"no input files"}, nil},
		{"sign bad flag", []string{"sign", "--nope", "x"}, "", 2, nil, []string{"unknown flag: --nope"}, nil},
		{"sign bad shingle", []string{"sign", "--shingle", "lines:3", "x"}, "", 2, nil, []string{"--shingle"}, nil},
		{"sign zero hashes", []string{"sign", "--hashes", "0", "x"}, "", 2, nil, []string{"--hashes 0"}, nil},
		{"sign too many hashes", []string{"sign", "--hashes", "70000", "x"}, "", 2, nil, []string{"K = 70000"}, nil},
		{"sign bad bits", []string{"sign", "--bits", "33", "x"}, "", 2, nil, []string{"--bits 33"}, nil},
		{"sign bad format", []string{"sign", "--format", "xml", "x"}, "", 2, nil, []string{"--format"}, nil},
		{"sign unreadable", []string{"sign", unreadable}, "", 1, nil, []string{"missing.txt", "no such file"}, nil},
		{"sign stdin twice", []string{"sign", "-", "-"}, "a b c", 2, nil, []string{"standard input named twice"}, nil},
		{"sign samples", []string{"sign", sample + "original.txt", sample + "copy-truncated.txt"}, "", 0,
			[]string{"recipe: words:5 k=128", "original.txt", "copy-truncated.txt", "C(A in B)"}, nil, nil},
		{"sign stdin and empty", []string{"sign", "-", empty}, "one two three", 0, []string{"-  ", "empty.txt"}, nil, nil},
		{"sign no pairs", []string{"sign", "--pairs=false", sample + "original.txt", sample + "unrelated.txt"}, "", 0,
			[]string{"original.txt"}, nil, []string{"Pairs"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkCLI(t, runCLI(t, tc.stdin, tc.args...), tc.code, tc.stdout, tc.stderr, tc.notStdout)
		})
	}
}

// checkCLI checks a command's exit code and that its standard output and
// error hold the given substrings (and standard output none of notStdout).
func checkCLI(t *testing.T, res cliResult, code int, stdout, stderr, notStdout []string) {
	t.Helper()
	if res.code != code {
		t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", res.code, code, res.stdout, res.stderr)
	}
	for _, s := range stdout {
		if !strings.Contains(res.stdout, s) {
			t.Errorf("stdout lacks %q:\n%s", s, res.stdout)
		}
	}
	for _, s := range notStdout {
		if strings.Contains(res.stdout, s) {
			t.Errorf("stdout has %q:\n%s", s, res.stdout)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(res.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, res.stderr)
		}
	}
}

// TestSignJSON checks the numbers, not just the shape: the truncated copy
// is contained in the original, the unrelated story is not.
func TestSignJSON(t *testing.T) {
	sample := "../../testdata/sample/"
	res := runCLI(t, "", "sign", "--format", "json", "--bits", "8",
		sample+"copy-truncated.txt", sample+"original.txt", sample+"unrelated.txt")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var docs, pairs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		if _, ok := m["file"]; ok {
			docs = append(docs, m)
		} else {
			pairs = append(pairs, m)
		}
	}
	if len(docs) != 3 || len(pairs) != 3 {
		t.Fatalf("%d documents and %d pairs, want 3 and 3", len(docs), len(pairs))
	}
	truncOrig := pairs[0]
	if c := truncOrig["containment"].(float64); c < 0.85 {
		t.Errorf("truncated copy in original: containment %.3f, want ≥ 0.85", c)
	}
	if c := truncOrig["containment_exact"].(float64); c < 0.95 {
		t.Errorf("exact containment %.3f, want ≥ 0.95", c)
	}
	for _, p := range pairs[1:] {
		if j := p["similarity"].(float64); j > 0.1 && strings.Contains(p["b"].(string), "unrelated") {
			t.Errorf("%s vs %s: Jaccard %.3f, want ≤ 0.1", p["a"], p["b"], j)
		}
	}
	if sig := docs[0]["signature"].(string); len(sig) != 2*(3+1+2+128) {
		t.Errorf("8-bit signature of %d hex digits, want %d", len(sig), 2*(3+1+2+128))
	}
}
