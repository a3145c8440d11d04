// Command mkcrawl writes a labelled crawl made from real page templates
// (package bench/crawl): the 181 pages of the article-extraction benchmark
// in ../shared/data, each with its own article swapped for generated wire
// stories, as a WARC of HTTP responses (one gzip member a record when the
// name ends in .gz):
//
//	go run ./bench/cmd/mkcrawl -seed 7 -o crawl.warc.gz -truth truth.jsonl
//	go run ./cmd/mimeo eval --truth truth.jsonl crawl.warc.gz
//
// With -no-urls the records have no WARC-Target-URI: a crawl of pages
// whose site only their markup tells (as a directory of HTML files).
//
// The truth file holds {"id", "label", "kind", "template", "length"} a
// page; mimeo eval reports recall by kind. -by template writes the
// template instead of the copy kind as the kind, and -by length the
// story's length, so that eval reports recall per template or length.
//
// With -extraction it writes no crawl: it places stories of every length
// in every template and prints how well main-text extraction finds them
// (word 5-gram Jaccard against the story placed), and the worst
// templates.
//
// The crawl is generated from ../shared/data at run time: it is
// third-party material and never belongs in the repository.
//
// Exit status: 0 success, 1 failure, 2 usage error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/crawl"
	"github.com/mimeo-dedup/mimeo/bench/internal/cmdexit"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/internal/output"
)

