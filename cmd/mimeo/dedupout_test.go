package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDedupOutputKeepsWhatAdds checks what --dedup-output drops of a
// cluster, in one scan and through an index in two batches alike: a copy
// the kept member covers goes, a follow-up that quotes the kept brief whole
// beside its own new text stays (it is news, as the index takes it).
func TestDedupOutputKeepsWhatAdds(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	para := func(sentences int) string {
		var s []string
		for range sentences {
			s = append(s, randomSentence(r, 14+r.IntN(5)))
		}
		return strings.Join(s, " ")
	}
	brief := para(2) + "\n" + para(2)
	var news []string
	for range 6 {
		news = append(news, para(3))
	}
	followUp := strings.Join(news[:3], "\n") + "\n" + brief + "\n" + strings.Join(news[3:], "\n")
	docs := []map[string]string{
		{"id": "brief", "date": "2026-01-01T08:00:00Z", "text": brief},
		{"id": "copy", "date": "2026-01-01T09:00:00Z", "text": brief + "\nCopyright the copying site, all rights reserved, do not reproduce."},
		{"id": "follow-up", "date": "2026-01-02T08:00:00Z", "text": followUp},
	}
	dir := t.TempDir()
	write := func(name string, ds []map[string]string) string {
		return writeJSONL(t, filepath.Join(dir, name), ds...)
	}
	ids := func(path string) []string {
		out := outputIDs(t, path)
		slices.Sort(out)
		return out
	}
	scan := func(out string, args ...string) {
		t.Helper()
		res := runCLI(t, "", append([]string{"scan", "-q", "-o", filepath.Join(dir, "clusters.jsonl"), "--dedup-output", out}, args...)...)
		if res.code != 0 {
			t.Fatalf("scan %v: exit %d: %s", args, res.code, res.stderr)
		}
	}
	all := write("all.jsonl", docs)
	scan(filepath.Join(dir, "one.jsonl"), all)
	clusters, _ := os.ReadFile(filepath.Join(dir, "clusters.jsonl"))
	if !strings.Contains(string(clusters), `"follow-up"`) {
		t.Fatalf("the follow-up is not in the brief's cluster, nothing to test:\n%s", clusters)
	}
	want := []string{"brief", "follow-up"}
	if got := ids(filepath.Join(dir, "one.jsonl")); !slices.Equal(got, want) {
		t.Errorf("one scan kept %v, want %v", got, want)
	}
	idx := filepath.Join(dir, "idx")
	scan(filepath.Join(dir, "b1.jsonl"), "--index", idx, write("1.jsonl", docs[:1]))
	scan(filepath.Join(dir, "b2.jsonl"), "--index", idx, write("2.jsonl", docs[1:]))
	got := slices.Concat(ids(filepath.Join(dir, "b1.jsonl")), ids(filepath.Join(dir, "b2.jsonl")))
	if slices.Sort(got); !slices.Equal(got, want) {
		t.Errorf("two batches through an index kept %v, want %v", got, want)
	}
}

// TestIndexSetsFlag checks --sets: an index built with it off keeps no
// shingle sets, says so and answers on the estimates; one built with the
// default keeps them, and its queries of truncated copies a tenth of their
// story are measured on them ("verified").
func TestIndexSetsFlag(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(6, 6))
	sentence := func() string { return randomSentence(r, 14) }
	var long, short strings.Builder
	for i := range 20 {
		var paras []string
		for range 20 {
			paras = append(paras, sentence()+" "+sentence()+" "+sentence())
		}
		fmt.Fprintf(&long, "{\"id\":\"story%d\",\"text\":%q}\n", i, strings.Join(paras, "\n"))
		fmt.Fprintf(&short, "{\"id\":\"copy%d\",\"text\":%q}\n", i, paras[0]+"\n"+paras[19]+" "+sentence()+" "+sentence())
	}
	in, queries := filepath.Join(dir, "in.jsonl"), filepath.Join(dir, "q.jsonl")
	if os.WriteFile(in, []byte(long.String()), 0o644) != nil || os.WriteFile(queries, []byte(short.String()), 0o644) != nil {
		t.Fatal("cannot write the inputs")
	}
	for _, sets := range []string{"on", "off"} {
		idx := filepath.Join(dir, "idx-"+sets)
		if res := runCLI(t, "", "index", "build", "-q", "-o", idx, "--sets", sets, in); res.code != 0 {
			t.Fatalf("build --sets %s: exit %d: %s", sets, res.code, res.stderr)
		}
		st := indexStats(t, idx)
		if st.Options.Sets != (sets == "on") || (st.Bytes.Sets > 0) != (sets == "on") {
			t.Errorf("--sets %s: options say %v, %d bytes of sets", sets, st.Options.Sets, st.Bytes.Sets)
		}
		res := runCLI(t, "", "index", "query", idx, queries)
		if res.code != 0 {
			t.Fatalf("query: exit %d: %s", res.code, res.stderr)
		}
		// Each copy finds its story, on the sets with them (its estimate
		// is a close call), on the estimates without.
		found, verified := 0, 0
		for _, line := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
			var q struct {
				ID      string
				Matches []struct {
					ID       string
					Verified bool
				}
			}
			if err := json.Unmarshal([]byte(line), &q); err != nil {
				t.Fatalf("query output %q: %v", line, err)
			}
			for _, m := range q.Matches {
				if "copy"+strings.TrimPrefix(m.ID, "story") == q.ID {
					found++
					if m.Verified {
						verified++
					}
				}
			}
		}
		t.Logf("--sets %s: %d copies found, %d on the sets", sets, found, verified)
		if found == 0 || sets == "on" && verified*10 < found*9 || sets == "off" && verified != 0 {
			t.Errorf("--sets %s: %d copies found, %d of them on the sets", sets, found, verified)
		}
	}
	if res := runCLI(t, "", "index", "build", "-o", filepath.Join(dir, "x"), "--sets", "maybe", in); res.code != 2 {
		t.Errorf("--sets maybe: exit %d, want 2", res.code)
	}
}

