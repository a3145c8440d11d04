package input

import (
	"errors"
	"fmt"
	"strconv"
)

// Reason says why a record was skipped. The zero value is not a reason.
type Reason uint8

// The reasons a record can be skipped, in the order a summary lists them.
const (
	// ReasonMalformedJSON: the line is not one valid JSON value (RFC 8259),
	// or nests arrays and objects more than 1000 deep. The detail names the
	// byte column.
	ReasonMalformedJSON Reason = iota + 1
	// ReasonNotObject: the line is valid JSON but not an object.
	ReasonNotObject
	// ReasonMissingText: the object has no text field.
	ReasonMissingText
	// ReasonTextNotString: the text field is a number, object, array,
	// boolean or null.
	ReasonTextNotString
	// ReasonInvalidUTF8: the text (the JSON text field or a whole text
	// file) is not valid UTF-8.
	ReasonInvalidUTF8
	// ReasonEmptyText: the text (or HTML or WARC page) is empty or only
	// Unicode white space.
	ReasonEmptyText
	// ReasonTooLarge: the line, text or HTML file, or WARC record is
	// longer than Options.MaxRecordBytes. It was skipped without being
	// held in memory. (A WARC page whose body, once its Content-Encoding
	// is undone or it is decoded to UTF-8, exceeds the limit too.)
	ReasonTooLarge
	// ReasonBinary: a text file contains NUL bytes, or a JSONL line that
	// is not valid JSON has NUL bytes outside strings from the point where
	// it breaks on (e.g. UTF-16 or a binary file), or an HTML or WARC page
	// not in UTF-16 has a NUL byte in its first 1024 bytes.
	ReasonBinary

	// The reasons below come from WARC and HTML inputs.

	// ReasonSkippedType: a WARC record of a type that holds no page:
	// warcinfo, request, metadata, revisit, continuation or an unknown
	// type. The detail names the type. Such records are expected in every
	// crawl (see Reason.Filtered).
	ReasonSkippedType
	// ReasonNotHTML: a response, resource or conversion record whose
	// content type is not text/html, application/xhtml+xml or text/plain
	// (images, PDF, scripts, robots.txt served as text/x-…). The detail
	// names the type.
	ReasonNotHTML
	// ReasonHTTPStatus: a response whose HTTP status is not 2xx
	// (redirects, errors). The detail gives the status line's code.
	ReasonHTTPStatus
	// ReasonMalformedWARC: where a WARC record should start there is no
	// "WARC/" version line (the bytes up to the next record were skipped),
	// the header block does not end, Content-Length is missing or invalid,
	// or the block is not followed by the end of the record.
	ReasonMalformedWARC
	// ReasonMalformedHTTP: a response record's block is not an HTTP
	// response (no status line, no end of headers) or its chunked
	// transfer coding is broken.
	ReasonMalformedHTTP
	// ReasonContentEncoding: the HTTP Content-Encoding is not one of
	// identity, gzip, deflate, br and zstd, or the body does not decode.
	ReasonContentEncoding
	// ReasonTruncated: the input ends inside the record, e.g. its
	// Content-Length overruns the file, or its gzip member is cut short.
	ReasonTruncated
	// ReasonCorrupt: the record lies in a damaged gzip member (bad
	// deflate data or checksum), or garbage was found between gzip
	// members. Reading resumes at the next intact member.
	ReasonCorrupt
	// ReasonUnknownCharset is a warning, never the reason for a skip: the
	// page names a charset that is not in the WHATWG Encoding Standard (or
	// one that cannot be decoded, such as ISO-2022-KR), so it was decoded
	// as UTF-8 if valid, else as windows-1252. See Record.Warning.
	ReasonUnknownCharset

	// ReasonMalformedCSV: a CSV or TSV record has another number of fields
	// than the header, or a quoted field is not closed before the end of
	// the input.
	ReasonMalformedCSV

	// ReasonLegacyEncoding is a warning, never the reason for a skip: the
	// text was not UTF-8 and declared no encoding, so the bytes that are
	// not UTF-8 were read as windows-1252 (Latin-1 and its superset), or
	// it was decoded from the encoding Options.Encoding names.
	ReasonLegacyEncoding

	// ReasonSegmented: a WARC record split across records
	// (WARC-Segment-Number; its "continuation" records), which mimeo does
	// not reassemble. Kept as it is by a deduplicated output
	// (Options.NonPages).
	ReasonSegmented

	// ReasonMalformedARC: an ARC record whose header line cannot be
	// parsed, or whose content is not followed by the next record.
	ReasonMalformedARC
)

