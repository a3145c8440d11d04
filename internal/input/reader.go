package input

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/cespare/xxhash/v2"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

const (
	// DefaultMaxRecordBytes is the default Options.MaxRecordBytes.
	DefaultMaxRecordBytes = 64 << 20

	// readSize is the size of the decompressed-data buffer and of each read.
	readSize = 1 << 20
	// compressedReadSize is the buffer between a file and a decompressor.
	compressedReadSize = 256 << 10
	// maxZstdWindow is the largest zstd window accepted: 128 MiB, the
	// default limit of the reference zstd tool (windowLog 27), so that a
	// crafted frame header cannot make the decoder allocate more.
	maxZstdWindow = 1 << 27
	// sniffLimit is how far Detect looks for the first non-space byte.
	sniffLimit = 1 << 20
)

// Options configure a Reader. The zero value means the defaults.
type Options struct {
	// IDField, TextField, URLField and DateField name the JSONL fields,
	// CSV/TSV columns or Parquet columns to extract. Empty means "id",
	// "text", "url" and "date". Keys are compared after unescaping,
	// case-sensitively. A dotted name is a path into nested objects
	// ("meta.body"; a number indexes an array; a key that holds a dot
	// still matches whole), and in CSV a column name as it is. TextField
	// may name several fields, separated by commas ("title,body"): the
	// text is their values that are not blank, in that order, joined by
	// newlines (a JSONL array of strings gives its elements). Simple
	// names are extracted in the scanner's single pass; paths and lists
	// make each line also go through encoding/json, several times slower.
	IDField, TextField, URLField, DateField string

	// Encoding is how text that declares no encoding is read: text files,
	// JSONL lines, CSV and TSV rows, Parquet strings, and HTML without a
	// byte order mark, a Content-Type charset or a <meta> one. "" or
	// "auto": UTF-8, and every byte that is not part of a UTF-8 character
	// read as windows-1252 (Latin-1), with the warning
	// ReasonLegacyEncoding; "utf-8": text that is not UTF-8 is a bad
	// record (ReasonInvalidUTF8); or a WHATWG label of an ASCII-compatible
	// encoding (latin1, koi8-r, shift_jis, gbk...): decoded from it.
	Encoding string

	// MaxRecordBytes is the longest JSONL line (without its line end),
	// text or HTML file, or WARC record (header and block) accepted;
	// longer ones are skipped with ReasonTooLarge without being held in
	// memory. It also bounds a WARC page after undoing its
	// Content-Encoding and after decoding it to UTF-8. 0 means
	// DefaultMaxRecordBytes.
	//
	// A Reader's buffer starts at 1 MiB (less for small plain files) and
	// grows only as far as the longest record needs, up to about
	// MaxRecordBytes (1.5 times that while growing); gzip and zstd input
	// add about 300 KiB, and zstd the window the file was compressed with
	// (8 MiB at most for levels up to 19; frames asking for more than
	// 128 MiB are rejected). WARC and HTML input can add up to four
	// buffers of about MaxRecordBytes for a page (dechunked, two for
	// undoing Content-Encoding codings, decoded to UTF-8), each only as
	// large as the largest page has needed, plus the state of each
	// Content-Encoding decoder used (br up to 16 MiB for its window, zstd
	// bounded by MaxRecordBytes, gzip and deflate under 100 KiB).
	MaxRecordBytes int

	// Stdin is read for the Input whose Path is "-". Nil means os.Stdin.
	// The Reader never closes it.
	Stdin io.Reader

	// NonPages makes a WARC or ARC Reader return, besides the pages,
	// every other complete record — warcinfo, request, metadata, revisit,
	// an ARC file's version block and DNS records, a response that is not
	// HTML or not a page (a redirect, an error), a page that cannot be
	// decoded — as a Record of Format WARC (or ARC) whose NotPage says why
	// it is not a page, so that a caller can copy the file whole. Records
	// larger than MaxRecordBytes and damaged ones are still RecordErrors.
	NonPages bool

	// Source, if set, is read instead of the Input's file or standard
	// input (a pipe spooled to a temporary file, say); the Input still
	// names the records. The Reader never closes it.
	Source io.Reader
}