// randomSentence returns a sentence of words of random letters, of which
// two texts share none unless they share the sentence.
func randomSentence(r *rand.Rand, words int) string {
	w := make([]string, words)
	for i := range w {
		b := make([]byte, 3+r.IntN(6))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		w[i] = string(b)
	}
	return strings.Join(w, " ") + "."
}

// TestDigestEveryMode: a digest whose first quote is one story's long lead
// (half of it, its opening too) and whose other quotes are three stories'
// short leads is news in every mode — in no cluster of one scan and kept by
// its --dedup-output, and kept by a later batch through an index that
// holds the stories — with URLs (the stories' sites known) and without,
// while a copy of the first story is dropped in each.
func TestDigestEveryMode(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	var stories []map[string]string
	digest := []string{"Your morning briefing for " + randomSentence(r, 2)}
	for i := range 4 {
		title := randomSentence(r, 6)
		lead := randomSentence(r, 11)
		if i == 0 {
			lead = randomSentence(r, 40)
		}
		paras := []string{"KELBY (Wire) — " + lead}
		for range 11 {
			paras = append(paras, randomSentence(r, 40))
		}
		stories = append(stories, map[string]string{"id": fmt.Sprint("story", i), "date": fmt.Sprintf("2026-01-0%dT08:00:00Z", i+1),
			"url": fmt.Sprintf("https://site%d.example/news/%d", i, i), "text": title + "\n" + strings.Join(paras, "\n")})
		digest = append(digest, title, lead)
	}
	cp := map[string]string{"id": "copy", "date": "2026-01-05T08:00:00Z", "url": "https://copier.example/a/1",
		"text": stories[0]["text"] + "\nCopyright the copying site, all rights reserved, do not reproduce."}
	dg := map[string]string{"id": "digest", "date": "2026-01-06T08:00:00Z", "url": "https://digests.example/today", "text": strings.Join(digest, "\n")}
	for _, urls := range []bool{true, false} {
		dir := t.TempDir()
		write := func(name string, ds ...map[string]string) string {
			var b strings.Builder
			for _, d := range ds {
				d = maps.Clone(d)
				if !urls {
					delete(d, "url")
				}
				line, _ := json.Marshal(d)
				b.Write(line)
				b.WriteByte('\n')
			}
			return writeFile(t, filepath.Join(dir, name), []byte(b.String()))
		}
		scan := func(out string, args ...string) string { return scanDedup(t, out, args...) }
		all := append(slices.Clone(stories), cp, dg)
		one := filepath.Join(dir, "one.jsonl")
		clusters := scan(one, write("all.jsonl", all...))
		if !strings.Contains(clusters, `"copy"`) || strings.Contains(clusters, `"digest"`) {
			t.Errorf("urls %v: one scan's clusters %s, want the copy with its story and the digest in none", urls, clusters)
		}
		got := outputIDs(t, one)
		if !slices.Contains(got, "digest") || slices.Contains(got, "copy") {
			t.Errorf("urls %v: one scan kept %v, want the digest and not the copy", urls, got)
		}
		idx := filepath.Join(dir, "idx")
		b1, b2 := filepath.Join(dir, "b1.jsonl"), filepath.Join(dir, "b2.jsonl")
		scan(b1, "--index", idx, write("1.jsonl", stories...))
		scan(b2, "--index", idx, write("2.jsonl", cp, dg))
		if got := outputIDs(t, b2); !slices.Equal(got, []string{"digest"}) {
			t.Errorf("urls %v: the second batch kept %v, want the digest alone", urls, got)
		}
	}
}

