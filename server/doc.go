// Package server is dyad's HTTP API (docs/api.md) over a store.Store, and
// the web page of package web served at "/".
//
// Read endpoints are GET and open; POST /api/code and /api/ingest need the
// bearer token the server was given, and are refused (403) when it has none.
// Request bodies, query strings and handler time are bounded.
package server