// withDefaults returns o with empty fields set to the defaults.
func (o Options) withDefaults() (Options, error) {
	if o.MaxRecordBytes < 0 {
		return o, fmt.Errorf("input: MaxRecordBytes is negative (%d)", o.MaxRecordBytes)
	}
	if o.MaxRecordBytes == 0 {
		o.MaxRecordBytes = DefaultMaxRecordBytes
	}
	// Leave room to grow the buffer to MaxRecordBytes+2 without overflow.
	o.MaxRecordBytes = min(o.MaxRecordBytes, 1<<40)
	def := func(s *string, d string) {
		if *s == "" {
			*s = d
		}
	}
	def(&o.IDField, "id")
	def(&o.TextField, "text")
	def(&o.URLField, "url")
	def(&o.DateField, "date")
	if _, err := parseEncoding(o.Encoding); err != nil {
		return o, err
	}
	if o.Stdin == nil {
		o.Stdin = os.Stdin
	}
	return o, nil
}

// A Record is one document read from an input.
//
// A Record and everything in it — the strings included — alias buffers of
// the Reader that returned it and are valid only until the next call to
// Next, Reset or Close, which overwrite them. Copy what you keep
// (strings.Clone, bytes.Clone); in particular do not use the strings as
// map keys without cloning them.
type Record struct {
	// ID is the id field: a JSON string, or a number's literal text.
	// When the field is absent, empty or of another type it is Source.
	// For text and HTML files it is the path. For WARC it is the
	// WARC-Record-ID without its angle brackets (Source if absent).
	ID string
	// URL and Date are the url and date fields (strings, or numbers'
	// literal text), or "" when absent. Always "" for text and HTML
	// files. For WARC they are WARC-Target-URI (without angle brackets)
	// and WARC-Date as written, even when malformed.
	URL, Date string
	// Source is "FILE:LINE" (1-based line) for JSONL, "FILE" for text and
	// HTML files, and "FILE:OFFSET" for WARC, where OFFSET is
	// MemberOffset when the record starts a gzip member and Offset
	// otherwise. FILE is "-" for stdin.
	Source string
	// File is the input's path ("-" for stdin).
	File string
	// Line is the 1-based line number of a JSONL record; 1 for text and
	// HTML files; 0 for WARC records.
	Line int64
	// Offset is the byte offset of Raw in the decompressed stream.
	Offset int64
	// MemberOffset is, for a WARC record that starts a gzip member (as
	// in files compressed record by record, the usual .warc.gz), the
	// offset of that member in the compressed file: seek there and
	// decompress one member to read the record, as with the offsets in
	// Common Crawl's indexes. It is -1 for every other record, which is
	// found at Offset in the decompressed stream.
	MemberOffset int64
	// Text is the document text: the decoded JSON string, the text file
	// without a leading UTF-8 byte order mark, or the page of an HTML
	// file or WARC record decoded to UTF-8 (HTML markup for Format HTML,
	// plain text for Format Text). It is valid UTF-8 and not only white
	// space.
	Text []byte
	// Raw is the record as it is in the input: a JSONL line without its
	// line end (LF or CRLF), the whole text or HTML file, or the WARC
	// record's header and block without the two CRLFs that end it (write
	// Raw and "\r\n\r\n" to copy the record to another WARC file). A
	// UTF-8 byte order mark at the very start of an input is not part of
	// a JSONL Raw.
	Raw []byte
	// Format is JSONL or Text for JSONL and text files; HTML for an HTML
	// page (from an HTML file or a WARC response or resource record)
	// whose Text still needs its main text extracted; Text for plain
	// text from a WARC file (WET conversion records, text/plain pages).
	Format Format
	// Charset is the WHATWG name of the encoding an HTML or WARC page was
	// decoded from ("utf-8", "windows-1252", "euc-jp", …); "" for JSONL
	// and text files.
	Charset string
	// Warning is a problem that did not stop the record from being read
	// (ReasonUnknownCharset), or 0.
	Warning Reason

	// WARCType is a WARC record's WARC-Type ("response", "request", …);
	// ConcurrentTo its WARC-Concurrent-To record ids and RefersTo its
	// WARC-Refers-To, without angle brackets. Empty for other inputs.
	WARCType     string
	ConcurrentTo []string
	RefersTo     string
	// ARC marks a record of an ARC file: Raw is its header line, content
	// and the newlines that follow it, as in the file (write Raw, and a
	// newline if it does not end with one, to copy it to another ARC
	// file).
	ARC bool
	// NotPage is, for a record of Format WARC or ARC (Options.NonPages), why it
	// is not a page: ReasonSkippedType, ReasonNotHTML, ReasonHTTPStatus,
	// or a problem decoding the page (ReasonMalformedHTTP, …).
	NotPage Reason
}

