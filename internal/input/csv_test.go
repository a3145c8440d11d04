package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCSV(t *testing.T) {
	dir := t.TempDir()
	data := "\xef\xbb\xbfid,text,url,date\r\n" +
		"a,\"Hello, world\",http://x/a,2024-01-02\r\n" +
		"\r\n" + // blank: skipped
		"b,\"two\nlines \"\"quoted\"\"\",,\n" +
		"c,plain text with a \" inside,http://x/c,\n" +
		",no id,,\n" +
		"d,too,many,fields,here\n" +
		"e,\"\",,\n" +
		"f,\"tail\"er,,\n" +
		"g,\"never closed,,\nmore"
	p := writeFile(t, dir, "a.csv", []byte(data))
	evs := readAll(t, openFile(t, p, CSV, Options{}))
	type want struct {
		id, text, url, date string
		line                int64
		reason              Reason
	}
	wants := []want{
		{id: "a", text: "Hello, world", url: "http://x/a", date: "2024-01-02", line: 2},
		{id: "b", text: "two\nlines \"quoted\"", line: 4},
		{id: "c", text: "plain text with a \" inside", url: "http://x/c", line: 6},
		{id: p + ":7", text: "no id", line: 7},
		{line: 8, reason: ReasonMalformedCSV},
		{line: 9, reason: ReasonEmptyText},
		{id: "f", text: "tailer", line: 10},
		{line: 11, reason: ReasonMalformedCSV},
	}
	if len(evs) != len(wants) {
		t.Fatalf("got %d events, want %d: %+v", len(evs), len(wants), evs)
	}
	for i, w := range wants {
		ev := evs[i]
		if w.reason != 0 {
			re := recordErr(t, ev)
			if re.Reason != w.reason || re.Line != w.line {
				t.Errorf("event %d: %v (line %d), want %v at line %d", i, re, re.Line, w.reason, w.line)
			}
			continue
		}
		if ev.err != nil || ev.id != w.id || ev.text != w.text || ev.url != w.url || ev.date != w.date || ev.line != w.line {
			t.Errorf("event %d: %+v, want %+v", i, ev, w)
		}
		if ev.format != CSV || ev.source != p+":"+itoa(w.line) {
			t.Errorf("event %d: format %v source %q", i, ev.format, ev.source)
		}
		if !strings.HasPrefix(data[ev.offset:], ev.raw) || strings.ContainsAny(ev.raw[len(ev.raw)-1:], "\r\n") {
			t.Errorf("event %d: raw %q is not the record at offset %d", i, ev.raw, ev.offset)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestTSVAndTextColumns(t *testing.T) {
	dir := t.TempDir()
	data := "title\tbody\tkey\n" +
		"A headline\tThe body\tk1\n" +
		"\t\"quoted\tbody\"\tk2\n"
	p := writeFile(t, dir, "a.tsv.gz", gzipBytes(t, []byte(data)))
	if f := formatOf(p); f != TSV {
		t.Fatalf("formatOf(%s) = %v", p, f)
	}
	evs := readAll(t, openFile(t, p, TSV, Options{TextField: "title, body", IDField: "key"}))
	if len(evs) != 2 || evs[0].text != "A headline\nThe body" || evs[0].id != "k1" ||
		evs[1].text != "quoted\tbody" || evs[1].id != "k2" {
		t.Fatalf("got %+v", evs)
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, data, want string }{
		{"nocol.csv", "id,body\n1,x\n", `no column "text" for the text (its columns: "id", "body")`},
		{"empty.csv", "", "no header line"},
		{"open.csv", "\"id,text\n", "not closed"},
	} {
		p := writeFile(t, dir, c.name, []byte(c.data))
		evs := readAll(t, openFile(t, p, CSV, Options{}))
		var re *RecordError
		if len(evs) != 1 || evs[0].err == nil || errors.As(evs[0].err, &re) ||
			!strings.Contains(evs[0].err.Error(), c.want) || !strings.Contains(evs[0].err.Error(), p) {
			t.Errorf("%s: got %+v, want one file error with %q", c.name, evs, c.want)
		}
	}
}

// TestCSVAgainstEncodingCSV reads CSV written by encoding/csv — random
// fields with delimiters, quotes, newlines — through buffers of several
// sizes, and compares every record with encoding/csv's reading.
func TestCSVAgainstEncodingCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "word ", ",", "\"", "\n", "\t", "é", "  ", "x\"y", "\"\"", "z"}
	field := func() string {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for _, delim := range []rune{',', '\t'} {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Comma = delim
		w.Write([]string{"id", "text", "other"})
		for i := range 3000 {
			w.Write([]string{itoa(int64(i)), "t" + field(), field()})
		}
		w.Flush()
		cr := csv.NewReader(bytes.NewReader(buf.Bytes()))
		cr.Comma = delim
		theirs, err := cr.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		format, name := CSV, "r.csv"
		if delim == '\t' {
			format, name = TSV, "r.tsv"
		}
		p := writeFile(t, t.TempDir(), name, buf.Bytes())
		for _, limit := range []int{0, 300} {
			evs := readAll(t, openFile(t, p, format, Options{MaxRecordBytes: limit}))
			k := 0
			for _, row := range theirs[1:] {
				if limit > 0 && len(strings.Join(row, ",")) > limit+50 {
					// far over the limit: skipped, as a record error
					if re := recordErr(t, evs[k]); re.Reason != ReasonTooLarge {
						t.Fatalf("row %s: %v, want too large", row[0], re)
					}
					k++
					continue
				}
				if limit > 0 && len(strings.Join(row, ",")) > limit-50 {
					k++ // near the limit: either
					continue
				}
				ev := evs[k]
				k++
				if ev.err != nil || ev.id != row[0] || ev.text != row[1] {
					t.Fatalf("limit %d: got %+v, want %q", limit, ev, row)
				}
			}
			if k != len(evs) {
				t.Fatalf("limit %d: %d events, %d rows", limit, len(evs), k)
			}
		}
	}
}

// FuzzCSV reads arbitrary bytes as CSV. It must not panic, every record
// must be consistent with the input, and where encoding/csv reads the same
// bytes without error (and nothing makes the two differ by design:
// carriage returns, blank lines, bare quotes), the texts agree.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"id,text\n1,hello\n2,\"a,b\"\n",
		"text\n\"multi\nline\"\n\"esc\"\"aped\"\n",
		"id,text\n1,\"open\n",
		"a\tb\n1\t2\n",
		"\xef\xbb\xbftext\r\nx\r\n",
	} {
		f.Add([]byte(s), uint16(0), false)
		f.Add([]byte(s), uint16(8), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, limit uint16, gz bool) {
		content := data
		if gz {
			content = gzipBytes(t, data)
		}
		opts := Options{MaxRecordBytes: int(limit), Stdin: bytes.NewReader(content)}
		r, err := Open(Input{Path: "-", Format: CSV}, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var texts []string
		for n := 0; ; n++ {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			if err != nil && !errors.As(err, &re) {
				break // a file error ends the input
			}
			if err != nil {
				continue
			}
			if rec.Offset < 0 || rec.Offset+int64(len(rec.Raw)) > int64(len(data)) ||
				!bytes.Equal(data[rec.Offset:rec.Offset+int64(len(rec.Raw))], rec.Raw) {
				t.Fatalf("record %d: raw %q not at offset %d", n, rec.Raw, rec.Offset)
			}
			texts = append(texts, string(rec.Text))
		}
		if limit != 0 || bytes.ContainsAny(data, "\r\x00") || bytes.HasPrefix(data, bom) {
			return
		}
		cr := csv.NewReader(bytes.NewReader(data))
		all, err := cr.ReadAll()
		if err != nil || len(all) < 2 {
			return
		}
		col := -1
		for i, name := range all[0] {
			if strings.TrimSpace(name) == "text" && col < 0 {
				col = i
			}
		}
		if col < 0 {
			return
		}
		var want []string
		for _, row := range all[1:] {
			if t := row[col]; strings.TrimSpace(t) != "" && utf8.ValidString(t) {
				want = append(want, t)
			} else {
				return // skipped here for reasons encoding/csv does not have
			}
		}
		if strings.Join(texts, "\x00") != strings.Join(want, "\x00") {
			t.Fatalf("texts %q, encoding/csv %q", texts, want)
		}
	})
}

// TestCSVBlankLinesBeforeHeader: blank lines before the header are passed
// over, and an error in the header names the header's own line.
func TestCSVBlankLinesBeforeHeader(t *testing.T) {
	gs := readAllCSV(t, "\n\nid,text\na,hello\n")
	if len(gs) != 1 || gs[0] != "hello" {
		t.Errorf("records %q, want [hello]", gs)
	}
	r, err := Open(Input{Path: "-", Format: CSV}, Options{Stdin: strings.NewReader("\n\nid,body\na,hello\n")})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Next(); err == nil || !strings.Contains(err.Error(), "input: -:3: the CSV header has no column") {
		t.Errorf("header error %v, want it at line 3", err)
	}
}

func readAllCSV(t *testing.T, data string) []string {
	t.Helper()
	r, err := Open(Input{Path: "-", Format: CSV}, Options{Stdin: strings.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var texts []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return texts
		}
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(rec.Text))
	}
}
