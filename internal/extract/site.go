package extract

import (
	"bytes"
	"encoding/hex"
	"slices"

	"github.com/cespare/xxhash/v2"
	"golang.org/x/net/html"
)

// A page without a URL (an HTML file, a WARC record without a target URI)
// still says which site it is on: the host of its canonical link or
// og:url, its og:site_name, and the stylesheets and icons its template
// links to. Site names the site from them, so that a site model can learn
// the furniture of pages that carry no URL.
//
// The host alone would join the syndicated copies of a story whose
// canonical link points to the original (a cross-domain canonical, which
// syndication partners are asked to set): their shared paragraphs would
// then be one site's furniture. The copies' templates differ, so the
// template's stylesheets and icons and the site's own name are part of
// the name too. Digit runs in their paths are ignored ("post-1234.css",
// a per-page stylesheet of some page builders, is the same template on
// every page), and so are query strings (cache busters).

// maxSiteRefs bounds the stylesheets and icons a page's site name is
// made of (the first ones).
const maxSiteRefs = 32

// siteState is what a page's markup says of its site.
type siteState struct {
	canonical, ogURL []byte   // hosts, lower-cased, without "www."
	name             []byte   // og:site_name, white space collapsed, lower-cased
	refs             []uint64 // hashes of stylesheet and icon references
	absRef           bool     // one of them is absolute (names a host)
}

func (s *siteState) reset() {
	s.canonical, s.ogURL, s.name, s.refs = s.canonical[:0], s.ogURL[:0], s.name[:0], s.refs[:0]
	s.absRef = false
}

// Site returns a name for the site of the page AppendText (or
// AppendAllText) read last, made from what its markup says of the site
// (see above), or "" if it says too little. A page with a host and a site
// name is named by them (and by its og:url's host where the canonical
// link points elsewhere); without either, by its stylesheets and icons
// too, which keep apart the partners that point their canonical links at
// one original; without both, only if one of those references is absolute:
// relative paths alone ("/favicon.ico", a theme's "/css/style.css") are
// shared by unrelated sites, whose syndicated copies would then be one
// site's furniture. The name starts with '~' ("~host~hash"), which no
// valid host name does.
func (e *Extractor) Site() string {
	s := &e.site
	host := s.canonical
	if len(host) == 0 {
		host = s.ogURL
	}
	if len(host) == 0 && len(s.name) == 0 && !s.absRef {
		return ""
	}
	var d xxhash.Digest
	d.Reset()
	d.Write(s.name)
	if len(s.canonical) > 0 && len(s.ogURL) > 0 && !bytes.Equal(s.ogURL, s.canonical) {
		d.Write([]byte{0})
		d.Write(s.ogURL)
	}
	if len(host) == 0 || len(s.name) == 0 {
		// The site's own host and name are steady across its pages; its
		// stylesheets may vary from page to page (a plugin's), so they
		// count only where one of the two is missing.
		slices.Sort(s.refs)
		s.refs = slices.Compact(s.refs)
		var b [8]byte
		for _, r := range s.refs {
			for i := range b {
				b[i] = byte(r >> (8 * i))
			}
			d.Write(b[:])
		}
	}
	sum := d.Sum(nil)
	out := make([]byte, 0, 2+len(host)+16)
	out = append(out, '~')
	out = append(out, host...)
	out = append(out, '~')
	out = hex.AppendEncode(out, sum)
	return string(out)
}

// meta reads a <meta> tag: og:title or twitter:title as the title when the
// page has no <title> yet, og:url and og:site_name for Site.
func (e *Extractor) meta(z *html.Tokenizer) {
	const (
		isTitle = 1 + iota
		isURL
		isName
	)
	var what int
	var content []byte
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "property", "name":
			switch string(v) {
			case "og:title", "twitter:title":
				what = isTitle
			case "og:url":
				what = isURL
			case "og:site_name":
				what = isName
			}
		case "content":
			content = v
		}
	}
	if len(content) == 0 {
		return
	}
	switch what {
	case isTitle:
		if len(e.title) == 0 {
			e.title = appendCollapsed(e.title, content)
		}
	case isURL:
		if len(e.site.ogURL) == 0 {
			e.site.ogURL = appendHost(e.site.ogURL, content)
		}
	case isName:
		if len(e.site.name) == 0 {
			e.site.name = lowerASCII(appendCollapsed(e.site.name, content))
		}
	}
}

