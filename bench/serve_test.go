package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/serve"
)

var serveClients = flag.Int("serve-clients", 8, "concurrent clients of BenchmarkServeCheck")

// BenchmarkServeCheck measures a crawler's check of one page at a time
// against the index of BenchmarkIndexQuery (-index-docs documents, 20,000
// with -short; half the pages copies of indexed ones, half new), from
// -serve-clients concurrent clients: through mimeo serve on a loopback
// port (POST /v1/check, one document a request, keep-alive connections)
// and, side by side, the library call the server makes
// (Index.CheckAndAdd, CheckOnly), so that the HTTP layer's cost shows. It
// reports documents checked a second and the median and 99th-percentile
// latency of a request. One op is one page checked.
func BenchmarkServeCheck(b *testing.B) {
	ib := setupIndexBench(b)
	clients := max(*serveClients, 1)
	bodies := make([][]byte, len(ib.texts))
	for i, t := range ib.texts {
		var err error
		if bodies[i], err = json.Marshal(map[string]any{"documents": []map[string]string{{"id": fmt.Sprint("q", i), "text": string(t)}}}); err != nil {
			b.Fatal(err)
		}
	}
	run := func(b *testing.B, check func(i int) error) {
		b.ReportAllocs()
		lat := make([]time.Duration, b.N)
		var next atomic.Int64
		var wg sync.WaitGroup
		var failed atomic.Value
		b.ResetTimer()
		start := time.Now()
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= b.N {
						return
					}
					t0 := time.Now()
					if err := check(i % len(bodies)); err != nil {
						failed.Store(err)
						return
					}
					lat[i] = time.Since(t0)
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		b.StopTimer()
		if err, _ := failed.Load().(error); err != nil {
			b.Fatal(err)
		}
		slices.Sort(lat)
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "docs/s")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	}
	b.Run(fmt.Sprintf("library/docs=%d/clients=%d", ib.n, clients), func(b *testing.B) {
		run(b, func(i int) error {
			_, err := ib.x.CheckAndAdd(context.Background(), index.Doc{Text: ib.texts[i]}, index.CheckOptions{Add: index.CheckOnly})
			return err
		})
	})
	overHTTP := func(b *testing.B, x *index.Index, readOnly bool) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- serve.New(x, serve.Config{ReadOnly: readOnly}).Serve(ctx, l, "", "", time.Second) }()
		defer func() {
			cancel()
			if err := <-done; err != nil {
				b.Error(err)
			}
		}()
		url := "http://" + l.Addr().String() + "/v1/check"
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
		defer client.CloseIdleConnections()
		run(b, func(i int) error {
			resp, err := client.Post(url, "application/json", bytes.NewReader(bodies[i]))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				return err
			}
			if resp.StatusCode != 200 {
				return fmt.Errorf("status %d", resp.StatusCode)
			}
			return nil
		})
	}
	b.Run(fmt.Sprintf("http/docs=%d/clients=%d", ib.n, clients), func(b *testing.B) {
		overHTTP(b, ib.x, true)
	})
	// The same while the index compacts: a writable copy of the index to
	// which a goroutine adds 2,000 documents, flushes (a new segment) and
	// compacts everything again, over and over, for as long as the
	// clients check.
	b.Run(fmt.Sprintf("http-compacting/docs=%d/clients=%d", ib.n, clients), func(b *testing.B) {
		b.StopTimer()
		dir, err := sharedTempDir("mimeo-bench-serve-")
		if err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(dir)
		x, err := index.Create(filepath.Join(dir, "idx"), index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer x.Close()
		if err := AddFeatureSet(x, ib.feats); err != nil {
			b.Fatal(err)
		}
		stop := make(chan struct{})
		var compactions atomic.Int64
		var bgErr atomic.Value
		var bg sync.WaitGroup
		bg.Add(1)
		go func() {
			defer bg.Done()
			var f index.Features
			for k := 0; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				for j := range 2000 {
					i := (k*2000 + j) % ib.feats.Len()
					if err := x.AddFeatures(fmt.Sprint("e", k, "-", j), "", "", ib.feats.Features(i, &f)); err != nil {
						bgErr.Store(err)
						return
					}
				}
				if err := x.Flush(); err != nil {
					bgErr.Store(err)
					return
				}
				if err := x.Compact(); err != nil {
					bgErr.Store(err)
					return
				}
				compactions.Add(1)
			}
		}()
		b.StartTimer()
		overHTTP(b, x, false)
		close(stop)
		bg.Wait()
		if err, _ := bgErr.Load().(error); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(compactions.Load()), "compactions")
	})
}
