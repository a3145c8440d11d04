package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
)

// writeDocs writes docs of c as a JSONL input.
func writeDocs(t *testing.T, path string, c *wire.Corpus, docs []wire.Doc) string {
	t.Helper()
	part := *c
	part.Docs = docs
	var b bytes.Buffer
	if err := part.WriteJSONL(&b); err != nil {
		t.Fatal(err)
	}
	return writeFile(t, path, b.Bytes())
}

// queryIndex runs mimeo index query and decodes its lines.
func queryIndex(t *testing.T, stdin string, args ...string) []indexQueryOut {
	t.Helper()
	res := runCLI(t, stdin, append([]string{"index", "query", "-q"}, args...)...)
	if res.code != 0 {
		t.Fatalf("index query %v: exit %d: %s", args, res.code, res.stderr)
	}
	var out []indexQueryOut
	for _, line := range strings.SplitAfter(res.stdout, "\n") {
		if line == "" {
			break
		}
		var q indexQueryOut
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			t.Fatalf("bad query line %q: %v", line, err)
		}
		if q.Matches == nil {
			t.Fatalf("matches of %s is not an array: %s", q.ID, line)
		}
		out = append(out, q)
	}
	return out
}

// indexStats runs mimeo index stats --format json.
func indexStats(t *testing.T, dir string) indexStatsOut {
	t.Helper()
	res := runCLI(t, "", "index", "stats", "--format", "json", dir)
	if res.code != 0 {
		t.Fatalf("index stats: exit %d: %s", res.code, res.stderr)
	}
	var st indexStatsOut
	if err := json.Unmarshal([]byte(res.stdout), &st); err != nil {
		t.Fatalf("stats %q: %v", res.stdout, err)
	}
	return st
}

func matchIDs(q indexQueryOut) []string {
	ids := make([]string, len(q.Matches))
	for i, m := range q.Matches {
		ids[i] = m.ID
	}
	return ids
}

