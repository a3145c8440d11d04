package wire

import (
	"fmt"
	"strings"
	"time"
)

// randomTime returns a time in the window of the stories.
func (g *generator) randomTime() time.Time {
	return epoch.Add(time.Duration(g.r.IntN(int(storySpan/time.Second))) * time.Second)
}

// makeSameTemplate publishes a locally written story on the template of a
// site that carries templated copies: a different body in the same
// furniture. A third of them are short, so that the template is a large
// share of the page.
func (g *generator) makeSameTemplate() {
	r := g.r
	var cands []*Site
	for _, s := range g.sites {
		if g.templated[s] {
			cands = append(cands, s)
		}
	}
	if len(cands) == 0 {
		cands = g.sites
	}
	s := pick(r, cands)
	lo, hi := 700, 3500
	if r.chance(35) {
		lo, hi = 200, 700
	}
	a := g.local.Article(lo, hi)
	title := a.Title
	if s.tmpl.brandsTitles {
		title += s.tmpl.titleSep + s.Brand
	}
	blocks := append([]string(nil), a.Paragraphs...)
	if len(blocks) > 0 && r.chance(40) {
		blocks[0] = strings.ToUpper(s.city) + " — " + blocks[0]
	}
	author := ""
	if r.chance(80) {
		author = "By " + g.person()
	}
	t := g.randomTime()
	g.docs = append(g.docs, draft{site: s, t: t, title: a.Title, text: g.page(s, t, author, title, blocks, -1),
		kind: SameTemplate, story: -1})
}

// makeDigest publishes a morning briefing quoting one paragraph of each of
// three to six wire stories, the morning after the latest of them.
func (g *generator) makeDigest() {
	r := g.r
	s := pick(r, g.sites)
	k := r.between(3, min(6, len(g.stories)))
	src := make([]int, 0, k)
	var latest time.Time
	for len(src) < k {
		i := r.IntN(len(g.stories))
		dup := false
		for _, j := range src {
			dup = dup || i == j
		}
		if dup || len(g.stories[i].Paragraphs) == 0 {
			continue
		}
		src = append(src, i)
		if g.times[i].After(latest) {
			latest = g.times[i]
		}
	}
	lt := latest.In(s.zone)
	t := time.Date(lt.Year(), lt.Month(), lt.Day()+1, 6, r.IntN(120), r.IntN(60), 0, s.zone)

	blocks := []string{g.fill(pick(r, digestIntros), s, t)}
	numbered := r.chance(60)
	for n, i := range src {
		st := &g.stories[i]
		p := st.Paragraphs[0]
		if r.chance(50) {
			p = pick(r, st.Paragraphs)
		}
		h := st.Title
		if numbered {
			h = fmt.Sprintf("%d. %s", n+1, h)
		}
		blocks = append(blocks, h, p)
	}
	blocks = append(blocks, g.fill(pick(r, digestOutros), s, t))
	title := g.fill(pick(r, digestTitles), s, t)
	var text string
	if r.chance(70) {
		text = g.page(s, t, "", title, blocks, -1)
	} else {
		text = plain(title, blocks)
	}
	g.docs = append(g.docs, draft{site: s, t: t, title: title, text: text, kind: Digest, story: -1, sources: src})
}

// makeFollowUp publishes a new wire story that reuses one background
// paragraph of an earlier story verbatim, on the same wire, hours to days
// later.
func (g *generator) makeFollowUp() {
	r := g.r
	for range 20 {
		src := r.IntN(len(g.stories))
		st := &g.stories[src]
		// A background paragraph: not the lead, preferably long, and
		// containing no other paragraph of the story.
		var cands []int
		longest := -1
		for i := 1; i < len(st.Paragraphs); i++ {
			p := st.Paragraphs[i]
			contains := false
			for j, q := range st.Paragraphs {
				contains = contains || j != i && strings.Contains(p, q)
			}
			if contains {
				continue
			}
			if len(p) >= 150 {
				cands = append(cands, i)
			}
			if longest < 0 || len(p) > len(st.Paragraphs[longest]) {
				longest = i
			}
		}
		if longest < 0 {
			continue // a story of one paragraph has no background
		}
		pi := longest
		if len(cands) > 0 {
			pi = pick(r, cands)
		}

		wire := g.wireOf(src)
		t := g.times[src].Add(time.Duration(r.between(6*60, 7*24*60))*time.Minute + time.Duration(r.IntN(60))*time.Second)
		a := g.news.Article(1500, 4500)
		paras := a.Paragraphs
		at := r.between(min(2, len(paras)), len(paras))
		paras = append(paras[:at:at], append([]string{st.Paragraphs[pi]}, paras[at:]...)...)
		lt := t.In(wire.zone)
		dl := fmt.Sprintf("%s, %s %d (%s) -", g.cities[src], lt.Month(), lt.Day(), wire.wireName)
		text := g.wirePage(wire, t, a.Title, g.storyBlocks(dl, paras), g.credit(titleCase(g.cities[src])))
		ok := true
		for j, q := range st.Paragraphs {
			ok = ok && (j == pi || !strings.Contains(text, q))
		}
		if !ok {
			continue // the new text happens to hold another paragraph
		}
		g.docs = append(g.docs, draft{site: wire, t: t, title: a.Title, text: text, kind: FollowUp, story: -1, sources: []int{src}})
		return
	}
}
