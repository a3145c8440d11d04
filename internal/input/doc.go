// Package input turns the files given to "mimeo scan" into a stream of
// records: it finds the input files (Expand), undoes gzip and zstd
// compression, splits JSONL into lines and extracts the id, text, url and
// date fields, reads plain-text and HTML files as one record each, and reads
// the pages out of WARC crawl files (Open, Next). It knows nothing of
// shingles or signatures, and does not extract the main text of HTML pages.
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
// An HTML file (.html, .htm) is one page (Record.Format HTML): its content
// decoded to UTF-8 as described under Charsets. ID and Source are the path.
//
// Compression is recognised by magic bytes, not by name: gzip (any number of
// members, as written by pigz or by compressing record by record) and zstd
// (any number of frames, windows up to 128 MiB). Anything else is read as is.
//
// # WARC
//
// A WARC file (ISO 28500: WARC 1.0 and 1.1; also the WARC/0.18 of ClueWeb09,
// and Common Crawl's WET files, .warc.wet.gz) is a sequence of records,
// each a version line ("WARC/1.1"), named header fields, an empty line, a
// block of Content-Length bytes and two CRLFs. Only three types of record
// hold pages:
//
//   - response: an HTTP response (application/http). Its status line and
//     header fields are parsed (leniently: LF line ends, a missing reason
//     phrase, folded and malformed lines are accepted); the chunked transfer
//     coding and the Content-Encoding codings gzip, x-gzip, deflate (zlib or
//     raw), br and zstd are undone. Crawlers often store the decoded body and
//     keep the header (ClueWeb09 does; Common Crawl renames it): a body that
//     does not look encoded is taken as it is. Responses whose status is not
//     2xx are skipped (ReasonHTTPStatus). A response that is not HTTP (dns:)
//     is typed by its record's Content-Type, as a resource is.
//   - resource: the block is the document, typed by the record's
//     Content-Type.
//   - conversion: the block is text derived from a page (WET), a Text
//     record unless its Content-Type says otherwise.
//
// A page is kept if its Content-Type (or, when the response has none,
// WARC-Identified-Payload-Type, or else the body starting with "<!doctype
// html", "<html" or "<head") is text/html or application/xhtml+xml (Record
// Format HTML: Text is the decoded HTML, whose main text is extracted
// elsewhere) or text/plain (Format Text). Other pages are skipped with
// ReasonNotHTML, and warcinfo, request, metadata, revisit, continuation and
// unknown types with ReasonSkippedType; Reason.Filtered tells these expected
// skips from damage.
//
// Record fields for a WARC page: ID is WARC-Record-ID without its angle
// brackets, URL is WARC-Target-URI, Date is WARC-Date as written (even when
// malformed, like ClueWeb09's "2008-10-294T05:21:46-0700"), Raw is the whole
// record (header and block, without the two CRLFs after it), Line is 0.
//
// # ARC
//
// An ARC file (the Internet Archive's format before WARC, versions 1 and
// 2) starts with its version block, a record whose URL is filedesc://NAME;
// each record is one header line — URL IP-address Archive-date
// Content-type Archive-length (version 2 adds Result-code, Checksum,
// Location, Offset and Filename before the length) — then Archive-length
// bytes of content and a newline. A record whose content is an HTTP
// response is a page typed by the response's Content-Type, as a WARC
// response is; any other is typed by its header line's Content-type (and
// sniffed for HTML when that says nothing: "-", "unk", "no-type"). Record
// fields: ID and Source are FILE:OFFSET (ARC records have no id of their
// own), URL is the header line's URL, Date its Archive-date as
// YYYYMMDDhhmmss, Raw the header line, content and the newlines after it
// as they are in the file, and ARC is set. An .arc.gz compressed record by
// record is read member by member, as a WARC is. A record whose length is
// wrong, a line that is not a header and damage are RecordErrors; reading
// resumes at the next header line or gzip member.
//
// # Offsets
//
// Record.Offset is always the offset of the record in the decompressed
// stream. A gzip-compressed WARC is read member by member, and when a record
// starts a gzip member (files compressed record by record, as the WARC
// standard recommends and Common Crawl does) Record.MemberOffset is the
// offset of that member in the compressed file: seek there and decompress
// one member to read the record, as with the offsets in Common Crawl's
// indexes. Source is "FILE:OFFSET" with OFFSET = MemberOffset when it is not
// -1 (the record starts a gzip member) and Offset otherwise (plain and zstd
// files, records after the first in a WARC gzipped as one member, records
// inside a member). RecordError.Offset is the decompressed offset too; the
// error's message adds "(gzip member at M)" when the record starts a member.
//
// # Charsets
//
// HTML and text pages are decoded to UTF-8. The encoding comes, in order,
// from a byte order mark; the charset parameter of the HTTP (or, for
// resource and conversion records, the record's) Content-Type; for HTML, a
// <meta charset> or <meta http-equiv="Content-Type"> found in the first 1024
// bytes by the prescan of the WHATWG HTML standard; else UTF-8 if the page
// is valid UTF-8 (a character cut short at the very end is allowed, as
// crawlers truncate long pages), else windows-1252. Labels are looked up in
// the WHATWG Encoding Standard (golang.org/x/text/encoding/htmlindex), so
// ISO-8859-1 means windows-1252 and GB2312 means GBK. An unknown label (or
// one that cannot be decoded, like ISO-2022-KR) never fails the page: it is
// passed over and reported as the warning Record.Warning ==
// ReasonUnknownCharset. Bytes invalid in the encoding become U+FFFD.
//
// # Errors
//
// A record that cannot be used is reported as a *RecordError carrying a
// Reason; reading continues with the next record. A problem with the file as
// a whole (I/O error, truncated or corrupt compressed data) ends that input
// after the records before it have been returned.
//
// WARC input is read so that damage costs only the damaged records, each
// reported as "FILE: offset N: reason: detail". Malformed header lines and
// dates are tolerated. A record whose Content-Length overruns the input is
// skipped with ReasonTruncated, and one whose block is not followed by the
// end of the record with ReasonMalformedWARC; in both cases, and after bytes
// that are not a record, reading resynchronises on the next "WARC/" line or
// gzip member. In a gzip file, a member with damaged deflate data or a wrong
// checksum is skipped with ReasonCorrupt (a member cut short at the end of
// the file with ReasonTruncated), and reading resumes at the next gzip
// header after the damaged member's start: the reader seeks back there if
// the input can seek, else it searches on from where the damage was found.
// Bytes between members that are not a member are reported, zero padding at
// the end is not. A member's checksum is checked before its record is
// returned; in a WARC gzipped as one member the checksum is only at the end,
// so damage that still decodes is only caught there. A corrupt or truncated
// zstd stream ends the input with a file-level error.
//
// Memory per Reader is bounded by Options.MaxRecordBytes plus about 1.5 MiB
// of buffers, however long a line or record is; a WARC record (header and
// block) longer than MaxRecordBytes is skipped without being held
// (ReasonTooLarge), and decoding a page adds buffers bounded by
// MaxRecordBytes too (see Options).
package input
