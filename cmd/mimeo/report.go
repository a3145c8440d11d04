package main

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/align"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// reportLimits bound what scan --html puts in its page.
type reportLimits struct {
	Clusters int // the largest clusters shown with their members
	Aligned  int // members of each shown cluster aligned with the kept one
}

// reportPage is what the report's template renders.
type reportPage struct {
	Title     string
	Generated string
	Inputs    []string
	Settings  string
	Documents int
	Clusters  int
	InDups    int // documents in clusters
	Dropped   int // members --dedup-output leaves out (scan.Duplicates)
	Histogram []histBar
	HistMax   int
	HistWidth int // of the histogram's SVG
	Shown     []reportCluster
	Hidden    int // clusters not shown
}

// histBar is one bar of the cluster-size histogram.
type histBar struct {
	Label    string
	Count    int
	X, Width int // of the bar, in the SVG's units
	Height   int
}

type reportCluster struct {
	Number  int
	Size    int
	SeenAs  string // the indexed document the cluster's best match is, with --index
	Keep    scan.MemberJSON
	Members []reportMember // the kept one first
	More    int            // members not listed
}

// maxReportMembers bounds the members listed of one cluster.
const maxReportMembers = 200

type reportMember struct {
	scan.MemberJSON
	Kept    bool
	Aligned *reportAlignment // nil: not aligned in the page
	Explain string           // the mimeo explain command that shows the pair
}

// reportAlignment is explain's alignment of a member (A) with the kept
// member (B) of its cluster, as the scan compares them.
type reportAlignment struct {
	Shared, OnlyA, OnlyB int
	Segments             []reportSegment
}

type reportSegment struct {
	Op   string // "=", "-" or "+"
	Text string
}

// sizeBuckets are the histogram's bars: clusters of size in [lo, hi].
var sizeBuckets = []struct{ lo, hi int }{{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 9}, {10, 19}, {20, 49}, {50, 99}, {100, 999}, {1000, 1 << 62}}

