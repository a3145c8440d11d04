package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// event is what one call to Next produced.
type event struct {
	id, url, date, source, text, raw string
	line, offset                     int64
	format                           Format
	err                              error
}

// readAll calls Next until io.EOF and copies out every record and error. It
// fails the test if Next does not return io.EOF again after the end, or
// returns anything after a file-level error.
func readAll(t testing.TB, r *Reader) []event {
	t.Helper()
	var evs []event
	for n := 0; ; n++ {
		if n > 1e7 {
			t.Fatal("Next does not end")
		}
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			evs = append(evs, event{err: err})
			var re *RecordError
			if !errors.As(err, &re) {
				// A file-level error ends the input.
				if rec, err := r.Next(); err != io.EOF {
					t.Fatalf("after file error: got %v, %v; want io.EOF", rec, err)
				}
				break
			}
			continue
		}
		evs = append(evs, event{
			// The strings alias the reader's buffers: clone them.
			id: strings.Clone(rec.ID), url: strings.Clone(rec.URL), date: strings.Clone(rec.Date),
			source: strings.Clone(rec.Source), text: string(rec.Text), raw: string(rec.Raw),
			line: rec.Line, offset: rec.Offset, format: rec.Format,
		})
	}
	if rec, err := r.Next(); rec != nil || err != io.EOF {
		t.Fatalf("Next after io.EOF: %v, %v", rec, err)
	}
	return evs
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func openFile(t testing.TB, path string, f Format, opts Options) *Reader {
	t.Helper()
	r, err := Open(Input{Path: path, Format: f}, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// recordErr returns the *RecordError in ev, failing if there is none.
func recordErr(t testing.TB, ev event) *RecordError {
	t.Helper()
	var re *RecordError
	if !errors.As(ev.err, &re) {
		t.Fatalf("want a *RecordError, got record %q / error %v", ev.text, ev.err)
	}
	return re
}

func TestReasons(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		bad    string // the second line (JSONL) or the whole file (text)
		opts   Options
		reason Reason
		line   int64  // expected line in the error
		detail string // expected in the message
	}{
		{"malformed JSON", JSONL, `{"text":"a",}`, Options{}, ReasonMalformedJSON, 2, "column 13"},
		{"not a JSON object", JSONL, `["text"]`, Options{}, ReasonNotObject, 2, ""},
		{"missing text field", JSONL, `{"id":"x"}`, Options{}, ReasonMissingText, 2, `no "text" field`},
		{"missing custom text field", JSONL, `{"text":"x"}`, Options{TextField: "body"}, ReasonMissingText, 2, `no "body" field`},
		{"text field not a string", JSONL, `{"text":{"a":1}}`, Options{}, ReasonTextNotString, 2, "is an object"},
		{"invalid UTF-8 in text", JSONL, "{\"text\":\"caf\xe9\"}", Options{Encoding: "utf-8"}, ReasonInvalidUTF8, 2, ""},
		{"empty text", JSONL, `{"text":"  \t "}`, Options{}, ReasonEmptyText, 2, ""},
		{"record too large", JSONL, `{"text":"` + strings.Repeat("x", 100) + `"}`, Options{MaxRecordBytes: 50}, ReasonTooLarge, 2, "limit 50"},
		{"binary data", JSONL, "\x00\x01\x02{binary}", Options{}, ReasonBinary, 2, "column 1"},

		{"text file binary data", Text, "line one\nline two\x00\n", Options{}, ReasonBinary, 2, "NUL byte at offset 17"},
		{"text file invalid UTF-8", Text, "one\ntwo\nthr\xffee\n", Options{Encoding: "utf-8"}, ReasonInvalidUTF8, 3, "0xff"},
		{"text file empty", Text, " \n\r\n\t", Options{}, ReasonEmptyText, 1, ""},
		{"text file zero bytes", Text, "", Options{}, ReasonEmptyText, 1, ""},
		{"text file too large", Text, strings.Repeat("words ", 100), Options{MaxRecordBytes: 100}, ReasonTooLarge, 1, "600 bytes, limit 100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var path string
			if tt.format == JSONL {
				path = writeFile(t, dir, "in.jsonl", []byte(`{"id":"1","text":"first","body":"first"}`+"\n"+
					tt.bad+"\n"+`{"id":"3","text":"third","body":"third"}`+"\n"))
			} else {
				path = writeFile(t, dir, "in.txt", []byte(tt.bad))
			}
			evs := readAll(t, openFile(t, path, tt.format, tt.opts))
			var bad event
			if tt.format == JSONL {
				if len(evs) != 3 || evs[0].id != "1" || evs[2].id != "3" || evs[2].line != 3 {
					t.Fatalf("want record 1, error, record 3; got %+v", evs)
				}
				bad = evs[1]
			} else {
				if len(evs) != 1 {
					t.Fatalf("want one error, got %+v", evs)
				}
				bad = evs[0]
			}
			re := recordErr(t, bad)
			if re.Reason != tt.reason || re.Line != tt.line || re.File != path {
				t.Errorf("got %s:%d %v, want %s:%d %v", re.File, re.Line, re.Reason, path, tt.line, tt.reason)
			}
			msg := re.Error()
			prefix := fmt.Sprintf("%s:%d: %s", path, tt.line, tt.reason)
			if !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tt.detail) {
				t.Errorf("message %q, want prefix %q containing %q", msg, prefix, tt.detail)
			}
		})
	}
}

