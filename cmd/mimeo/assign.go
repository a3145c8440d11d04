package main

import (
	"encoding/json"
	"io"
	"slices"

	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// assignOut is one line of --assign: what became of one input record.
type assignOut struct {
	ID     string `json:"id,omitempty"`
	Source string `json:"source"`
	URL    string `json:"url,omitempty"`
	Date   string `json:"date,omitempty"`
	// Role: "unique" (in no cluster), "kept" (the cluster's kept member,
	// or the member that stands in for it when the index saw it),
	// "adds" (a member kept too: it adds text to the kept one),
	// "duplicate" (left out of the deduplicated output), "seen" (the index
	// saw it before: left out), "skipped" (not a document: Reason).
	Role       string   `json:"role"`
	Cluster    int      `json:"cluster,omitempty"` // as numbered in the clusters output
	Keep       string   `json:"keep,omitempty"`    // the kept member's id
	KeepSource string   `json:"keep_source,omitempty"`
	Similarity *float64 `json:"similarity,omitempty"` // against the kept member
	// Containment is the share of this document found in the kept one,
	// Contained the share of the kept one found in this document.
	Containment *float64 `json:"containment,omitempty"`
	Contained   *float64 `json:"contained,omitempty"`
	SeenAs      string   `json:"seen_as,omitempty"` // the index's best match of the cluster
	InOutput    bool     `json:"in_output"`         // --dedup-output keeps it
	Reason      string   `json:"reason,omitempty"`  // why it was skipped
	Detail      string   `json:"detail,omitempty"`
}

// writeAssign writes one line per input record, documents and skipped
// records together in input order.
func writeAssign(w io.Writer, res *scan.Result, clusters []cluster) error {
	dup := scan.Duplicates(len(res.Docs), res.Dedup, clusters)
	lines := make([]assignOut, len(res.Docs))
	for i := range res.Docs {
		d := &res.Docs[i]
		lines[i] = assignOut{ID: d.ID, Source: d.Source, URL: d.URL, Date: d.Date, Role: "unique", InOutput: true}
	}
	for ci, c := range clusters {
		keep := &res.Docs[c.Keep]
		seenAs := ""
		if len(c.Indexed) > 0 {
			seenAs = c.Indexed[0].ID
		}
		for _, m := range c.Members {
			l := &lines[m]
			mo := scan.Member(res.Dedup, &res.Docs[m], m, c.Keep)
			_, seen := slices.BinarySearch(c.Seen, m)
			l.Cluster, l.Keep, l.KeepSource = ci+1, keep.ID, keep.Source
			l.Similarity, l.Containment, l.Contained = &mo.Similarity, &mo.Containment, &mo.Contained
			l.InOutput = !dup[m]
			switch {
			case seen:
				l.Role, l.SeenAs = "seen", seenAs
			case dup[m]:
				l.Role = "duplicate"
			case m == c.Keep || !mo.Adds:
				l.Role = "kept"
			default:
				l.Role = "adds"
			}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	sk := res.SkippedRecords
	for i := range lines {
		d := &res.Docs[i]
		for len(sk) > 0 && (sk[0].Input < d.Input || sk[0].Input == d.Input && sk[0].Offset < d.Offset) {
			if err := enc.Encode(skippedOut(sk[0])); err != nil {
				return err
			}
			sk = sk[1:]
		}
		if err := enc.Encode(&lines[i]); err != nil {
			return err
		}
	}
	for _, s := range sk {
		if err := enc.Encode(skippedOut(s)); err != nil {
			return err
		}
	}
	return nil
}

func skippedOut(s scan.SkippedRecord) assignOut {
	return assignOut{Source: s.Source, Role: "skipped", Reason: s.Reason, Detail: s.Detail}
}

// summaryOut is --summary-json: the summary on standard error, for
// programs.
type summaryOut struct {
	Inputs          int              `json:"inputs"`
	Documents       int              `json:"documents"`
	Records         int64            `json:"records"`
	InputBytes      int64            `json:"input_bytes"`
	TextBytes       int64            `json:"text_bytes"`
	Skipped         map[string]int64 `json:"skipped"`
	NotPages        map[string]int64 `json:"not_pages"`
	Warnings        map[string]int64 `json:"warnings"`
	Unreadable      []string         `json:"unreadable"`
	Empty           []string         `json:"empty"`
	NoTextColumn    []string         `json:"tables_without_text_column"`
	DirsSkipped     dirsSkippedOut   `json:"dirs_skipped"`
	Clusters        int              `json:"clusters"`
	InClusters      int              `json:"in_clusters"`
	Duplicates      int              `json:"duplicates"`
	Undecided       int              `json:"decided_exactly"`
	BoilerplateOn   bool             `json:"boilerplate"`
	BoilerLines     int              `json:"boilerplate_lines"`
	Dedup           *dedupSummary    `json:"dedup_output,omitempty"`
	Index           *indexSummary    `json:"index,omitempty"`
	BadDates        int              `json:"dates_not_understood"`
	ElapsedSeconds  float64          `json:"elapsed_seconds"`
	MBPerSecond     float64          `json:"mb_per_second"`
	Jobs            int              `json:"jobs"` // 0: all CPUs
	ExitStatus      int              `json:"exit_status"`
	FirstUnreadable string           `json:"error,omitempty"`
}

type dirsSkippedOut struct {
	Other   map[string]int `json:"other"`
	Hidden  int            `json:"hidden"`
	Special int            `json:"special"`
}

type dedupSummary struct {
	Path           string `json:"path"`
	Records        int64  `json:"records"`
	OtherRecords   int64  `json:"other_warc_records"`
	DroppedWithDup int64  `json:"other_warc_records_dropped"`
}

type indexSummary struct {
	Dir       string `json:"dir"`
	Seen      int    `json:"seen_before"`
	Added     int    `json:"added"`
	Documents int    `json:"documents"`
	Segments  int    `json:"segments"`
}

func newSummary(res *scan.Result, clusters []cluster, cfg scan.Config, badDates int) summaryOut {
	in := 0
	for _, c := range clusters {
		in += len(c.Members)
	}
	s := summaryOut{
		Inputs: len(cfg.Inputs), Documents: len(res.Docs), Records: res.Records, InputBytes: res.InputBytes, TextBytes: res.TextBytes,
		Skipped: nonNil(res.Skipped), NotPages: nonNil(res.NotPages), Warnings: nonNil(res.Warnings),
		Unreadable: []string{}, Empty: append([]string{}, res.Empty...), NoTextColumn: append([]string{}, res.NoText...),
		DirsSkipped: dirsSkippedOut{Other: cfg.Walked.Other, Hidden: cfg.Walked.Hidden, Special: cfg.Walked.Special},
		Clusters:    len(clusters), InClusters: in, Duplicates: in - len(clusters), Undecided: res.Undecided,
		BoilerplateOn: cfg.Boilerplate, BadDates: badDates,
		ElapsedSeconds: scan.Round3(res.Elapsed.Seconds()), Jobs: cfg.Jobs,
	}
	if s.DirsSkipped.Other == nil {
		s.DirsSkipped.Other = map[string]int{}
	}
	if res.Boilerplate != nil {
		s.BoilerLines = res.Boilerplate.Lines()
	}
	if secs := res.Elapsed.Seconds(); secs > 0 {
		s.MBPerSecond = scan.Round3(float64(res.InputBytes) / 1e6 / secs)
	}
	for _, err := range res.FileErrors {
		s.Unreadable = append(s.Unreadable, err.Error())
	}
	return s
}

func nonNil(m map[string]int64) map[string]int64 {
	if m == nil {
		return map[string]int64{}
	}
	return m
}
