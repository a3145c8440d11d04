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

	"github.com/mimeo-dedup/mimeo/internal/input"
)

// randomText returns generators of random words and of sentences of n
// of them.
func randomText(r *rand.Rand) (word func() string, sentence func(n int) string) {
	word = func() string {
		const letters = "abcdefghijklmnoprstuvwy"
		n := 3 + r.IntN(6)
		b := make([]byte, n)
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		return string(b)
	}
	sentence = func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = word()
		}
		return strings.Join(w, " ") + "."
	}
	return word, sentence
}

// TestDigestOfOneLongLead: a digest whose first quote is the long lead of
// one story (about half of it) and whose other quotes are the short leads
// of three more — each a tenth of the digest — is a compilation, not a
// copy of the first story, though half of it and its opening are inside
// that story. Its small shares of the other stories are measured, not
// estimated (a short lead is a few slots of a long story's signature), and
// found through every long line's passage keys. Over several seeds: the
// story's copy is in its cluster, the digest in none.
func TestDigestOfOneLongLead(t *testing.T) {
	for seed := range uint64(6) {
		r := rand.New(rand.NewPCG(seed, 7))
		word, sentence := randomText(r)
		// Four stories of 12 paragraphs, each opening with a dateline;
		// the first story's lead is long, the others' short.
		type story struct{ title, lead, text string }
		var stories []story
		for i := range 4 {
			leadWords := 11
			if i == 0 {
				leadWords = 40
			}
			s := story{title: sentence(6), lead: sentence(leadWords)}
			paras := []string{strings.ToUpper(word()) + " (Wire) — " + s.lead}
			for range 11 {
				paras = append(paras, sentence(40))
			}
			s.text = s.title + "\n" + strings.Join(paras, "\n")
			stories = append(stories, s)
		}
		var docs []string
		for _, s := range stories {
			docs = append(docs, s.text)
		}
		docs = append(docs, stories[0].title+" - Daily Star\n"+stories[0].text) // 4: a copy of the first
		digest := []string{"Your morning briefing for " + word()}
		for _, s := range stories {
			digest = append(digest, s.title, s.lead)
		}
		docs = append(docs, strings.Join(digest, "\n")) // 5: the digest
		path := filepath.Join(t.TempDir(), "docs.jsonl")
		var b strings.Builder
		for i, text := range docs {
			line, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": text})
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
		res, err := Run(context.Background(), Config{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range uint32(4) {
			t.Logf("seed %d: %d: %+v", seed, i, res.Dedup.Estimate(5, i))
		}
		if m := res.Dedup.Estimate(5, 0); m.Containment < 0.45 || m.Containment >= 0.6 {
			t.Fatalf("seed %d: the digest inside the first story: %+v, want about half", seed, m)
		}
		if !slices.ContainsFunc(res.Clusters, func(c []uint32) bool { return slices.Equal(c, []uint32{0, 4}) }) {
			t.Errorf("seed %d: clusters %v, want the first story with its copy", seed, res.Clusters)
		}
		for _, c := range res.Clusters {
			if slices.Contains(c, 5) {
				t.Errorf("seed %d: the digest is in cluster %v", seed, c)
			}
		}
	}
}

// TestFurnitureLineIsNoQuote: a truncated copy of a story that carries a
// paragraph of another story and a site's disclaimer — a line the pages of
// four unrelated stories carry too — quotes two stories, not six: pages
// that share only a line of furniture with it, none linked to another,
// are not stories it quotes. It is its story's copy (most of it is), in
// the story's cluster; without URLs no site model knows the disclaimer.
// Every pair is decided on exact values (the oracle): a short page's
// b-bit estimates inside long ones run from half to twice these, which
// would test the estimator, not the rule.
func TestFurnitureLineIsNoQuote(t *testing.T) {
	const disclaimer = "Disclaimer: this article is for information only and does not constitute advice of any kind; " +
		"the publisher accepts no liability for decisions made on the basis of its content."
	for seed := range uint64(6) {
		r := rand.New(rand.NewPCG(seed, 11))
		word, sentence := randomText(r)
		var stories [][]string // paragraphs
		for range 6 {
			paras := []string{strings.ToUpper(word()) + " (Wire) — " + sentence(40)}
			for range 11 {
				paras = append(paras, sentence(40))
			}
			stories = append(stories, paras)
		}
		// The pages of the first two stories come from other sites than
		// those of the last four, which carry the disclaimer.
		var docs []string
		for i, p := range stories {
			text := strings.Join(p, "\n")
			if i >= 2 {
				text += "\n" + disclaimer
			}
			docs = append(docs, text)
		}
		// 6: the first story's first two paragraphs, the disclaimer, and
		// a paragraph of the second story.
		docs = append(docs, strings.Join([]string{stories[0][0], stories[0][1], disclaimer, stories[1][5]}, "\n"))
		path := filepath.Join(t.TempDir(), "docs.jsonl")
		var b strings.Builder
		for i, text := range docs {
			line, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": text})
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
		res, err := Run(context.Background(), Config{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true, Oracle: true})
		if err != nil {
			t.Fatal(err)
		}
		for i := range uint32(6) {
			t.Logf("seed %d: %d: %+v", seed, i, res.Dedup.Estimate(6, i))
		}
		if m := res.Dedup.Estimate(6, 0); m.Containment < 0.45 || m.Containment >= 0.6 {
			t.Errorf("seed %d: the copy inside its story: %+v, want a little over half", seed, m)
		}
		if m := res.Dedup.Estimate(6, 2); m.Containment < 0.1 {
			t.Errorf("seed %d: the copy inside a page with the disclaimer: %+v, want a real share", seed, m)
		}
		if !slices.ContainsFunc(res.Clusters, func(c []uint32) bool { return slices.Equal(c, []uint32{0, 6}) }) {
			t.Errorf("seed %d: clusters %v, want the first story with its copy", seed, res.Clusters)
		}
	}
}