func TestReasonStrings(t *testing.T) {
	seen := map[string]bool{}
	for r := Reason(1); r < numReasons; r++ {
		s := r.String()
		if s == "" || strings.HasPrefix(s, "Reason(") || seen[s] {
			t.Errorf("Reason %d has name %q", r, s)
		}
		seen[s] = true
	}
	if got := Reason(0).String(); got != "Reason(0)" {
		t.Errorf("Reason(0).String() = %q", got)
	}
}

func TestLineEnds(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		texts []string
		lines []int64
		offs  []int64
		raws  []string
	}{
		{
			name:  "LF",
			data:  "{\"text\":\"a\"}\n{\"text\":\"b\"}\n",
			texts: []string{"a", "b"}, lines: []int64{1, 2}, offs: []int64{0, 13},
			raws: []string{`{"text":"a"}`, `{"text":"b"}`},
		},
		{
			name:  "CRLF",
			data:  "{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n",
			texts: []string{"a", "b"}, lines: []int64{1, 2}, offs: []int64{0, 14},
			raws: []string{`{"text":"a"}`, `{"text":"b"}`},
		},
		{
			name:  "blank and white-space lines skipped",
			data:  "\n\r\n  \t\n{\"text\":\"a\"}\n\n\n{\"text\":\"b\"}\n \n",
			texts: []string{"a", "b"}, lines: []int64{4, 7}, offs: []int64{7, 22},
			raws: []string{`{"text":"a"}`, `{"text":"b"}`},
		},
		{
			name:  "last line without newline",
			data:  "{\"text\":\"a\"}\n{\"text\":\"b\"}",
			texts: []string{"a", "b"}, lines: []int64{1, 2}, offs: []int64{0, 13},
			raws: []string{`{"text":"a"}`, `{"text":"b"}`},
		},
		{
			name:  "last line CR without LF",
			data:  "{\"text\":\"a\"}\r",
			texts: []string{"a"}, lines: []int64{1}, offs: []int64{0},
			raws: []string{`{"text":"a"}`},
		},
		{
			name:  "byte order mark",
			data:  "\xef\xbb\xbf{\"text\":\"a\"}\n",
			texts: []string{"a"}, lines: []int64{1}, offs: []int64{3},
			raws: []string{`{"text":"a"}`},
		},
		{name: "empty file", data: ""},
		{name: "only blank lines", data: "\n\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "x.jsonl", []byte(tt.data))
			evs := readAll(t, openFile(t, path, JSONL, Options{}))
			if len(evs) != len(tt.texts) {
				t.Fatalf("got %d events %+v, want %d records", len(evs), evs, len(tt.texts))
			}
			for i, ev := range evs {
				if ev.err != nil {
					t.Fatalf("event %d: %v", i, ev.err)
				}
				wantSrc := fmt.Sprintf("%s:%d", path, tt.lines[i])
				if ev.text != tt.texts[i] || ev.line != tt.lines[i] || ev.offset != tt.offs[i] ||
					ev.raw != tt.raws[i] || ev.source != wantSrc || ev.id != wantSrc {
					t.Errorf("record %d: got text %q line %d offset %d raw %q source %q id %q; want %q %d %d %q %q",
						i, ev.text, ev.line, ev.offset, ev.raw, ev.source, ev.id,
						tt.texts[i], tt.lines[i], tt.offs[i], tt.raws[i], wantSrc)
				}
			}
		})
	}
}

