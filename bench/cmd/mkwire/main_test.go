package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/internal/eval"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // must contain
	}{
		{"help", []string{"-h"}, 0, "Usage: mkwire"},
		{"no output", []string{"-stories", "5"}, 2, "-o is required"},
		{"unknown flag", []string{"-storys", "5", "-o", p("x")}, 2, "flag provided but not defined: -storys"},
		{"bad number", []string{"-stories", "many", "-o", p("x")}, 2, `invalid value "many" for flag -stories`},
		{"extra argument", []string{"-o", p("x"), "more"}, 2, `unexpected argument "more"`},
		{"zero stories", []string{"-stories", "0", "-o", p("x")}, 2, "-stories 0: want at least 1"},
		{"zero sites", []string{"-sites", "0", "-o", p("x")}, 2, "-sites 0: want at least 1"},
		{"copies above sites", []string{"-sites", "4", "-o", p("x")}, 2, "CopiesMax = 12 is greater than Sites = 4"},
		{"min above max", []string{"-copies-min", "3", "-copies-max", "2", "-o", p("x")}, 2, "CopiesMin = 3 is greater than CopiesMax = 2"},
		{"same file", []string{"-o", p("x"), "-truth", dir + "/./x"}, 2, "name the same file"},
		{"missing directory", []string{"-stories", "3", "-o", p("nodir/c.jsonl")}, 1, "cannot write " + p("nodir/c.jsonl")},
		{"directory", []string{"-stories", "3", "-o", dir}, 1, "is a directory"},
		{"ok", []string{"-stories", "20", "-seed", "9", "-o", p("c.jsonl"), "-truth", p("t.jsonl")}, 0, "mkwire: wrote "},
		{"no copies", []string{"-stories", "10", "-copies-max", "0", "-digest-rate", "0", "-o", p("n.jsonl")}, 0, "(10 stories, 0 copies, "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := exitCode(run(tc.args, &stderr), &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr.String(), tc.code, tc.stderr)
			}
		})
	}

	// The files are complete, the truth is readable, and no temporary
	// file is left behind.
	corpus, err := os.ReadFile(p("c.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p("t.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth, err := eval.ReadTruth(f)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(corpus, []byte("\n")); n != len(truth) || n < 20 {
		t.Errorf("%d documents, %d truth lines", n, len(truth))
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}

	// The same flags give the same bytes, overwriting the old file.
	var stderr bytes.Buffer
	if err := run([]string{"-stories", "20", "-seed", "9", "-o", p("c.jsonl")}, &stderr); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(p("c.jsonl"))
	if !bytes.Equal(corpus, again) {
		t.Error("same flags, different corpus")
	}
}
