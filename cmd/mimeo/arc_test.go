package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/mimeo-dedup/mimeo/bench/wire"
)

// captureARC returns an ARC file (version 1) as the Internet Archive's
// crawlers wrote them: the version block, a DNS record, each document as
// an HTTP capture of an HTML page (the same page as captureWARC's), and an
// image. With perRecord each record is a gzip member of its own.
func captureARC(t *testing.T, docs []wire.Doc, perRecord bool) []byte {
	var b bytes.Buffer
	rec := func(url, ctype string, content string) {
		var r bytes.Buffer
		fmt.Fprintf(&r, "%s 10.1.2.3 20240102030405 %s %d\n%s\n", url, ctype, len(content), content)
		if !perRecord {
			b.Write(r.Bytes())
			return
		}
		zw := gzip.NewWriter(&b)
		zw.Write(r.Bytes())
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	rec("filedesc://capture.arc", "text/plain", "1 0 mimeo-test\nURL IP-address Archive-date Content-type Archive-length\n")
	rec("dns:x.example", "text/dns", "20240102030405\nx.example.\t300\tIN\tA\t10.1.2.3\n")
	for _, d := range docs {
		html := "<html><body><article><p>" + strings.ReplaceAll(d.Text, "\n", "</p><p>") + "</p></article></body></html>"
		rec(d.URL, "text/html", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+html)
	}
	rec("https://x.example/logo.png", "image/png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG")
	return b.Bytes()
}

// clusterURLs returns each cluster of scan -o as its members' sorted URLs,
// the clusters sorted.
func clusterURLs(t *testing.T, out string) []string {
	t.Helper()
	var cs []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var c clusterOut
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, m := range c.Members {
			urls = append(urls, m.URL)
		}
		slices.Sort(urls)
		cs = append(cs, strings.Join(urls, " "))
	}
	slices.Sort(cs)
	return cs
}

// TestScanARC: an ARC file, plain or compressed record by record, gives
// the clusters that the same captures give in a WARC file; its dedup
// output is an ARC file with the version block and every record that is
// not a page, and reads whole.
func TestScanARC(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 8, Seed: 5})
	dir := t.TempDir()
	warc := writeFile(t, filepath.Join(dir, "capture.warc"), captureWARC(c.Docs))
	plain := writeFile(t, filepath.Join(dir, "capture.arc"), captureARC(t, c.Docs, false))
	zipped := writeFile(t, filepath.Join(dir, "capture.arc.gz"), captureARC(t, c.Docs, true))

	ref := runCLI(t, "", "scan", "-q", warc)
	if ref.code != 0 {
		t.Fatalf("WARC: exit %d: %s", ref.code, ref.stderr)
	}
	want := clusterURLs(t, ref.stdout)
	if len(want) == 0 {
		t.Fatal("no clusters in the WARC")
	}
	for _, in := range []string{plain, zipped} {
		out := filepath.Join(dir, filepath.Base(in)+".dedup.arc")
		res := runCLI(t, "", "scan", "--dedup-output", out, in)
		if res.code != 0 {
			t.Fatalf("%s: exit %d: %s", in, res.code, res.stderr)
		}
		if got := clusterURLs(t, res.stdout); !slices.Equal(got, want) {
			t.Errorf("%s: clusters\n%q\nthe WARC's\n%q", in, got, want)
		}
		if !strings.Contains(res.stderr, fmt.Sprintf("%d documents from 1 input", len(c.Docs))) ||
			!strings.Contains(res.stderr, "and 3 WARC or ARC records that are not pages") {
			t.Errorf("%s: summary %s", in, res.stderr)
		}
		if !strings.Contains(res.stdout, `"source":"`+in+":") {
			t.Errorf("%s: clusters lack the ARC provenance: %.200s", in, res.stdout)
		}
		kept, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		dropped := 0
		for _, cl := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
			var co clusterOut
			json.Unmarshal([]byte(cl), &co)
			dropped += co.Size - 1
		}
		if !bytes.HasPrefix(kept, []byte("filedesc://capture.arc ")) || !bytes.Contains(kept, []byte("\ndns:x.example ")) ||
			!bytes.Contains(kept, []byte("\nhttps://x.example/logo.png ")) {
			t.Errorf("%s: the dedup output lacks records that are not pages", in)
		}
		pages := bytes.Count(kept, []byte(" 20240102030405 text/html "))
		again := runCLI(t, "", "scan", "-q", out)
		if pages != len(c.Docs)-(dropped-countAdds(res.stdout)) || dropped == 0 || again.code != 0 {
			t.Errorf("%s: the dedup output holds %d pages of %d (%d dropped); rescanning: exit %d %s", in, pages, len(c.Docs), dropped, again.code, again.stderr)
		}
	}
	// One dedup output holds one kind of record.
	if res := runCLI(t, "", "scan", "-q", "--dedup-output", filepath.Join(dir, "mixed.out"), plain, warc); res.code != 2 {
		t.Errorf("ARC and WARC into one dedup output: exit %d: %s", res.code, res.stderr)
	}
}

// countAdds counts the members that --dedup-output keeps beside the kept
// one: those that add text of their own.
func countAdds(clusters string) int {
	return strings.Count(clusters, `"adds":true`)
}
