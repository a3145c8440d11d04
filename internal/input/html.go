package input

import "fmt"

// nextHTML reads an HTML file as one page.
func (r *Reader) nextHTML() (*Record, error) {
	r.done = true // an HTML file is one record
	if r.ws == nil {
		r.ws = new(pageScratch)
	}
	limit := r.opts.MaxRecordBytes + 2
	for !r.eof && r.end-r.start <= r.opts.MaxRecordBytes {
		r.fill(limit)
	}
	if r.end-r.start > r.opts.MaxRecordBytes {
		n := int64(0)
		for {
			n += int64(r.end - r.start)
			r.start = r.end
			if r.eof {
				break
			}
			r.fill(limit)
		}
		if r.rerr != nil {
			return nil, r.fileError()
		}
		return nil, r.recordError(1, 0, ReasonTooLarge,
			fmt.Errorf("file is %d bytes, limit %d", n, r.opts.MaxRecordBytes))
	}
	if r.rerr != nil {
		r.start = r.end
		return nil, r.fileError()
	}
	raw := r.buf[r.start:r.end]
	r.start = r.end
	text, cs, warn, reason, err := r.ws.decode(raw, nil, true, r.opts.MaxRecordBytes)
	if reason != 0 {
		return nil, r.recordError(1, 0, reason, err)
	}
	r.rec = Record{
		ID:           r.in.Path,
		Source:       r.in.Path,
		File:         r.in.Path,
		Line:         1,
		MemberOffset: -1,
		Text:         text,
		Raw:          raw,
		Format:       HTML,
		Charset:      cs,
		Warning:      warn,
	}
	return &r.rec, nil
}
