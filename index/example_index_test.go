package index_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/mimeo-dedup/mimeo/index"
)

// A crawler asks, page after page, whether it has already seen the story
// (short lines such as "BREAKING NEWS" are ignored, as in a scan),
// and remembers the pages that are new. The index lives in a directory and
// grows across runs; Flush makes what was added durable.
func Example_crawler() {
	dir, err := os.MkdirTemp("", "mimeo-index-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	x, err := index.OpenOrCreate(dir, index.DedupOptions{}) // the default recipe
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()

	story := strings.Repeat("The central bank raised its benchmark rate by a quarter point on Tuesday, "+
		"citing persistent inflation in services and a tight labour market. ", 3)
	pages := []index.Doc{
		{ID: "1", URL: "https://wire.example/rates", Text: []byte(story)},
		{ID: "2", URL: "https://news.example/economy/rates", Text: []byte(
			"BREAKING NEWS\n" + story + "\nRead more on our site.")},
		{ID: "3", URL: "https://other.example/sports", Text: []byte(strings.Repeat(
			"The home side won the final in extra time after a late equaliser sent the match to a replay. ", 3))},
	}
	for _, p := range pages {
		f := x.Features(p.Text) // compute once: for the query and the add
		hits, err := x.QueryFeatures(f)
		if err != nil {
			log.Fatal(err)
		}
		if len(hits) > 0 {
			fmt.Printf("%s: seen before as %s (similarity %.2f)\n", p.URL, hits[0].URL, hits[0].Similarity)
			continue
		}
		fmt.Printf("%s: new\n", p.URL)
		if err := x.AddFeatures(p.ID, p.URL, p.Date, f); err != nil {
			log.Fatal(err)
		}
	}
	if err := x.Flush(); err != nil { // durable from here on
		log.Fatal(err)
	}
	fmt.Println(x.Stats().Documents, "documents indexed")
	// Output:
	// https://wire.example/rates: new
	// https://news.example/economy/rates: seen before as https://wire.example/rates (similarity 1.00)
	// https://other.example/sports: new
	// 2 documents indexed
}