// TestDigestOfBriefAdds checks that a digest quoting a brief whole, beside
// a quote of another story it begins with, is similar to the brief but
// adds to it: one scan clusters them and marks the digest "adds", and the
// dedup output keeps both, as batches through an index do.
func TestDigestOfBriefAdds(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	quote := randomSentence(r, 30) + " " + randomSentence(r, 30)
	brief := map[string]string{"id": "brief", "date": "2026-01-01T08:00:00Z", "text": randomSentence(r, 6) + "\nKELBY (Wire) — " + quote}
	digest := map[string]string{"id": "digest", "date": "2026-01-02T08:00:00Z",
		"text": "Your morning briefing\n" + randomSentence(r, 40) + "\n" + quote + "\n" + randomSentence(r, 30)}
	dir := t.TempDir()
	write := func(name string, ds ...map[string]string) string {
		return writeJSONL(t, filepath.Join(dir, name), ds...)
	}
	scan := func(out string, args ...string) []clusterOut { return parseClusters(t, scanDedup(t, out, args...)) }
	one := filepath.Join(dir, "one.jsonl")
	cs := scan(one, write("all.jsonl", brief, digest))
	if len(cs) != 1 || cs[0].Keep != "brief" || len(cs[0].Members) != 2 || !cs[0].Members[1].Adds || cs[0].Members[0].Adds {
		t.Fatalf("one scan: clusters %+v, want the brief kept and the digest adding to it", cs)
	}
	if m := cs[0].Members[1]; m.Similarity < 0.3 || m.Containment >= 0.5 {
		t.Fatalf("the digest: similarity %.2f, %.2f inside the brief: not the case to test", m.Similarity, m.Containment)
	}
	if got := outputIDs(t, one); !slices.Equal(got, []string{"brief", "digest"}) {
		t.Errorf("one scan kept %v, want the brief and the digest", got)
	}
	idx := filepath.Join(dir, "idx")
	b1, b2 := filepath.Join(dir, "b1.jsonl"), filepath.Join(dir, "b2.jsonl")
	scan(b1, "--index", idx, write("1.jsonl", brief))
	scan(b2, "--index", idx, write("2.jsonl", digest))
	if got := outputIDs(t, b2); !slices.Equal(got, []string{"digest"}) {
		t.Errorf("the second batch kept %v, want the digest", got)
	}
}

