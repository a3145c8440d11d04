package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// reportClusters reads scan -o's clusters: the sizes, in output order.
func reportClusters(t *testing.T, path string) []clusterOut {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []clusterOut
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var c clusterOut
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

var (
	sectionRE = regexp.MustCompile(`<section class="cluster" id="cluster-(\d+)" data-size="(\d+)">`)
	pairRE    = regexp.MustCompile(`<details class="pair">`)
)

// TestScanHTML: the report shows the clusters of the scan's own output —
// the histogram's counts, the largest clusters in order of size with
// their members — and the aligned texts, within the limits asked.
func TestScanHTML(t *testing.T) {
	dir := t.TempDir()
	page, clustersPath := filepath.Join(dir, "report.html"), filepath.Join(dir, "clusters.jsonl")
	res := runCLI(t, "", "scan", "-q", "--html", page, "-o", clustersPath, sampleNews)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	clusters := reportClusters(t, clustersPath)
	if len(clusters) < 5 {
		t.Fatalf("%d clusters in the sample", len(clusters))
	}
	html := readString(t, page)
	if !strings.Contains(html, "<code>mimeo explain --input "+sampleNews+" ") {
		t.Error("the alignments name no explain command")
	}
	sections := sectionRE.FindAllStringSubmatch(html, -1)
	if len(sections) != len(clusters) {
		t.Fatalf("%d clusters shown, the scan has %d", len(sections), len(clusters))
	}
	prev := 1 << 30
	for _, s := range sections {
		var n, size int
		fmt.Sscan(s[1], &n)
		fmt.Sscan(s[2], &size)
		if c := clusters[n-1]; c.Size != size || size > prev {
			t.Errorf("cluster %d shown with size %d after one of %d; the scan's has %d", n, size, prev, c.Size)
		}
		prev = size
	}
	// Every cluster lists each member once, the kept one first.
	for _, c := range clusters {
		sec := html[strings.Index(html, fmt.Sprintf(`id="cluster-%d"`, c.Cluster)):]
		sec = sec[:strings.Index(sec, "</section>")]
		if !strings.Contains(sec, fmt.Sprintf("%d documents, keep %s", c.Size, c.Keep)) {
			t.Errorf("cluster %d: heading lacks its size and kept member", c.Cluster)
		}
		if got := strings.Count(sec, "<tr"); got != c.Size+1 {
			t.Errorf("cluster %d: %d rows, want %d members and a header", c.Cluster, got-1, c.Size)
		}
		if k, o := strings.Index(sec, `<tr class="kept">`), strings.Index(sec, "<tr><td>"); k < 0 || o >= 0 && o < k {
			t.Errorf("cluster %d: the kept member is not the first row", c.Cluster)
		}
		if want := min(5, c.Size-1); len(pairRE.FindAllString(sec, -1)) != want {
			t.Errorf("cluster %d: %d alignments, want %d", c.Cluster, len(pairRE.FindAllString(sec, -1)), want)
		}
	}
	// The histogram counts the clusters by size.
	twos := 0
	for _, c := range clusters {
		if c.Size == 2 {
			twos++
		}
	}
	if !strings.Contains(html, fmt.Sprintf("<title>%d clusters of size 2</title>", twos)) {
		t.Errorf("histogram: no bar of %d clusters of size 2", twos)
	}
	if strings.Contains(html, `src="`) || strings.Contains(html, `href="`) || strings.Contains(html, "<link") {
		t.Error("the report loads something from the network")
	}

	// Limits: two clusters, one alignment each.
	res = runCLI(t, "", "scan", "-q", "--html", page, "--html-clusters", "2", "--html-aligned", "1", "-o", clustersPath, sampleNews)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	html = readString(t, page)
	if n, p := len(sectionRE.FindAllString(html, -1)), len(pairRE.FindAllString(html, -1)); n != 2 || p != 2 {
		t.Errorf("with limits: %d clusters, %d alignments; want 2 and 2", n, p)
	}
	if want := fmt.Sprintf("%d smaller clusters are not shown", len(clusters)-2); !strings.Contains(html, want) {
		t.Errorf("the report does not say %q", want)
	}
	for _, args := range [][]string{
		{"--html", page, "-o", page},
		{"--html", page, "--html-clusters", "-1"},
	} {
		if r := runCLI(t, "", append(append([]string{"scan", "-q"}, args...), sampleNews)...); r.code != 2 {
			t.Errorf("scan %v: exit %d, want 2", args, r.code)
		}
	}
}

// TestScanHTMLEscapes: ids, URLs and texts are escaped, and a scan of
// standard input still aligns the texts (read again from its spool).
func TestScanHTMLEscapes(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "r.html")
	story := strings.Repeat("the harbour council approved the budget after a long debate about ferry fees and fishing quotas ", 4)
	in := fmt.Sprintf(`{"id": "<script>alert(1)</script>", "url": "https://a.example/x?<b>", "date": "<img src=x onerror=alert(2)>", "text": %q}`+"\n"+
		`{"id": "b&c", "text": %q}`+"\n", story+" more words", story)
	res := runCLI(t, in, "scan", "-q", "--html", page, "--boilerplate", "off", "-")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	html := readString(t, page)
	for _, bad := range []string{"<script>alert", "<img src=x", "?<b>"} {
		if strings.Contains(html, bad) {
			t.Errorf("report holds %q unescaped", bad)
		}
	}
	if !strings.Contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(html, "b&amp;c") {
		t.Error("report lacks the escaped ids")
	}
	if len(pairRE.FindAllString(html, -1)) != 1 || !strings.Contains(html, "harbour council") {
		t.Error("the pair read from standard input is not aligned")
	}
	if strings.Contains(html, "mimeo explain --input") {
		t.Error("an explain command for standard input, which explain cannot read again")
	}

	// Ids that are not unique in their input name no explain command;
	// --html-clusters 0 still says what is not shown.
	in = fmt.Sprintf(`{"id": "same", "text": %q}`+"\n"+`{"id": "same", "text": %q}`+"\n", story+" more words", story)
	file := writeFile(t, filepath.Join(dir, "same.jsonl"), []byte(in))
	if res := runCLI(t, "", "scan", "-q", "--html", page, "--boilerplate", "off", file); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if html = readString(t, page); strings.Contains(html, "mimeo explain") || len(pairRE.FindAllString(html, -1)) != 1 {
		t.Error("ids that are not unique: an explain command, or no alignment")
	}
	if res := runCLI(t, "", "scan", "-q", "--html", page, "--html-clusters", "0", "--boilerplate", "off", file); res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if html = readString(t, page); !strings.Contains(html, "1 smaller cluster is not shown") || sectionRE.MatchString(html) {
		t.Error("--html-clusters 0: the report does not say that its cluster is not shown")
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// findChromium returns a headless-capable Chromium, or "". .ci/run
// installs Debian's chromium and sets MIMEO_REQUIRE_CHROMIUM, so that CI
// never skips the browser test.
func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("MIMEO_REQUIRE_CHROMIUM") != "" {
		t.Fatal("MIMEO_REQUIRE_CHROMIUM is set but no chromium is on PATH")
	}
	t.Skip("no chromium on PATH (Debian: apt-get install chromium)")
	return ""
}

// TestReportInChromium loads the report in headless Chromium: the page's
// script runs to its end without an error (it marks the document with the
// number of clusters it found) and the browser's DOM holds every cluster.
func TestReportInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	browser := findChromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	res := runCLI(t, "", "scan", "-q", "--html", page, "-o", filepath.Join(dir, "c.jsonl"), sampleNews)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	want := len(reportClusters(t, filepath.Join(dir, "c.jsonl")))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+page)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	if m := regexp.MustCompile(`data-error="([^"]*)"`).FindSubmatch(dom); m != nil {
		t.Fatalf("the page's script failed: %s", m[1])
	}
	if !strings.Contains(string(dom), fmt.Sprintf(`data-rendered="%d"`, want)) {
		t.Fatalf("the page's script did not finish with %d clusters; DOM starts %.300s", want, dom)
	}
	if got := len(sectionRE.FindAll(dom, -1)); got != want {
		t.Errorf("the browser's DOM holds %d clusters, want %d", got, want)
	}
	if !strings.Contains(string(dom), fmt.Sprintf("%d of %d clusters", want, want)) {
		t.Error("the filter's count was not rendered")
	}
}