// TestIndexLifecycle builds an index from part of a labelled corpus, queries
// it, adds the rest, deletes, compacts and verifies it, as a crawler would.
func TestIndexLifecycle(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 40, Seed: 1})
	label := make(map[string]string)
	for _, d := range c.Docs {
		label[d.ID] = d.Label
	}
	dir := t.TempDir()
	k := len(c.Docs) * 3 / 4
	docsA, docsB := c.Docs[:k], c.Docs[k:]
	partA := writeDocs(t, filepath.Join(dir, "a.jsonl"), c, docsA)
	partB := writeDocs(t, filepath.Join(dir, "b.jsonl"), c, docsB)
	idx := filepath.Join(dir, "idx")

	// Several segments while building, merged into one at the end.
	res := runCLI(t, "", "index", "build", "-o", idx, "--flush-every", "100", partA)
	if res.code != 0 {
		t.Fatalf("build: exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{"documents added", "1 segment(s)", "signatures", "bytes/document", "documents/s"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("build summary lacks %q:\n%s", want, res.stderr)
		}
	}
	st := indexStats(t, idx)
	// The file is its sections and their checksums, a header and a directory.
	parts := st.Bytes.Signatures + st.Bytes.Bands + st.Bytes.Metadata + st.Bytes.Sets + st.Bytes.IDs + st.Bytes.Checksums
	if st.Documents != k || st.Segments != 1 || parts == 0 || st.Bytes.Sets == 0 || st.Bytes.IDs != int64(12*k) || st.Bytes.Total <= parts || st.Bytes.Total > parts+1024 ||
		st.BytesPerDocument != round3(float64(st.Bytes.Total)/float64(k)) ||
		st.Options.Bits != index.DefaultBits || st.Options.Threshold != index.DefaultJaccard || st.Options.Shingle != "words:5" {
		t.Errorf("after build: %+v", st)
	}
	// The site model learned the sites' furniture, and is on disk.
	if st.SiteModel == nil || st.SiteModel.Lines == 0 || st.SiteModel.Bytes == 0 {
		t.Fatalf("after build: site model %+v", st.SiteModel)
	}
	built := st.SiteModel.Lines

	// Every document finds the other members of its story (pairwise
	// recall), and few that are not.
	got := queryIndex(t, "", idx, partA)
	if len(got) != len(docsA) {
		t.Fatalf("%d query lines for %d documents", len(got), len(docsA))
	}
	var found, missed, wrong, all int
	for i, q := range got {
		if q.ID != docsA[i].ID {
			t.Fatalf("line %d is %s, want %s: not in input order", i, q.ID, docsA[i].ID)
		}
		ids := matchIDs(q)
		if !slices.Contains(ids, q.ID) {
			t.Errorf("%s does not match itself: %v", q.ID, ids)
		}
		for _, d := range docsA {
			if d.ID != q.ID && d.Label == label[q.ID] {
				if slices.Contains(ids, d.ID) {
					found++
				} else {
					missed++
				}
			}
		}
		for j, m := range q.Matches {
			all++
			if label[m.ID] != label[q.ID] {
				wrong++
			}
			if j > 0 && max(m.Similarity, m.Containment, m.Contained) > max(q.Matches[j-1].Similarity, q.Matches[j-1].Containment, q.Matches[j-1].Contained) {
				t.Errorf("%s: matches not strongest first", q.ID)
			}
			if m.Similarity != round3(m.Similarity) || m.URL == "" || m.Date == "" {
				t.Errorf("%s: match %+v", q.ID, m)
			}
		}
	}
	recall := float64(found) / float64(found+missed)
	if found+missed < 500 || recall < 0.85 {
		t.Errorf("pairwise recall %.3f (%d of %d pairs), want ≥ 0.85", recall, found, found+missed)
	}
	if float64(wrong) > 0.02*float64(all) {
		t.Errorf("%d of %d matches are of another story, want ≤ 2%%", wrong, all)
	}

	// --top and -o.
	top := filepath.Join(dir, "top.jsonl")
	queryIndex(t, "", "--top", "1", "-o", top, idx, partA)
	data, _ := os.ReadFile(top)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != len(got) {
		t.Fatalf("--top 1 wrote %d lines for %d documents", len(lines), len(got))
	}
	for i, line := range lines {
		var q indexQueryOut
		if err := json.Unmarshal([]byte(line), &q); err != nil || len(q.Matches) != 1 || q.Matches[0] != got[i].Matches[0] {
			t.Fatalf("--top 1: line %q (%v), want the first of %v", line, err, matchIDs(got[i]))
		}
	}

	// add: the second part, in several segments; queries see it, and its
	// copies of stories of the first part find them.
	res = runCLI(t, "", "index", "add", "--flush-every", "25", idx, partB)
	if res.code != 0 || !strings.Contains(res.stderr, "documents added") {
		t.Fatalf("add: exit %d: %s", res.code, res.stderr)
	}
	st = indexStats(t, idx)
	if st.Documents != len(c.Docs) || st.Segments < 2 {
		t.Errorf("after add: %d documents in %d segments, want %d in more than 1", st.Documents, st.Segments, len(c.Docs))
	}
	if st.SiteModel == nil || st.SiteModel.Lines <= built {
		t.Errorf("after add: the site model holds %+v lines, %d before", st.SiteModel, built)
	}
	cross := 0
	for _, q := range queryIndex(t, "", idx, partB) {
		ids := matchIDs(q)
		if !slices.Contains(ids, q.ID) {
			t.Errorf("added %s does not match itself: %v", q.ID, ids)
		}
		for _, id := range ids {
			if label[id] == label[q.ID] && slices.ContainsFunc(docsA, func(d wire.Doc) bool { return d.ID == id }) {
				cross++
			}
		}
	}
	if cross < 100 {
		t.Errorf("only %d matches of added documents with earlier ones", cross)
	}

	// delete: the most matched document stops appearing; and one more
	// from standard input.
	var victim string
	most := 0
	for _, q := range got {
		if len(q.Matches) > most {
			victim, most = q.ID, len(q.Matches)
		}
	}
	res = runCLI(t, "", "index", "delete", idx, victim, "no-such-id")
	if res.code != 0 || !strings.Contains(res.stdout, "deleted 1 document under 1 of the 2 ids given") ||
		!strings.Contains(res.stdout, "1 id not in the index") {
		t.Fatalf("delete: exit %d: %s%s", res.code, res.stdout, res.stderr)
	}
	for _, q := range queryIndex(t, "", idx, partA) {
		if slices.Contains(matchIDs(q), victim) {
			t.Fatalf("deleted %s still matches %s", victim, q.ID)
		}
	}
	res = runCLI(t, docsB[0].ID+"\n\n"+docsB[0].ID+"\r\n", "index", "delete", "--ids-from", "-", idx)
	if res.code != 0 || !strings.Contains(res.stdout, "deleted 1 document under 1 of the 1 id given") {
		t.Fatalf("delete --ids-from -: exit %d: %s%s", res.code, res.stdout, res.stderr)
	}
	if st := indexStats(t, idx); st.Deletions != 2 || st.Documents != len(c.Docs) {
		t.Errorf("after delete: %d deletions, %d documents", st.Deletions, st.Documents)
	}

	// compact: one segment without the deleted documents.
	res = runCLI(t, "", "index", "compact", idx)
	if res.code != 0 || !strings.Contains(res.stdout, "segment(s) → 1,") {
		t.Fatalf("compact: exit %d: %s%s", res.code, res.stdout, res.stderr)
	}
	if st := indexStats(t, idx); st.Segments != 1 || st.Documents != len(c.Docs)-2 || st.Deletions != 0 {
		t.Errorf("after compact: %+v", st)
	}
	res = runCLI(t, "", "index", "stats", idx)
	for _, want := range []string{"documents:   " + group(int64(len(c.Docs)-2)), "segments:    1", "recipe:      words:5 k=128", "thresholds:  similarity 0.3"} {
		if res.code != 0 || !strings.Contains(res.stdout, want) {
			t.Errorf("stats text lacks %q:\n%s", want, res.stdout)
		}
	}

	// verify, then again after one byte of the segment changed.
	res = runCLI(t, "", "index", "verify", idx)
	if res.code != 0 || !strings.HasPrefix(res.stdout, "ok: "+group(int64(len(c.Docs)-2))+" documents in 1 segment(s), ") {
		t.Fatalf("verify: exit %d: %s%s", res.code, res.stdout, res.stderr)
	}
	segs, _ := filepath.Glob(filepath.Join(idx, "seg-*.mms"))
	if len(segs) != 1 {
		t.Fatalf("segment files %v", segs)
	}
	seg, err := os.ReadFile(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	seg[len(seg)/2] ^= 0x10
	writeFile(t, segs[0], seg)
	res = runCLI(t, "", "index", "verify", idx)
	if res.code != 1 || !strings.Contains(res.stderr, filepath.Base(segs[0])) || !strings.Contains(res.stderr, "corrupt") || res.stdout != "" {
		t.Errorf("verify of a damaged segment: exit %d: %s%s", res.code, res.stdout, res.stderr)
	}
}

