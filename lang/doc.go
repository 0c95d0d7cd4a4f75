// Package lang owns language detection and the per-language data the other
// stages need: abbreviations, elisions, clitics, words that stay whole,
// compound prefixes and function words. The data lives in
// data/lang/<code>/*.tsv (one folder per language, so adding a language is
// adding a folder); this package only parses it and answers questions about
// it. The algorithms here are language-neutral.
package lang