func TestRecordFields(t *testing.T) {
	data := `{"id":"doc-1","url":"https://x/1","date":"2024-01-02","text":"one"}` + "\n" +
		`{"id":42,"url":7,"date":null,"text":"two"}` + "\n" +
		`{"id":"","text":"three"}` + "\n" +
		`{"doc":"d","body":"four","link":"l","when":"w"}` + "\n"
	path := writeFile(t, t.TempDir(), "f.ndjson", []byte(data))

	evs := readAll(t, openFile(t, path, JSONL, Options{}))
	want := []event{
		{id: "doc-1", url: "https://x/1", date: "2024-01-02", text: "one"},
		{id: "42", url: "7", text: "two"},
		{id: path + ":3", text: "three"},
	}
	if len(evs) != 4 || evs[3].err == nil {
		t.Fatalf("got %+v", evs)
	}
	for i, w := range want {
		ev := evs[i]
		if ev.err != nil || ev.id != w.id || ev.url != w.url || ev.date != w.date || ev.text != w.text || ev.format != JSONL {
			t.Errorf("record %d: got %+v, want %+v", i, ev, w)
		}
	}

	evs = readAll(t, openFile(t, path, JSONL, Options{IDField: "doc", TextField: "body", URLField: "link", DateField: "when"}))
	if len(evs) != 4 || evs[3].id != "d" || evs[3].text != "four" || evs[3].url != "l" || evs[3].date != "w" {
		t.Errorf("custom fields: got %+v", evs)
	}
}

func TestTextFile(t *testing.T) {
	dir := t.TempDir()
	content := "\xef\xbb\xbfA plain document.\r\nSecond line — ünïcode.\n"
	path := writeFile(t, dir, "doc.txt", []byte(content))
	evs := readAll(t, openFile(t, path, Text, Options{}))
	if len(evs) != 1 || evs[0].err != nil {
		t.Fatalf("got %+v", evs)
	}
	ev := evs[0]
	if ev.text != content[3:] || ev.raw != content || ev.id != path || ev.source != path || ev.line != 1 || ev.format != Text {
		t.Errorf("got %+v", ev)
	}

	// A text file bigger than the first buffer, compressed.
	big := strings.Repeat("many words in a big file\n", 100000)
	path = writeFile(t, dir, "big.txt.zst", zstdBytes(t, []byte(big)))
	evs = readAll(t, openFile(t, path, Text, Options{}))
	if len(evs) != 1 || evs[0].err != nil || evs[0].text != big {
		t.Errorf("big text file: %d events, first error %v", len(evs), evs[0].err)
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name   string
		format Format
		data   string
		want   Format
		texts  []string
		source string
	}{
		{"jsonl", JSONL, "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", JSONL, []string{"a", "b"}, "-:1"},
		{"detect jsonl", Detect, "\n  {\"text\":\"a\"}\n", JSONL, []string{"a"}, "-:2"},
		{"detect jsonl after BOM", Detect, "\xef\xbb\xbf{\"text\":\"a\"}", JSONL, []string{"a"}, "-:1"},
		{"detect text", Detect, "  just words\n", Text, []string{"  just words\n"}, "-"},
		{"detect gzip jsonl", Detect, string(gzipBytes(t, []byte("{\"text\":\"z\"}\n"))), JSONL, []string{"z"}, "-:1"},
		{"text", Text, "{\"text\":\"a\"}", Text, []string{"{\"text\":\"a\"}"}, "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(Input{Path: "-", Format: tt.format, Size: -1}, Options{Stdin: strings.NewReader(tt.data)})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			evs := readAll(t, r)
			if r.Format() != tt.want {
				t.Errorf("format %v, want %v", r.Format(), tt.want)
			}
			if len(evs) != len(tt.texts) {
				t.Fatalf("got %+v, want texts %q", evs, tt.texts)
			}
			for i, ev := range evs {
				if ev.err != nil || ev.text != tt.texts[i] {
					t.Errorf("record %d: %+v, want text %q", i, ev, tt.texts[i])
				}
			}
			if evs[0].source != tt.source {
				t.Errorf("source %q, want %q", evs[0].source, tt.source)
			}
		})
	}
}

