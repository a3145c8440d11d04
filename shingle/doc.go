// Package shingle turns text into normalised tokens and seeded 64-bit hashes
// of shingles (word or character n-grams), the input of MinHash.
//
// # Normalisation
//
// Text is normalised with NFKC, full Unicode case folding (CaseFolding.txt,
// statuses C and F, not Turkic) and NFKC again, repeated until it no longer
// changes, which makes normalisation idempotent. StripDiacritics then applies
// canonical decomposition, removes nonspacing marks (Mn) and recomposes.
// FoldDigits maps every decimal digit (Nd) to '0'. Invalid UTF-8 is treated
// like U+FFFD, a symbol: it separates tokens and is dropped.
//
// # Tokens
//
// Tokens follow the word boundaries of Unicode Standard Annex #29 on the
// normalised text, tailored for matching news text:
//
//   - letters (L*, Nl) and digits (Nd) form tokens; letters followed by digits
//     and the reverse stay one token ("covid19", "3rd");
//   - a MidNumLet character (full stop, apostrophes ' ’ ‘, …) between two
//     letters or two digits, a MidLetter character (· and others, but not the
//     colon) between two letters, a MidNum character (comma, semicolon, …)
//     between two digits, and connector punctuation ('_') join their
//     neighbours and are dropped: "don't" → "dont", "U.S." → "us",
//     "3,000.50" → "300050", "snake_case" → "snakecase";
//   - combining marks stay with the character before them, format controls
//     (soft hyphen, zero-width joiner, …) are ignored;
//   - everything else — spaces, punctuation, symbols, emoji — separates tokens
//     and is dropped; "well-known" is two tokens;
//   - Han, Hiragana, Katakana (with U+30FC), Thai, Lao, Khmer and Myanmar are
//     written without spaces between words, so each run of them yields
//     overlapping bigrams of its characters: 我们是学生 → 我们 们是 是学 学生
//     (a run of one character is a token of one character). Hangul is written
//     with spaces and forms word tokens.
//
// Two further rules keep normalisation idempotent: a character that could
// compose with the text before a dropped character (a combining mark or a
// conjoining jamo right after a joining apostrophe, '_' or format control) does
// not join across it. AppendNormalized writes the tokens separated by single
// spaces, each ideographic run as one piece; normalising that output again
// returns it unchanged, and it yields the same shingles as the original text.
//
// # Shingles and hashes
//
// A token's hash is its normalised UTF-8 bytes in 8-byte little-endian chunks,
// each folded in with a multiply-rotate-multiply bijection. A word shingle of
// N tokens t₀…t_{N−1} hashes to finish(XOR of rotl(tᵢ, N−1−i), seed); the
// window is updated in O(1) per token. A text with at least one but fewer than
// N tokens yields exactly one shingle made of all of them, keyed differently
// from full shingles; a text without tokens yields none. Character shingles
// hash N consecutive characters of the normalised text (spaces included) the
// same way, one shingle of all of it if it is shorter.
//
// All arithmetic is on explicit widths and byte orders, so hashes are the same
// on every platform. They depend on the Unicode version of the Go toolchain
// (15.0 for Go 1.24–1.26) and of golang.org/x/text only for characters new in
// a later version.
//
// # Speed
//
// ASCII text is classified 64 bytes at a time into bit masks and its tokens
// are hashed without a per-byte loop; other text goes through a per-code-point
// table built lazily from golang.org/x/text (each page of 256 code points is
// built once per process and shared). Only characters that may compose or be
// reordered by normalisation (combining marks, conjoining jamo, …) send a span
// of text, up to the next separator, through x/text itself. A Shingler reuses
// its buffers and allocates nothing per document once warmed up.
package shingle
