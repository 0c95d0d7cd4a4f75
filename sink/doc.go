// Package sink writes event records in the output formats of dyad code:
// JSON Lines (event.schema.json), an aligned table for people, CSV (one flat
// row per event), the GDELT 2.0 event export (61 tab-separated columns) and
// Parquet (typed columns in row groups). Every writer streams: memory does
// not grow with the number of events, except Parquet's current row group.
//
// docs/formats.md documents every column and the GDELT mapping.
package sink
