package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// csvState is what a Reader keeps while it reads a CSV or TSV file: the
// header, the columns of the wanted fields and the scan of the record being
// read.
type csvState struct {
	delim  byte
	header []byte // the raw header record (nil until read)
	ncols  int
	// cols are the columns of the id, url and date fields (-1: none);
	// text holds the columns joined into the text.
	cols [numFields]int
	text []int

	// The record being scanned: buf[r.start:r.start+pos] has been scanned;
	// quoted reports that pos is inside a quoted field.
	pos    int
	quoted bool
	fresh  bool // nothing of the record scanned yet

	fields  [][]byte // the current record's fields (aliasing raw or vals)
	vals    [][]byte // unescape buffers, one per field
	textBuf []byte
}

// csvSplit finds the end of the CSV record that starts buf, resuming at
// st.pos with st.quoted. It returns the record's length (its line end not
// included) and the length of the line end, or ok false when buf holds no
// complete record. A quote opens a quoted field only at the start of a field;
// inside one, "" is a quote and a newline is part of the field.
func (st *csvState) split(buf []byte) (n, nl int, ok bool) {
	pat := [2]byte{st.delim, '"'}
	i := st.pos
	if st.fresh && len(buf) > 0 {
		st.fresh = false
		if buf[0] == '"' {
			st.quoted, i = true, 1
		}
	}
	for {
		if st.quoted {
			j := bytes.IndexByte(buf[i:], '"')
			if j < 0 {
				st.pos = len(buf)
				return 0, 0, false
			}
			q := i + j
			if q+1 == len(buf) {
				st.pos = q // is it "" or the end of the field? Read on.
				return 0, 0, false
			}
			if buf[q+1] == '"' {
				i = q + 2
				continue
			}
			st.quoted, i = false, q+1
			continue
		}
		e := bytes.IndexByte(buf[i:], '\n')
		span := buf[i:]
		if e >= 0 {
			span = buf[i : i+e]
		}
		if k := bytes.Index(span, pat[:]); k >= 0 {
			st.quoted, i = true, i+k+2
			continue
		}
		if e < 0 {
			st.pos = max(i, len(buf)-1) // the last byte may be a delimiter before a quote
			return 0, 0, false
		}
		n, nl = i+e, 1
		if n > 0 && buf[n-1] == '\r' {
			n, nl = n-1, 2
		}
		return n, nl, true
	}
}

// fieldsOf splits one complete record into st.fields, unescaping quoted
// fields. Characters after a quoted field's closing quote and before the
// delimiter are kept (as Python's csv module does).
func (st *csvState) fieldsOf(rec []byte) {
	st.fields = st.fields[:0]
	k := 0
	for {
		if k == len(st.vals) {
			st.vals = append(st.vals, nil)
		}
		if len(rec) == 0 || rec[0] != '"' {
			i := bytes.IndexByte(rec, st.delim)
			if i < 0 {
				st.fields = append(st.fields, rec)
				return
			}
			st.fields = append(st.fields, rec[:i])
			rec = rec[i+1:]
			k++
			continue
		}
		v := st.vals[k][:0]
		i := 1
		for {
			j := bytes.IndexByte(rec[i:], '"')
			if j < 0 { // unterminated: the rest (only at the end of the input)
				v = append(v, rec[i:]...)
				i = len(rec)
				break
			}
			v = append(v, rec[i:i+j]...)
			i += j + 1
			if i < len(rec) && rec[i] == '"' {
				v = append(v, '"')
				i++
				continue
			}
			break
		}
		d := bytes.IndexByte(rec[i:], st.delim)
		last := d < 0
		if last {
			d = len(rec) - i
		}
		v = append(v, rec[i:i+d]...)
		st.vals[k] = v
		st.fields = append(st.fields, v)
		if last {
			return
		}
		rec = rec[i+d+1:]
		k++
	}
}