// compression is the container format of an input, found by magic bytes.
type compression uint8

const (
	compNone compression = iota
	compGzip
	compZstd
)

func (c compression) String() string {
	switch c {
	case compGzip:
		return "gzip"
	case compZstd:
		return "zstd"
	}
	return "plain"
}

// detectCompression recognises the first bytes of a gzip member or a zstd
// frame (including a skippable frame).
func detectCompression(magic []byte) compression {
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		return compGzip
	case len(magic) >= 4 && (binary.LittleEndian.Uint32(magic) == 0xFD2FB528 ||
		binary.LittleEndian.Uint32(magic)&^0xF == 0x184D2A50):
		return compZstd
	}
	return compNone
}

// A Reader streams the records of one input. Create one with Open, call Next
// until it returns io.EOF, then Close. Reset reuses a Reader, its buffers and
// decompressors for another input. A Reader is not safe for concurrent use;
// distinct Readers are independent.
type Reader struct {
	opts  Options
	sc    *lineScanner
	te    *textEncoding // Options.Encoding
	fixed []byte        // text decoded by te

	in     Input
	format Format
	file   *os.File
	raw    io.Reader // the file or stdin
	size   int64     // on-disk size, -1 if unknown
	pre    prefixReader
	br     *bufio.Reader
	gz     *gzip.Reader
	zd     *zstd.Decoder
	gzm    *gzipMembers // gzip member by member, for WARC and Detect
	comp   compression
	src    io.Reader // the decompressed stream; nil before start

	buf     []byte
	start   int // buf[start:end] is the unconsumed data
	end     int
	scanned int   // buf[start:scanned] holds no '\n'
	base    int64 // stream offset of buf[0]
	line    int64 // lines consumed
	eof     bool  // src is exhausted (rerr says whether cleanly)
	rerr    error
	zeros   int // consecutive empty reads

	started, done, closed bool

	rec        Record
	srcBuf     []byte       // backing store of rec.Source
	arcDate    []byte       // backing store of an ARC rec.Date made whole
	dig        digestReader // r.raw: the file or stdin, hashed
	concurrent []string     // backing store of rec.ConcurrentTo

	ws  *pageScratch // WARC and HTML decoding buffers, kept by Reset
	csv *csvState    // CSV and TSV state, kept by Reset
	pq  *parquetState
}

// Open opens in for reading. Only problems opening the file are reported
// here; everything about its content comes from Next.
func Open(in Input, opts Options) (*Reader, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Reader{
		opts: o,
		sc:   newLineScanner(o.IDField, o.TextField, o.URLField, o.DateField),
	}
	te, _ := parseEncoding(o.Encoding) // checked by withDefaults
	r.te = &te
	if err := r.Reset(in); err != nil {
		return nil, err
	}
	return r, nil
}

// Reset closes the current input and opens in, keeping the options, buffers
// and decompressors. It may be called after Close.
func (r *Reader) Reset(in Input) error {
	r.closeFile()
	r.closeParquet()
	*r = Reader{
		opts: r.opts, sc: r.sc, te: r.te, fixed: r.fixed,
		br: r.br, gz: r.gz, zd: r.zd, gzm: r.gzm,
		buf: r.buf, srcBuf: r.srcBuf, ws: r.ws, csv: r.csv, pq: r.pq, dig: r.dig, concurrent: r.concurrent,
		in: in, format: in.Format, size: -1,
	}
	if in.Format > ARC {
		r.done = true
		return fmt.Errorf("input: %s: unknown format %v", in.Path, in.Format)
	}
	if r.opts.Source != nil || in.Path == "-" {
		r.raw = r.opts.Stdin
		if r.opts.Source != nil {
			r.raw = r.opts.Source
		}
		r.dig.reset(r.raw)
		r.raw = &r.dig
		return nil
	}
	f, err := os.Open(in.Path)
	if err != nil {
		r.done = true
		return fmt.Errorf("input: %w", err)
	}
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		err = fmt.Errorf("%s: is a directory", in.Path)
	}
	if err != nil {
		f.Close()
		r.done = true
		return fmt.Errorf("input: %w", err)
	}
	if fi.Mode().IsRegular() {
		r.size = fi.Size()
	}
	r.file = f
	r.dig.reset(f)
	r.raw = &r.dig
	return nil
}