// failingReader returns data, then err.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadError(t *testing.T) {
	boom := errors.New("device on fire")
	src := &failingReader{data: []byte("{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c"), err: boom}
	r, err := Open(Input{Path: "-"}, Options{Stdin: src})
	if err != nil {
		t.Fatal(err)
	}
	evs := readAll(t, r)
	if len(evs) != 3 || evs[0].text != "a" || evs[1].text != "b" {
		t.Fatalf("got %+v", evs)
	}
	err = evs[2].err
	var re *RecordError
	if !errors.Is(err, boom) || errors.As(err, &re) {
		t.Fatalf("got %v, want a file-level error wrapping %v", err, boom)
	}
	if want := "input: -: read error at line 3, offset 26: device on fire"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		in   Input
		opts Options
		want string
	}{
		{"missing file", Input{Path: filepath.Join(dir, "nope.jsonl")}, Options{}, "nope.jsonl"},
		{"directory", Input{Path: dir}, Options{}, "is a directory"},
		{"negative limit", Input{Path: "-"}, Options{MaxRecordBytes: -1}, "MaxRecordBytes"},
		{"unknown format", Input{Path: "-", Format: ARC + 1}, Options{}, "unknown format Format(9)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(tt.in, tt.opts)
			if err == nil || r != nil || !strings.HasPrefix(err.Error(), "input: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, %v; want an error containing %q", r, err, tt.want)
			}
		})
	}
}

func TestResetAndClose(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.jsonl", []byte("{\"text\":\"A\"}\n"))
	b := writeFile(t, dir, "b.jsonl.zst", zstdBytes(t, []byte("{\"text\":\"B\"}\n")))
	c := writeFile(t, dir, "c.txt.gz", gzipBytes(t, []byte("C")))
	r := openFile(t, a, JSONL, Options{})
	for _, step := range []struct {
		path string
		f    Format
		text string
	}{{"", JSONL, "A"}, {b, JSONL, "B"}, {c, Text, "C"}, {a, JSONL, "A"}, {b, JSONL, "B"}} {
		if step.path != "" {
			if err := r.Reset(Input{Path: step.path, Format: step.f}); err != nil {
				t.Fatal(err)
			}
		}
		evs := readAll(t, r)
		if len(evs) != 1 || evs[0].text != step.text {
			t.Fatalf("%s: got %+v", step.path, evs)
		}
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); !errors.Is(err, ErrClosed) {
		t.Errorf("Next after Close: %v, want ErrClosed", err)
	}
	if err := r.Reset(Input{Path: b, Format: JSONL}); err != nil {
		t.Fatal(err)
	}
	if evs := readAll(t, r); len(evs) != 1 || evs[0].text != "B" {
		t.Errorf("after Close and Reset: %+v", evs)
	}
}

// jsonlLines returns n JSONL lines and their texts.
func jsonlLines(n int) ([]byte, []string) {
	var b bytes.Buffer
	texts := make([]string, n)
	for i := range n {
		texts[i] = fmt.Sprintf("document number %d with some words to compress %d", i, i*i)
		fmt.Fprintf(&b, "{\"id\":\"%d\",\"text\":%q}\n", i+1, texts[i])
	}
	return b.Bytes(), texts
}