// nextCSV returns the next record of a CSV or TSV file. The first record is
// the header; a file without the text column fails as a whole.
func (r *Reader) nextCSV() (*Record, error) {
	st := r.csv
	for {
		line := r.line + 1
		off := r.base + int64(r.start)
		raw, tooLarge, err := r.csvRecord()
		if err != nil {
			return nil, err
		}
		if raw == nil && !tooLarge {
			r.done = true
			if st.header == nil {
				return nil, fmt.Errorf("input: %s: no header line (a CSV or TSV input starts with the names of its columns)", r.in.Path)
			}
			return nil, io.EOF
		}
		if off == 0 && bytes.HasPrefix(raw, bom) {
			raw, off = raw[len(bom):], off+int64(len(bom))
		}
		if st.header == nil {
			if tooLarge {
				r.done = true
				return nil, fmt.Errorf("input: %s: the header line is longer than %d bytes", r.in.Path, r.opts.MaxRecordBytes)
			}
			if isBlank(raw) && !st.quoted {
				continue // blank lines before the header, as encoding/csv and pandas skip them
			}
			if err := r.csvHeader(raw, line); err != nil {
				r.done = true
				return nil, err
			}
			continue
		}
		if tooLarge {
			return nil, r.recordError(line, off, ReasonTooLarge,
				fmt.Errorf("record is longer than %d bytes", r.opts.MaxRecordBytes))
		}
		if isBlank(raw) {
			continue
		}
		if st.quoted { // the input ended inside a quoted field
			st.quoted = false
			return nil, r.recordError(line, off, ReasonMalformedCSV, errors.New("a quoted field is not closed before the end of the input"))
		}
		st.fieldsOf(raw)
		if len(st.fields) != st.ncols {
			return nil, r.recordError(line, off, ReasonMalformedCSV,
				fmt.Errorf("%d fields, the header has %d", len(st.fields), st.ncols))
		}
		text := st.fields[st.text[0]]
		if len(st.text) > 1 {
			st.textBuf = st.textBuf[:0]
			for _, c := range st.text {
				st.textBuf = appendPart(st.textBuf, st.fields[c])
			}
			text = st.textBuf
		}
		text, warn, err := r.fieldText(line, off, text)
		if err != nil {
			return nil, err
		}
		source := r.sourceAt(line)
		r.rec = Record{
			ID:           source,
			Source:       source,
			File:         r.in.Path,
			Line:         line,
			Offset:       off,
			MemberOffset: -1,
			Text:         text,
			Raw:          raw,
			Format:       r.format,
			Warning:      warn,
		}
		field := func(k int) string {
			if c := st.cols[k]; c >= 0 {
				return aliasString(st.fields[c])
			}
			return ""
		}
		if id := field(fieldID); id != "" {
			r.rec.ID = id
		}
		r.rec.URL, r.rec.Date = field(fieldURL), field(fieldDate)
		return &r.rec, nil
	}
}

// csvRecord returns the next record's bytes (without its line end), and
// advances r.line past its lines. At the end of the input it returns nil.
// A record longer than MaxRecordBytes is skipped without being held:
// tooLarge. A read error is returned as the file error.
func (r *Reader) csvRecord() (raw []byte, tooLarge bool, err error) {
	st := r.csv
	st.pos, st.quoted, st.fresh = 0, false, true
	for {
		if n, nl, ok := st.split(r.buf[r.start:r.end]); ok {
			raw = r.buf[r.start : r.start+n]
			r.line += 1 + int64(bytes.Count(raw, []byte{'\n'}))
			r.start += n + nl
			r.scanned = r.start
			if tooLarge {
				return nil, true, nil
			}
			return raw, false, nil
		}
		if r.eof {
			if r.rerr != nil {
				return nil, false, r.fileError()
			}
			if r.start == r.end {
				return nil, tooLarge, nil
			}
			raw = r.buf[r.start:r.end]
			if st.quoted && st.pos == len(raw)-1 && raw[st.pos] == '"' {
				st.quoted = false // the quote split was waiting on closes the field
			}
			r.line += 1 + int64(bytes.Count(raw, []byte{'\n'}))
			r.start = r.end
			r.scanned = r.start
			if tooLarge {
				return nil, true, nil
			}
			return raw, false, nil
		}
		if r.end-r.start > r.opts.MaxRecordBytes+1 {
			// Too long: drop what was scanned, keep the scan's state.
			tooLarge = true
			r.line += int64(bytes.Count(r.buf[r.start:r.start+st.pos], []byte{'\n'}))
			r.start += st.pos
			r.scanned = r.start
			st.pos = 0 // the scan resumes at the same place, in the same state
		}
		r.fill(r.lineLimit())
	}
}