// Digest identifies what a Reader has read of its input: the number of
// bytes taken from the file (compressed, as stored) and their running
// XXH64. Two Readers of the same content that stop at the same record
// report the same Digest; a file changed in between almost surely not.
type Digest struct {
	Bytes int64
	Sum   uint64
}

// Digest returns the Digest of what the Reader has read of its input so
// far (the buffered read-ahead included).
func (r *Reader) Digest() Digest { return Digest{r.dig.n, r.dig.h.Sum64()} }

// digestReader hashes what is read through it. It passes Seek on to a
// source that can seek (WARC resynchronisation), so that the digest is the
// hash of the reads in the order they happened.
type digestReader struct {
	r io.Reader
	h xxhash.Digest
	n int64
}

func (d *digestReader) reset(r io.Reader) {
	d.r, d.n = r, 0
	d.h.Reset()
}

func (d *digestReader) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	if n > 0 {
		d.h.Write(p[:n])
		d.n += int64(n)
	}
	return n, err
}

func (d *digestReader) Seek(off int64, whence int) (int64, error) {
	s, ok := d.r.(io.Seeker)
	if !ok {
		return 0, errors.New("input: not seekable")
	}
	return s.Seek(off, whence)
}

// Close closes the input file (never stdin) and releases the decompressors.
// After Close, Next returns ErrClosed until Reset.
func (r *Reader) Close() error {
	r.closeParquet()
	err := r.closeFile()
	if r.zd != nil {
		r.zd.Close()
		r.zd = nil
	}
	if r.ws != nil && r.ws.zd != nil {
		r.ws.zd.Close()
		r.ws.zd = nil
	}
	r.closed = true
	return err
}

func (r *Reader) closeFile() error {
	var err error
	if r.file != nil {
		err = r.file.Close()
		r.file = nil
	}
	r.raw = nil
	return err
}

// Format returns the input's format; for an Input whose Format is Detect it
// is known after the first call to Next.
func (r *Reader) Format() Format { return r.format }

// Next returns the next record. It returns a *RecordError for a record that
// must be skipped, after which Next may be called again. Any other error is
// a problem with the file as a whole (an I/O error, truncated or corrupt
// compressed data), reported after every record before it; Next then
// returns io.EOF. Next returns io.EOF at the end of the input.
//
// The record is valid until the next call to Next, Reset or Close.
func (r *Reader) Next() (*Record, error) {
	if r.closed {
		return nil, ErrClosed
	}
	if r.done {
		return nil, io.EOF
	}
	if !r.started {
		r.begin()
	}
	switch r.format {
	case Text:
		return r.nextText()
	case WARC:
		return r.nextWARC()
	case ARC:
		return r.nextARC()
	case HTML:
		return r.nextHTML()
	case CSV, TSV:
		return r.nextCSV()
	case Parquet:
		return r.nextParquet()
	}
	return r.nextJSONL()
}