// writeJSONL writes docs as JSONL records to path and returns it.
func writeJSONL(t *testing.T, path string, docs ...map[string]string) string {
	t.Helper()
	var b strings.Builder
	for _, d := range docs {
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFile(t, path, []byte(b.String()))
}

// scanDedup runs mimeo scan -q with --dedup-output out and args, and
// returns its clusters, written beside out.
func scanDedup(t *testing.T, out string, args ...string) string {
	t.Helper()
	clusters := filepath.Join(filepath.Dir(out), "clusters-"+filepath.Base(out))
	res := runCLI(t, "", append([]string{"scan", "-q", "-o", clusters, "--dedup-output", out}, args...)...)
	if res.code != 0 {
		t.Fatalf("scan %v: exit %d: %s", args, res.code, res.stderr)
	}
	data, err := os.ReadFile(clusters)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// parseClusters decodes scan's JSONL clusters.
func parseClusters(t *testing.T, data string) []clusterOut {
	t.Helper()
	var cs []clusterOut
	for _, line := range strings.Split(strings.TrimSpace(data), "\n") {
		if line == "" {
			continue
		}
		var c clusterOut
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatalf("cluster line %q: %v", line, err)
		}
		cs = append(cs, c)
	}
	return cs
}

// TestDigestOpeningWithBrief: a digest whose first quote is a brief whole
// (about half of the digest, its opening too) and whose other quotes are
// the leads of two long stories is a compilation: it neither takes the
// brief's pages into a cluster of its own (it is similar to the brief, 0.4,
// and holds it whole, as a fuller copy would) nor is their kept member, so
// the dedup output keeps the brief, both stories and the digest. Over
// several seeds.
func TestDigestOpeningWithBrief(t *testing.T) {
	for seed := range uint64(5) {
		r := rand.New(rand.NewPCG(seed, 29))
		doc := func(id, date, text string) map[string]string {
			return map[string]string{"id": id, "date": date, "text": text}
		}
		quote := randomSentence(r, 20) + " " + randomSentence(r, 22)
		briefTitle := randomSentence(r, 6)
		brief := doc("brief", "2026-01-01T08:00:00Z", briefTitle+"\nKELBY (Wire) — "+quote)
		local := doc("brief-local", "2026-01-01T09:00:00Z", briefTitle+"\nKELBY (Wire) — "+quote+"\n"+randomSentence(r, 25))
		digestText := []string{"Your morning briefing", briefTitle, quote}
		var stories []map[string]string
		for i := range 2 {
			title, lead := randomSentence(r, 7), randomSentence(r, 24)
			paras := []string{title, "ARDEN (Wire) — " + lead}
			for range 10 {
				paras = append(paras, randomSentence(r, 40))
			}
			stories = append(stories, doc(fmt.Sprint("story-", i), "2026-01-01T07:00:00Z", strings.Join(paras, "\n")))
			digestText = append(digestText, title, lead)
		}
		digest := doc("digest", "2026-01-02T06:00:00Z", strings.Join(digestText, "\n"))
		dir := t.TempDir()
		in := writeJSONL(t, filepath.Join(dir, "in.jsonl"), append([]map[string]string{brief, local, digest}, stories...)...)
		out := filepath.Join(dir, "out.jsonl")
		cs := parseClusters(t, scanDedup(t, out, in))
		for _, c := range cs {
			if c.Keep == "digest" && len(c.Members) > 1 {
				t.Errorf("seed %d: the digest is the kept member of %+v", seed, c)
			}
		}
		got := outputIDs(t, out)
		for _, want := range []string{"digest", "story-0", "story-1"} {
			if !slices.Contains(got, want) {
				t.Errorf("seed %d: the dedup output %v lacks %s", seed, got, want)
			}
		}
		if !slices.Contains(got, "brief") && !slices.Contains(got, "brief-local") {
			t.Errorf("seed %d: the dedup output %v lost the brief", seed, got)
		}
		// Through an index, the digest after the pages it quotes: news.
		idx := filepath.Join(dir, "idx")
		scanDedup(t, filepath.Join(dir, "b1.jsonl"), "--index", idx, writeJSONL(t, filepath.Join(dir, "1.jsonl"), append([]map[string]string{brief, local}, stories...)...))
		b2 := filepath.Join(dir, "b2.jsonl")
		scanDedup(t, b2, "--index", idx, writeJSONL(t, filepath.Join(dir, "2.jsonl"), digest))
		if got := outputIDs(t, b2); !slices.Equal(got, []string{"digest"}) {
			t.Errorf("seed %d: the second batch kept %v, want the digest", seed, got)
		}
	}
}

// TestSeenKeepStandsIn: in a batch through an index, a copy of a story
// that carries an indexed brief is seen before (half of it is the brief),
// while the story's other copy in its cluster, mostly inside the first, is
// not: the kept member is dropped as seen, and the member not seen stands
// for the story in the dedup output instead of going with it.
func TestSeenKeepStandsIn(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 7))
	briefBody := randomSentence(r, 32) + " " + randomSentence(r, 32)
	brief := map[string]string{"id": "brief", "date": "2026-01-01T06:00:00Z", "text": randomSentence(r, 6) + "\nKELBY (Wire) — " + briefBody}
	lead, second := randomSentence(r, 28), randomSentence(r, 28)
	title := randomSentence(r, 7)
	carrier := map[string]string{"id": "carrier", "date": "2026-01-02T06:00:00Z",
		"text": title + "\nARDEN (Wire) — " + lead + "\n" + second + "\n" + briefBody}
	// The story's other copy: its part of the carrier, and a line of its
	// own — mostly inside the carrier, nothing of the brief.
	full := map[string]string{"id": "full", "date": "2026-01-02T09:00:00Z",
		"text": title + "\nARDEN (Wire) — " + lead + "\n" + second + "\n" + randomSentence(r, 12)}
	dir := t.TempDir()
	write := func(name string, ds ...map[string]string) string {
		return writeJSONL(t, filepath.Join(dir, name), ds...)
	}
	idx := filepath.Join(dir, "idx")
	scanDedup(t, filepath.Join(dir, "b1.jsonl"), "--index", idx, write("1.jsonl", brief))
	b2 := filepath.Join(dir, "b2.jsonl")
	cs := parseClusters(t, scanDedup(t, b2, "--index", idx, write("2.jsonl", carrier, full)))
	if len(cs) != 1 || cs[0].Keep != "carrier" || cs[0].SeenAs != "brief" || len(cs[0].Members) != 2 {
		t.Fatalf("the second batch's clusters %+v: want the carrier kept, seen as the brief, with the full copy: not the case to test", cs)
	}
	if got := outputIDs(t, b2); !slices.Equal(got, []string{"full"}) {
		t.Errorf("the second batch kept %v, want the full copy standing for the story", got)
	}
}
