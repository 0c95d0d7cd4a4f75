// Package ingest owns dyad's document sources: plain-text files, JSON Lines
// corpora, web pages (HTML), RSS and Atom feeds, WARC web archives, any of
// them gzipped, folders of them, http(s) URLs and standard input. The format
// is chosen by extension, else by content (gzip magic, "WARC/", <rss>,
// <feed>, <html>).
//
// It streams documents one at a time (a corpus is never held in memory
// whole; a WARC file is read record by record) and reports a document it
// cannot read as a *DocError naming the file and, for JSON Lines, the line,
// for feeds the item, for WARC files the record's byte offset, so that a run
// can go on with the rest.
//
// Web pages are read with go-readability (main text without menus, ads or
// comments, title, metadata dates), and a second pass of its own for dates
// that are only in <time> elements or written in words ("ven., 19 nov.
// 2021"), with the month names of data/timex.
//
// Checking that a text is codable (empty, binary, invalid UTF-8) is left to
// the pipeline: ingest yields such documents as they are and pipeline.Check
// rejects them, so every input gets exactly one verdict.
package ingest