// checkPrefix checks that evs are the first records of texts, in order,
// with their line numbers, and returns how many there are.
func checkPrefix(t testing.TB, evs []event, texts []string) int {
	t.Helper()
	n := 0
	for _, ev := range evs {
		if ev.err != nil {
			break
		}
		if n >= len(texts) || ev.text != texts[n] || ev.line != int64(n+1) {
			t.Fatalf("record %d: got %+v, want text %q", n, ev, texts[n])
		}
		n++
	}
	return n
}

func TestCompression(t *testing.T) {
	data, texts := jsonlLines(3000)

	// One gzip member per record, as written by tools that compress
	// record by record; a reader that stops after the first member
	// returns one record.
	var perRecord []byte
	for _, l := range bytes.SplitAfter(data, []byte{'\n'}) {
		if len(l) > 0 {
			perRecord = append(perRecord, gzipBytes(t, l)...)
		}
	}
	// zstd: one frame per 100 KB, plus a skippable frame in between.
	var frames []byte
	for rest := data; len(rest) > 0; {
		n := min(len(rest), 100_000)
		frames = append(frames, zstdBytes(t, rest[:n])...)
		frames = append(frames, 0x50, 0x2a, 0x4d, 0x18, 4, 0, 0, 0, 'j', 'u', 'n', 'k')
		rest = rest[n:]
	}
	half := len(data) / 2
	twoMembers := append(gzipBytes(t, data[:half]), gzipBytes(t, data[half:])...)

	tests := []struct {
		name, file string
		content    []byte
	}{
		{"plain", "a.jsonl", data},
		{"gzip single member", "a.jsonl.gz", gzipBytes(t, data)},
		{"gzip two members split mid-line", "a.jsonl.gz", twoMembers},
		{"gzip member per record", "a.jsonl.gz", perRecord},
		{"zstd single frame", "a.jsonl.zst", zstdBytes(t, data)},
		{"zstd multiple frames", "a.jsonl.zstd", frames},
		{"gz name with plain content", "a.jsonl.gz", data},
		{"zst name with gzip content", "a.jsonl.zst", gzipBytes(t, data)},
		{"plain name with zstd content", "a.jsonl", zstdBytes(t, data)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tt.file, tt.content)
			evs := readAll(t, openFile(t, path, JSONL, Options{}))
			if n := checkPrefix(t, evs, texts); n != len(texts) || len(evs) != n {
				t.Fatalf("read %d records of %d (%d events); last: %+v", n, len(texts), len(evs), evs[len(evs)-1])
			}
		})
	}
}

func TestDamagedCompression(t *testing.T) {
	data, texts := jsonlLines(30000) // about 2 MB
	gz := gzipBytes(t, data)
	zs := zstdBytes(t, data)
	garbled := bytes.Clone(gz)
	for i := len(garbled) / 2; i < len(garbled)/2+64; i++ {
		garbled[i] ^= 0x55
	}
	tests := []struct {
		name, file string
		content    []byte
		want       string // in the error message
	}{
		{"truncated gzip", "t.jsonl.gz", gz[:len(gz)*6/10], "truncated gzip stream"},
		{"truncated gzip trailer", "t.jsonl.gz", gz[:len(gz)-4], "truncated gzip stream"},
		{"truncated gzip header", "t.jsonl.gz", gz[:5], "truncated gzip stream"},
		{"gzip then garbage", "t.jsonl.gz", append(bytes.Clone(gz), "this is not a gzip header"...), "corrupt gzip stream"},
		{"garbage inside gzip member", "t.jsonl.gz", garbled, "corrupt gzip stream"},
		{"truncated zstd", "t.jsonl.zst", zs[:len(zs)*6/10], "zstd stream"},
		{"truncated zstd header", "t.jsonl.zst", zs[:6], "zstd stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), tt.file, tt.content)
			evs := readAll(t, openFile(t, path, JSONL, Options{}))
			n := checkPrefix(t, evs, texts)
			if len(evs) != n+1 && !strings.Contains(tt.name, "inside") {
				t.Fatalf("got %d records and %d other events, want records then one error", n, len(evs)-n)
			}
			// Garbage inside a member decompresses to garbage (record
			// errors) until the member's CRC-32 or the deflate decoder
			// catches it: the last event is the file error.
			err := evs[len(evs)-1].err
			var re *RecordError
			if errors.As(err, &re) {
				t.Fatalf("got record error %v, want a file error", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "input: "+path+": ") || !strings.Contains(msg, tt.want) ||
				len(evs) == n+1 && !strings.Contains(msg, fmt.Sprintf("at line %d,", n+1)) {
				t.Errorf("message %q: want the file, %q and line %d", msg, tt.want, n+1)
			}
			if strings.HasPrefix(tt.name, "truncated") && !strings.Contains(tt.name, "header") && n == 0 {
				t.Error("no records before the cut")
			}
			if strings.Contains(tt.name, "then garbage") || strings.Contains(tt.name, "trailer") {
				if n != len(texts) {
					t.Errorf("read %d records before the error, want all %d", n, len(texts))
				}
			}
			t.Logf("%d records, %d other events, then %v", n, len(evs)-n-1, err)
		})
	}
}

