// Package gen holds the generators of dyad's data files. Run them with
// `go generate ./data/gen/` from the repository root; each rewrites only
// the part of a data file it owns and leaves hand-written lines alone.
//
// countries rewrites the "names from CLDR (generated)" section of
// data/actors/countries.tsv: the French, English and Spanish names of every
// ISO 3166-1 country (plus Kosovo) from the CLDR data shipped in
// golang.org/x/text/language/display.
package gen

//go:generate go run ./countries -file ../actors/countries.tsv
