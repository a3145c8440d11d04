package main

import (
	"strings"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// TestProgressPasses: each pass's share and time left are its own, so a
// fast boilerplate pass does not leave a slow second pass at "50%, ETA 0s".
func TestProgressPasses(t *testing.T) {
	for _, twoPass := range []bool{true, false} {
		var out strings.Builder
		p := newProgressPrinter(&out, "always", []input.Input{{Path: "a", Size: 1000}}, twoPass)
		t0 := time.Unix(1000, 0)
		clock := t0
		p.now = func() time.Time { return clock }
		p.lastCall = t0
		last := func() string {
			lines := strings.Split(out.String(), "\r\033[K")
			return lines[len(lines)-1]
		}
		if twoPass {
			clock = t0.Add(500 * time.Millisecond)
			p.update(scan.Progress{Pass: 1, Records: 10, Bytes: 1000})
			if l := last(); !strings.Contains(l, "pass 1/2") || !strings.Contains(l, "100%") {
				t.Errorf("pass 1: %q", l)
			}
		}
		// Pass 2 reads a quarter in 3 s: 9 s left, whatever pass 1 took.
		start := clock
		clock = start.Add(3 * time.Second)
		p.update(scan.Progress{Pass: 2, Docs: 5, Bytes: 250})
		l := last()
		if !strings.Contains(l, "25%, ETA 9s") {
			t.Errorf("twoPass %v: pass 2 at a quarter: %q", twoPass, l)
		}
		if strings.Contains(l, "pass 2/2") != twoPass {
			t.Errorf("twoPass %v: %q", twoPass, l)
		}
		if !strings.Contains(l, "0 MB/s") { // 250 bytes in 3 s
			t.Errorf("rate: %q", l)
		}
	}
}
