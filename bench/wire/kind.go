package wire

import "fmt"

// Kind says how a document was made: the wire service's own page, a copy
// with some kind of noise, or a hard negative.
type Kind uint8

// The kinds of documents. Original and the copy kinds (Verbatim to
// Combined) of one story share its label; every hard negative (SameTemplate,
// Digest, FollowUp) has a label of its own.
const (
	// Original is the wire service's own page of a story: the story inside
	// the wire's page furniture, with a byline and a reporting credit.
	Original Kind = iota
	// Verbatim is the story text alone: title, dateline and paragraphs.
	Verbatim
	// Brand is the story with the site's brand or a spam word injected into
	// the title and the dateline ("Title - DailyBayNews", "(DailyBayNews) -",
	// "BREAKING: Title").
	Brand
	// Template is the story, unchanged and contiguous, inside the site's
	// page template: header and navigation, lists of other headlines,
	// footer.
	Template
	// Truncated is the title, the dateline and only the first one to three
	// paragraphs, followed by a marker such as "Read more…".
	Truncated
	// Local is the story with one locally written paragraph added at the
	// start, in the middle or at the end.
	Local
	// Edited is the story with 2–8 % of its words changed: synonyms, typos,
	// changed numbers, and sometimes two sentences swapped.
	Edited
	// Combined is a realistic web copy: Template and Brand together, often
	// also Truncated, Local or Edited, and headline links inside the text.
	// It is the most frequent kind of copy.
	Combined
	// SameTemplate is a hard negative: a different, locally written story
	// on the template of a site that also publishes copies.
	SameTemplate
	// Digest is a hard negative: a "morning briefing" page quoting one
	// paragraph from each of three to six wire stories.
	Digest
	// FollowUp is a hard negative: a new wire story that reuses one
	// background paragraph of an earlier story verbatim.
	FollowUp
	// Excerpt is a copy of three consecutive paragraphs from the middle of
	// a long story, without its title or dateline (GenerateSpam).
	Excerpt
	// TruncatedForeign is a truncated copy followed by a paragraph of
	// another story (GenerateSpam).
	TruncatedForeign

	numKinds = iota
)

var kindNames = [numKinds]string{"original", "verbatim", "brand", "template", "truncated", "local",
	"edited", "combined", "same-template", "digest", "follow-up", "excerpt", "truncated-foreign"}

// Kinds returns every Kind in order.
func Kinds() []Kind {
	ks := make([]Kind, numKinds)
	for i := range ks {
		ks[i] = Kind(i)
	}
	return ks
}

// String returns the lower-case name of the kind, as written in truth
// files: "original", "verbatim", "brand", "template", "truncated", "local",
// "edited", "combined", "same-template", "digest" or "follow-up".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// IsCopy reports whether k is one of the copy kinds, Verbatim to Combined.
func (k Kind) IsCopy() bool {
	return k >= Verbatim && k <= Combined || k == Excerpt || k == TruncatedForeign
}

// IsHardNegative reports whether k is SameTemplate, Digest or FollowUp.
func (k Kind) IsHardNegative() bool { return k >= SameTemplate && k <= FollowUp }

// MarshalText implements encoding.TextMarshaler with the name returned by
// String.
func (k Kind) MarshalText() ([]byte, error) {
	if int(k) >= len(kindNames) {
		return nil, fmt.Errorf("wire: invalid kind %d", int(k))
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting the names
// returned by String.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if string(b) == n {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("wire: unknown kind %q", b)
}
