package input

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// parquetBatch is how many rows a Parquet reader decodes at a time.
const parquetBatch = 64

// parquetState is what a Reader keeps while it reads a Parquet file.
type parquetState struct {
	file   *parquet.File
	groups []parquet.RowGroup
	g      int           // the next row group
	rows   parquet.Rows  // the current row group's rows, or nil
	batch  []parquet.Row // decoded rows
	n, i   int           // rows in batch; the next one
	row    int64         // rows returned or skipped so far

	// cols are the leaf columns of the id, url and date fields (-1:
	// none); text those joined into the text.
	cols  [numFields]pqColumn
	text  []pqColumn
	ncols int

	textBuf []byte
	parts   [][]byte // each text column's values in the current row
	val     [numFields][]byte
}

// pqColumn is one selected leaf column.
type pqColumn struct {
	index int // -1: none
	kind  parquet.Kind
	unit  time.Duration // a timestamp's unit, 0 for other columns
	int96 bool          // an INT96 timestamp (Spark, Impala)
}

// ErrParquetNotFile reports a Parquet input that is not a regular file:
// Parquet keeps its index at the end, so it must be read with seeks.
var ErrParquetNotFile = errors.New("a Parquet input must be a regular file (its index is at its end); standard input and pipes cannot be read as Parquet")

// startParquet opens the Parquet file and finds the wanted columns. Any
// problem is an error for the whole file.
func (r *Reader) startParquet() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("input: %s: not a readable Parquet file: %v", r.in.Path, p)
		}
	}()
	var ra io.ReaderAt
	size := int64(-1)
	switch {
	case r.opts.Source != nil:
		if f, ok := r.opts.Source.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				ra, size = f, fi.Size()
			}
		}
	case r.file != nil && r.size >= 0:
		ra, size = r.file, r.size
	}
	if ra == nil {
		return fmt.Errorf("input: %s: %w", r.in.Path, ErrParquetNotFile)
	}
	var magic [4]byte
	if _, err := ra.ReadAt(magic[:], 0); err != nil || string(magic[:]) != "PAR1" {
		what := "it does not start with PAR1"
		if c := detectCompression(magic[:]); c != compNone {
			what = "it is " + c.String() + "-compressed (Parquet compresses inside; decompress the file)"
		}
		return fmt.Errorf("input: %s: not a Parquet file: %s", r.in.Path, what)
	}
	f, err := parquet.OpenFile(ra, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return fmt.Errorf("input: %s: not a readable Parquet file: %w", r.in.Path, err)
	}
	if r.pq == nil {
		r.pq = new(parquetState)
	}
	st := r.pq
	*st = parquetState{file: f, groups: f.RowGroups(), textBuf: st.textBuf[:0], val: st.val}
	schema := f.Schema()
	st.ncols = len(schema.Columns())
	find := func(name string) (pqColumn, bool) {
		leaf, ok := schema.Lookup(strings.Split(name, ".")...)
		if !ok {
			return pqColumn{index: -1}, false
		}
		c := pqColumn{index: leaf.ColumnIndex, kind: leaf.Node.Type().Kind()}
		if lt := leaf.Node.Type().LogicalType(); lt != nil {
			if ts, ok := lt.Value.(*format.TimestampType); ok && ts.Unit.Value != nil {
				c.unit = ts.Unit.Value.Duration()
			}
		}
		if ct := leaf.Node.Type().ConvertedType(); ct != nil && c.unit == 0 {
			switch *ct {
			case deprecated.TimestampMillis:
				c.unit = time.Millisecond
			case deprecated.TimestampMicros:
				c.unit = time.Microsecond
			}
		}
		c.int96 = c.kind == parquet.Int96
		return c, true
	}
	st.cols[fieldID], _ = find(r.opts.IDField)
	st.cols[fieldURL], _ = find(r.opts.URLField)
	st.cols[fieldDate], _ = find(r.opts.DateField)
	st.cols[fieldText] = pqColumn{index: -1}
	var missing []string
	for _, name := range strings.Split(r.opts.TextField, ",") {
		name = strings.TrimSpace(name)
		c, ok := find(name)
		if !ok {
			missing = append(missing, strconv.Quote(name))
			continue
		}
		if c.kind != parquet.ByteArray && c.kind != parquet.FixedLenByteArray {
			return fmt.Errorf("input: %s: the text column %q holds %v values, not strings", r.in.Path, name, c.kind)
		}
		st.text = append(st.text, c)
	}
	if len(missing) > 0 {
		var names []string
		for _, p := range schema.Columns() {
			names = append(names, strconv.Quote(strings.Join(p, ".")))
		}
		return noTextColumn{fmt.Sprintf("input: %s: the Parquet schema has no column %s for the text (its columns: %s); name it with --text-field",
			r.in.Path, strings.Join(missing, ", "), strings.Join(names, ", "))}
	}
	return nil
}

