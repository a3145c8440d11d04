package scan

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/testrand"
)

// TestClustersKeep checks the three ways of choosing a cluster's kept
// member on one story's copies: the earliest dated, the first in input
// order, the longest; and that an unknown way is an error.
func TestClustersKeep(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	sentence := func(n int) string { return testrand.Sentence(r, n) }
	var paras []string
	for range 8 {
		paras = append(paras, sentence(40))
	}
	story := "KELBY (Wire) — " + strings.Join(paras, "\n")
	docs := []map[string]string{
		{"id": "copy", "date": "2026-01-03T08:00:00Z", "text": story + "\n" + sentence(30)},
		{"id": "original", "date": "2026-01-01T08:00:00Z", "text": story},
		{"id": "longest", "date": "2026-01-02T08:00:00Z", "text": story + "\n" + sentence(60)},
		{"id": "other", "date": "2026-01-01T08:00:00Z", "text": "MARMOOR (Wire) — " + sentence(300)},
	}
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	var b strings.Builder
	for _, d := range docs {
		line, _ := json.Marshal(d)
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	ins, err := input.Expand([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Config{Inputs: ins, Jobs: 1, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	for keep, want := range map[string]string{KeepEarliest: "original", KeepFirst: "copy", KeepLongest: "longest"} {
		cs, err := Clusters(res, keep)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 1 || !slices.Equal(cs[0].Members, []uint32{0, 1, 2}) || res.Docs[cs[0].Keep].ID != want {
			t.Errorf("keep %s: clusters %+v, want the three copies keeping %s", keep, cs, want)
		}
	}
	if _, err := Clusters(res, "biggest"); err == nil {
		t.Error("an unknown keep accepted")
	}

	// What an index saw: the copy twice (the better hit wins), the other
	// story once, which becomes a cluster of its own.
	cs, _ := Clusters(res, KeepEarliest)
	seen := map[uint32][]index.Hit{
		0: {{ID: "old-a", Similarity: 0.9}, {ID: "old-b", Similarity: 0.5}},
		2: {{ID: "old-a", Similarity: 0.95}},
		3: {{ID: "old-c", Containment: 0.7}},
	}
	cs = WithIndexed(cs, seen)
	if len(cs) != 2 || cs[0].Members[0] != 0 || !slices.Equal(cs[1].Members, []uint32{3}) || cs[1].Keep != 3 {
		t.Fatalf("with the index: %+v", cs)
	}
	var got []string
	for _, h := range cs[0].Indexed {
		got = append(got, fmt.Sprintf("%s %.2f", h.ID, h.Score()))
	}
	if !slices.Equal(got, []string{"old-a 0.95", "old-b 0.50"}) || !slices.Equal(cs[0].Seen, []uint32{0, 2}) {
		t.Errorf("the story's cluster: indexed %v, seen %v; want old-a at its best, then old-b, members 0 and 2 seen", got, cs[0].Seen)
	}
	if len(cs[1].Indexed) != 1 || cs[1].Indexed[0].ID != "old-c" || !slices.Equal(cs[1].Seen, []uint32{3}) {
		t.Errorf("the other story's cluster: %+v", cs[1])
	}
}
