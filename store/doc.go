// Package store keeps coded documents, their event mentions and the events
// those mentions fold into, and answers the queries of the HTTP API.
//
// Store is the interface; Open returns the embedded SQLite implementation
// (pure Go, modernc.org/sqlite), and a PostgreSQL implementation can satisfy
// the same interface. Mentions with the same date, source code, target code
// and CAMEO code fold into one Event that counts its mentions, its distinct
// sources (publishers, else documents) and its documents, like GDELT's
// NumMentions, NumSources and NumArticles.
//
// Documents are keyed by the SHA-256 of their text: adding the same text again
// adds nothing. Each call to Add is one transaction, so a crash loses only the
// batch in flight and never leaves a half-written document.
package store
