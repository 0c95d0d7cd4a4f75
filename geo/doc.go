// Package geo owns the gazetteer: place names (canonical English name and
// French, Spanish and other press variants) mapped to a country (ISO 3166-1
// alpha-3) and coordinates. The places come from data/geo/places.tsv; Load
// compiles them once into an immutable Gazetteer that Lookup queries with
// case-, accent- and apostrophe-insensitive matching.
package geo
