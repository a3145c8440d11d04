package scan

import "github.com/mimeo-dedup/mimeo/index"

// The clusters' JSON output (mimeo scan -o, and the distributed
// pipeline's), field for field.

// MemberJSON is a cluster's member as output.
type MemberJSON struct {
	ID          string  `json:"id"`
	URL         string  `json:"url,omitempty"`
	Date        string  `json:"date,omitempty"`
	Source      string  `json:"source"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"` // the share of the member found in the kept one
	Contained   float64 `json:"contained"`   // the share of the kept one found in the member
	// Adds tells a member that adds text of its own to the kept one (a
	// page that contains it but is no version of it, a digest that quotes
	// it: index.Dedup.Covers does not hold): --dedup-output keeps it too, unless the index saw it.
	Adds bool `json:"adds,omitempty"`
}

// ClusterJSON is a cluster as output: one JSON line of mimeo scan -o.
type ClusterJSON struct {
	Cluster int    `json:"cluster"`
	Size    int    `json:"size"`
	Keep    string `json:"keep"`
	// KeepSource names the kept member by where it is, as the members'
	// sources do: ids need not be unique.
	KeepSource string        `json:"keep_source"`
	Members    []MemberJSON  `json:"members"`
	SeenAs     string        `json:"seen_as,omitempty"`
	Indexed    []IndexedJSON `json:"indexed,omitempty"`
}

// IndexedJSON is a document of an index that a cluster's members match.
type IndexedJSON struct {
	ID          string  `json:"id"`
	URL         string  `json:"url,omitempty"`
	Date        string  `json:"date,omitempty"`
	Similarity  float64 `json:"similarity"`
	Containment float64 `json:"containment"`
	Contained   float64 `json:"contained"`
	Verified    bool    `json:"verified,omitempty"` // measured on the shingle sets, not estimated
}

// Round3 rounds x to three decimals, as the output does.
func Round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

// Member returns member m (document doc) of a cluster whose kept member is
// keep, as output: its scores against keep, and whether it adds text of
// its own to it (index.Dedup.Covers does not hold).
func Member(d *index.Dedup, doc *Doc, m, keep uint32) MemberJSON {
	mo := MemberJSON{ID: doc.ID, URL: doc.URL, Date: doc.Date, Source: doc.Source, Similarity: 1, Containment: 1, Contained: 1}
	if m != keep {
		est := d.Estimate(m, keep)
		mo.Similarity, mo.Containment, mo.Contained = Round3(est.Similarity), Round3(est.Containment), Round3(est.Contained)
		mo.Adds = !d.Covers(keep, m)
	}
	return mo
}
