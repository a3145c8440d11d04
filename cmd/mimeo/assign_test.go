package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func readAssign(t *testing.T, path string) []assignOut {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []assignOut
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var a assignOut
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		out = append(out, a)
	}
	return out
}

// TestScanAssign: --assign has one line per input record, in input order,
// whose roles agree with the clusters and with --dedup-output, and
// --summary-json the summary's counts.
func TestScanAssign(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		story("a", 0, ""),
		story("b", 0, ""),            // a copy of a
		`{"id":"bad","text":` + "\n", // malformed
		story("c", 1, ""),
		`{"id":"d","text":"` + storyText(5, "") + "\\n" + storyText(6, "") + "\\n" + storyText(0, "") + `"}` + "\n", // a local paragraph, then a: adds
		`{"id":"e"}` + "\n", // no text
		story("f", 2, ""),
		story("g", 1, ""), // a copy of c
	}
	in := writeFile(t, filepath.Join(dir, "in.jsonl"), []byte(strings.Join(lines, "")))
	assign, summary, dedup := filepath.Join(dir, "assign.jsonl"), filepath.Join(dir, "summary.json"), filepath.Join(dir, "dedup.jsonl")
	res := runCLI(t, "", "scan", "-q", "--keep", "first", "-o", filepath.Join(dir, "clusters.jsonl"), "--assign", assign, "--summary-json", summary, "--dedup-output", dedup, in)
	checkCLI(t, res, 0, nil, nil, nil)
	as := readAssign(t, assign)
	var sources, roles []string
	for _, a := range as {
		sources = append(sources, a.Source)
		roles = append(roles, a.ID+"="+a.Role)
	}
	var want []string
	for i := range lines {
		want = append(want, in+":"+strconv.Itoa(i+1))
	}
	if !slices.Equal(sources, want) {
		t.Fatalf("sources %v, want %v", sources, want)
	}
	if w := []string{"a=kept", "b=duplicate", "=skipped", "c=kept", "d=adds", "=skipped", "f=unique", "g=duplicate"}; !slices.Equal(roles, w) {
		t.Errorf("roles %v, want %v", roles, w)
	}
	if as[2].Reason != "malformed JSON" || as[5].Reason != "missing text field" || as[5].Detail == "" {
		t.Errorf("skipped: %+v %+v", as[2], as[5])
	}
	if b := as[1]; b.Cluster == 0 || b.Keep != "a" || b.KeepSource != in+":1" || b.Similarity == nil || *b.Similarity < 0.9 || b.InOutput {
		t.Errorf("b: %+v", b)
	}
	if a := as[0]; *a.Similarity != 1 || !a.InOutput || a.Cluster != as[1].Cluster {
		t.Errorf("a: %+v", a)
	}
	// The dedup output holds exactly the records in_output says.
	kept := outputIDs(t, dedup)
	var inOutput []string
	for _, a := range as {
		if a.InOutput {
			inOutput = append(inOutput, a.ID)
		}
	}
	if !slices.Equal(kept, inOutput) {
		t.Errorf("dedup output %v, assign says %v", kept, inOutput)
	}

	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	var s summaryOut
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	if s.Documents != 6 || s.Inputs != 1 || s.Clusters != 2 || s.InClusters != 5 || s.Duplicates != 3 ||
		s.Skipped["malformed JSON"] != 1 || s.Skipped["missing text field"] != 1 || s.Dedup == nil || s.Dedup.Records != 4 || s.ExitStatus != 0 {
		t.Errorf("summary %s", data)
	}
	for _, key := range []string{`"documents"`, `"skipped"`, `"dedup_output"`, `"elapsed_seconds"`, `"exit_status"`} {
		if !strings.Contains(string(data), key) {
			t.Errorf("summary lacks %s", key)
		}
	}

	// Two outputs on one file are refused (a device may take several:
	// TestGuaranteeOutputsShareDevice).
	res = runCLI(t, "", "scan", "-o", assign, "--assign", assign, in)
	checkCLI(t, res, 2, nil, []string{"-o and --assign name the same file"}, nil)
}

// TestScanAssignIndex: with --index, documents the index saw are "seen".
func TestScanAssignIndex(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	first := writeFile(t, filepath.Join(dir, "day1.jsonl"), []byte(story("a", 0, "")+story("c", 1, "")))
	second := writeFile(t, filepath.Join(dir, "day2.jsonl"), []byte(story("a2", 0, "")+story("f", 2, "")+story("f2", 2, "")))
	checkCLI(t, runCLI(t, "", "scan", "-q", "-o", filepath.Join(dir, "c1"), "--index", idx, first), 0, nil, nil, nil)
	assign, summary := filepath.Join(dir, "assign.jsonl"), filepath.Join(dir, "s.json")
	checkCLI(t, runCLI(t, "", "scan", "-q", "-o", filepath.Join(dir, "c2"), "--index", idx, "--assign", assign, "--summary-json", summary, second), 0, nil, nil, nil)
	var roles []string
	for _, a := range readAssign(t, assign) {
		roles = append(roles, a.ID+"="+a.Role)
		if a.Role == "seen" && (a.SeenAs != "a" || a.InOutput) {
			t.Errorf("seen: %+v", a)
		}
	}
	if w := []string{"a2=seen", "f=kept", "f2=duplicate"}; !slices.Equal(roles, w) {
		t.Errorf("roles %v, want %v", roles, w)
	}
	var s summaryOut
	data, _ := os.ReadFile(summary)
	if err := json.Unmarshal(data, &s); err != nil || s.Index == nil || s.Index.Seen != 1 || s.Index.Documents != 5 {
		t.Errorf("summary %s (%v)", data, err)
	}
}
