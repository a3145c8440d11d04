//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
)

// TestServeCrash kills mimeo serve (SIGKILL) while clients add pages, some
// asking for durability: every page whose durable add was answered is in
// the index afterwards, which verifies, and a new server serves it.
func TestServeCrash(t *testing.T) {
	dir := t.TempDir()
	idx, sock := filepath.Join(dir, "idx"), filepath.Join(dir, "s.sock")
	c := startChild(t, dir, "serve", "--create", "--listen", sock, "--flush-interval", "0", "--flush-every", "0", "--log-level", "off", idx)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	waitFor(t, "the server", func() bool {
		resp, err := client.Get("http://mimeo/readyz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == 200
	})
	var mu sync.Mutex
	var durable []string
	acked := 0
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var ds []map[string]string
				for j := range 3 {
					ds = append(ds, map[string]string{"id": fmt.Sprintf("w%d-%d-%d", w, i, j),
						"text": strings.Repeat(fmt.Sprintf("Report %d of worker %d, part %d: the council met and decided the budget of the harbour. ", i, w, j), 4)})
				}
				body, _ := json.Marshal(map[string]any{"documents": ds, "durable": i%2 == 0})
				resp, err := client.Post("http://mimeo/v1/add", "application/json", bytes.NewReader(body))
				if err != nil {
					return // killed
				}
				resp.Body.Close()
				if resp.StatusCode == 200 && i%2 == 0 {
					mu.Lock()
					for _, d := range ds {
						durable = append(durable, d["id"])
					}
					acked++
					mu.Unlock()
				}
			}
		}()
	}
	waitFor(t, "durable adds", func() bool { mu.Lock(); defer mu.Unlock(); return acked >= 20 })
	if err := c.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	c.cmd.Wait()
	close(stop)
	wg.Wait()

	x, err := index.Open(idx, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Verify(); err != nil {
		t.Fatalf("verify after the crash: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, id := range durable {
		if _, ok, err := x.Get(id); !ok || err != nil {
			t.Fatalf("%s, added durably before the crash, is missing (%v); %d durable", id, err, len(durable))
		}
	}
	x.Close()
	// A new server on the same index (its socket is left behind by the
	// killed one: another path) answers for them.
	sock2 := filepath.Join(dir, "s2.sock")
	startChild(t, dir, "serve", "--listen", sock2, "--log-level", "off", idx)
	client2 := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock2)
	}}}
	waitFor(t, "the new server", func() bool {
		resp, err := client2.Get("http://mimeo/v1/docs/" + durable[0])
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == 200
	})
	t.Logf("%d pages added durably before the kill, all found", len(durable))
}
