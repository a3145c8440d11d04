package input

import (
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
)

// A ParquetWriter writes chosen rows of Parquet files into one Parquet
// file with their schema: the deduplicated output of Parquet inputs. Each
// source row group becomes one row group of the output (less the rows
// left out), so memory is bounded by a row group. Every file copied must
// have the schema of the first.
type ParquetWriter struct {
	out    io.Writer
	w      *parquet.GenericWriter[any]
	schema *parquet.Schema
	first  string // the file that gave the schema
	batch  []parquet.Row
	keep   []parquet.Row
}

// NewParquetWriter returns a ParquetWriter writing to out. Nothing is
// written before the first Copy.
func NewParquetWriter(out io.Writer) *ParquetWriter {
	return &ParquetWriter{out: out}
}

// Copy writes the rows of the Parquet file at path for which keep returns
// true; rows are numbered from 1, as Record.Line numbers them. It returns
// how many rows it wrote.
func (pw *ParquetWriter) Copy(path string, keep func(row int64) bool) (written int64, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: damaged Parquet data: %v", path, p)
		}
	}()
	fd, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer fd.Close()
	fi, err := fd.Stat()
	if err != nil {
		return 0, err
	}
	if !fi.Mode().IsRegular() {
		return 0, fmt.Errorf("%s: %w", path, ErrParquetNotFile)
	}
	f, err := parquet.OpenFile(fd, fi.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return 0, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	if pw.w == nil {
		pw.start(f, path)
	} else if !parquet.EqualNodes(pw.schema, f.Schema()) {
		return 0, fmt.Errorf("%s has another schema than %s; a deduplicated Parquet output holds one (%v, then %v)", path, pw.first, pw.schema, f.Schema())
	}
	if pw.batch == nil {
		pw.batch = make([]parquet.Row, parquetBatch)
	}
	row := int64(0)
	for _, g := range f.RowGroups() {
		rows := g.Rows()
		wrote := false
		for {
			n, rerr := rows.ReadRows(pw.batch)
			pw.keep = pw.keep[:0]
			for _, r := range pw.batch[:n] {
				row++
				if keep(row) {
					pw.keep = append(pw.keep, r)
				}
			}
			if len(pw.keep) > 0 {
				if _, err := pw.w.WriteRows(pw.keep); err != nil {
					rows.Close()
					return written, err
				}
				written += int64(len(pw.keep))
				wrote = true
			}
			if rerr == io.EOF || (rerr == nil && n == 0) {
				break
			}
			if rerr != nil {
				rows.Close()
				return written, fmt.Errorf("%s: row %d: damaged Parquet data: %w", path, row+1, rerr)
			}
		}
		rows.Close()
		if wrote {
			if err := pw.w.Flush(); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

// start creates the writer with the schema, compression and key-value
// metadata (pandas, Arrow, Hugging Face) of the first file.
func (pw *ParquetWriter) start(f *parquet.File, path string) {
	pw.schema, pw.first = f.Schema(), path
	opts := []parquet.WriterOption{pw.schema, parquet.CreatedBy("mimeo", "", "")}
	codec := parquet.Compression(&parquet.Snappy) // a file without row groups
	if md := f.Metadata(); len(md.RowGroups) > 0 && len(md.RowGroups[0].Columns) > 0 {
		codec = parquet.Compression(parquet.LookupCompressionCodec(md.RowGroups[0].Columns[0].MetaData.Codec))
	}
	opts = append(opts, codec)
	for _, kv := range f.Metadata().KeyValueMetadata {
		opts = append(opts, parquet.KeyValueMetadata(kv.Key, kv.Value))
	}
	pw.w = parquet.NewGenericWriter[any](pw.out, opts...)
}

// Close writes the file's footer. A ParquetWriter that copied nothing
// writes nothing.
func (pw *ParquetWriter) Close() error {
	if pw.w == nil {
		return nil
	}
	return pw.w.Close()
}
