package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
)

// TestServeCommand runs mimeo serve on a Unix socket: it creates the
// index, answers a check that adds a page and one that finds its copy,
// logs each request as a JSON line, and on its context's end (a signal)
// flushes, removes its socket and returns nil; the index holds the page.
func TestServeCommand(t *testing.T) {
	tmp := t.TempDir()
	dir, sock := filepath.Join(tmp, "idx"), filepath.Join(tmp, "s.sock")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--create", "--shingle", "words:4", "--listen", sock, "--flush-interval", "0", dir}, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	}()
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := client.Get("http://mimeo/readyz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not come up: %v (%s)", err, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	text := strings.Repeat("The harbour council met on Tuesday to decide the budget for the new ferry terminal and its roads. ", 8)
	check := func(id, text string) map[string]any {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"documents": []map[string]string{{"id": id, "text": text}}, "add": true})
		resp, err := client.Post("http://mimeo/v1/check", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct{ Results []map[string]any }
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 || len(out.Results) != 1 {
			t.Fatalf("check %s: %d %v", id, resp.StatusCode, err)
		}
		return out.Results[0]
	}
	if r := check("a", text); r["added"] != true || r["seen"] != false {
		t.Fatalf("the first page: %v", r)
	}
	if r := check("b", "A line the site added above the story for its readers.\n"+text); r["added"] != false || r["seen"] != true {
		t.Fatalf("its copy: %v", r)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v (%s)", err, stderr.String())
	}
	if _, err := os.Lstat(sock); !os.IsNotExist(err) {
		t.Errorf("the socket is left behind: %v", err)
	}
	var logged int
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("a log line that is not JSON: %q", line)
		}
		if rec["route"] == "check" && rec["status"] == float64(200) {
			logged++
		}
	}
	if logged != 2 {
		t.Errorf("%d check requests logged, want 2:\n%s", logged, stderr.String())
	}
	x, err := index.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, ok, err := x.Get("a"); !ok || err != nil {
		t.Errorf("the added page after shutdown: %v %v", ok, err)
	}
	if _, ok, _ := x.Get("b"); ok {
		t.Error("the copy was added")
	}
	if o := x.Options(); o.Recipe.Shingle.N != 4 {
		t.Errorf("the index was created with %+v, not --shingle words:4", o.Recipe.Shingle)
	}
}

// TestServeUsage: mistakes in the command line exit 2 before anything is
// opened.
func TestServeUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"serve"},
		{"serve", dir, dir},
		{"serve", "--log-level", "loud", dir},
		{"serve", "--tls-cert", "c.pem", dir},
		{"serve", "--shingle", "words:4", dir},
		{"serve", "--create", "--read-only", dir},
		{"serve", "--max-batch", "0", dir},
	} {
		if res := runCLI(t, "", args...); res.code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, res.code, res.stderr)
		}
	}
	// An empty directory without --create is a failure, not a new index.
	if res := runCLI(t, "", "serve", "--listen", filepath.Join(dir, "s.sock"), filepath.Join(dir, "none")); res.code != 1 || !strings.Contains(res.stderr, "--create") {
		t.Errorf("no index: exit %d: %s", res.code, res.stderr)
	}
}