func main() {
	os.Exit(exitCode(run(os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
}

// The exit statuses: 0 success, 1 failure, 2 usage error (cmdexit).
type usageError = cmdexit.UsageError

var errHelp, errReported = cmdexit.ErrHelp, cmdexit.ErrReported

func exitCode(err error, stderr io.Writer) int { return cmdexit.Code("mkcrawl", err, stderr) }

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mkcrawl", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "../shared/data", "the shared data `DIR` (holding article-extraction-benchmark)")
	seed := fs.Uint64("seed", 1, "seed of the crawl; the same flags give the same bytes")
	cfg := crawl.VariedConfig("", 1)
	fs.IntVar(&cfg.Stories, "stories", cfg.Stories, "number of stories")
	fs.IntVar(&cfg.MinCopies, "min-copies", cfg.MinCopies, "fewest sites a story is on")
	fs.IntVar(&cfg.MaxCopies, "max-copies", cfg.MaxCopies, "most sites a story is on")
	fs.Float64Var(&cfg.BrandRate, "brand", cfg.BrandRate, "share of copies with a brand in the headline")
	fs.BoolVar(&cfg.SpamDateline, "spam-dateline", cfg.SpamDateline, "put a branded copy's brand in its dateline too")
	fs.Float64Var(&cfg.TruncateRate, "truncate", cfg.TruncateRate, "share of copies truncated to one or two paragraphs and \"Read more…\"")
	fs.Float64Var(&cfg.EditRate, "edit", cfg.EditRate, "share of copies with a few words changed")
	fs.Float64Var(&cfg.BriefRate, "briefs", cfg.BriefRate, "share of stories that are briefs of three paragraphs")
	fs.Float64Var(&cfg.FeatureRate, "features", cfg.FeatureRate, "share of stories that are long features (6–12 KB)")
	noURLs := fs.Bool("no-urls", false, "write the records without WARC-Target-URI: pages whose site only their markup tells")
	out := fs.String("o", "", "write the crawl as WARC to `file` (.gz: a gzip member a record)")
	truth := fs.String("truth", "", "write the ground truth to `file`")
	by := fs.String("by", "kind", "what the truth's \"kind\" holds: kind, template or length")
	extraction := fs.Bool("extraction", false, "print main-text extraction quality per template instead of writing a crawl")
	per := fs.Int("per", 2, "-extraction: stories of each length placed in each template")
	worst := fs.Int("worst", 20, "-extraction: worst templates listed")
	render := fs.String("render", "", "write the page of template `ID` (its first 12 hex digits) holding a story of -length to standard output, and write no crawl")
	length := fs.String("length", "brief", "-render: the story's length: brief, story, feature or truncated")
	text := fs.Bool("text", false, "-render: write the main text mimeo extracts from the page instead of its HTML")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: mkcrawl [flags] -o crawl.warc.gz [-truth truth.jsonl]\n       mkcrawl -extraction [flags]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errReported
	}
	cfg.Data, cfg.Seed = *data, *seed
	switch {
	case fs.NArg() > 0:
		return usageError{Err: fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	case *extraction && *per < 1:
		return usageError{Err: fmt.Errorf("-per %d: want at least 1", *per)}
	case *extraction, *render != "":
	case *out == "":
		return usageError{Err: errors.New("-o is required")}
	case *truth != "" && filepath.Clean(*truth) == filepath.Clean(*out):
		return usageError{Err: fmt.Errorf("-o and -truth name the same file %q", *out)}
	case cfg.Stories < 1:
		return usageError{Err: fmt.Errorf("-stories %d: want at least 1", cfg.Stories)}
	case cfg.MinCopies < 1 || cfg.MaxCopies < cfg.MinCopies:
		return usageError{Err: fmt.Errorf("-min-copies %d, -max-copies %d: want 1 ≤ min ≤ max", cfg.MinCopies, cfg.MaxCopies)}
	case *by != "kind" && *by != "template" && *by != "length":
		return usageError{Err: fmt.Errorf("-by %q: want kind, template or length", *by)}
	}
	if *render != "" {
		return renderOne(stdout, *data, *render, *length, *seed, *text)
	}
	if *extraction {
		tpls, err := crawl.LoadTemplates(*data)
		if err != nil {
			return err
		}
		scores, err := bench.TemplateExtraction(tpls, *seed, *per, extract.Auto)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%d templates, %d stories of each length in each (seed %d):\n", len(scores), *per, *seed)
		bench.WriteTemplateReport(stdout, scores, *worst)
		return nil
	}
	c, err := crawl.Generate(cfg)
	if err != nil {
		return err
	}
	if *noURLs {
		for i := range c.Pages {
			c.Pages[i].URL = ""
		}
	}
	gz := strings.HasSuffix(*out, ".gz")
	if err := writeFile(*out, gz, func(w io.Writer) error { return c.WriteWARC(w, gz) }); err != nil {
		return err
	}
	if *truth != "" {
		if err := writeFile(*truth, false, func(w io.Writer) error { return writeTruth(w, c, *by) }); err != nil {
			return err
		}
	}
	kinds := map[string]int{}
	for _, p := range c.Pages {
		kinds[p.Kind]++
	}
	fmt.Fprintf(stderr, "mkcrawl: wrote %d pages (%d stories on %d templates; %v) to %s\n", len(c.Pages), cfg.Stories, c.Templates, kinds, *out)
	return nil
}

// writeTruth writes the crawl's truth with the kind -by asks for.
func writeTruth(w io.Writer, c *crawl.Crawl, by string) error {
	enc := json.NewEncoder(w)
	for _, p := range c.Pages {
		kind := p.Kind
		switch by {
		case "template":
			kind = p.Template[:12]
		case "length":
			kind = p.Length
		}
		rec := map[string]string{"id": c.RecordID(p), "label": p.Label, "kind": kind,
			"copy": p.Kind, "template": p.Template[:12], "length": p.Length}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes path through internal/output: atomically for a regular
// file, never renamed over a device, a link or an input.
// A raw file is written as given (the crawl compresses its records).
func writeFile(path string, raw bool, write func(io.Writer) error) error {
	f, err := output.Create(path, output.Options{Raw: raw})
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}

// renderOne writes a template's page holding a story of the given length,
// or the main text extracted from it.
func renderOne(w io.Writer, data, id, length string, seed uint64, text bool) error {
	if !slices.Contains(bench.StoryLengths, length) {
		return usageError{Err: fmt.Errorf("-length %q: want one of %v", length, bench.StoryLengths)}
	}
	tpls, err := crawl.LoadTemplates(data)
	if err != nil {
		return err
	}
	for _, t := range tpls {
		if strings.HasPrefix(t.ID, id) {
			page := bench.RenderStory(t, length, seed)
			if text {
				page = extract.New(extract.Options{}).AppendText(nil, page)
			}
			_, err := w.Write(page)
			return err
		}
	}
	return fmt.Errorf("no usable template %q", id)
}
