package index_test

import (
	"fmt"
	"strings"

	"github.com/mimeo-dedup/mimeo/index"
)

// The README's signing example: a copy that keeps the original's first
// two paragraphs and adds a line of its own.
func ExampleRecipe_NewSigner() {
	original := strings.Join([]string{
		"The central bank held its main interest rate steady on Thursday, citing persistent inflation in services and a labour market that remains tight.",
		"Officials said they would watch wage data closely before deciding whether to cut rates later in the year, and several members argued for patience.",
		"Markets had priced in a hold, and the currency moved little after the announcement, while bond yields edged lower in afternoon trading.",
	}, "\n")
	copy := strings.Join([]string{
		"The central bank held its main interest rate steady on Thursday, citing persistent inflation in services and a labour market that remains tight.",
		"Officials said they would watch wage data closely before deciding whether to cut rates later in the year, and several members argued for patience.",
		"Read more local business news on our site.",
	}, "\n")
	s, _ := index.Recipe{}.NewSigner() // word 5-shingles, k = 128
	a := s.Sign([]byte(original))
	b := s.Sign([]byte(copy))
	fmt.Printf("%.1f %.1f\n", a.Jaccard(b), b.Containment(a)) // similarity; share of the copy found in the original
	// Output: 0.6 0.9
}
