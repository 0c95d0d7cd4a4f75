// Package ingest owns dyad's document sources: plain-text files, JSON Lines
// corpora, folders of both, and standard input. It streams documents one at a
// time (a corpus is never held in memory whole) and reports a document it
// cannot read as a *DocError naming the file and, for JSON Lines, the line, so
// that a run can go on with the rest.
//
// Checking that a text is codable (empty, binary, invalid UTF-8) is left to
// the pipeline: ingest yields such documents as they are and pipeline.Check
// rejects them, so every input gets exactly one verdict.
package ingest
