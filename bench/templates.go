package bench

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
	"github.com/mimeo-dedup/mimeo/bench/crawl"
	"github.com/mimeo-dedup/mimeo/internal/extract"
	"github.com/mimeo-dedup/mimeo/minhash"
	"github.com/mimeo-dedup/mimeo/shingle"
)

// StoryLengths are the kinds of story TemplateExtraction places in every
// template: a brief of three short paragraphs, a story of 1.5–5 KB, a
// feature of 6–12 KB, and a story truncated to its first paragraph and
// "Read more…".
var StoryLengths = []string{"brief", "story", "feature", "truncated"}

// TemplateScore is how well main-text extraction finds stories placed in
// one template: the word 5-gram Jaccard similarity, containment of the
// story in the text (recall) and of the text in the story (precision), for
// each story placed, in the order of StoryLengths, Per times each.
type TemplateScore struct {
	Template, Host             string
	Jaccard, Recall, Precision []float64
	MinJaccard, MeanJaccard    float64
	Worst                      string // the extraction of the worst story
	WorstStory                 string // that story
}

// TemplateExtraction places per stories of each length of StoryLengths in
// each template (its own article and headline swapped out, as bench/crawl
// does) and measures the main text extraction finds against the story
// placed: its headline and paragraphs. The stories are drawn from seed,
// different for each template.
func TemplateExtraction(tpls []*crawl.Template, seed uint64, per int, mode extract.Mode) ([]TemplateScore, error) {
	sh, err := shingle.New(shingle.Options{})
	if err != nil {
		return nil, err
	}
	gen := corpus.NewGenerator(corpus.English, seed)
	ex := extract.New(extract.Options{Mode: mode})
	var out []byte
	scores := make([]TemplateScore, 0, len(tpls))
	for _, t := range tpls {
		ts := TemplateScore{Template: t.ID, Host: t.Host, MinJaccard: 2}
		for _, length := range StoryLengths {
			for range per {
				a := storyOf(gen, length)
				paras := slices.Clone(a.Paragraphs)
				if a.Dateline != "" {
					paras[0] = a.Dateline + " " + paras[0]
				}
				// The story without the link to its rest, which is no
				// part of it.
				ref := paras
				if n := len(ref); n > 1 && ref[n-1] == "Read more…" {
					ref = ref[:n-1]
				}
				story := a.Title + "\n" + strings.Join(ref, "\n") + "\n"
				out = ex.AppendText(out[:0], t.Render(a.Title, paras))
				g := sh.AppendHashes(nil, out)
				w := sh.AppendHashes(nil, []byte(story))
				j := minhash.ExactJaccard(g, w)
				ts.Jaccard = append(ts.Jaccard, j)
				ts.Recall = append(ts.Recall, minhash.ExactContainment(w, g))
				ts.Precision = append(ts.Precision, minhash.ExactContainment(g, w))
				ts.MeanJaccard += j
				if j < ts.MinJaccard {
					ts.MinJaccard, ts.Worst, ts.WorstStory = j, string(out), story
				}
			}
		}
		ts.MeanJaccard /= float64(len(ts.Jaccard))
		scores = append(scores, ts)
	}
	return scores, nil
}

// RenderStory returns a page of template t holding a story of one of
// StoryLengths drawn from seed.
func RenderStory(t *crawl.Template, length string, seed uint64) []byte {
	a := storyOf(corpus.NewGenerator(corpus.English, seed), length)
	paras := slices.Clone(a.Paragraphs)
	if a.Dateline != "" {
		paras[0] = a.Dateline + " " + paras[0]
	}
	return t.Render(a.Title, paras)
}

// storyOf draws a story of one of StoryLengths.
func storyOf(gen *corpus.Generator, length string) corpus.Article {
	switch length {
	case "brief":
		a := gen.Article(700, 1200)
		for len(a.Paragraphs) < 3 {
			a.Paragraphs = append(a.Paragraphs, gen.Paragraph())
		}
		a.Paragraphs = a.Paragraphs[:3]
		return a
	case "feature":
		return gen.Article(6000, 12000)
	case "truncated":
		a := gen.Article(1500, 5000)
		a.Paragraphs = []string{a.Paragraphs[0], "Read more…"}
		return a
	}
	return gen.Article(1500, 5000)
}

// Quantiles returns the p-quantiles of xs (linear interpolation between
// the closest ranks).
func Quantiles(xs []float64, ps ...float64) []float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	q := make([]float64, len(ps))
	for i, p := range ps {
		if len(s) == 0 {
			continue
		}
		x := p * float64(len(s)-1)
		k := int(x)
		if k+1 >= len(s) {
			q[i] = s[len(s)-1]
			continue
		}
		q[i] = s[k] + (x-float64(k))*(s[k+1]-s[k])
	}
	return q
}

// WriteTemplateReport writes the distribution of the scores — over every
// story placed, by length, and of each template's worst story — and the
// worst templates.
func WriteTemplateReport(w io.Writer, scores []TemplateScore, worst int) {
	ps := []float64{0, 0.1, 0.25, 0.5, 0.75}
	line := func(name string, xs []float64) {
		q := Quantiles(xs, ps...)
		mean := 0.0
		for _, x := range xs {
			mean += x
		}
		if len(xs) > 0 {
			mean /= float64(len(xs))
		}
		fmt.Fprintf(w, "%-26s n %4d  min %.3f  p10 %.3f  p25 %.3f  median %.3f  p75 %.3f  mean %.3f\n",
			name, len(xs), q[0], q[1], q[2], q[3], q[4], mean)
	}
	var all, rec, prec, mins []float64
	byLen := make([][]float64, len(StoryLengths))
	for _, s := range scores {
		all = append(all, s.Jaccard...)
		rec = append(rec, s.Recall...)
		prec = append(prec, s.Precision...)
		mins = append(mins, s.MinJaccard)
		per := len(s.Jaccard) / len(StoryLengths)
		for i, j := range s.Jaccard {
			byLen[i/per] = append(byLen[i/per], j)
		}
	}
	line("Jaccard, every story", all)
	for i, l := range StoryLengths {
		line("Jaccard, "+l, byLen[i])
	}
	line("story in text (recall)", rec)
	line("text in story (precision)", prec)
	line("Jaccard, template's worst", mins)
	sorted := slices.Clone(scores)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].MinJaccard < sorted[j].MinJaccard })
	fmt.Fprintf(w, "worst templates (worst story's Jaccard, mean; recall and precision of the worst):\n")
	for _, s := range sorted[:min(worst, len(sorted))] {
		i := slices.Index(s.Jaccard, s.MinJaccard)
		fmt.Fprintf(w, "  %s %-32s J %.3f mean %.3f  R %.3f P %.3f\n", s.Template[:12], s.Host, s.MinJaccard, s.MeanJaccard, s.Recall[i], s.Precision[i])
	}
}