// hugeLine generates a JSONL stream whose second line has n bytes of text.
type hugeLine struct {
	parts [][]byte
	n     int // bytes of 'a' still to produce
	chunk []byte
}

func newHugeLine(n int) *hugeLine {
	return &hugeLine{
		parts: [][]byte{[]byte("{\"text\":\"before\"}\n{\"text\":\""), nil, []byte("\"}\n{\"text\":\"after\"}\n")},
		n:     n,
		chunk: bytes.Repeat([]byte{'a'}, 64<<10),
	}
}

func (h *hugeLine) Read(p []byte) (int, error) {
	for len(h.parts) > 0 {
		if h.parts[0] == nil {
			if h.n == 0 {
				h.parts = h.parts[1:]
				continue
			}
			n := copy(p[:min(len(p), h.n)], h.chunk)
			h.n -= n
			return n, nil
		}
		n := copy(p, h.parts[0])
		if h.parts[0] = h.parts[0][n:]; len(h.parts[0]) == 0 {
			h.parts = h.parts[1:]
		}
		return n, nil
	}
	return 0, io.EOF
}

func checkHuge(t *testing.T, evs []event, limit int) {
	t.Helper()
	if len(evs) != 3 || evs[0].text != "before" || evs[2].text != "after" || evs[2].line != 3 {
		t.Fatalf("got %d events: %v", len(evs), evs)
	}
	re := recordErr(t, evs[1])
	if re.Reason != ReasonTooLarge || re.Line != 2 || re.Offset != 18 {
		t.Errorf("got %v at line %d offset %d, want too large at line 2 offset 18", re.Reason, re.Line, re.Offset)
	}
	if !strings.Contains(re.Error(), fmt.Sprintf("limit %d", limit)) {
		t.Errorf("message %q", re)
	}
}