// buildReport gathers the page: the histogram, the largest clusters (by
// size, then in output order) with every member's scores against the kept
// one, and the aligned text of up to lim.Aligned members of each, read
// again from the inputs.
func buildReport(ctx context.Context, cfg scan.Config, res *scan.Result, clusters []cluster, lim reportLimits, settings string) (*reportPage, error) {
	p := &reportPage{
		Title:     "mimeo scan report",
		Generated: time.Now().UTC().Format(time.RFC3339),
		Settings:  settings,
		Documents: len(res.Docs),
		Clusters:  len(clusters),
	}
	for _, in := range cfg.Inputs {
		p.Inputs = append(p.Inputs, in.Path)
	}
	counts := make([]int, len(sizeBuckets))
	dup := scan.Duplicates(len(res.Docs), res.Dedup, clusters) // what --dedup-output leaves out
	for _, c := range clusters {
		p.InDups += len(c.Members)
		for _, m := range c.Members {
			if dup[m] {
				p.Dropped++
			}
		}
		for i, b := range sizeBuckets {
			if len(c.Members) >= b.lo && len(c.Members) <= b.hi {
				counts[i]++
			}
		}
	}
	// The bars from size 2 (from 1 when an index makes clusters of one
	// member seen before) to the largest size.
	first, last := 1, 0
	if counts[0] > 0 {
		first = 0
	}
	for i, n := range counts {
		if n > 0 {
			last = i
		}
	}
	for i := first; i <= last && len(clusters) > 0; i++ {
		b := sizeBuckets[i]
		label := fmt.Sprint(b.lo)
		switch {
		case b.hi > 1<<40:
			label = fmt.Sprintf("%d+", b.lo)
		case b.hi > b.lo:
			label = fmt.Sprintf("%d–%d", b.lo, b.hi)
		}
		p.Histogram = append(p.Histogram, histBar{Label: label, Count: counts[i]})
		p.HistMax = max(p.HistMax, counts[i])
	}
	p.HistWidth = 60 + 60*len(p.Histogram)
	for i := range p.Histogram {
		h := &p.Histogram[i]
		h.X, h.Width = 40+i*60, 44
		if p.HistMax > 0 {
			h.Height = (160*h.Count + p.HistMax - 1) / p.HistMax
		}
	}

	order := make([]int, len(clusters))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(clusters[b].Members) - len(clusters[a].Members) })
	if len(order) > lim.Clusters {
		p.Hidden = len(order) - lim.Clusters
		order = order[:lim.Clusters]
	}
	// The documents whose texts the alignments need.
	need := make(map[uint32][]byte)
	for _, ci := range order {
		c := clusters[ci]
		need[c.Keep] = nil
		for _, m := range alignedMembers(c, lim.Aligned) {
			need[m] = nil
		}
	}
	sites := make(map[uint32]string, len(need))
	if err := readTexts(ctx, cfg, res, need, sites); err != nil {
		return nil, err
	}
	ex, err := index.NewFeaturizer(cfg.Dedup)
	if err != nil {
		return nil, err
	}
	if res.Boilerplate != nil {
		ex.SetBoilerplate(res.Boilerplate)
	}
	signer, err := cfg.Dedup.Recipe.NewSigner()
	if err != nil {
		return nil, err
	}
	words := func(m uint32) []string {
		return strings.Fields(string(signer.Normalized(nil, ex.Clean(nil, need[m], sites[m]))))
	}
	ids := idCounts(res)
	for _, ci := range order {
		c := clusters[ci]
		ms := members(res, c)
		rc := reportCluster{Number: ci + 1, Size: len(ms)}
		if len(c.Indexed) > 0 {
			rc.SeenAs = c.Indexed[0].ID
		}
		aligned := alignedMembers(c, lim.Aligned)
		var keepWords []string
		if len(aligned) > 0 {
			keepWords = words(c.Keep)
		}
		// The kept member first, then the others in input order, at most
		// maxReportMembers of them.
		for j, m := range c.Members {
			if m == c.Keep {
				rc.Keep = ms[j]
				rc.Members = append(rc.Members, reportMember{MemberJSON: ms[j], Kept: true})
			}
		}
		for j, m := range c.Members {
			if m == c.Keep {
				continue
			}
			if len(rc.Members) == maxReportMembers {
				rc.More = len(c.Members) - maxReportMembers
				break
			}
			rm := reportMember{MemberJSON: ms[j]}
			if slices.Contains(aligned, m) {
				rm.Aligned = alignment(words(m), keepWords)
				rm.Explain = explainCommand(cfg, ids, res, m, c.Keep)
			}
			rc.Members = append(rc.Members, rm)
		}
		p.Shown = append(p.Shown, rc)
	}
	return p, nil
}

// alignedMembers returns the members of c, other than the kept one, whose
// alignment the report shows: the first n of them, weakest match first
// would hide the typical case, so in input order.
func alignedMembers(c cluster, n int) []uint32 {
	var out []uint32
	for _, m := range c.Members {
		if m != c.Keep && len(out) < n {
			out = append(out, m)
		}
	}
	return out
}

// explainCommand returns the command line of mimeo explain for the pair,
// or "" when an id is not unique enough to name it (explain finds
// documents by id in one input).
func explainCommand(cfg scan.Config, ids map[int]map[string]int, res *scan.Result, a, b uint32) string {
	da, db := &res.Docs[a], &res.Docs[b]
	if da.Input != db.Input || cfg.Inputs[da.Input].Path == "-" || ids[da.Input][da.ID] != 1 || ids[db.Input][db.ID] != 1 {
		return ""
	}
	cmd := "mimeo explain"
	o := cfg.Input
	for _, f := range []struct{ flag, value, def string }{
		{"--id-field", o.IDField, "id"}, {"--text-field", o.TextField, "text"}, {"--url-field", o.URLField, "url"}, {"--date-field", o.DateField, "date"},
	} {
		if f.value != "" && f.value != f.def {
			cmd += " " + f.flag + " " + shellQuote(f.value)
		}
	}
	return cmd + " --input " + shellQuote(cfg.Inputs[da.Input].Path) + " " + shellQuote(da.ID) + " " + shellQuote(db.ID)
}