func TestIndexErrors(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	if r := runCLI(t, "", "index", "build", "-q", "-o", idx, sampleNews); r.code != 0 {
		t.Fatalf("build: exit %d: %s", r.code, r.stderr)
	}
	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	other := filepath.Join(dir, "other")
	writeFile(t, filepath.Join(other, "notes.txt"), []byte("mine"))
	bad := writeFile(t, filepath.Join(dir, "bad.jsonl"), []byte(story("a", 1, "")+"{not json\n"+story("b", 1, " copy")))
	missing := filepath.Join(dir, "missing")

	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout []string
		stderr []string
	}{
		{"no subcommand", []string{"index"}, "", 2, nil, []string{"no subcommand", "Subcommands:"}},
		{"unknown subcommand", []string{"index", "frob"}, "", 2, nil, []string{`unknown subcommand "frob"`}},
		{"help index", []string{"help", "index"}, "", 0, []string{"Subcommands:", "build", "verify", "compact"}, nil},
		{"index --help", []string{"index", "--help"}, "", 0, []string{"Subcommands:", "query"}, nil},
		{"index help query", []string{"index", "help", "query"}, "", 0, []string{"Usage: mimeo index query", "--top"}, nil},
		{"build --help", []string{"index", "build", "--help"}, "", 0, []string{"Usage: mimeo index build", "--flush-every", "--threshold"}, nil},
		{"build without -o", []string{"index", "build", sampleNews}, "", 2, nil, []string{"-o DIR"}},
		{"build without inputs", []string{"index", "build", "-o", filepath.Join(dir, "new")}, "", 2, nil, []string{"no inputs"}},
		{"build bad threshold", []string{"index", "build", "-o", filepath.Join(dir, "new"), "--threshold", "2", sampleNews}, "", 2, nil, []string{"--threshold"}},
		{"build bad flush-every", []string{"index", "build", "-o", filepath.Join(dir, "new"), "--flush-every", "0", sampleNews}, "", 2, nil, []string{"--flush-every 0"}},
		{"build over an index", []string{"index", "build", "-o", idx, sampleNews}, "", 1, nil, []string{idx + " already holds an index", "mimeo index add"}},
		{"build in a directory in use", []string{"index", "build", "-o", other, sampleNews}, "", 1, nil, []string{"not empty"}},
		{"build missing input", []string{"index", "build", "-o", filepath.Join(dir, "new"), filepath.Join(dir, "nope.jsonl")}, "", 1, nil, []string{"nope.jsonl"}},
		{"add recipe flag", []string{"index", "add", "--threshold", "0.5", "--shingle", "chars:5", idx, sampleNews}, "", 2, nil, []string{"--shingle, --threshold", "options it was built with"}},
		{"add --help hides recipe flags", []string{"index", "add", "--help"}, "", 0, []string{"--id-field", "--strict", "--flush-every"}, nil},
		{"add without inputs", []string{"index", "add", idx}, "", 2, nil, []string{"no inputs"}},
		{"add to no index", []string{"index", "add", empty, sampleNews}, "", 1, nil, []string{"no index in " + empty}},
		{"query missing dir", []string{"index", "query", missing, sampleNews}, "", 1, nil, []string{"index query: index: no index in " + missing + " (no such directory)"}},
		{"query no index", []string{"index", "query", empty, sampleNews}, "", 1, nil, []string{"no index in " + empty}},
		{"query bad top", []string{"index", "query", "--top", "-1", idx, sampleNews}, "", 2, nil, []string{"--top -1"}},
		{"query without dir", []string{"index", "query"}, "", 2, nil, []string{"no index directory"}},
		{"query stdin", []string{"index", "query", "-q", idx, "-"}, `{"id": "lonely", "text": "nothing like any story in the sample at all, said nobody"}` + "\n", 0,
			[]string{`{"id":"lonely","matches":[]}` + "\n"}, nil},
		{"stats bad format", []string{"index", "stats", "--format", "xml", idx}, "", 2, nil, []string{"--format"}},
		{"stats two dirs", []string{"index", "stats", idx, idx}, "", 2, nil, []string{"one index directory"}},
		{"stats missing", []string{"index", "stats", missing}, "", 1, nil, []string{"no such directory"}},
		{"verify no dir", []string{"index", "verify"}, "", 2, nil, []string{"one index directory"}},
		{"verify no index", []string{"index", "verify", empty}, "", 1, nil, []string{"no index in " + empty}},
		{"delete no ids", []string{"index", "delete", idx}, "", 2, nil, []string{"no ids"}},
		{"delete ids from missing file", []string{"index", "delete", "--ids-from", filepath.Join(dir, "ids.txt"), idx}, "", 1, nil, []string{"ids.txt"}},
		{"compact no index", []string{"index", "compact", missing}, "", 1, nil, []string{"no such directory"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkCLI(t, runCLI(t, tc.stdin, tc.args...), tc.code, tc.stdout, tc.stderr, nil)
		})
	}
	if r := runCLI(t, "", "index", "add", "--help"); strings.Contains(r.stdout, "--threshold") || strings.Contains(r.stdout, "--shingle") {
		t.Errorf("add --help lists the recipe flags:\n%s", r.stdout)
	}
	for _, d := range []string{missing, empty} {
		if entries, err := os.ReadDir(d); len(entries) > 0 || (d == missing) != os.IsNotExist(err) {
			t.Errorf("a failed command left %v in %s", entries, d)
		}
	}

	// A failed build removes the new index, whether it made the
	// directory or was given an empty one.
	for _, d := range []string{filepath.Join(dir, "strict"), empty} {
		r := runCLI(t, "", "index", "build", "--strict", "-o", d, bad)
		if r.code != 1 || !strings.Contains(r.stderr, "bad.jsonl:2") {
			t.Errorf("strict build of a bad input: exit %d: %s", r.code, r.stderr)
		}
		if entries, err := os.ReadDir(d); len(entries) > 0 || (d == empty) == os.IsNotExist(err) {
			t.Errorf("the failed build left %v in %s (%v)", entries, d, err)
		}
	}

	// An input that cannot be read to the end fails the build, which
	// leaves nothing (TestGuaranteeUnreadableInputs has add and scan).
	cut := gz(t, []byte(story("a", 1, "")+story("b", 1, " copy")+story("c", 2, "")+story("d", 3, "")))
	trunc := writeFile(t, filepath.Join(dir, "cut", "trunc.jsonl.gz"), cut[:len(cut)*3/4])
	part := filepath.Join(dir, "partial")
	if r := runCLI(t, "", "index", "build", "-o", part, trunc); r.code != 1 || !strings.Contains(r.stderr, "could not be read to the end") ||
		!strings.Contains(r.stderr, "trunc.jsonl.gz") || !strings.Contains(r.stderr, "no index was left") {
		t.Errorf("build of a truncated input: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(part); !os.IsNotExist(err) {
		t.Errorf("the failed build left %s: %v", part, err)
	}

	// A writer holds the index: writing fails with a clear message,
	// reading works.
	o, err := index.ReadOptions(idx)
	if err != nil {
		t.Fatal(err)
	}
	w, err := index.Open(idx, o)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, args := range [][]string{
		{"index", "add", idx, sampleNews},
		{"index", "delete", idx, "doc-000001"},
		{"index", "compact", idx},
	} {
		r := runCLI(t, "", args...)
		if want := "mimeo: " + strings.Join(args[:2], " ") + ": " + idx + ": index: locked by another writer"; r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("%v on a locked index: exit %d, want 1 and %q: %s", args[:2], r.code, want, r.stderr)
		}
	}
	if got := queryIndex(t, "", idx, sampleNews); len(got) != 169 || len(got[0].Matches) == 0 {
		t.Errorf("query of a locked index: %d lines", len(got))
	}
	if r := runCLI(t, "", "index", "verify", idx); r.code != 0 {
		t.Errorf("verify of a locked index: exit %d: %s", r.code, r.stderr)
	}
}

