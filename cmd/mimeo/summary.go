package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// printSummary writes the scan's final summary.
func printSummary(w io.Writer, res *scan.Result, clusters []cluster, cfg scan.Config, dedup bool, kept dedupCounts) {
	inClusters := 0
	for _, c := range clusters {
		inClusters += len(c.Members)
	}
	dups := inClusters - len(clusters)
	secs := res.Elapsed.Seconds()
	docs, inputs := int64(len(res.Docs)), int64(len(cfg.Inputs))
	printReadSummary(w, fmt.Sprintf("mimeo scan: %s document%s from %s input%s, %.1f MB of text", group(docs), plural(docs), group(inputs), plural(inputs), float64(res.TextBytes)/1e6), res, cfg.Walked)
	pct := 0.0
	if len(res.Docs) > 0 {
		pct = 100 * float64(dups) / float64(len(res.Docs))
	}
	nc, ni, nd := int64(len(clusters)), int64(inClusters), int64(dups)
	fmt.Fprintf(w, "  %s cluster%s holding %s document%s: %s duplicate%s (%.1f%%)\n", group(nc), plural(nc), group(ni), plural(ni), group(nd), plural(nd), pct)
	if res.Undecided > 0 {
		fmt.Fprintf(w, "  %s candidate pair%s near a threshold decided on exact similarity\n", group(int64(res.Undecided)), plural(int64(res.Undecided)))
	}
	if res.Boilerplate != nil {
		fmt.Fprintf(w, "  boilerplate: %s line%s learned as site furniture and ignored\n", group(int64(res.Boilerplate.Lines())), plural(int64(res.Boilerplate.Lines())))
	}
	if dedup {
		fmt.Fprintf(w, "  dedup output: %s document%s kept", group(kept.Records), plural(kept.Records))
		if kept.Other+kept.WithDups > 0 {
			fmt.Fprintf(w, ", and %s WARC or ARC records that are not pages (%s dropped with their duplicate page)", group(kept.Other), group(kept.WithDups))
		}
		fmt.Fprintln(w)
	}
	for _, err := range res.FileErrors {
		fmt.Fprintf(w, "  unreadable: %v\n", err)
	}
	jobs := "all CPUs"
	if cfg.Jobs > 0 {
		jobs = fmt.Sprintf("-j %d", cfg.Jobs)
	}
	fmt.Fprintf(w, "  %.2f s, %.1f MB/s of input (%s)\n", secs, float64(res.InputBytes)/1e6/max(secs, 1e-9), jobs)
}

// printReadSummary writes head and the records skipped on one line, then
// the WARC records that are not pages and the pages read with a warning.
func printReadSummary(w io.Writer, head string, res *scan.Result, walked input.Skipped) {
	fmt.Fprint(w, head)
	var skipped int64
	for _, n := range res.Skipped {
		skipped += n
	}
	if skipped > 0 {
		fmt.Fprintf(w, "; %s record%s skipped (%s)", group(skipped), plural(skipped), byReason(res.Skipped))
	}
	fmt.Fprintln(w)
	if s := walked.String(); s != "" {
		fmt.Fprintf(w, "  not read in the directories given: %s\n", s)
	}
	if n := len(res.NoText); n > 0 {
		fmt.Fprintf(w, "  %d table%s in the directories without the text column, passed over: %s", n, plural(int64(n)), strings.Join(res.NoText[:min(n, 5)], ", "))
		if n > 5 {
			fmt.Fprintf(w, " and %d more", n-5)
		}
		fmt.Fprintln(w, " (--text-field names the column)")
	}
	if n := len(res.Empty); n > 0 {
		fmt.Fprintf(w, "  %d input%s without records: %s", n, plural(int64(n)), strings.Join(res.Empty[:min(n, 5)], ", "))
		if n > 5 {
			fmt.Fprintf(w, " and %d more", n-5)
		}
		fmt.Fprintln(w)
	}
	for _, m := range []struct {
		what   string
		counts map[string]int64
	}{{"WARC or ARC records that are not pages", res.NotPages}, {"pages read with a warning", res.Warnings}} {
		if line := byReason(m.counts); line != "" {
			fmt.Fprintf(w, "  %s: %s\n", m.what, line)
		}
	}
}

// group formats n with thousands separators.
func group(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + group(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// byReason formats counts by reason, sorted by reason: "3 a, 1 b".
func byReason(counts map[string]int64) string {
	reasons := make([]string, 0, len(counts))
	for r := range counts {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = fmt.Sprintf("%s %s", group(counts[r]), r)
	}
	return strings.Join(parts, ", ")
}