// begin detects the compression and, for Detect, the format.
func (r *Reader) begin() {
	r.started = true
	if r.format == Parquet {
		return // read with ReadAt (parquet.go)
	}
	// A source that can seek lets a WARC reader go back to look for the
	// gzip member after a damaged one.
	var seeker io.Seeker
	seekBase := int64(0)
	if s, ok := r.raw.(io.Seeker); ok {
		if p, err := s.Seek(0, io.SeekCurrent); err == nil {
			seeker, seekBase = s, p
		}
	}
	var magic [4]byte
	n, err := io.ReadFull(r.raw, magic[:])
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		r.setErr(err)
	}
	r.pre = prefixReader{p: magic[:n], r: r.raw}
	r.src = &r.pre
	r.comp = detectCompression(magic[:n])
	if r.comp != compNone && r.rerr == nil {
		// WARC over gzip is read member by member, to know where each
		// starts (Detect too, until the format is known).
		members := r.comp == compGzip && (r.format == WARC || r.format == ARC || r.format == Detect)
		var under io.Reader = &r.pre
		if members {
			if r.gzm == nil {
				r.gzm = new(gzipMembers)
			}
			r.gzm.init(&r.pre, seeker, seekBase)
			under = &r.gzm.cr
		}
		if r.br == nil {
			r.br = bufio.NewReaderSize(under, compressedReadSize)
		} else {
			r.br.Reset(under)
		}
		var err error
		if r.comp == compGzip {
			if r.gz == nil {
				r.gz, err = gzip.NewReader(r.br)
			} else {
				err = r.gz.Reset(r.br)
			}
			switch {
			case err != nil:
			case members:
				r.gzm.start(r.gz, r.br, r.format == WARC || r.format == ARC)
				r.src = r.gzm
			default:
				r.gz.Multistream(true)
				r.src = r.gz
			}
		} else {
			if r.zd == nil {
				r.zd, err = zstd.NewReader(r.br,
					zstd.WithDecoderConcurrency(2), // decode the next block while this one is read
					zstd.WithDecoderLowmem(true),
					zstd.WithDecoderMaxWindow(maxZstdWindow))
			} else {
				err = r.zd.Reset(r.br)
			}
			if err == nil {
				r.src = r.zd
			}
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			r.setErr(err)
		}
	}

	want := readSize
	if r.comp == compNone && r.size >= 0 && r.size < readSize {
		want = max(int(r.size)+1, 512) // one read, and one more to see EOF
	}
	if cap(r.buf) < want {
		r.buf = make([]byte, want)
	}
	r.buf = r.buf[:cap(r.buf)]

	if r.format == CSV || r.format == TSV {
		if r.csv == nil {
			r.csv = new(csvState)
		}
		r.csv.header, r.csv.delim = nil, ','
		if r.format == TSV {
			r.csv.delim = '\t'
		}
	}
	if r.format == Detect {
		r.format = r.sniff()
		if r.src == r.gzm {
			if r.format == WARC || r.format == ARC {
				r.gzm.resync = true
			} else {
				r.gzm.untrack()
			}
		}
	}
}

// sniff returns WARC if the stream starts with "WARC/"; else JSONL if the
// first non-white-space byte (after a UTF-8 byte order mark) within the
// first sniffLimit bytes is '{', HTML if it is '<', else Text.
func (r *Reader) sniff() Format {
	for {
		b := r.buf[r.start:r.end]
		if r.base+int64(r.start) == 0 {
			if bytes.HasPrefix(b, bom) {
				b = b[len(bom):]
			} else if len(b) < len(bom) && bytes.HasPrefix(bom, b) && !r.eof {
				r.fill(sniffLimit) // maybe the start of a BOM
				continue
			}
		}
		if r.base+int64(r.start) == 0 && len(b) < len(warcMagic) && bytes.HasPrefix(warcMagic, b) && !r.eof {
			r.fill(sniffLimit) // maybe the start of "WARC/"
			continue
		}
		if r.base+int64(r.start) == 0 && bytes.HasPrefix(b, warcMagic) {
			return WARC
		}
		if r.base+int64(r.start) == 0 && len(b) < len(arcMagic) && bytes.HasPrefix(arcMagic, b) && !r.eof {
			r.fill(sniffLimit) // maybe the start of "filedesc://"
			continue
		}
		if r.base+int64(r.start) == 0 && bytes.HasPrefix(b, arcMagic) {
			return ARC
		}
		if r.base+int64(r.start) == 0 && r.comp == compNone && bytes.HasPrefix(b, parquetMagic) {
			return Parquet
		}
		if i := skipWS(b, 0); i < len(b) {
			switch b[i] {
			case '{':
				return JSONL
			case '<':
				return HTML
			}
			return Text
		}
		if r.eof || r.end-r.start >= sniffLimit {
			return Text
		}
		r.fill(sniffLimit)
	}
}

