package wire_test

import (
	"fmt"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/eval"
)

func ExampleGenerate() {
	c := wire.Generate(wire.Config{Stories: 20, Seed: 1})
	counts := map[wire.Kind]int{}
	for _, d := range c.Docs {
		counts[d.Kind]++
	}
	fmt.Println(len(c.Docs), "documents")
	for _, k := range wire.Kinds() {
		if counts[k] > 0 { // Excerpt and TruncatedForeign come from GenerateSpam
			fmt.Printf("%s: %d\n", k, counts[k])
		}
	}
	// Output:
	// 206 documents
	// original: 20
	// verbatim: 9
	// brand: 13
	// template: 12
	// truncated: 11
	// local: 14
	// edited: 12
	// combined: 59
	// same-template: 40
	// digest: 4
	// follow-up: 12
}

// A naive detector that clusters only byte-identical texts makes no false
// positives but finds almost nothing: only Verbatim copies of one story
// are identical to each other (the original carries the wire's byline and
// furniture), and every other copy differs.
func ExampleCorpus_Truth() {
	c := wire.Generate(wire.Config{Seed: 1})
	predicted := eval.Assignment{}
	for _, d := range c.Docs {
		predicted[d.ID] = d.Text
	}
	s := eval.Compare(c.Truth(), predicted)
	fmt.Printf("precision %.3f recall %.3f ARI %.3f\n", s.Precision, s.Recall, s.ARI)
	// Output:
	// precision 1.000 recall 0.006 ARI 0.011
}
