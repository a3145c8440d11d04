// Package input turns the files given to "mimeo scan" into a stream of
// records: it finds the input files (Expand), undoes gzip and zstd
// compression, splits JSONL into lines and extracts the id, text, url and
// date fields, and reads plain-text files as one record each (Open, Next).
// It knows nothing of shingles or signatures.
//
// # Formats
//
// JSONL (also called NDJSON, https://jsonlines.org) has one JSON object per
// line. Each line must be a single valid JSON value as defined by RFC 8259;
// it is checked by a single-pass scanner that does not use encoding/json and,
// in steady state, allocates nothing per record. The extracted fields agree
// with what encoding/json would decode into a map[string]any: keys are
// compared after unescaping, the last duplicate key wins, unpaired surrogate
// escapes and invalid UTF-8 become U+FFFD (except in the text field, where
// invalid UTF-8 skips the record). Blank lines are skipped; CRLF line ends
// and a missing final newline are accepted; a UTF-8 byte order mark at the
// start of an input is ignored.
//
// A text file (.txt) is one document: its whole content.
//
// Compression is recognised by magic bytes, not by name: gzip (any number of
// members, as written by pigz or by compressing record by record) and zstd
// (any number of frames, windows up to 128 MiB). Anything else is read as is.
//
// # Errors
//
// A record that cannot be used is reported as a *RecordError carrying a
// Reason; reading continues with the next record. A problem with the file as
// a whole (I/O error, truncated or corrupt compressed data) ends that input
// after the records before it have been returned.
//
// Memory per Reader is bounded by Options.MaxRecordBytes plus about 1.5 MiB
// of buffers, however long a line is.
package input