// idCounts counts the ids of each input's documents: explain names a
// document by an id unique in its input.
func idCounts(res *scan.Result) map[int]map[string]int {
	ids := make(map[int]map[string]int)
	for i := range res.Docs {
		d := &res.Docs[i]
		if ids[d.Input] == nil {
			ids[d.Input] = make(map[string]int)
		}
		ids[d.Input][d.ID]++
	}
	return ids
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+,@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// readTexts fills need with the texts of its documents, as the scan
// signed them, reading again only the inputs that hold one.
func readTexts(ctx context.Context, cfg scan.Config, res *scan.Result, need map[uint32][]byte, sites map[uint32]string) error {
	if len(need) == 0 {
		return nil
	}
	type at struct {
		line, offset int64
	}
	byInput := make(map[int]map[at]uint32)
	for m := range need {
		d := &res.Docs[m]
		if byInput[d.Input] == nil {
			byInput[d.Input] = make(map[at]uint32)
		}
		byInput[d.Input][at{d.Line, d.Offset}] = m
	}
	var scratch scan.Result
	texts := cfg
	texts.Boilerplate = false // the texts only: no site model's line keys
	for i := range cfg.Inputs {
		want := byInput[i]
		if want == nil {
			continue
		}
		err := scan.EachDoc(ctx, texts, &scratch, i, func(d *scan.Doc, text []byte, _ []uint64, site string) error {
			if m, ok := want[at{d.Line, d.Offset}]; ok {
				need[m], sites[m] = slices.Clone(text), site
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("reading %s again for the report: %w", cfg.Inputs[i].Path, err)
		}
	}
	return nil
}

// alignment aligns a member's words (A) with the kept member's (B), long
// shared runs shortened as explain shows them.
func alignment(a, b []string) *reportAlignment {
	out := &reportAlignment{}
	for _, s := range align.Diff(a, b) {
		w := a[s.A0:s.A1]
		switch s.Kind {
		case align.Equal:
			out.Shared += len(w)
		case align.Delete:
			out.OnlyA += len(w)
		case align.Insert:
			w = b[s.B0:s.B1]
			out.OnlyB += len(w)
		}
		text := strings.Join(w, " ")
		if s.Kind == align.Equal && len(w) > 24 {
			text = strings.Join(w[:10], " ") + fmt.Sprintf(" … [%d shared tokens] … ", len(w)-20) + strings.Join(w[len(w)-10:], " ")
		}
		out.Segments = append(out.Segments, reportSegment{Op: s.Kind.String(), Text: text})
	}
	return out
}

// writeReport renders the page: one self-contained HTML file (styles and
// the small script inline, no external resources).
func writeReport(w io.Writer, p *reportPage) error {
	return reportTemplate.Execute(w, p)
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"f3":   func(x float64) string { return fmt.Sprintf("%.3f", x) },
	"sub":  func(a, b int) int { return a - b },
	"add":  func(a, b int) int { return a + b },
	"segc": func(op string) string { return map[string]string{"=": "eq", "-": "del", "+": "ins"}[op] },
}).Parse(reportHTML))

const reportHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mimeo">
<title>{{.Title}}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 72em; padding: 0 1em; color: #1d1d1f; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .2em .6em; text-align: left; border-bottom: 1px solid #ddd; vertical-align: top; }
td.date { white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.kept td { font-weight: 600; }
.cluster { border: 1px solid #ccc; border-radius: 6px; padding: .3em 1em 1em; margin: 1em 0; }
.src { color: #666; font-size: .9em; word-break: break-all; }
.align { font-family: ui-monospace, monospace; font-size: .9em; white-space: pre-wrap; background: #fafafa; padding: .5em; }
.align .eq { color: #444; } .align .del { background: #fde2e1; color: #8a1c17; } .align .ins { background: #dff3e3; color: #15602b; }
.align div { margin: .15em 0; }
svg text { font-size: 12px; fill: #333; }
svg rect { fill: #4a78b5; }
#filter { font-size: 1em; padding: .2em .4em; width: 24em; }
.hidden { display: none; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Documents}} documents in {{len .Inputs}} input{{if ne (len .Inputs) 1}}s{{end}};
{{.Clusters}} cluster{{if ne .Clusters 1}}s{{end}} holding {{.InDups}} documents, of which {{.Dropped}} are duplicates that a deduplicated output leaves out
(the others are the members kept and those that add text of their own).
Generated {{.Generated}}; {{.Settings}}.</p>
<details><summary>Inputs</summary><ul>{{range .Inputs}}<li class="src">{{.}}</li>{{end}}</ul></details>

<h2 id="sizes">Cluster sizes</h2>
{{if .Histogram}}
<svg id="histogram" role="img" aria-label="clusters by size" width="{{.HistWidth}}" height="220" viewBox="0 0 {{.HistWidth}} 220">
{{range .Histogram}}<g><title>{{.Count}} clusters of size {{.Label}}</title>
<rect x="{{.X}}" y="{{sub 180 .Height}}" width="{{.Width}}" height="{{.Height}}"></rect>
<text x="{{add .X 22}}" y="{{sub 176 .Height}}" text-anchor="middle">{{.Count}}</text>
<text x="{{add .X 22}}" y="198" text-anchor="middle">{{.Label}}</text></g>
{{end}}<text x="40" y="216">members per cluster</text>
</svg>
<table id="size-table"><tr><th>size</th>{{range .Histogram}}<td class="n">{{.Label}}</td>{{end}}</tr>
<tr><th>clusters</th>{{range .Histogram}}<td class="n">{{.Count}}</td>{{end}}</tr></table>
{{else}}<p>No clusters: every document is unique.</p>{{end}}

{{if .Hidden}}<p id="hidden">{{.Hidden}} smaller cluster{{if ne .Hidden 1}}s are{{else}} is{{end}} not shown (--html-clusters).</p>{{end}}
{{if .Shown}}
<h2 id="largest">The largest clusters</h2>
<p>Each cluster lists its members with their scores against the member kept (★): similarity (estimated Jaccard),
containment (the share of the member inside the kept one) and contained (the share of the kept one inside the member).
Open a member's alignment to see the texts as the scan compares them: shared words, words only in the member (−) and only in the kept one (+).</p>
<p><label>Show the clusters whose text holds: <input id="filter" type="search" placeholder="an id, a URL, a source, a word"></label> <span id="filter-count"></span></p>
{{range .Shown}}
<section class="cluster" id="cluster-{{.Number}}" data-size="{{.Size}}">
<h3>Cluster {{.Number}}: {{.Size}} document{{if ne .Size 1}}s{{end}}, keep {{.Keep.ID}}{{if .SeenAs}}, seen before as {{.SeenAs}}{{end}}</h3>
<table>
<tr><th></th><th>id</th><th>date</th><th class="n">similarity</th><th class="n">containment</th><th class="n">contained</th><th>source</th></tr>
{{range .Members}}<tr{{if .Kept}} class="kept"{{end}}><td>{{if .Kept}}★{{end}}</td><td>{{.ID}}{{if .URL}}<div class="src">{{.URL}}</div>{{end}}</td><td class="date">{{.Date}}</td>
<td class="n">{{f3 .Similarity}}</td><td class="n">{{f3 .Containment}}</td><td class="n">{{f3 .Contained}}</td><td class="src">{{.Source}}</td></tr>
{{end}}</table>
{{if .More}}<p>… and {{.More}} more member{{if ne .More 1}}s{{end}}, not listed.</p>{{end}}
{{range .Members}}{{if .Aligned}}<details class="pair"><summary>{{.ID}} against the kept member: {{.Aligned.Shared}} tokens shared, {{.Aligned.OnlyA}} only in it (−), {{.Aligned.OnlyB}} only in the kept one (+)</summary>
{{if .Explain}}<p class="src">In a terminal (with the scan's matching flags): <code>{{.Explain}}</code></p>{{end}}
<div class="align">{{range .Aligned.Segments}}<div class="{{segc .Op}}">{{.Op}} {{.Text}}</div>{{end}}</div>
</details>
{{end}}{{end}}</section>
{{end}}
{{end}}
<script>
"use strict";
window.addEventListener("error", function (e) { document.documentElement.setAttribute("data-error", String(e.message)); });
(function () {
  var box = document.getElementById("filter");
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.cluster"));
  var count = document.getElementById("filter-count");
  function apply() {
    var q = box ? box.value.toLowerCase() : "";
    var shown = 0;
    sections.forEach(function (s) {
      var hit = q === "" || s.textContent.toLowerCase().indexOf(q) >= 0;
      s.classList.toggle("hidden", !hit);
      if (hit) { shown++; }
    });
    if (count) { count.textContent = shown + " of " + sections.length + " clusters"; }
  }
  if (box) { box.addEventListener("input", apply); }
  apply();
  document.documentElement.setAttribute("data-rendered", String(sections.length));
})();
</script>
</body>
</html>
`
