package scan

import (
	"context"
	"errors"
	"io"

	"github.com/mimeo-dedup/mimeo/internal/input"
)

// ErrFileRead marks an error of reading an input (not of EachRecord's fn).
type ErrFileRead struct{ Err error }

func (e ErrFileRead) Error() string { return e.Err.Error() }
func (e ErrFileRead) Unwrap() error { return e.Err }

// EachRecord calls fn with every record of in that reads without a
// problem, in order, until fn returns false or an error. Records with a
// problem are passed over: a scan reports them. An error opening or
// reading the input is returned wrapped in ErrFileRead. It returns the
// Digest of what it read.
func EachRecord(ctx context.Context, in input.Input, opts input.Options, fn func(*input.Record) (bool, error)) (input.Digest, error) {
	return eachRecordR(ctx, in, opts, func(_ *input.Reader, rec *input.Record) (bool, error) { return fn(rec) }, nil)
}

// eachRecordR is EachRecord, with the reader passed to fn, and atEnd (if not
// nil) called with it at the end of the input.
func eachRecordR(ctx context.Context, in input.Input, opts input.Options, fn func(*input.Reader, *input.Record) (bool, error), atEnd func(*input.Reader) error) (input.Digest, error) {
	r, err := input.Open(in, opts)
	if err != nil {
		return input.Digest{}, ErrFileRead{Err: err}
	}
	defer r.Close()
	for {
		if err := ctx.Err(); err != nil {
			return r.Digest(), err
		}
		rec, err := r.Next()
		var re *input.RecordError
		switch {
		case err == io.EOF:
			if atEnd != nil {
				return r.Digest(), atEnd(r)
			}
			return r.Digest(), nil
		case errors.As(err, &re):
			continue
		case err != nil:
			return r.Digest(), ErrFileRead{Err: err}
		}
		if more, err := fn(r, rec); err != nil || !more {
			return r.Digest(), err
		}
	}
}