// TestGuaranteeIndexDirectory: no index command creates an index where
// there is none (but build and scan --index in an empty or missing
// directory), wipes a directory, or removes a file it did not make.
func TestGuaranteeIndexDirectory(t *testing.T) {
	dir := t.TempDir()
	someone := filepath.Join(dir, "someone")
	writeFile(t, filepath.Join(someone, "thesis.tex"), []byte("years of work"))
	orphans := filepath.Join(dir, "orphans")
	writeFile(t, filepath.Join(orphans, "seg-000001.mms"), []byte("MIMEOSEG and the rest"))
	writeFile(t, filepath.Join(orphans, "seg-000002.mms"), []byte("MIMEOSEG and the rest"))
	snapshot := func(d string) []string {
		entries, _ := os.ReadDir(d)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	before := map[string][]string{someone: snapshot(someone), orphans: snapshot(orphans)}
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"add to someone's directory", []string{"index", "add", someone, sampleNews}, "not an index"},
		{"add to segments without a manifest", []string{"index", "add", orphans, sampleNews}, "no MANIFEST"},
		{"compact segments without a manifest", []string{"index", "compact", orphans}, "no MANIFEST"},
		{"delete in segments without a manifest", []string{"index", "delete", orphans, "x"}, "no MANIFEST"},
		{"query segments without a manifest", []string{"index", "query", orphans, sampleNews}, "no MANIFEST"},
		{"build in someone's directory", []string{"index", "build", "-o", someone, sampleNews}, "not empty"},
		{"build over segments without a manifest", []string{"index", "build", "-o", orphans, sampleNews}, "not empty"},
		{"scan --index someone's directory", []string{"scan", "-q", "--index", someone, sampleNews}, "not empty"},
		{"scan --index segments without a manifest", []string{"scan", "-q", "--index", orphans, sampleNews}, "no MANIFEST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCLI(t, runCLI(t, "", tc.args...), 1, nil, []string{tc.stderr}, nil)
			for d, names := range before {
				if got := snapshot(d); !slices.Equal(got, names) {
					t.Errorf("%s now holds %v, was %v", d, got, names)
				}
			}
		})
	}
}

