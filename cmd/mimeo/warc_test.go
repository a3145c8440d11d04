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

func TestScanWARC(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 8, Seed: 5})
	var warc bytes.Buffer
	if err := bench.WriteWARCPages(&warc, c.Docs, 5); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := writeFile(t, filepath.Join(dir, "pages.warc.gz"), warc.Bytes())
	notWARC := writeFile(t, filepath.Join(dir, "bad", "not.warc"), []byte("this is not a WARC file\nat all\n"))
	trunc := writeFile(t, filepath.Join(dir, "trunc", "cut.warc.gz"), warc.Bytes()[:warc.Len()/2])

	dedup := filepath.Join(dir, "dedup.warc")
	res := runCLI(t, "", "scan", "--dedup-output", dedup, good)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stdout, `"source":"`+good+":") || !strings.Contains(res.stdout, `"url":"https://`) {
		t.Errorf("clusters lack WARC provenance: %.300s", res.stdout)
	}
	kept, _ := os.ReadFile(dedup)
	if n := bytes.Count(kept, []byte("WARC/1.1\r\n")); n == 0 || n >= len(c.Docs) || !bytes.HasSuffix(kept, []byte("\r\n\r\n")) {
		t.Errorf("dedup output holds %d WARC records of %d", n, len(c.Docs))
	}
	// The dedup output is itself a WARC that scans.
	if r := runCLI(t, "", "scan", "-q", dedup); r.code != 0 {
		t.Errorf("rescanning the dedup output: exit %d: %s", r.code, r.stderr)
	}

	res = runCLI(t, "", "scan", notWARC)
	if res.code != 0 || !strings.Contains(res.stderr, "not.warc") || !strings.Contains(res.stderr, "offset") {
		t.Errorf("a non-WARC .warc file: exit %d: %s", res.code, res.stderr)
	}
	// The cut record is skipped and counted; the pages before it are used.
	res = runCLI(t, "", "scan", trunc)
	if res.code != 0 || !strings.Contains(res.stderr, "cut.warc.gz: offset") || !strings.Contains(res.stderr, "1 truncated record") {
		t.Errorf("a truncated WARC: exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "documents from 1 input") {
		t.Errorf("the pages before the cut were not used: %s", res.stderr)
	}
	if r := runCLI(t, "", "scan", "--extract", "x", good); r.code != 2 {
		t.Errorf("--extract x: exit %d", r.code)
	}
}