var bom = []byte{0xEF, 0xBB, 0xBF}

var parquetMagic = []byte("PAR1")

// setErr records a read error; data already buffered is still returned.
func (r *Reader) setErr(err error) {
	r.eof = true
	if r.rerr == nil {
		r.rerr = err
	}
}

// fill reads more data, moving unconsumed data to the front of the buffer
// and growing it (up to limit bytes) when it is full.
func (r *Reader) fill(limit int) {
	if r.eof {
		return
	}
	// Move the unconsumed data to the front when the room after it is
	// short, not at every call: a caller that asks again and again for a
	// long span a little further on (a record whose length is wrong, then
	// the next header) would otherwise copy that span each time.
	if r.start > 0 && len(r.buf)-r.end < readSize {
		n := copy(r.buf, r.buf[r.start:r.end])
		r.base += int64(r.start)
		r.scanned -= r.start
		r.end = n
		r.start = 0
	}
	if r.end == len(r.buf) {
		// Double, but go straight to the limit rather than allocate a
		// buffer that would have to grow once more by a few bytes.
		size := max(2*len(r.buf), readSize)
		if size+size/2 > limit {
			size = limit
		}
		if size <= len(r.buf) {
			panic("input: internal error: buffer full") // callers check the limit
		}
		nb := make([]byte, size)
		copy(nb, r.buf[:r.end])
		r.buf = nb
	}
	n, err := r.src.Read(r.buf[r.end:])
	r.end += n
	switch {
	case err == io.EOF:
		r.eof = true
	case err != nil:
		r.setErr(err)
	case n == 0:
		if r.zeros++; r.zeros >= 100 {
			r.setErr(io.ErrNoProgress)
		}
	default:
		r.zeros = 0
	}
}

// fileError reports a read error at the current position and ends the input.
func (r *Reader) fileError() error {
	r.done = true
	var what string
	var pe *fs.PathError
	switch {
	case r.comp == compNone || errors.As(r.rerr, &pe):
		what = "read error"
	case errors.Is(r.rerr, io.ErrUnexpectedEOF):
		what = "truncated " + r.comp.String() + " stream"
	default:
		what = "corrupt " + r.comp.String() + " stream"
	}
	off := r.base + int64(r.start)
	if r.format != JSONL {
		return fmt.Errorf("input: %s: %s at offset %d: %w", r.in.Path, what, off, r.rerr)
	}
	return fmt.Errorf("input: %s: %s at line %d, offset %d: %w", r.in.Path, what, r.line+1, off, r.rerr)
}

func (r *Reader) recordError(line, off int64, reason Reason, err error) *RecordError {
	return &RecordError{File: r.in.Path, Line: line, Offset: off, Reason: reason, Err: err}
}

// lineLimit is the buffer size needed to hold a line of MaxRecordBytes plus
// "\r" and to see the "\n" after it.
func (r *Reader) lineLimit() int { return r.opts.MaxRecordBytes + 2 }

func (r *Reader) nextJSONL() (*Record, error) {
	for {
		if i := bytes.IndexByte(r.buf[r.scanned:r.end], '\n'); i >= 0 {
			nl := r.scanned + i
			ls := r.start
			r.start, r.scanned = nl+1, nl+1
			r.line++
			if rec, err := r.jsonlRecord(r.buf[ls:nl], r.base+int64(ls)); rec != nil || err != nil {
				return rec, err
			}
			continue // blank line
		}
		r.scanned = r.end
		if r.eof {
			if r.rerr != nil {
				return nil, r.fileError() // a partial last line is dropped
			}
			if r.start == r.end {
				r.done = true
				return nil, io.EOF
			}
			ls := r.start
			r.start, r.scanned = r.end, r.end
			r.line++
			if rec, err := r.jsonlRecord(r.buf[ls:r.end], r.base+int64(ls)); rec != nil || err != nil {
				return rec, err
			}
			continue
		}
		if r.end-r.start > r.opts.MaxRecordBytes+1 {
			return r.skipLongLine()
		}
		r.fill(r.lineLimit())
	}
}

