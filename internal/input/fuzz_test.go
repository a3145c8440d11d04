package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReader reads arbitrary bytes as an input, plain or compressed
// (mode: bits 0-1 the format, bits 2-3 the wrapping: none, gzip, truncated
// gzip, zstd), with an arbitrary record size limit. It must not panic; every
// error must be a RecordError for a later line or a final file-level error;
// records must be consistent with the input.
func FuzzReader(f *testing.F) {
	seeds := []string{
		"{\"id\":\"a\",\"text\":\"hello\"}\n{\"text\":\"b\"}",
		"{\"text\":\"a\"}\r\n\r\n  \n{\"text\":1}\n[1]\n{bad\n\xef\xbb\xbf{}",
		"\xef\xbb\xbf{\"text\":\"bom\"}\n",
		"plain text file\nwith lines\n",
		"nul\x00byte",
		"{\"text\":\"" + strings.Repeat("long ", 100) + "\"}\n{\"text\":\"x\"}\n",
		string(gzipBytes(f, []byte("{\"text\":\"inner\"}\n"))),
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i), uint16(0))
		f.Add([]byte(s), uint8(i*5+1), uint16(20))
	}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8, limit uint16) {
		format := Format(mode & 3 % 3)
		wrap := mode >> 2 & 3
		content := data
		switch wrap {
		case 1:
			content = gzipBytes(t, data)
		case 2:
			gz := gzipBytes(t, data)
			content = gz[:int(limit)%len(gz)]
		case 3:
			content = zstdBytes(t, data)
		}
		// The stream the reader decompresses, when it is known.
		stream := data
		magic := len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b ||
			len(data) >= 4 && (data[0] == 0x28 || data[0]&0xF0 == 0x50)
		if wrap == 2 || wrap == 0 && magic {
			stream = nil
		}
		opts := Options{MaxRecordBytes: int(limit), Stdin: bytes.NewReader(content)}
		r, err := Open(Input{Path: "-", Format: format}, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		max := int(limit)
		if max == 0 {
			max = DefaultMaxRecordBytes
		}

		var lastLine, lastOffset int64 = 0, -1
		for n := 0; ; n++ {
			if n > len(data)+2 {
				t.Fatalf("more events than bytes")
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var re *RecordError
			switch {
			case errors.As(err, &re):
				if re.File != "-" || re.Line <= lastLine || re.Reason == 0 || re.Reason >= numReasons ||
					!strings.HasPrefix(re.Error(), fmt.Sprintf("-:%d: %s", re.Line, re.Reason)) {
					t.Fatalf("bad record error after line %d: %#v %q", lastLine, re, re)
				}
				if r.Format() == JSONL {
					lastLine = re.Line
				}
			case err != nil:
				if stream != nil && wrap == 0 {
					t.Fatalf("file error on an uncompressed stream: %v", err)
				}
				if !strings.HasPrefix(err.Error(), "input: -: ") {
					t.Fatalf("file error %q", err)
				}
				if rec, err := r.Next(); rec != nil || err != io.EOF {
					t.Fatalf("after a file error: %v, %v", rec, err)
				}
				return
			default:
				if rec.File != "-" || rec.Line <= lastLine || rec.Offset <= lastOffset ||
					!utf8.Valid(rec.Text) || isBlank(rec.Text) || len(rec.Raw) > max || rec.Format != r.Format() {
					t.Fatalf("bad record after line %d offset %d: %+v", lastLine, lastOffset, rec)
				}
				if stream != nil && !bytes.Equal(stream[rec.Offset:rec.Offset+int64(len(rec.Raw))], rec.Raw) {
					t.Fatalf("Raw %q is not the input at offset %d", rec.Raw, rec.Offset)
				}
				switch rec.Format {
				case JSONL:
					if bytes.IndexByte(rec.Raw, '\n') >= 0 || rec.Source != fmt.Sprintf("-:%d", rec.Line) {
						t.Fatalf("bad JSONL record %+v", rec)
					}
				case Text:
					if rec.Source != "-" || rec.ID != "-" || stream != nil && !bytes.Equal(rec.Raw, stream) {
						t.Fatalf("bad text record %+v", rec)
					}
				default:
					t.Fatalf("format %v", rec.Format)
				}
				lastLine, lastOffset = rec.Line, rec.Offset
			}
		}
	})
}
