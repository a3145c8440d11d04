package bench

import (
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/crawl"
	"github.com/mimeo-dedup/mimeo/internal/extract"
)

// TestTemplateSites: a page without a URL is named by what its markup says
// of its site (extract.Extractor.Site). In the real templates of the
// article-extraction benchmark, the pages of one template holding
// different stories get one name, nearly every template has one (175 of
// 179: four carry only relative references, which name no site), and
// templates of different hosts never share one — a shared name would make
// the stories on them one site's furniture.
func TestTemplateSites(t *testing.T) {
	needShared(t)
	tpls, err := crawl.LoadTemplates(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	ex := extract.New(extract.Options{})
	byName := map[string]string{} // name → host
	named := 0
	for _, tp := range tpls {
		var names [2]string
		for i, length := range []string{"brief", "feature"} {
			ex.AppendText(nil, RenderStory(tp, length, uint64(i+1)))
			names[i] = ex.Site()
		}
		if names[0] != names[1] {
			t.Errorf("template %s (%s): two stories, two site names %q and %q", tp.ID[:12], tp.Host, names[0], names[1])
		}
		if names[0] == "" {
			t.Logf("template %s (%s): no site name", tp.ID[:12], tp.Host)
			continue
		}
		named++
		if h, ok := byName[names[0]]; ok && h != tp.Host {
			t.Errorf("templates of %s and %s share the site name %q", h, tp.Host, names[0])
		}
		byName[names[0]] = tp.Host
	}
	t.Logf("%d of %d templates named, %d names", named, len(tpls), len(byName))
	if named < len(tpls)*95/100 {
		t.Errorf("%d of %d templates named: want ≥ 95 %%", named, len(tpls))
	}
}
