package bench

import (
	"bufio"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// RealDoc is a labelled document of a real-data corpus.
type RealDoc struct {
	ID    string `json:"id"`
	URL   string `json:"url,omitempty"`
	Date  string `json:"date,omitempty"`
	Text  string `json:"text"`
	Label string `json:"-"`
	Kind  string `json:"-"`
}

// LoadAEB reads the article-extraction benchmark under data: each page as
// its whole-page text and its clean body, labelled together.
func LoadAEB(data string) ([]RealDoc, error) {
	dir := filepath.Join(data, "article-extraction-benchmark")
	truth, ids, err := aebTruth(dir)
	if err != nil {
		return nil, err
	}
	var pages struct {
		Output map[string]struct {
			Body string `json:"articleBody"`
		} `json:"output"`
	}
	if err := readJSON(filepath.Join(dir, "output", "html-text.json"), &pages); err != nil {
		return nil, err
	}
	var docs []RealDoc
	for _, id := range ids {
		p, ok := pages.Output[id]
		if !ok {
			return nil, fmt.Errorf("page %s has no html-text output", id)
		}
		docs = append(docs,
			RealDoc{ID: "body-" + id[:12], URL: truth[id].URL, Text: truth[id].Body, Label: id, Kind: "body"},
			RealDoc{ID: "page-" + id[:12], URL: truth[id].URL, Text: p.Body, Label: id, Kind: "page"})
	}
	return docs, nil
}

// AEBPage is a page of the article-extraction benchmark: its raw HTML and
// its clean body.
type AEBPage struct {
	ID, URL    string
	HTML, Body []byte
}

// LoadAEBHTML reads the article-extraction benchmark's raw pages.
func LoadAEBHTML(data string) ([]AEBPage, error) {
	dir := filepath.Join(data, "article-extraction-benchmark")
	truth, ids, err := aebTruth(dir)
	if err != nil {
		return nil, err
	}
	var pages []AEBPage
	for _, id := range ids {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		z, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		html, err := io.ReadAll(z)
		f.Close()
		if err != nil {
			return nil, err
		}
		pages = append(pages, AEBPage{ID: id[:12], URL: truth[id].URL, HTML: html, Body: []byte(truth[id].Body)})
	}
	return pages, nil
}

// aebTruth reads the benchmark's ground truth: each page's clean body and
// URL, and the page ids in order.
func aebTruth(dir string) (map[string]aebEntry, []string, error) {
	var truth map[string]aebEntry
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &truth); err != nil {
		return nil, nil, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return truth, ids, nil
}

type aebEntry struct {
	Body string `json:"articleBody"`
	URL  string `json:"url"`
}

// LoadBBC reads BBC News, exact duplicates labelled together.
func LoadBBC(data string) ([]RealDoc, error) {
	var docs []RealDoc
	err := readLines(filepath.Join(data, "bbc-news", "bbc.jsonl"), func(line []byte) error {
		var r struct{ ID, Title, Text string }
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		docs = append(docs, RealDoc{ID: "bbc/" + r.ID, Text: r.Title + "\n\n" + r.Text, Label: key(r.Title, r.Text)})
		return nil
	})
	return exactGroups(docs), err
}

// LoadReuters reads the Reuters-21578 stories with a body, exact duplicates
// labelled together.
func LoadReuters(data string) ([]RealDoc, error) {
	var docs []RealDoc
	err := readLines(filepath.Join(data, "reuters-21578", "reuters21578.jsonl.gz"), func(line []byte) error {
		var r struct {
			ID                          int
			Date, Title, Dateline, Body string
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		if strings.TrimSpace(r.Body) == "" {
			return nil
		}
		docs = append(docs, RealDoc{ID: fmt.Sprintf("reuters/%d", r.ID), Date: r.Date,
			Text: r.Title + "\n" + r.Dateline + " " + r.Body, Label: key(r.Title, r.Body)})
		return nil
	})
	return exactGroups(docs), err
}

// LoadPassim reads the text-reuse passages that passim found in Swiss
// French newspapers of 1900 (OCR): each passage a document, labelled by
// passim's cluster (silver labels: an n-gram aligner's), its kind the
// newspaper series.
func LoadPassim(data string) ([]RealDoc, error) {
	var docs []RealDoc
	seen := make(map[string]int)
	err := readLines(filepath.Join(data, "impresso-passim-reuse", "passim-out.jsonl.gz"), func(line []byte) error {
		var r struct {
			Cluster    json.Number
			UID        json.Number
			ID, Series string
			Date, Text string
			Begin, End int
		}
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		// A passage of one article may be in two clusters: its id then
		// takes a suffix, and the two are labelled apart as passim has them.
		id := fmt.Sprintf("passim/%s:%d-%d", r.ID, r.Begin, r.End)
		if n := seen[id]; n > 0 {
			seen[id] = n + 1
			id = fmt.Sprintf("%s#%d", id, n+1)
		} else {
			seen[id] = 1
		}
		docs = append(docs, RealDoc{ID: id, Date: r.Date, Text: r.Text, Label: "c" + r.Cluster.String(), Kind: r.Series})
		return nil
	})
	return docs, err
}

// LoadClough reads the Clough–Stevenson corpus of plagiarised short
// answers: the five source passages, and 95 answers labelled with their
// source when they are cut and pasted, lightly or heavily revised from
// it (kinds "cut", "light", "heavy"), alone when written independently
// ("non"). Answers in Latin-1 are decoded to UTF-8.
func LoadClough(data string) ([]RealDoc, error) {
	dir := filepath.Join(data, "clough-stevenson-plagiarism")
	var docs []RealDoc
	err := readLines(filepath.Join(dir, "file_information.csv"), func(line []byte) error {
		f := strings.Split(strings.TrimSpace(string(line)), ",")
		if len(f) != 3 || f[0] == "File" {
			return nil
		}
		b, err := os.ReadFile(filepath.Join(dir, f[0]))
		if err != nil {
			return err
		}
		label := "task-" + f[1]
		if f[2] == "non" {
			label = f[0]
		}
		docs = append(docs, RealDoc{ID: "clough/" + f[0], Text: latin1(b), Label: label, Kind: f[2]})
		return nil
	})
	return docs, err
}

// latin1 returns b as UTF-8: as it is when it is valid UTF-8, else read
// as Latin-1.
func latin1(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// key is the exact-duplicate key of a document.
func key(parts ...string) string {
	h := sha1.New()
	for _, p := range parts {
		io.WriteString(h, p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// exactGroups labels documents sharing a key together and every other
// document alone.
func exactGroups(docs []RealDoc) []RealDoc {
	n := make(map[string]int)
	for _, d := range docs {
		n[d.Label]++
	}
	for i := range docs {
		if n[docs[i].Label] > 1 {
			docs[i].Label, docs[i].Kind = "dup-"+docs[i].Label[:16], "exact-duplicate"
		} else {
			docs[i].Label, docs[i].Kind = docs[i].ID, "unique"
		}
	}
	return docs
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func readLines(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return err
		}
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}
