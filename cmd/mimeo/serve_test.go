package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/serve"
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

// liveServer serves a new index on a loopback port until the test ends
// and returns its address.
func liveServer(t *testing.T) string {
	t.Helper()
	x, err := index.Create(filepath.Join(t.TempDir(), "idx"), index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.New(x, serve.Config{}).Serve(ctx, l, "", "", time.Second) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
		x.Close()
	})
	return l.Addr().String()
}

// TestServeREADMEClients runs the README's curl and Python clients of
// mimeo serve against a live server, each on a new index, and checks that
// they print what the README says.
func TestServeREADMEClients(t *testing.T) {
	var console string
	for _, b := range readmeBlocks(t, "console") {
		if strings.Contains(b, "mimeo serve") {
			console = b
		}
	}
	if console == "" {
		t.Fatal("the README has no console block of mimeo serve")
	}
	t.Run("curl", func(t *testing.T) {
		curl, err := exec.LookPath("curl")
		if err != nil {
			t.Skip("no curl")
		}
		cmd := strings.ReplaceAll(console, "\\\n", " ")
		var line, want string
		for _, l := range strings.Split(cmd, "\n") {
			switch l = strings.TrimSpace(l); {
			case strings.HasPrefix(l, "curl "):
				line = l
			case strings.HasPrefix(l, "# {"):
				want = strings.TrimPrefix(l, "# ")
			}
		}
		if line == "" || want == "" {
			t.Fatalf("no curl command and answer in %q", console)
		}
		line = strings.Replace(line, "curl ", curl+" ", 1)
		line = strings.ReplaceAll(line, "localhost:8080", liveServer(t))
		out, err := exec.Command("sh", "-c", line).Output()
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		var got, exp any
		if json.Unmarshal(out, &got) != nil || json.Unmarshal([]byte(want), &exp) != nil || !reflect.DeepEqual(got, exp) {
			t.Errorf("curl printed %s, the README says %s", out, want)
		}
	})
	t.Run("python", func(t *testing.T) {
		py, err := exec.LookPath("python3")
		if err != nil {
			t.Skip("no python3")
		}
		blocks := readmeBlocks(t, "python")
		if len(blocks) != 1 || !strings.Contains(blocks[0], `SERVER = "http://127.0.0.1:8080"`) {
			t.Fatalf("the README's Python client: %d blocks", len(blocks))
		}
		code := strings.Replace(blocks[0], "127.0.0.1:8080", liveServer(t), 1)
		out, err := exec.Command(py, "-c", code).CombinedOutput()
		if err != nil {
			t.Fatalf("python3: %v\n%s", err, out)
		}
		if got := strings.TrimSpace(string(out)); got != "False True True p1" {
			t.Errorf("the Python client printed %q, the README says False True True p1", got)
		}
	})
}
