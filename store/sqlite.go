package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

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
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "foreign_keys(1)", "synchronous(NORMAL)"} {
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

// Close closes the database.
func (s *SQLite) Close() error { return s.db.Close() }

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

// addStmts are the statements of one Add, prepared in its transaction.
type addStmts struct {
	hashSeen, idSeen, doc, event, seen, counts, first, mention, fts, actor, docMentions *sql.Stmt
}

func prepare(ctx context.Context, tx *sql.Tx) (*addStmts, error) {
	var st addStmts
	for _, p := range []struct {
		s   **sql.Stmt
		sql string
	}{
		{&st.hashSeen, `SELECT 1 FROM documents WHERE hash = ?`},
		{&st.idSeen, `SELECT 1 FROM documents WHERE ext_id = ?`},
		{&st.doc, `INSERT INTO documents (ext_id, hash, title, url, published, lang, source, text, sentences, actors, mentions, added)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`},
		{&st.event, `INSERT INTO events (date, source, target, code, root, quad, goldstein, plover,
			src_top, src_country, src_org, src_roles, src_name, tgt_top, tgt_country, tgt_org, tgt_roles, tgt_name, has_target,
			loc_name, loc_country, loc_lat, loc_lon, mentions, sources, documents)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0)
			ON CONFLICT (date, source, target, code) DO UPDATE SET mentions = mentions + 1
			RETURNING id, mentions`},
		{&st.seen, `SELECT EXISTS (SELECT 1 FROM mentions WHERE event = ?1 AND doc = ?2),
			EXISTS (SELECT 1 FROM mentions WHERE event = ?1 AND publisher = ?3)`},
		{&st.counts, `UPDATE events SET documents = documents + ?, sources = sources + ? WHERE id = ?`},
		{&st.first, `UPDATE events SET first_mention = ? WHERE id = ?`},
		{&st.mention, `INSERT INTO mentions (event, doc, publisher, sentence, span_start, span_end, trig_start, trig_end, text, modality, record)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.fts, `INSERT INTO mention_text (rowid, text) VALUES (?, ?)`},
		{&st.actor, `INSERT INTO actors (code, name, events) VALUES (?, ?, 1)
			ON CONFLICT (code, name) DO UPDATE SET events = events + 1`},
		{&st.docMentions, `UPDATE documents SET mentions = ? WHERE id = ?`},
	} {
		s, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			return nil, err
		}
		*p.s = s
	}
	return &st, nil
}

// Add stores items in one transaction: all of them or, on error, none.
func (s *SQLite) Add(ctx context.Context, items []Item) (res AddResult, err error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("store: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			res = AddResult{}
		}
	}()
	st, err := prepare(ctx, tx)
	if err != nil {
		return res, fmt.Errorf("store: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for i := range items {
		id, err := s.addOne(ctx, st, &items[i], now, &res)
		if err != nil {
			return res, fmt.Errorf("store: document %s: %w", docName(items[i].Doc), err)
		}
		res.IDs = append(res.IDs, id)
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("store: commit: %w", err)
	}
	return res, nil
}

func docName(d event.Document) string {
	if d.Origin != "" {
		return d.Origin
	}
	return d.ID
}

func exists(ctx context.Context, st *sql.Stmt, args ...any) (bool, error) {
	var one int
	err := st.QueryRowContext(ctx, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// addOne stores one document and its mentions; it returns the stored id.
func (s *SQLite) addOne(ctx context.Context, st *addStmts, it *Item, now string, res *AddResult) (string, error) {
	d := it.Doc
	hash := Hash(d.Text)
	if seen, err := exists(ctx, st.hashSeen, hash); err != nil || seen {
		if seen {
			res.Duplicates++
		}
		return "", err
	}
	ext := d.ID
	if ext == "" {
		ext = hash[:16]
	}
	if taken, err := exists(ctx, st.idSeen, ext); err != nil {
		return "", err
	} else if taken { // another text under the same id
		ext += "~" + hash[:12]
	}
	lang := it.Lang
	if lang == "" {
		lang = d.Lang
	}
	sents, err := json.Marshal(nonNil(it.Sentences))
	if err != nil {
		return "", err
	}
	actors, err := json.Marshal(nonNil(it.Actors))
	if err != nil {
		return "", err
	}
	r, err := st.doc.ExecContext(ctx, ext, hash, d.Title, d.URL, d.Published, lang, d.Source, d.Text, string(sents), string(actors), now)
	if err != nil {
		return "", err
	}
	docID, err := r.LastInsertId()
	if err != nil {
		return "", err
	}
	res.Documents++
	publisher := d.Source
	if publisher == "" {
		publisher = "doc:" + ext
	}
	n := 0
	for _, ev := range it.Events {
		if !Stored(ev.Modality) {
			continue
		}
		if err := addMention(ctx, st, docID, publisher, ev, res); err != nil {
			return "", fmt.Errorf("sentence %d: %w", ev.Sentence, err)
		}
		n++
	}
	if _, err := st.docMentions.ExecContext(ctx, n, docID); err != nil {
		return "", err
	}
	return ext, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func addMention(ctx context.Context, st *addStmts, docID int64, publisher string, ev event.Event, res *AddResult) error {
	src := ev.Source
	var tgt event.Actor
	hasTarget := 0
	if ev.Target != nil {
		tgt, hasTarget = *ev.Target, 1
	}
	tgtTop := ""
	if hasTarget == 1 {
		tgtTop = TopCode(tgt)
	}
	var locName, locCountry any
	var lat, lon any
	if l := ev.Location; l != nil {
		name := l.Name
		if name == "" {
			name = l.Text
		}
		locName, locCountry = name, l.Country
		if l.Lat != nil && l.Lon != nil {
			lat, lon = *l.Lat, *l.Lon
		}
	}
	var eventID int64
	var mentions int
	err := st.event.QueryRowContext(ctx, ev.Date, src.Code, tgt.Code, ev.Code, ev.Root, ev.Quad, ev.Goldstein, ev.Plover,
		TopCode(src), src.Country, src.Org, strings.Join(src.Roles, " "), src.Name,
		tgtTop, tgt.Country, tgt.Org, strings.Join(tgt.Roles, " "), tgt.Name, hasTarget,
		locName, locCountry, lat, lon).Scan(&eventID, &mentions)
	if err != nil {
		return err
	}
	newDoc, newSource := 1, 1
	if mentions > 1 {
		var docSeen, pubSeen bool
		if err := st.seen.QueryRowContext(ctx, eventID, docID, publisher).Scan(&docSeen, &pubSeen); err != nil {
			return err
		}
		if docSeen {
			newDoc = 0
		}
		if pubSeen {
			newSource = 0
		}
	}
	if newDoc+newSource > 0 {
		if _, err := st.counts.ExecContext(ctx, newDoc, newSource, eventID); err != nil {
			return err
		}
	}
	record, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	var ts, te any
	if ev.Trigger != nil {
		ts, te = ev.Trigger.Start(), ev.Trigger.End()
	}
	r, err := st.mention.ExecContext(ctx, eventID, docID, publisher, ev.Sentence, ev.Span.Start(), ev.Span.End(), ts, te, ev.Text, ev.Modality, string(record))
	if err != nil {
		return err
	}
	mid, err := r.LastInsertId()
	if err != nil {
		return err
	}
	if _, err := st.fts.ExecContext(ctx, mid, ev.Text); err != nil {
		return err
	}
	res.Mentions++
	if mentions == 1 {
		res.NewEvents++
		if _, err := st.first.ExecContext(ctx, mid, eventID); err != nil {
			return err
		}
		if _, err := st.actor.ExecContext(ctx, src.Code, src.Name); err != nil {
			return err
		}
		if hasTarget == 1 {
			if _, err := st.actor.ExecContext(ctx, tgt.Code, tgt.Name); err != nil {
				return err
			}
		}
	}
	return nil
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