// numReasons is one more than the last Reason.
const numReasons = ReasonMalformedARC + 1

var reasonNames = [...]string{
	ReasonMalformedJSON: "malformed JSON",
	ReasonNotObject:     "not a JSON object",
	ReasonMissingText:   "missing text field",
	ReasonTextNotString: "text field not a string",
	ReasonInvalidUTF8:   "invalid UTF-8 in text",
	ReasonEmptyText:     "empty text",
	ReasonTooLarge:      "record too large",
	ReasonBinary:        "binary data",

	ReasonSkippedType:     "not a page (request/metadata/...)",
	ReasonNotHTML:         "not HTML or text",
	ReasonHTTPStatus:      "HTTP status not 2xx",
	ReasonMalformedWARC:   "malformed WARC record",
	ReasonMalformedHTTP:   "malformed HTTP response",
	ReasonContentEncoding: "undecodable Content-Encoding",
	ReasonTruncated:       "truncated record",
	ReasonCorrupt:         "corrupt compressed data",
	ReasonUnknownCharset:  "unknown charset",
	ReasonMalformedCSV:    "malformed CSV record",
	ReasonLegacyEncoding:  "not UTF-8, decoded as windows-1252 (or --encoding)",
	ReasonSegmented:       "segmented WARC record (not reassembled)",
	ReasonMalformedARC:    "malformed ARC record",
}

// String returns the reason as a short phrase, e.g. "malformed JSON".
func (r Reason) String() string {
	if r > 0 && int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// Filtered reports whether records with this reason are left out by design
// because they are not pages (ReasonSkippedType, ReasonNotHTML,
// ReasonHTTPStatus) rather than because they are damaged. A crawl holds
// about two such records per page; a caller may count them without warning
// about each.
func (r Reason) Filtered() bool {
	return r == ReasonSkippedType || r == ReasonNotHTML || r == ReasonHTTPStatus
}

// A RecordError reports a record that was skipped. Reading can continue:
// the next call to Next returns the following record.
type RecordError struct {
	File string // the input's path, "-" for stdin
	// Line is the 1-based line of the record (text and HTML files: of the
	// offending byte, or 1); 0 for WARC records, which are located by
	// Offset alone.
	Line   int64
	Offset int64 // byte offset of the record in the decompressed stream
	Reason Reason
	Err    error // the detail; may be nil

	// member is the compressed offset of the gzip member that the WARC
	// record starts, if it is not 0 (see Record.MemberOffset).
	member int64
}

// Error returns "FILE:LINE: reason: detail", or "FILE: offset OFFSET:
// reason: detail" when Line is 0 (WARC), with "offset OFFSET (gzip member
// at M)" when the record starts a gzip member at compressed offset M.
func (e *RecordError) Error() string {
	if e.Line == 0 {
		at := fmt.Sprintf("offset %d", e.Offset)
		if e.member > 0 {
			at = fmt.Sprintf("offset %d (gzip member at %d)", e.Offset, e.member)
		}
		if e.Err == nil {
			return fmt.Sprintf("%s: %s: %s", e.File, at, e.Reason)
		}
		return fmt.Sprintf("%s: %s: %s: %v", e.File, at, e.Reason, e.Err)
	}
	if e.Err == nil {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Reason, e.Err)
}

// Unwrap returns the detail error.
func (e *RecordError) Unwrap() error { return e.Err }

// Source names the record as a document's Record.Source names it:
// "FILE:LINE", or "FILE:OFFSET" for a WARC record (the offset of its gzip
// member when it starts one).
func (e *RecordError) Source() string {
	if e.Line > 0 {
		return e.File + ":" + strconv.FormatInt(e.Line, 10)
	}
	off := e.Offset
	if e.member > 0 {
		off = e.member
	}
	return e.File + ":" + strconv.FormatInt(off, 10)
}

// ErrNoTextColumn reports a CSV, TSV or Parquet input without the column
// Options.TextField names: the error of the whole input.
var ErrNoTextColumn = errors.New("no column for the text")

// noTextColumn is an ErrNoTextColumn with its full message.
type noTextColumn struct{ msg string }

func (e noTextColumn) Error() string        { return e.msg }
func (e noTextColumn) Is(target error) bool { return target == ErrNoTextColumn }

// ErrClosed is returned by Next after Close.
var ErrClosed = errors.New("input: reader is closed")