// csvHeader reads the header record: the column names, and which of them
// hold the id, text, url and date fields.
func (r *Reader) csvHeader(raw []byte, line int64) error {
	st := r.csv
	if st.quoted {
		return fmt.Errorf("input: %s:%d: a quoted field of the header is not closed", r.in.Path, line)
	}
	st.fieldsOf(raw)
	names := make([]string, len(st.fields))
	index := make(map[string]int, len(st.fields))
	for i, f := range st.fields {
		names[i] = strings.TrimSpace(string(f))
		if _, dup := index[names[i]]; !dup {
			index[names[i]] = i
		}
	}
	st.ncols = len(names)
	find := func(name string) int {
		if c, ok := index[name]; ok {
			return c
		}
		return -1
	}
	st.cols = [numFields]int{find(r.opts.IDField), -1, find(r.opts.URLField), find(r.opts.DateField)}
	st.text = st.text[:0]
	var missing []string
	for _, name := range strings.Split(r.opts.TextField, ",") {
		c := find(strings.TrimSpace(name))
		if c < 0 {
			missing = append(missing, strconv.Quote(strings.TrimSpace(name)))
			continue
		}
		st.text = append(st.text, c)
	}
	if len(missing) > 0 {
		kind := "CSV"
		if st.delim == '\t' {
			kind = "TSV"
		}
		return noTextColumn{fmt.Sprintf("input: %s:%d: the %s header has no column %s for the text (its columns: %s); name it with --text-field",
			r.in.Path, line, kind, strings.Join(missing, ", "), strings.Join(quoteAll(names), ", "))}
	}
	st.header = append(st.header[:0], raw...)
	return nil
}

func quoteAll(s []string) []string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return q
}

// Header returns the header line of a CSV or TSV input as it is in the
// file (without its line end or a byte order mark), once Next has read it;
// nil for other formats. It is valid until Reset or Close.
func (r *Reader) Header() []byte {
	if r.csv == nil {
		return nil
	}
	return r.csv.header
}

// fieldText checks the text of a table's record (CSV, TSV, Parquet) at
// line (or row) and offset off, decoded by Options.Encoding when it is not
// UTF-8 (the warning). A text that is binary, not UTF-8 (--encoding
// utf-8) or blank is the record's error.
func (r *Reader) fieldText(line, off int64, text []byte) ([]byte, Reason, error) {
	var warn Reason
	if fixed, legacy := r.te.fix(r.fixed, text); legacy {
		r.fixed, text, warn = fixed, fixed, ReasonLegacyEncoding
	}
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return nil, 0, r.recordError(line, off, ReasonBinary, fmt.Errorf("NUL byte in the text at byte %d", i))
	}
	if r.te.strict && !utf8.Valid(text) { // else fix made it UTF-8
		i := firstInvalidUTF8(text)
		return nil, 0, r.recordError(line, off, ReasonInvalidUTF8, fmt.Errorf("invalid byte 0x%02x in the text at byte %d", text[i], i))
	}
	if isBlank(text) {
		return nil, 0, r.recordError(line, off, ReasonEmptyText, errors.New("the text is empty or white space"))
	}
	return text, warn, nil
}

// appendPart appends a part of a text joined from several fields (CSV
// columns, Parquet columns and list values, JSONL paths): on a line of its
// own, unless it is blank.
func appendPart(text, part []byte) []byte {
	if isBlank(part) {
		return text
	}
	if len(text) > 0 {
		text = append(text, '\n')
	}
	return append(text, part...)
}
