package eval_test

import (
	"fmt"
	"strings"

	"github.com/mimeo-dedup/mimeo/internal/eval"
)

func ExampleCompare() {
	truth, err := eval.ReadTruth(strings.NewReader(`
{"id": "wire", "label": "story-1"}
{"id": "copy-a", "label": "story-1"}
{"id": "copy-b", "label": "story-1"}
{"id": "digest", "label": "digest"}
`))
	if err != nil {
		panic(err)
	}
	// The prediction found one copy, missed the other and wrongly put the
	// digest in the story's cluster.
	predicted := eval.Assignment{"wire": "c1", "copy-a": "c1", "digest": "c1"}
	s := eval.Compare(truth, predicted)
	fmt.Printf("precision %.3f recall %.3f F1 %.3f ARI %.3f\n", s.Precision, s.Recall, s.F1, s.ARI)
	fmt.Printf("pairs: %d true positive, %d false positive, %d false negative\n",
		s.TruePositives, s.FalsePositives, s.FalseNegatives)
	// Output:
	// precision 0.333 recall 0.333 F1 0.333 ARI -0.333
	// pairs: 1 true positive, 2 false positive, 2 false negative
}
