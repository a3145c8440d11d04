package wire

import (
	"errors"
	"fmt"
	"math"
)

// Config describes a corpus. The zero value is valid and means
// DefaultConfig(): every field left at zero takes its default.
type Config struct {
	// Stories is the number of wire stories. Default 500.
	Stories int
	// CopiesMin and CopiesMax bound the number of copies of each story,
	// drawn uniformly from [CopiesMin, CopiesMax]; the copies of a story
	// are on distinct sites. Defaults 0 and 12, so about one story in 13
	// has no copy. A negative CopiesMax means no copies at all.
	CopiesMin, CopiesMax int
	// Sites is the number of publishing sites, not counting the three wire
	// services whose pages are the originals. It must be at least
	// CopiesMax. Default 40.
	Sites int
	// Seed selects the corpus: the same Config always yields the same
	// corpus, byte for byte, and 0 (the default) is a seed like any other.
	Seed uint64

	// SameTemplateRate, DigestRate and FollowUpRate are the numbers of
	// hard negatives of each kind per wire story (rounded to the nearest
	// whole number of documents). Defaults 2, 0.2 and 0.6, so that at the
	// default copy counts about 28 % of the documents are hard negatives.
	// A negative rate means none.
	SameTemplateRate, DigestRate, FollowUpRate float64
}

// Default values of Config.
const (
	DefaultStories          = 500
	DefaultCopiesMin        = 0
	DefaultCopiesMax        = 12
	DefaultSites            = 40
	DefaultSameTemplateRate = 2.0
	DefaultDigestRate       = 0.2
	DefaultFollowUpRate     = 0.6
)

// maxDocs bounds the size of a corpus, to keep counts far from overflow.
const maxDocs = 1 << 30

// DefaultConfig returns the default configuration, seed 0.
func DefaultConfig() Config {
	return Config{
		Stories:          DefaultStories,
		CopiesMin:        DefaultCopiesMin,
		CopiesMax:        DefaultCopiesMax,
		Sites:            DefaultSites,
		SameTemplateRate: DefaultSameTemplateRate,
		DigestRate:       DefaultDigestRate,
		FollowUpRate:     DefaultFollowUpRate,
	}
}

// withDefaults returns c with zero fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.Stories == 0 {
		c.Stories = DefaultStories
	}
	if c.CopiesMax == 0 {
		c.CopiesMax = DefaultCopiesMax
	}
	if c.Sites == 0 {
		c.Sites = DefaultSites
	}
	if c.SameTemplateRate == 0 {
		c.SameTemplateRate = DefaultSameTemplateRate
	}
	if c.DigestRate == 0 {
		c.DigestRate = DefaultDigestRate
	}
	if c.FollowUpRate == 0 {
		c.FollowUpRate = DefaultFollowUpRate
	}
	return c
}

// ErrConfig is wrapped by the errors of Config.Validate.
var ErrConfig = errors.New("wire: invalid config")

// Validate reports whether Generate accepts c (after defaults are applied
// to its zero fields).
func (c Config) Validate() error {
	c = c.withDefaults()
	copiesMax := max(c.CopiesMax, 0)
	switch {
	case c.Stories < 0:
		return fmt.Errorf("%w: Stories = %d is negative", ErrConfig, c.Stories)
	case c.Sites < 0:
		return fmt.Errorf("%w: Sites = %d is negative", ErrConfig, c.Sites)
	case c.CopiesMin < 0:
		return fmt.Errorf("%w: CopiesMin = %d is negative", ErrConfig, c.CopiesMin)
	case c.CopiesMin > copiesMax:
		return fmt.Errorf("%w: CopiesMin = %d is greater than CopiesMax = %d", ErrConfig, c.CopiesMin, copiesMax)
	case copiesMax > c.Sites:
		return fmt.Errorf("%w: CopiesMax = %d is greater than Sites = %d (copies of a story are on distinct sites)", ErrConfig, copiesMax, c.Sites)
	}
	for _, r := range []struct {
		name string
		v    float64
	}{{"SameTemplateRate", c.SameTemplateRate}, {"DigestRate", c.DigestRate}, {"FollowUpRate", c.FollowUpRate}} {
		if math.IsNaN(r.v) || math.IsInf(r.v, 0) || r.v > 1000 {
			return fmt.Errorf("%w: %s = %v (want a number of documents per story, at most 1000)", ErrConfig, r.name, r.v)
		}
	}
	if n := float64(c.Stories) * (1 + float64(copiesMax) + max(c.SameTemplateRate, 0) + max(c.DigestRate, 0) + max(c.FollowUpRate, 0)); n > maxDocs {
		return fmt.Errorf("%w: up to %.0f documents, more than the limit of %d", ErrConfig, n, maxDocs)
	}
	return nil
}

// count returns the number of documents for a per-story rate.
func (c Config) count(rate float64) int {
	if rate <= 0 {
		return 0
	}
	return int(math.Round(rate * float64(c.Stories)))
}