// nextParquet returns the next row of a Parquet file.
func (r *Reader) nextParquet() (rec *Record, err error) {
	if r.pq == nil || r.pq.file == nil {
		if err := r.startParquet(); err != nil {
			r.done = true
			return nil, err
		}
	}
	st := r.pq
	defer func() {
		if p := recover(); p != nil {
			r.done = true
			rec, err = nil, fmt.Errorf("input: %s: row %d: damaged Parquet data: %v", r.in.Path, st.row+1, p)
		}
	}()
	for st.i == st.n {
		if err := r.parquetFill(); err != nil {
			r.done = true
			return nil, err
		}
	}
	row := st.batch[st.i]
	st.i++
	st.row++
	line := st.row

	for k := range st.val {
		st.val[k] = st.val[k][:0]
	}
	var have [numFields]bool
	st.textBuf = st.textBuf[:0]
	for len(st.parts) < len(st.text) {
		st.parts = append(st.parts, nil)
	}
	parts := st.parts[:len(st.text)]
	for j := range parts {
		parts[j] = parts[j][:0]
	}
	textNull := true
	for _, v := range row {
		c := v.Column()
		for k := range st.cols {
			if k != fieldText && st.cols[k].index == c && !have[k] && !v.IsNull() {
				st.val[k] = appendValue(st.val[k][:0], v, st.cols[k])
				have[k] = true
			}
		}
		for j, t := range st.text {
			if t.index == c && !v.IsNull() {
				textNull = false
				parts[j] = appendPart(parts[j], v.ByteArray()) // a repeated column: its values, one a line
			}
		}
	}
	// The text columns in the order --text-field names them.
	for _, b := range parts {
		st.textBuf = appendPart(st.textBuf, b)
	}
	text := st.textBuf
	if textNull {
		return nil, r.recordError(line, 0, ReasonMissingText, fmt.Errorf("row %d: the text is null", line))
	}
	text, warn, err := r.fieldText(line, 0, text)
	if err != nil {
		return nil, err
	}
	source := r.sourceAt(line)
	r.rec = Record{
		ID:           source,
		Source:       source,
		File:         r.in.Path,
		Line:         line,
		MemberOffset: -1,
		Text:         text,
		Raw:          text,
		Format:       Parquet,
		Warning:      warn,
	}
	if have[fieldID] && len(st.val[fieldID]) > 0 && utf8.Valid(st.val[fieldID]) {
		r.rec.ID = aliasString(st.val[fieldID])
	}
	if have[fieldURL] && utf8.Valid(st.val[fieldURL]) {
		r.rec.URL = aliasString(st.val[fieldURL])
	}
	if have[fieldDate] && utf8.Valid(st.val[fieldDate]) {
		r.rec.Date = aliasString(st.val[fieldDate])
	}
	return &r.rec, nil
}

// parquetFill decodes the next rows, moving on to the next row group when
// one ends; io.EOF after the last.
func (r *Reader) parquetFill() error {
	st := r.pq
	for {
		if st.rows == nil {
			if st.g == len(st.groups) {
				return io.EOF
			}
			st.rows = st.groups[st.g].Rows()
			st.g++
		}
		if len(st.batch) == 0 {
			st.batch = make([]parquet.Row, parquetBatch)
		}
		n, err := st.rows.ReadRows(st.batch)
		st.n, st.i = n, 0
		if err == io.EOF || (err == nil && n == 0) {
			st.rows.Close()
			st.rows = nil
			if n > 0 {
				return nil
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("input: %s: row %d: damaged Parquet data: %w", r.in.Path, st.row+int64(n)+1, err)
		}
		return nil
	}
}

// appendValue appends the text of a column's value: a string as it is, a
// number in decimal, a timestamp in RFC 3339 (UTC).
func appendValue(b []byte, v parquet.Value, c pqColumn) []byte {
	switch {
	case c.int96:
		t := v.Int96()
		nanos := int64(t[1])<<32 | int64(t[0])
		day := int64(t[2]) - 2440588 // Julian day of 1970-01-01
		return time.Unix(day*86400, nanos).UTC().AppendFormat(b, time.RFC3339Nano)
	case c.unit > 0 && (v.Kind() == parquet.Int64 || v.Kind() == parquet.Int32):
		return time.Unix(0, 0).Add(time.Duration(v.Int64())*c.unit).UTC().AppendFormat(b, time.RFC3339Nano)
	}
	switch v.Kind() {
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return append(b, v.ByteArray()...)
	case parquet.Int32:
		return strconv.AppendInt(b, int64(v.Int32()), 10)
	case parquet.Int64:
		return strconv.AppendInt(b, v.Int64(), 10)
	case parquet.Float:
		return strconv.AppendFloat(b, float64(v.Float()), 'g', -1, 32)
	case parquet.Double:
		return strconv.AppendFloat(b, v.Double(), 'g', -1, 64)
	case parquet.Boolean:
		return strconv.AppendBool(b, v.Boolean())
	}
	return b
}

// closeParquet releases the Parquet state of the current input.
func (r *Reader) closeParquet() {
	if r.pq != nil {
		if r.pq.rows != nil {
			r.pq.rows.Close()
		}
		r.pq.file, r.pq.groups, r.pq.rows, r.pq.batch = nil, nil, nil, nil
	}
}
