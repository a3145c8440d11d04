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

	pass      int       // the pass last reported
	passStart time.Time // when it began
	lastCall  time.Time // the last report
	now       func() time.Time
}

func (p *progressPrinter) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

func newProgressPrinter(w io.Writer, mode string, inputs []input.Input, twoPass bool) *progressPrinter {
	p := &progressPrinter{w: w, start: time.Now(), lastCall: time.Now(), twoPass: twoPass}
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
// share of the pass done and its time left when the input's size is known.
// With a boilerplate pass first, each pass says which it is and is timed on
// its own: the two cost very different amounts (the first reads and
// splits lines; the second signs and clusters), so one share of the whole
// would be wrong in both.
func (p *progressPrinter) show(pr scan.Progress, docs func(scan.Progress) string) {
	if !p.on {
		return
	}
	now := p.clock()
	if pr.Pass != p.pass {
		// The pass began when the one before sent its last report.
		p.pass, p.passStart = pr.Pass, p.lastCall
	}
	p.lastCall = now
	if now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	secs := now.Sub(p.passStart).Seconds()
	mb := float64(pr.Bytes) / 1e6
	rate := mb / max(secs, 1e-3)
	line := ""
	switch {
	case pr.Pass == 1:
		line = fmt.Sprintf("pass 1/2, learning boilerplate: %d records, %.0f MB, %.0f MB/s", pr.Records, mb, rate)
	case docs != nil:
		line = fmt.Sprintf("%s, %.0f MB, %.0f MB/s", docs(pr), mb, rate)
	default:
		line = fmt.Sprintf("%d documents, %d matching an earlier one, %.0f MB, %.0f MB/s", pr.Docs, pr.Matched, mb, rate)
	}
	if p.twoPass && pr.Pass == 2 {
		line = "pass 2/2: " + line
	}
	if p.total > 0 && pr.Bytes > 0 {
		frac := min(float64(pr.Bytes)/float64(p.total), 1)
		if frac > 0.01 {
			eta := time.Duration(secs * (1 - frac) / frac * float64(time.Second)).Round(time.Second)
			line += fmt.Sprintf(", %.0f%%, ETA %s", 100*frac, eta)
			if p.twoPass && pr.Pass == 1 {
				line += " for this pass"
			}
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
