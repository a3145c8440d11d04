package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// progressPrinter shows the scan's progress on one terminal line, at most
// five times a second. It stays silent when standard error is not a
// terminal (unless --progress always), so logs get no carriage returns.
type progressPrinter struct {
	w       io.Writer
	on      bool
	start   time.Time
	last    time.Time
	total   int64 // bytes of input, when every input is a plain file of known size
	twoPass bool  // a boilerplate pass comes first
	printed bool
}

func newProgressPrinter(w io.Writer, mode string, inputs []input.Input, twoPass bool) *progressPrinter {
	p := &progressPrinter{w: w, start: time.Now(), twoPass: twoPass}
	switch mode {
	case "always":
		p.on = true
	case "auto":
		if f, ok := w.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				p.on = true
			}
		}
	}
	for _, in := range inputs {
		if in.Size < 0 || in.Compressed {
			p.total = 0
			break
		}
		p.total += in.Size
	}
	return p
}

func (p *progressPrinter) update(pr scan.Progress) { p.show(pr, nil) }

// show prints the progress line: pr's documents as docs describes them
// (nil: documents clustered, as scan counts them), bytes, speed, and the
// share done and time left when the input's size is known.
func (p *progressPrinter) show(pr scan.Progress, docs func(scan.Progress) string) {
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	secs := now.Sub(p.start).Seconds()
	mb := float64(pr.Bytes) / 1e6
	line := ""
	switch {
	case pr.Pass == 1:
		line = fmt.Sprintf("learning boilerplate: %d records, %.0f MB", pr.Records, mb)
	case docs != nil:
		line = fmt.Sprintf("%s, %.0f MB, %.0f MB/s", docs(pr), mb, mb/max(secs, 1e-3))
	default:
		line = fmt.Sprintf("%d documents, %d matching an earlier one, %.0f MB, %.0f MB/s", pr.Docs, pr.Matched, mb, mb/max(secs, 1e-3))
	}
	if p.total > 0 && pr.Bytes > 0 {
		frac := float64(pr.Bytes) / float64(p.total)
		if p.twoPass {
			frac = (float64(pr.Pass-1) + frac) / 2
		}
		if frac > 0.01 {
			eta := time.Duration(secs * (1 - frac) / frac * float64(time.Second)).Round(time.Second)
			line += fmt.Sprintf(", %.0f%%, ETA %s", 100*frac, eta)
		}
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
	p.printed = true
}

func (p *progressPrinter) done() {
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
