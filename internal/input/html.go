package input

// nextHTML reads an HTML file as one page.
func (r *Reader) nextHTML() (*Record, error) {
	r.done = true // an HTML file is one record
	if r.ws == nil {
		r.ws = r.newPageScratch()
	}
	raw, err := r.readWhole()
	if err != nil {
		return nil, err
	}
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
