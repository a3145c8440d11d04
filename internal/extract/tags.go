package extract

import "golang.org/x/net/html/atom"

// Element kinds.
const (
	kInline uint8 = iota // a, span, b, unknown elements, …: no block break
	kBlock               // p, div, li, …: breaks blocks, gets a node
	kScope               // table, td, th, caption: a block that end tags do not look through
	kSkip                // template, svg, select, …: content is never text
	kVoid                // br, img, meta, …: never open
	kRaw                 // script, style, title, …: the tokenizer returns their content as one text token
	kIgnore              // html, head, body: not tracked
	kRoot                // the stack's bottom frame
)

type tagKind struct {
	kind    uint8
	closesP bool // a start tag that closes an open <p>
}

// tagInfo returns how an element is treated; unknown elements (a == 0) are
// inline.
func tagInfo(a atom.Atom) tagKind {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr,
		atom.Basefont, atom.Bgsound, atom.Frame, atom.Image:
		return tagKind{kind: kVoid}
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Noembed, atom.Noframes,
		atom.Textarea, atom.Title:
		return tagKind{kind: kRaw}
	case atom.Xmp:
		return tagKind{kind: kRaw, closesP: true}
	case atom.Template, atom.Svg, atom.Math, atom.Object, atom.Applet, atom.Canvas, atom.Audio,
		atom.Video, atom.Select, atom.Datalist, atom.Map, atom.Frameset, atom.Picture:
		return tagKind{kind: kSkip}
	case atom.Html, atom.Head, atom.Body:
		return tagKind{kind: kIgnore}
	case atom.Table:
		return tagKind{kind: kScope, closesP: true}
	case atom.Td, atom.Th, atom.Caption:
		return tagKind{kind: kScope}
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details,
		atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.Header, atom.Hgroup, atom.Main, atom.Menu, atom.Nav,
		atom.Ol, atom.P, atom.Section, atom.Summary, atom.Ul, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Pre, atom.Listing, atom.Li, atom.Dd, atom.Dt,
		atom.Plaintext, atom.Search:
		return tagKind{kind: kBlock, closesP: true}
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Legend, atom.Optgroup, atom.Option,
		atom.Button, atom.Output, atom.Marquee:
		return tagKind{kind: kBlock}
	}
	return tagKind{kind: kInline}
}
