package index_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/mimeo-dedup/mimeo/index"
)

// A crawler asks, page after page, whether it has already seen the story
// (short lines such as "BREAKING NEWS" are ignored, as in a scan, and of an
// HTML page only its main text counts),
// and remembers the pages that are new. The index lives in a directory and
// grows across runs; Flush makes what was added durable.
func Example_crawler() {
	dir, err := os.MkdirTemp("", "mimeo-index-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	x, err := index.OpenOrCreate(dir, index.Options{}) // the default recipe
	if err != nil {
		log.Fatal(err)
	}
	defer x.Close()

	story := strings.Repeat("The central bank raised its benchmark rate by a quarter point on Tuesday, "+
		"citing persistent inflation in services and a tight labour market. ", 3)
	pages := []index.Doc{
		{ID: "1", URL: "https://wire.example/rates", Text: []byte(story)},
		// A page as fetched: the index takes its main text as a scan does.
		{ID: "2", URL: "https://news.example/economy/rates", HTML: []byte(
			"<html><body><nav><a href=/>Home</a> <a href=/economy>Economy</a></nav><article><p>BREAKING NEWS</p><p>" +
				story + "</p></article><footer>Read more on our site.</footer></body></html>")},
		{ID: "3", URL: "https://other.example/sports", Text: []byte(strings.Repeat(
			"The home side won the final in extra time after a late equaliser sent the match to a replay. ", 3))},
	}
	ctx := context.Background()
	for _, p := range pages {
		// The check and the add in one step: of crawler goroutines that
		// meet the same new story at once, one adds it.
		res, err := x.CheckAndAdd(ctx, p, index.CheckOptions{Add: index.AddIfNew})
		if err != nil {
			log.Fatal(err)
		}
		if !res.Added {
			fmt.Printf("%s: seen before as %s (similarity %.2f)\n", p.URL, res.Seen[0].URL, res.Seen[0].Similarity)
			continue
		}
		fmt.Printf("%s: new\n", p.URL)
	}
	if d, ok, err := x.Get("1"); err == nil && ok {
		fmt.Println("document 1 is", d.URL)
	}
	if err := x.Flush(); err != nil { // durable from here on
		log.Fatal(err)
	}
	fmt.Println(x.Stats().Documents, "documents indexed")
	// Output:
	// https://wire.example/rates: new
	// https://news.example/economy/rates: seen before as https://wire.example/rates (similarity 1.00)
	// https://other.example/sports: new
	// document 1 is https://wire.example/rates
	// 2 documents indexed
}