// skipLongLine discards the current line, known to be too long, reading on
// to its end without keeping it.
func (r *Reader) skipLongLine() (*Record, error) {
	r.line++
	line, off := r.line, r.base+int64(r.start)
	n := int64(0)
	for {
		if i := bytes.IndexByte(r.buf[r.start:r.end], '\n'); i >= 0 {
			n += int64(i)
			r.start += i + 1
			r.scanned = r.start
			break
		}
		n += int64(r.end - r.start)
		r.start, r.scanned = r.end, r.end
		if r.eof {
			if r.rerr != nil {
				r.line-- // the line is reported as unfinished
				return nil, r.fileError()
			}
			break
		}
		r.fill(r.lineLimit())
	}
	return nil, r.recordError(line, off, ReasonTooLarge,
		fmt.Errorf("line is at least %d bytes, limit %d", n-1, r.opts.MaxRecordBytes))
}

// jsonlRecord turns one line (without "\n") into a record. It returns
// nil, nil for a blank line.
func (r *Reader) jsonlRecord(l []byte, off int64) (*Record, error) {
	if len(l) > 0 && l[len(l)-1] == '\r' {
		l = l[:len(l)-1]
	}
	if off == 0 && bytes.HasPrefix(l, bom) {
		l, off = l[len(bom):], off+int64(len(bom))
	}
	if skipWS(l, 0) == len(l) {
		return nil, nil
	}
	if len(l) > r.opts.MaxRecordBytes {
		return nil, r.recordError(r.line, off, ReasonTooLarge,
			fmt.Errorf("line is %d bytes, limit %d", len(l), r.opts.MaxRecordBytes))
	}
	s := r.sc
	line, warn := l, Reason(0)
	if r.te.name != "" && !isASCII(l) {
		// A named encoding: the line is decoded before it is parsed
		// (its JSON syntax is ASCII).
		r.fixed, _ = r.te.fix(r.fixed, l)
		line, warn = r.fixed, ReasonLegacyEncoding
	}
	reason := s.scan(line)
	if reason == ReasonInvalidUTF8 && r.te.name == "" && !r.te.strict {
		// The text holds bytes that are not UTF-8: read them as
		// windows-1252 and parse again.
		r.fixed, _ = r.te.fix(r.fixed, l)
		line, warn = r.fixed, ReasonLegacyEncoding
		reason = s.scan(line)
	}
	if reason != 0 {
		return nil, r.recordError(r.line, off, reason, s.detail(reason, line))
	}

	if s.paths != nil {
		if r.te.name == "" && !r.te.strict && !utf8.Valid(line) {
			r.fixed, _ = r.te.fix(r.fixed, l)
			line, warn = r.fixed, ReasonLegacyEncoding
		}
		if reason, err := s.paths.extract(line); reason != 0 {
			return nil, r.recordError(r.line, off, reason, err)
		}
		for k, names := range s.paths.names {
			if names != nil {
				f := &s.fields[k]
				f.kind, f.val = kindString, s.paths.vals[k]
				if k == fieldText {
					f.val = s.paths.text
				}
			}
		}
	}
	source := r.sourceAt(r.line)

	rec := &r.rec
	*rec = Record{
		ID:           source,
		Source:       source,
		File:         r.in.Path,
		Line:         r.line,
		Offset:       off,
		MemberOffset: -1,
		Text:         s.fields[fieldText].val,
		Raw:          l,
		Format:       JSONL,
		Warning:      warn,
	}
	if f := &s.fields[fieldID]; (f.kind == kindString || f.kind == kindNumber) && len(f.val) > 0 {
		rec.ID = aliasString(f.val)
	}
	if f := &s.fields[fieldURL]; f.kind == kindString || f.kind == kindNumber {
		rec.URL = aliasString(f.val)
	}
	if f := &s.fields[fieldDate]; f.kind == kindString || f.kind == kindNumber {
		rec.Date = aliasString(f.val)
	}
	return rec, nil
}

