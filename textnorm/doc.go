// Package textnorm owns the normalisation of raw document text, typically
// extracted from PDF or HTML: Unicode NFC, odd spaces, apostrophes and
// double quotes unified, invisible characters dropped, lines broken inside
// paragraphs re-joined, words hyphenated at line ends re-assembled, and
// paragraphs separated by one blank line. The Result keeps a byte-offset map
// back to the raw text so every later span can point into the document
// exactly as it was given.
//
// Which words are compound prefixes ("vice-") and which are function words
// (a line ending in "de" is no title) is language data; Options takes it as
// functions, normally from lang.Data, and Normalize uses the embedded data.
package textnorm
