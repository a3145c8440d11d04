package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const shared = "../../../../shared/data"

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{},                              // no -o
		{"-o", "a", "-truth", "a"},      // the same file
		{"-o", "a", "-min-copies", "0"}, // no copies
		{"-o", "a", "-by", "site"},
		{"-extraction", "-per", "0"},
		{"-render", "x", "-length", "huge"},
		{"extra"},
	} {
		var stderr bytes.Buffer
		if code := exitCode(run(append([]string{"-data", t.TempDir()}, args...), io.Discard, &stderr), &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, stderr.String())
		}
	}
	var stderr bytes.Buffer
	if code := exitCode(run([]string{"-data", t.TempDir(), "-o", filepath.Join(t.TempDir(), "c.warc")}, io.Discard, &stderr), &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "ground-truth.json") {
		t.Errorf("missing data: exit %d, %q; want 1 naming the file", code, stderr.String())
	}
}

func TestCrawlAndTruth(t *testing.T) {
	if _, err := os.Stat(filepath.Join(shared, "article-extraction-benchmark")); err != nil {
		t.Skip("../shared/data is absent")
	}
	dir := t.TempDir()
	out, truth := filepath.Join(dir, "c.warc.gz"), filepath.Join(dir, "t.jsonl")
	var stderr bytes.Buffer
	if err := run([]string{"-data", shared, "-stories", "12", "-seed", "5", "-by", "template", "-o", out, "-truth", truth}, io.Discard, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	// A gzip member a record: the first member ends after one record.
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	z.Multistream(false)
	first, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(first, []byte("WARC/1.1\r\n")) || bytes.Count(first, []byte("WARC/1.1\r\n")) != 1 {
		t.Errorf("first gzip member holds %d records", bytes.Count(first, []byte("WARC/1.1\r\n")))
	}
	tf, err := os.Open(truth)
	if err != nil {
		t.Fatal(err)
	}
	defer tf.Close()
	n := 0
	sc := bufio.NewScanner(tf)
	for sc.Scan() {
		var rec map[string]string
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if rec["kind"] != rec["template"] || len(rec["template"]) != 12 || rec["copy"] == "" || rec["length"] == "" {
			t.Errorf("truth line %v: -by template wants the template as the kind", rec)
		}
		n++
	}
	if n == 0 || !strings.Contains(stderr.String(), "wrote "+strconv.Itoa(n)+" pages") {
		t.Errorf("%d truth lines; summary %q", n, stderr.String())
	}
	var page bytes.Buffer
	if err := run([]string{"-data", shared, "-render", "833caf3bdba5", "-length", "brief", "-text"}, &page, io.Discard); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(page.String(), "\n"); lines < 4 {
		t.Errorf("the main text of a brief has %d lines, want the headline and three paragraphs:\n%s", lines, page.String())
	}
}

// TestNoURLs: -no-urls writes the same pages without WARC-Target-URI, and
// the same truth.
func TestNoURLs(t *testing.T) {
	if _, err := os.Stat(filepath.Join(shared, "article-extraction-benchmark")); err != nil {
		t.Skip("../shared/data is absent")
	}
	dir := t.TempDir()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, flags := range [][]string{{"-o", "urls.warc", "-truth", "urls.jsonl"}, {"-no-urls", "-o", "none.warc", "-truth", "none.jsonl"}} {
		for i := range flags {
			if strings.Contains(flags[i], ".") {
				flags[i] = filepath.Join(dir, flags[i])
			}
		}
		if err := run(append([]string{"-data", shared, "-stories", "6", "-seed", "3"}, flags...), io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	urls, none := read("urls.warc"), read("none.warc")
	records := bytes.Count(urls, []byte("WARC/1.1\r\n"))
	if n := bytes.Count(urls, []byte("\r\nWARC-Target-URI: ")); n != records || records == 0 {
		t.Errorf("%d records, %d with a target URI: want all", records, n)
	}
	if n := bytes.Count(none, []byte("WARC-Target-URI")); n != 0 || bytes.Count(none, []byte("WARC/1.1\r\n")) != records {
		t.Errorf("-no-urls: %d target URIs in %d records, want none in %d", n, bytes.Count(none, []byte("WARC/1.1\r\n")), records)
	}
	if !bytes.Equal(read("urls.jsonl"), read("none.jsonl")) {
		t.Error("-no-urls changed the truth")
	}
}