// TestGuaranteeIndexAddAllOrNothing: an add that fails — here on a damaged
// segment that the add's merge reads — adds nothing, so that retrying it
// never duplicates.
func TestGuaranteeIndexAddAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	if res := runCLI(t, "", "index", "build", "-q", "-o", idx, sampleNews); res.code != 0 {
		t.Fatal(res.stderr)
	}
	docs := indexStats(t, idx).Documents
	seg := filepath.Join(idx, "seg-000001.mms")
	data, _ := os.ReadFile(seg)
	data[300] ^= 0xFF // a signature byte
	os.WriteFile(seg, data, 0o644)
	for attempt := range 3 {
		res := runCLI(t, "", "index", "add", "-q", idx, sampleNews)
		checkCLI(t, res, 1, nil, []string{"corrupt", "nothing was added"}, nil)
		if got := indexStats(t, idx).Documents; got != docs {
			t.Fatalf("attempt %d: the index holds %d documents, had %d", attempt, got, docs)
		}
	}
	if res := runCLI(t, "", "index", "verify", idx); res.code != 1 || !strings.Contains(res.stderr, "seg-000001.mms") {
		t.Errorf("verify: exit %d: %s", res.code, res.stderr)
	}
}

// TestGuaranteeCraftedManifest: a manifest with a valid checksum but
// impossible options is reported as damaged by every command, never a
// crash.
func TestGuaranteeCraftedManifest(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	if res := runCLI(t, "", "index", "build", "-q", "-o", idx, sampleNews); res.code != 0 {
		t.Fatal(res.stderr)
	}
	path := filepath.Join(idx, "MANIFEST")
	orig, _ := os.ReadFile(path)
	// The body starts with the shingle kind, size, seed, two flags, k:
	// set k (one byte, 128 = 0x80 0x01 as a uvarint) to 0.
	body := orig[16 : len(orig)-4]
	kAt := 1 + 1 + 8 + 2
	if body[kAt] != 0x80 || body[kAt+1] != 0x01 {
		t.Fatalf("unexpected manifest layout % x", body[:16])
	}
	bad := append(append(slices.Clone(orig[:16]), body[:kAt]...), 0)
	bad = append(bad, body[kAt+2:]...)
	binary.LittleEndian.PutUint32(bad[12:], uint32(len(bad)-16))
	bad = binary.LittleEndian.AppendUint32(bad, crc32.Checksum(bad, crc32.MakeTable(crc32.Castagnoli)))
	os.WriteFile(path, bad, 0o644)
	for _, args := range [][]string{
		{"index", "verify", idx}, {"index", "stats", idx}, {"index", "query", "-q", idx, sampleNews},
		{"index", "add", "-q", idx, sampleNews}, {"index", "compact", idx}, {"scan", "-q", "--index", idx, sampleNews},
	} {
		checkCLI(t, runCLI(t, "", args...), 1, nil, []string{"corrupt", "MANIFEST"}, nil)
	}
}

