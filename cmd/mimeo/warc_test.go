package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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

// captureWARC returns a WARC file as crawlers write it: a warcinfo record,
// and for each document a request, its response (an HTML page holding the
// text) and a metadata record, linked by WARC-Concurrent-To; then an image
// response and, for each document, a revisit that refers to its response.
func captureWARC(docs []wire.Doc) []byte {
	var b bytes.Buffer
	rec := func(typ, id, uri, ctype string, extra []string, block string) {
		fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <%s>\r\nWARC-Date: 2024-01-02T03:04:05Z\r\n", typ, id)
		if uri != "" {
			fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
		}
		for _, e := range extra {
			b.WriteString(e + "\r\n")
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", ctype, len(block), block)
	}
	rec("warcinfo", "urn:info", "", "application/warc-fields", nil, "software: mimeo-test\r\n")
	for i, d := range docs {
		req, resp := fmt.Sprintf("urn:req-%d", i), fmt.Sprintf("urn:resp-%d", i)
		rec("request", req, d.URL, "application/http; msgtype=request", nil, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		html := "<html><body><article><p>" + strings.ReplaceAll(d.Text, "\n", "</p><p>") + "</p></article></body></html>"
		rec("response", resp, d.URL, "application/http; msgtype=response", []string{"WARC-Concurrent-To: <" + req + ">"},
			"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+html)
		rec("metadata", fmt.Sprintf("urn:meta-%d", i), d.URL, "application/warc-fields", []string{"WARC-Concurrent-To: <" + resp + ">"}, "fetchTimeMs: 5\r\n")
	}
	rec("response", "urn:image", "https://x.example/logo.png", "application/http; msgtype=response", nil,
		"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG")
	for i := range docs {
		rec("revisit", fmt.Sprintf("urn:revisit-%d", i), docs[i].URL, "application/http; msgtype=response",
			[]string{fmt.Sprintf("WARC-Refers-To: <urn:resp-%d>", i)}, "HTTP/1.1 200 OK\r\n\r\n")
	}
	return b.Bytes()
}

// TestGuaranteeWARCDedupKeepsOtherRecords: --dedup-output of a WARC keeps
// every record but the dropped pages and their capture's records.
func TestGuaranteeWARCDedupKeepsOtherRecords(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 10, Seed: 9})
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "capture.warc"), captureWARC(c.Docs))
	out := filepath.Join(dir, "dedup.warc")
	res := runCLI(t, "", "scan", "-q", "--dedup-output", out, in)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	dropped := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		var cl clusterOut
		if err := json.Unmarshal([]byte(line), &cl); err != nil {
			t.Fatal(err)
		}
		for _, m := range cl.Members {
			if m.ID != cl.Keep {
				dropped[m.ID] = true
			}
		}
	}
	if len(dropped) == 0 {
		t.Fatal("no duplicates found")
	}
	data, _ := os.ReadFile(out)
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`WARC-Record-ID: <([^>]*)>`).FindAllSubmatch(data, -1) {
		ids[string(m[1])] = true
	}
	for _, always := range []string{"urn:info", "urn:image"} {
		if !ids[always] {
			t.Errorf("%s is missing from the dedup output", always)
		}
	}
	for i := range c.Docs {
		resp := fmt.Sprintf("urn:resp-%d", i)
		capture := []string{resp, fmt.Sprintf("urn:req-%d", i), fmt.Sprintf("urn:meta-%d", i), fmt.Sprintf("urn:revisit-%d", i)}
		for _, id := range capture {
			if ids[id] == dropped[resp] {
				t.Errorf("%s (page %s dropped: %v) in the output: %v", id, resp, dropped[resp], ids[id])
			}
		}
	}
	if want := 2 + 4*(len(c.Docs)-len(dropped)); len(ids) != want {
		t.Errorf("%d records kept, want %d", len(ids), want)
	}
	// The output is a WARC that reads whole.
	if r := runCLI(t, "", "scan", "-q", out); r.code != 0 {
		t.Errorf("rescanning the output: exit %d: %s", r.code, r.stderr)
	}
	res = runCLI(t, "", "scan", "-o", filepath.Join(dir, "c.jsonl"), "--dedup-output", filepath.Join(dir, "d2.warc"), in)
	if !strings.Contains(res.stderr, fmt.Sprintf("and %d WARC or ARC records that are not pages (%d dropped with their duplicate page)",
		2+3*(len(c.Docs)-len(dropped)), 3*len(dropped))) {
		t.Errorf("summary: %s", res.stderr)
	}
}

// TestDedupWARCShortSeparators: records ended by a single CRLF (tolerated)
// are copied whole: writing one's closing CRLFs must not write over the
// next record, which the reader's buffer holds right after it.
func TestDedupWARCShortSeparators(t *testing.T) {
	var b bytes.Buffer
	for i, text := range []string{"the first story about the harbour council and its budget", "a second story about the railway strike in the north", "a third story about the school board and its new head"} {
		block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>" + text + "</p></body></html>"
		fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:r%d>\r\nWARC-Target-URI: https://x%d.example/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n", i, i, len(block), block)
	}
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "short.warc"), b.Bytes())
	out := filepath.Join(dir, "out.warc")
	if res := runCLI(t, "", "scan", "-q", "--dedup-output", out, in); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	got, _ := os.ReadFile(out)
	if n := bytes.Count(got, []byte("WARC/1.1\r\n")); n != 3 {
		t.Errorf("the dedup output holds %d records, want 3:\n%q", n, got)
	}
	if res := runCLI(t, "", "scan", "-q", out); res.code != 0 || res.stderr != "" {
		t.Errorf("rescanning the output: exit %d: %s", res.code, res.stderr)
	}
}