// detail describes why the scanner rejected line.
func (s *lineScanner) detail(reason Reason, line []byte) error {
	switch reason {
	case ReasonMalformedJSON, ReasonBinary:
		if s.errPos < len(line) {
			return fmt.Errorf("column %d: invalid character %s %s", s.errPos+1, quoteByte(line[s.errPos]), s.errMsg)
		}
		return fmt.Errorf("column %d: unexpected end of line %s", s.errPos+1, s.errMsg)
	case ReasonMissingText:
		return fmt.Errorf("no %q field", s.names[fieldText])
	case ReasonTextNotString:
		return fmt.Errorf("%q is %s", s.names[fieldText], jsonType(s.fields[fieldText]))
	case ReasonInvalidUTF8:
		return fmt.Errorf("%q is not valid UTF-8", s.names[fieldText])
	case ReasonEmptyText:
		return fmt.Errorf("%q is empty or white space", s.names[fieldText])
	}
	return nil
}

func jsonType(f fieldValue) string {
	if f.kind != kindOther {
		return kindNames[f.kind]
	}
	switch f.first {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 'n':
		return "null"
	}
	return "a boolean"
}

func quoteByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return fmt.Sprintf("0x%02x", c)
}

// sourceAt returns "FILE:N" for the record at line (or row) n. It
// aliases the Reader's buffer, as a Record's strings do.
func (r *Reader) sourceAt(n int64) string {
	r.srcBuf = append(r.srcBuf[:0], r.in.Path...)
	r.srcBuf = append(r.srcBuf, ':')
	r.srcBuf = strconv.AppendInt(r.srcBuf, n, 10)
	return aliasString(r.srcBuf)
}

// newPageScratch returns the decoding buffers of WARC and HTML pages,
// with the encoding Options.Encoding names for pages that declare none.
func (r *Reader) newPageScratch() *pageScratch {
	ws := new(pageScratch)
	if r.te != nil && r.te.name != "" {
		ws.fallback = ws.named(r.te.name)
	}
	return ws
}

// aliasString returns b as a string without copying. The string changes
// when b's array is overwritten: it is only handed out in a Record, whose
// documentation says so.
func aliasString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// readWhole reads the rest of a file that is one record: its bytes, or a
// ReasonTooLarge record error past MaxRecordBytes (having skipped it in
// bounded memory), or the file error.
func (r *Reader) readWhole() ([]byte, error) {
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
	return raw, nil
}

func (r *Reader) nextText() (*Record, error) {
	r.done = true // a text file is one record
	raw, err := r.readWhole()
	if err != nil {
		return nil, err
	}
	text := bytes.TrimPrefix(raw, bom)
	skip := int64(len(raw) - len(text))
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return nil, r.recordError(lineOf(text, i), 0, ReasonBinary,
			fmt.Errorf("NUL byte at offset %d", skip+int64(i)))
	}
	var warn Reason
	if fixed, legacy := r.te.fix(r.fixed, text); legacy {
		r.fixed, text, warn = fixed, fixed, ReasonLegacyEncoding
	}
	if r.te.strict && !utf8.Valid(text) { // else fix made it UTF-8
		i := firstInvalidUTF8(text)
		return nil, r.recordError(lineOf(text, i), 0, ReasonInvalidUTF8,
			fmt.Errorf("invalid byte 0x%02x at offset %d", text[i], skip+int64(i)))
	}
	if isBlank(text) {
		return nil, r.recordError(1, 0, ReasonEmptyText, errors.New("file is empty or white space"))
	}
	r.rec = Record{
		ID:           r.in.Path,
		Source:       r.in.Path,
		File:         r.in.Path,
		Line:         1,
		Offset:       0,
		MemberOffset: -1,
		Text:         text,
		Raw:          raw,
		Format:       Text,
		Warning:      warn,
	}
	return &r.rec, nil
}

// lineOf returns the 1-based line of b[i].
func lineOf(b []byte, i int) int64 { return 1 + int64(bytes.Count(b[:i], []byte{'\n'})) }

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// prefixReader reads p, then r. It replays the magic bytes read by begin.
type prefixReader struct {
	p []byte
	r io.Reader
}

func (p *prefixReader) Read(b []byte) (int, error) {
	if len(p.p) > 0 {
		n := copy(b, p.p)
		p.p = p.p[n:]
		return n, nil
	}
	return p.r.Read(b)
}