// TestIndexIDsReplace checks that a document added again under its own id
// replaces the indexed one, through scan --index and index add alike, while
// documents without an id of their own — named by their position in an
// input, "-:LINE" on standard input — never replace another input's.
func TestIndexIDsReplace(t *testing.T) {
	dump := func(prefix string, withIDs bool) string {
		var b strings.Builder
		for i := range 5 {
			d := map[string]string{"text": fmt.Sprintf("%s story number %d: %s", prefix, i, strings.Repeat(prefix+" words of a page that is long enough to sign "+fmt.Sprint(i)+" ", 6))}
			if withIDs {
				d["id"] = fmt.Sprint("doc", i)
			}
			line, _ := json.Marshal(d)
			b.Write(line)
			b.WriteByte('\n')
		}
		return b.String()
	}
	for _, cmd := range []string{"scan", "index add"} {
		dir := filepath.Join(t.TempDir(), "idx")
		if res := runCLI(t, "", "index", "build", "-q", "-o", dir, writeFile(t, filepath.Join(t.TempDir(), "seed.jsonl"), []byte(dump("seed", true)))); res.code != 0 {
			t.Fatalf("build: %s", res.stderr)
		}
		args := func(extra ...string) []string {
			if cmd == "scan" {
				return append([]string{"scan", "-q", "-o", filepath.Join(t.TempDir(), "c.jsonl"), "--index", dir}, extra...)
			}
			return append([]string{"index", "add", "-q", dir}, extra...)
		}
		for _, prefix := range []string{"alpha", "beta"} { // no ids, from standard input
			if res := runCLI(t, dump(prefix, false), args("-")...); res.code != 0 {
				t.Fatalf("%v: %s", cmd, res.stderr)
			}
		}
		if st := indexStats(t, dir); st.Documents != 15 || st.Deletions != 0 {
			t.Errorf("%v without ids: %d documents, %d deletions; want 15 kept, none deleted", cmd, st.Documents, st.Deletions)
		}
		// The same ids again: they replace the seed's documents.
		if res := runCLI(t, "", args(writeFile(t, filepath.Join(t.TempDir(), "again.jsonl"), []byte(dump("gamma", true))))...); res.code != 0 {
			t.Fatalf("%v: %s", cmd, res.stderr)
		}
		if st := indexStats(t, dir); st.Deletions != 5 {
			t.Errorf("%v with the same ids: %d deletions, want the 5 replaced", cmd, st.Deletions)
		}
		if res := runCLI(t, "", "index", "compact", dir); res.code != 0 {
			t.Fatal(res.stderr)
		}
		if st := indexStats(t, dir); st.Documents != 15 {
			t.Errorf("%v after compact: %d documents, want 15", cmd, st.Documents)
		}
	}
}
