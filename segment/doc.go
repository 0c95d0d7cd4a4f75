// Package segment owns sentence splitting and tokenisation of normalised
// text. Tokens and sentences carry byte spans in the raw document (through
// the textnorm offset map), the normalised surface form, and a folded form
// (lower case, no accents) that dictionaries match on. What is an
// abbreviation, an elision or a clitic is per-language data from lang; the
// rules here are language-neutral.
package segment
