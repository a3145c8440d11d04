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
	// ReasonEmptyText: the text is empty or only Unicode white space.
	ReasonEmptyText
	// ReasonTooLarge: the line or text file is longer than
	// Options.MaxRecordBytes. It was skipped without being held in memory.
	ReasonTooLarge
	// ReasonBinary: a text file contains NUL bytes, or a JSONL line that
	// is not valid JSON has NUL bytes outside strings from the point where
	// it breaks on (e.g. UTF-16 or a binary file).
	ReasonBinary
)

// numReasons is one more than the last Reason.
const numReasons = ReasonBinary + 1

var reasonNames = [...]string{
	ReasonMalformedJSON: "malformed JSON",
	ReasonNotObject:     "not a JSON object",
	ReasonMissingText:   "missing text field",
	ReasonTextNotString: "text field not a string",
	ReasonInvalidUTF8:   "invalid UTF-8 in text",
	ReasonEmptyText:     "empty text",
	ReasonTooLarge:      "record too large",
	ReasonBinary:        "binary data",
}

// String returns the reason as a short phrase, e.g. "malformed JSON".
func (r Reason) String() string {
	if r > 0 && int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "Reason(" + strconv.Itoa(int(r)) + ")"
}

// A RecordError reports a record that was skipped. Reading can continue:
// the next call to Next returns the following record.
type RecordError struct {
	File   string // the input's path, "-" for stdin
	Line   int64  // 1-based line of the record (text files: of the offending byte, or 1)
	Offset int64  // byte offset of the record in the decompressed stream
	Reason Reason
	Err    error // the detail; may be nil
}

// Error returns "FILE:LINE: reason: detail".
func (e *RecordError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s:%d: %s: %v", e.File, e.Line, e.Reason, e.Err)
}

// Unwrap returns the detail error.
func (e *RecordError) Unwrap() error { return e.Err }

// ErrClosed is returned by Next after Close.
var ErrClosed = errors.New("input: reader is closed")