func TestHugeLineBoundedMemory(t *testing.T) {
	const size = 100 << 20
	t.Run("limit=1MiB/gzip", func(t *testing.T) {
		// The file is small (the line compresses well); the reader must
		// not hold the 100 MB line.
		var zb bytes.Buffer
		w, _ := gzip.NewWriterLevel(&zb, gzip.BestSpeed)
		if _, err := io.Copy(w, newHugeLine(size)); err != nil {
			t.Fatal(err)
		}
		w.Close()
		path := writeFile(t, t.TempDir(), "huge.jsonl.gz", zb.Bytes())

		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		const limit = 1 << 20
		r := openFile(t, path, JSONL, Options{MaxRecordBytes: limit})
		evs := readAll(t, r)
		runtime.ReadMemStats(&after)
		checkHuge(t, evs, limit)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Errorf("allocated %d MiB reading a %d MiB line with a 1 MiB limit", alloc>>20, size>>20)
		}
	})
	t.Run("limit=default/stdin", func(t *testing.T) {
		if testing.Short() {
			t.Skip("reads 100 MB")
		}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r, err := Open(Input{Path: "-"}, Options{Stdin: newHugeLine(size)})
		if err != nil {
			t.Fatal(err)
		}
		evs := readAll(t, r)
		runtime.GC()
		runtime.ReadMemStats(&after)
		checkHuge(t, evs, DefaultMaxRecordBytes)
		// The reader's buffer stopped growing at the limit (64 MiB), not
		// at the line's 100 MB.
		if inuse := int64(after.HeapInuse) - int64(before.HeapInuse); inuse > DefaultMaxRecordBytes+8<<20 {
			t.Errorf("heap grew by %d MiB, want at most %d MiB", inuse>>20, (DefaultMaxRecordBytes+8<<20)>>20)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 2*DefaultMaxRecordBytes+8<<20 {
			t.Errorf("allocated %d MiB", alloc>>20)
		}
		runtime.KeepAlive(r)
	})
}

// TestLongLinesAcrossBuffers reads lines longer than the initial buffer
// that are still within the limit, and lines at exactly the limit.
func TestLongLinesAcrossBuffers(t *testing.T) {
	var data bytes.Buffer
	var texts []string
	for _, n := range []int{10, 3 << 20, 5, 1<<20 + 7, 100} {
		s := strings.Repeat("x", n)
		texts = append(texts, s)
		fmt.Fprintf(&data, "{\"text\":\"%s\"}\r\n", s)
	}
	path := writeFile(t, t.TempDir(), "long.jsonl", data.Bytes())
	evs := readAll(t, openFile(t, path, JSONL, Options{}))
	if n := checkPrefix(t, evs, texts); n != len(texts) {
		t.Fatalf("read %d of %d", n, len(texts))
	}

	// A limit exactly at a line's length accepts it; one less rejects it.
	line := `{"text":"` + strings.Repeat("y", 1000) + `"}`
	for _, tt := range []struct {
		limit int
		ok    bool
	}{{len(line), true}, {len(line) - 1, false}, {len(line) + 1, true}} {
		for _, end := range []string{"\n", "\r\n", ""} {
			r, _ := Open(Input{Path: "-", Format: JSONL}, Options{MaxRecordBytes: tt.limit, Stdin: strings.NewReader(line + "\n" + line + end)})
			evs := readAll(t, r)
			if len(evs) != 2 || (evs[0].err == nil) != tt.ok || (evs[1].err == nil) != tt.ok {
				t.Errorf("limit %d, line end %q: got %+v", tt.limit, end, evs)
			}
		}
	}
}

func TestNoAllocsPerRecord(t *testing.T) {
	data := benchLines(200, 2000)
	src := bytes.NewReader(data)
	r, err := Open(Input{Path: "-", Format: JSONL}, Options{Stdin: src})
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, r) // warm up
	allocs := testing.AllocsPerRun(10, func() {
		src.Reset(data)
		if err := r.Reset(Input{Path: "-", Format: JSONL}); err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := r.Next(); err != nil {
				if err != io.EOF {
					t.Fatal(err)
				}
				break
			}
		}
	})
	if allocs > 2 { // per file, not per record (200 records)
		t.Errorf("%v allocations per file of 200 records", allocs)
	}
}

func ExampleOpen() {
	in := strings.NewReader(`{"id":"a","text":"Hello, world."}
{"id":"b"}
{"id":"c","text":"Caf\u00e9"}
`)
	r, err := Open(Input{Path: "-", Format: JSONL}, Options{Stdin: in})
	if err != nil {
		panic(err)
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		var skipped *RecordError
		if errors.As(err, &skipped) {
			fmt.Println("skipped:", skipped.Reason, "at", skipped.Line)
			continue
		}
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %s %q\n", rec.ID, rec.Source, rec.Text)
	}
	// Output:
	// a -:1 "Hello, world."
	// skipped: missing text field at 2
	// c -:3 "Café"
}