// link reads a <link> tag: a canonical link's host, and the references of
// stylesheets and icons, for Site.
func (e *Extractor) link(z *html.Tokenizer) {
	var canonical, ref bool
	var href []byte
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "rel":
			for _, tok := range bytes.Fields(v) {
				switch {
				case equalFoldASCII(tok, "canonical"):
					canonical = true
				case equalFoldASCII(tok, "stylesheet"), equalFoldASCII(tok, "icon"), equalFoldASCII(tok, "apple-touch-icon"):
					ref = true
				}
			}
		case "href":
			href = v
		}
	}
	if len(href) == 0 {
		return
	}
	if canonical && len(e.site.canonical) == 0 {
		e.site.canonical = appendHost(e.site.canonical, href)
	}
	if ref && len(e.site.refs) < maxSiteRefs {
		e.site.refs = append(e.site.refs, refHash(href))
		if _, ok := urlHost(href); ok {
			e.site.absRef = true
		}
	}
}

// appendHost appends the host of the absolute or scheme-relative URL u,
// lower-cased, without "www.", user, port or a final dot, to dst; nothing
// for a relative URL.
func appendHost(dst, u []byte) []byte {
	h, ok := urlHost(u)
	if !ok {
		return dst
	}
	start := len(dst)
	dst = append(dst, h...)
	lowerASCII(dst[start:])
	dst = bytes.TrimSuffix(dst, []byte("."))
	if bytes.HasPrefix(dst[start:], []byte("www.")) {
		dst = append(dst[:start], dst[start+4:]...)
	}
	return dst
}

// urlHost returns the host of the absolute or scheme-relative URL u, as
// written, and whether it has one: "scheme://" (a scheme is a letter and
// then letters, digits, '+', '-' or '.') or "//" must start it.
func urlHost(u []byte) ([]byte, bool) {
	u = bytes.TrimSpace(u)
	switch i := bytes.Index(u, []byte("://")); {
	case bytes.HasPrefix(u, []byte("//")):
		u = u[2:]
	case i > 0 && isScheme(u[:i]):
		u = u[i+3:]
	default:
		return nil, false
	}
	if i := bytes.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	if i := bytes.LastIndexByte(u, '@'); i >= 0 {
		u = u[i+1:]
	}
	if i := bytes.LastIndexByte(u, ':'); i >= 0 && !bytes.Contains(u[i:], []byte("]")) {
		u = u[:i]
	}
	return u, len(u) > 0
}

// isScheme reports whether b is a URL scheme.
func isScheme(b []byte) bool {
	for i, c := range b {
		switch {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return len(b) > 0
}

// refHash hashes a stylesheet's or icon's reference without its query or
// fragment, ASCII case and runs of digits.
func refHash(href []byte) uint64 {
	href = bytes.TrimSpace(href)
	if i := bytes.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	var d xxhash.Digest
	d.Reset()
	var buf [64]byte
	n := 0
	digits := false
	for _, c := range href {
		if c-'0' < 10 {
			if digits {
				continue
			}
			digits, c = true, '#'
		} else {
			digits = false
			if c-'A' < 26 {
				c += 'a' - 'A'
			}
		}
		if n == len(buf) {
			d.Write(buf[:])
			n = 0
		}
		buf[n] = c
		n++
	}
	d.Write(buf[:n])
	return d.Sum64()
}

// equalFoldASCII reports whether b is s (lower-case ASCII), ignoring ASCII
// case.
func equalFoldASCII(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		c := b[i]
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}
