// Package wire generates a labelled corpus of syndicated news for
// evaluating near-duplicate detection: wire stories, the copies that
// publishing sites make of them, and hard negatives that look like copies
// but are not.
//
// Each wire story (English text from bench/corpus, with a headline and a
// dateline such as "OAKGATE, May 14 (Wirecast) -") is published on its wire
// service's own page, the Original, and copied by up to Config.CopiesMax
// publishing sites minutes to days later. A copy has one kind of noise, or
// several at once (Kind documents each): the bare story (Verbatim), a
// brand or spam word in the title and dateline (Brand), the site's page
// template around it (Template), only the first paragraphs and a "Read
// more…" marker (Truncated), a locally written paragraph (Local), 2–8 % of
// the words changed (Edited), or, most often, a realistic mix (Combined).
// Every site has a template of its own: header and navigation lines,
// "Related stories" or "Most read" lists of headlines, a footer with a
// copyright line, links and newsletter prompts, from a few lines to a few
// kilobytes.
//
// The hard negatives must not be clustered with anything: local stories on
// the same templates as copies (SameTemplate), morning briefings quoting a
// paragraph from each of several stories (Digest), and new stories reusing
// one background paragraph of an earlier one (FollowUp). At the defaults
// they are about 28 % of the documents.
//
// The ground truth gives an original and its copies the label
// "story-<index>" and every other document a label of its own;
// Corpus.Truth returns it as an eval.Assignment, and Corpus.WriteTruth
// writes it in the format eval.ReadTruth reads. Documents are shuffled so
// that copies are never next to their originals, and IDs ("doc-000123")
// reveal nothing about labels.
//
// How hard the task is, at the defaults (word 5-gram shingles of whole
// pages): Truncated copies have a median Jaccard similarity of 0.15 with
// their original but containment (of the smaller set in the larger) of
// 0.96; about half of the Combined copies have Jaccard below 0.5, most of
// which containment still finds; a Combined copy that is both truncated and
// wrapped in a long template is hard for any whole-page measure. The
// package tests report these figures.
//
// Generation is deterministic: the output depends only on the Config, is
// identical on every platform (the randomness is corpus.Rand, integer
// arithmetic only), and a golden checksum in the tests makes changes
// deliberate. All names of people, places, sites and wire services are
// invented; all template text was written for this package.
package wire
