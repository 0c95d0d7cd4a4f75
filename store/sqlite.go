package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"sync"

	"dyad/event"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed schema.sql
var schema string

// SQLite is the embedded Store: one database file in WAL mode, any number of
// readers, one writer at a time.
type SQLite struct {
	db   *sql.DB
	path string
	wmu  sync.Mutex // one Add at a time
}

var _ Store = (*SQLite)(nil)

// Open opens (creating it if needed) the SQLite database at path.
func Open(ctx context.Context, path string) (*SQLite, error) {
	if path == "" {
		return nil, fmt.Errorf("store: empty database path")
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)", "temp_store(MEMORY)", "cache_size(-65536)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	s := &SQLite{db: db, path: path}
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: creating the schema: %w", path, err)
	}
	return s, nil
}

// Close closes the database, first letting SQLite refresh the statistics
// its query planner uses where they are stale (PRAGMA optimize, bounded).
func (s *SQLite) Close() error {
	_, err := s.db.Exec(`PRAGMA analysis_limit = 400; PRAGMA optimize`)
	return errors.Join(err, s.db.Close())
}

// DB gives the underlying database handle, for tests and maintenance.
func (s *SQLite) DB() *sql.DB { return s.db }

// Hash is the content hash that identifies a document: SHA-256 of its text.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// Stored reports whether mentions of this modality become events: negated
// and hypothetical mentions are not stored.
func Stored(modality string) bool {
	return modality != event.Negated && modality != event.Hypothetical
}

// TopCode is an actor's country or organisation level code: RUS, IGOEU.
func TopCode(a event.Actor) string {
	switch {
	case a.Org != "":
		return "IGO" + a.Org
	case a.Country != "":
		return a.Country
	}
	return a.Code
}

// HasText reports whether a document with this text is stored.
func (s *SQLite) HasText(ctx context.Context, text string) (bool, error) {
	var seen bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE hash = ?)`, Hash(text)).Scan(&seen)
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return seen, nil
}

// Counts sizes the store.
func (s *SQLite) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM mentions), (SELECT count(*) FROM events)`).
		Scan(&c.Documents, &c.Mentions, &c.Events)
	if err != nil {
		return c, fmt.Errorf("store: %w", err)
	}
	return c, nil
}
