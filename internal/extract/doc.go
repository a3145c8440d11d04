// Package extract reduces an HTML page to its text: the main text (the
// article body and its headline, without navigation, related links,
// comments and footers) or the whole text.
//
// It is the hot path of a WARC scan, so it makes a single pass over the
// golang.org/x/net/html Tokenizer, never builds a DOM, uses no regular
// expressions and reuses its buffers from page to page.
//
// # Text conventions
//
// The text is UTF-8 with one line per block: a paragraph, heading, list
// item, table cell, blockquote or run of text directly inside a div; <br>
// starts a new line within a block, and so does each line of a <pre>.
// Character references are decoded; within a line every run of white space
// (no-break and other Unicode spaces included) becomes one space; lines are
// trimmed, empty lines are dropped and every line ends with '\n'. Invalid
// UTF-8, U+FFFD, NUL and other control characters are dropped, so the text
// is always valid UTF-8 and never longer than the page plus one byte.
//
// The content of script, style, noscript, template, svg, math, iframe,
// object, canvas, audio, video, select, textarea and title elements, the
// head and comments are never text (All mode included).
//
// # Main text
//
// The selection combines the container scoring of Readability (Arc90,
// 2010; Mozilla readability.js) with the shallow text features of
// boilerpipe (Kohlschütter, Fankhauser and Nejdl, "Boilerplate Detection
// using Shallow Text Features", WSDM 2010) and the edge handling of jusText
// (Pomikálek, "Removing Boilerplate and Duplicate Content from Web
// Corpora", 2011). The single pass records blocks (their text, length,
// characters inside links and commas) and a light tree of the block-level
// elements that hold them; then:
//
//  1. Marks. Elements nav, header, footer, aside, figcaption, button,
//     dialog, menu and fieldset are marked as boilerplate, and so are
//     elements whose class, id, role or aria-label names navigation,
//     menus, sidebars, related or popular items, sharing, comments,
//     cookies, newsletters, ads, promotions, breadcrumbs, captions and the
//     like. A class name is read as an English compound whose last word is
//     its head: "article-comments" is boilerplate, "comments-article" and
//     "post-content share-enabled" are content; generic words ("content",
//     "body", "main", "text") and plurals ("related-posts") do not make
//     content. Hidden elements are marked too. Marks cover their subtree,
//     except that a marked element holding half of the page's long,
//     link-poor text and its headline, or holding a <main> or
//     itemprop=articleBody element, is a wrapper and not boilerplate.
//  2. Scores. Each unmarked block of 25 or more characters adds
//     (1 + commas + min(length/100, 3)) × (1 − its link density) to the
//     container of its paragraph, half of that to the next one up and a
//     sixth, a ninth and a twelfth to the three above. Containers start from a
//     score for their tag, ±25 for a class naming content or boilerplate,
//     +25 for <article> and <main>, +50 for itemprop=articleBody and +25
//     more for the <article> that holds the headline; every score is then
//     multiplied by one minus the container's link density, and halved for
//     a container of several <article>s (a list of teasers).
//  3. Region. The best container wins; it is replaced by an ancestor that
//     holds three of the other near-best containers or that scores higher
//     than the path to it. The region is the winner, its siblings that
//     score at least 0.3 of it (0.1 with the same class) or are long
//     link-poor paragraphs, and the
//     containers elsewhere with the winner's tag and class (an article body
//     that the markup splits in parts).
//  4. Blocks. The region's blocks are kept unless marked or link-dense
//     (more than Options.MaxLinkDensity of their characters in links).
//     Labels such as "Advertisement" are dropped, and so are the short
//     blocks that are neither headings nor sentences (bylines, dates,
//     "Share this", "1 comment") before the first and after the last long,
//     link-poor block, unless they add up to much of the text.
//  5. Headline. The h1 that matches the page title and is not a link
//     (else the title without its site name) opens the text unless the
//     region holds it already.
//
// If honouring the marks leaves less than Options.MinChars characters, the
// selection is repeated without the marks of classes, ids and roles, then
// without those of tags, and the longest result is kept; a page without any
// block long enough to score is its unmarked, link-poor text.
//
// On the 181 pages of the Zyte article-extraction benchmark the median word
// 5-gram Jaccard similarity between this main text and the human-checked
// article body is 0.96 (see TestBenchmarkPages).
package extract
