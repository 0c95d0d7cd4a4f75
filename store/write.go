package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"dyad/event"
)

// An Add runs in three steps inside one transaction: the new documents are
// inserted one by one; their mentions are grouped by event key and the events
// upserted a hundred at a time; then the mentions, their full-text entries
// and the actor counts are written in bulk. Statements over many rows keep
// the per-statement cost of the driver off the per-mention path.

const (
	eventCols   = 27
	eventRows   = 100
	mentionCols = 12
	mentionRows = 100
)

// addStmts are the statements of one Add, prepared in its transaction.
type addStmts struct {
	hashSeen, idSeen, doc, events, pubSeen, counts, mentions, fts, actor *sql.Stmt
}

func prepare(ctx context.Context, tx *sql.Tx) (*addStmts, error) {
	var st addStmts
	for _, p := range []struct {
		s   **sql.Stmt
		sql string
	}{
		{&st.hashSeen, `SELECT 1 FROM documents WHERE hash = ?`},
		{&st.idSeen, `SELECT 1 FROM documents WHERE ext_id = ?`},
		{&st.doc, `INSERT INTO documents (ext_id, hash, title, url, published, lang, source, text, sentences, actors, mentions, first_mention, added)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&st.events, eventUpsert(eventRows)},
		{&st.pubSeen, `SELECT 1 FROM mentions WHERE event = ? AND publisher = ? LIMIT 1`},
		{&st.counts, `UPDATE events SET documents = documents + ?, sources = sources + ? WHERE id = ?`},
		{&st.mentions, mentionInsert(mentionRows)},
		// Indexed once per batch: an FTS5 table written between other
		// statements flushes its pending terms at every statement.
		{&st.fts, `INSERT INTO mention_text (rowid, text) SELECT id, text FROM mentions WHERE id >= ?`},
		{&st.actor, `INSERT INTO actors (code, name, events) VALUES (?1, ?2, ?3)
			ON CONFLICT (code, name) DO UPDATE SET events = events + ?3`},
	} {
		s, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			return nil, err
		}
		*p.s = s
	}
	return &st, nil
}

// rows writes n placeholder groups of cols parameters.
func rows(b *strings.Builder, n, cols int) {
	group := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(group)
	}
}

// eventUpsert inserts n events, or adds their mentions to the stored ones.
// A returned mentions count equal to the one inserted means a new event.
func eventUpsert(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO events (date, source, target, code, root, quad, goldstein, plover,
		src_top, src_country, src_org, src_roles, src_name, tgt_top, tgt_country, tgt_org, tgt_roles, tgt_name, has_target,
		loc_name, loc_country, loc_lat, loc_lon, mentions, sources, documents, first_mention) VALUES `)
	// documents and sources are set by the caller; first_mention is given.
	rows(&b, n, eventCols)
	b.WriteString(` ON CONFLICT (source, target, date, code) DO UPDATE SET mentions = mentions + excluded.mentions
		RETURNING id, source, target, date, code, mentions`)
	return b.String()
}

// mentionInsert inserts n mention rows.
func mentionInsert(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO mentions (id, event, doc, publisher, sentence, span_start, span_end, trig_start, trig_end, text, modality, record) VALUES `)
	rows(&b, n, mentionCols)
	return b.String()
}

// eventKey is what mentions fold on.
type eventKey struct{ source, target, date, code string }

func keyOf(ev *event.Event) eventKey {
	k := eventKey{source: ev.Source.Code, date: ev.Date, code: ev.Code}
	if ev.Target != nil {
		k.target = ev.Target.Code
	}
	return k
}

// pendingMention is a mention waiting for its event's id.
type pendingMention struct {
	id        int64
	doc       int64
	publisher string
	ev        *event.Event
}

// group is the mentions of one event key in a batch.
type group struct {
	first      *pendingMention
	mentions   int
	docs       map[int64]bool
	publishers map[string]bool
	id         int64
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
	// One writer at a time (an immediate transaction): mention ids can be
	// given here, so that a new event names its first mention at once.
	var first int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM mentions`).Scan(&first); err != nil {
		return res, fmt.Errorf("store: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	var pending []pendingMention
	for i := range items {
		it := &items[i]
		id, docID, publisher, err := addDocument(ctx, st, it, first+int64(len(pending)), now, &res)
		if err != nil {
			return res, fmt.Errorf("store: document %s: %w", docName(it.Doc), err)
		}
		res.IDs = append(res.IDs, id)
		if docID == 0 {
			continue
		}
		for j := range it.Events {
			if ev := &it.Events[j]; Stored(ev.Modality) {
				pending = append(pending, pendingMention{id: first + int64(len(pending)), doc: docID, publisher: publisher, ev: ev})
			}
		}
	}
	if len(pending) > 0 {
		if err := writeMentions(ctx, tx, st, pending, &res); err != nil {
			return res, fmt.Errorf("store: %w", err)
		}
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

// addDocument inserts a document unless its text is stored; it returns its
// stored id, its row (0 for a duplicate) and its publisher.
// A document's mentions get consecutive ids from firstMention on.
func addDocument(ctx context.Context, st *addStmts, it *Item, firstMention int64, now string, res *AddResult) (string, int64, string, error) {
	d := it.Doc
	hash := Hash(d.Text)
	if seen, err := exists(ctx, st.hashSeen, hash); err != nil || seen {
		if seen {
			res.Duplicates++
		}
		return "", 0, "", err
	}
	ext := d.ID
	if ext == "" {
		ext = hash[:16]
	}
	if taken, err := exists(ctx, st.idSeen, ext); err != nil {
		return "", 0, "", err
	} else if taken { // another text under the same id
		ext += "~" + hash[:12]
	}
	lang := it.Lang
	if lang == "" {
		lang = d.Lang
	}
	sents, err := json.Marshal(nonNil(it.Sentences))
	if err != nil {
		return "", 0, "", err
	}
	actors, err := json.Marshal(nonNil(it.Actors))
	if err != nil {
		return "", 0, "", err
	}
	n := 0
	for _, ev := range it.Events {
		if Stored(ev.Modality) {
			n++
		}
	}
	r, err := st.doc.ExecContext(ctx, ext, hash, d.Title, d.URL, d.Published, lang, d.Source, d.Text, string(sents), string(actors), n, firstMention, now)
	if err != nil {
		return "", 0, "", err
	}
	docID, err := r.LastInsertId()
	if err != nil {
		return "", 0, "", err
	}
	res.Documents++
	publisher := d.Source
	if publisher == "" {
		publisher = "doc:" + ext
	}
	return ext, docID, publisher, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// eventArgs appends the columns of a new event made of g's mentions.
func eventArgs(args []any, g *group) []any {
	ev := g.first.ev
	src := ev.Source
	var tgt event.Actor
	hasTarget, tgtTop := 0, ""
	if ev.Target != nil {
		tgt, hasTarget, tgtTop = *ev.Target, 1, TopCode(*ev.Target)
	}
	var locName, locCountry, lat, lon any
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
	return append(args, ev.Date, src.Code, tgt.Code, ev.Code, ev.Root, ev.Quad, ev.Goldstein, ev.Plover,
		TopCode(src), src.Country, src.Org, strings.Join(src.Roles, " "), src.Name,
		tgtTop, tgt.Country, tgt.Org, strings.Join(tgt.Roles, " "), tgt.Name, hasTarget,
		locName, locCountry, lat, lon, g.mentions, len(g.publishers), len(g.docs), g.first.id)
}

// writeMentions folds the pending mentions into events and writes them.
func writeMentions(ctx context.Context, tx *sql.Tx, st *addStmts, pending []pendingMention, res *AddResult) error {
	groups := map[eventKey]*group{}
	var order []*group
	for i := range pending {
		p := &pending[i]
		k := keyOf(p.ev)
		g := groups[k]
		if g == nil {
			g = &group{first: p, docs: map[int64]bool{}, publishers: map[string]bool{}}
			groups[k] = g
			order = append(order, g)
		}
		g.mentions++
		g.docs[p.doc] = true
		g.publishers[p.publisher] = true
	}
	// Upsert the events.
	actors := map[[2]string]int{}
	var args []any
	for start := 0; start < len(order); start += eventRows {
		chunk := order[start:min(start+eventRows, len(order))]
		args = args[:0]
		for _, g := range chunk {
			args = eventArgs(args, g)
		}
		var rs *sql.Rows
		var err error
		if len(chunk) == eventRows {
			rs, err = st.events.QueryContext(ctx, args...)
		} else {
			rs, err = tx.QueryContext(ctx, eventUpsert(len(chunk)), args...)
		}
		if err != nil {
			return fmt.Errorf("events: %w", err)
		}
		var existing []*group
		for rs.Next() {
			var id int64
			var k eventKey
			var mentions int
			if err := rs.Scan(&id, &k.source, &k.target, &k.date, &k.code, &mentions); err != nil {
				rs.Close()
				return fmt.Errorf("events: %w", err)
			}
			g := groups[k]
			if g == nil {
				rs.Close()
				return fmt.Errorf("events: upsert returned an unknown key %v", k)
			}
			g.id = id
			if mentions > g.mentions {
				existing = append(existing, g)
				continue
			}
			res.NewEvents++
			ev := g.first.ev
			actors[[2]string{ev.Source.Code, ev.Source.Name}]++
			if ev.Target != nil {
				actors[[2]string{ev.Target.Code, ev.Target.Name}]++
			}
		}
		if err := errors.Join(rs.Err(), rs.Close()); err != nil {
			return fmt.Errorf("events: %w", err)
		}
		// Events stored before: every document of the batch is new to them;
		// publishers may not be.
		for _, g := range existing {
			newSources := 0
			for pub := range g.publishers {
				seen, err := exists(ctx, st.pubSeen, g.id, pub)
				if err != nil {
					return fmt.Errorf("events: %w", err)
				}
				if !seen {
					newSources++
				}
			}
			if _, err := st.counts.ExecContext(ctx, len(g.docs), newSources, g.id); err != nil {
				return fmt.Errorf("events: %w", err)
			}
		}
	}
	for _, g := range order {
		if g.id == 0 {
			return fmt.Errorf("events: no id for %v", keyOf(g.first.ev))
		}
	}
	// The mentions, then their full-text entries.
	for start := 0; start < len(pending); start += mentionRows {
		chunk := pending[start:min(start+mentionRows, len(pending))]
		args = args[:0]
		for i := range chunk {
			p := &chunk[i]
			ev := *p.ev
			text := ev.Text
			ev.Text = "" // in its own column
			record, err := json.Marshal(ev)
			if err != nil {
				return err
			}
			var ts, te any
			if ev.Trigger != nil {
				ts, te = ev.Trigger.Start(), ev.Trigger.End()
			}
			args = append(args, p.id, groups[keyOf(p.ev)].id, p.doc, p.publisher, ev.Sentence, ev.Span.Start(), ev.Span.End(),
				ts, te, text, ev.Modality, string(record))
		}
		var err error
		if len(chunk) == mentionRows {
			_, err = st.mentions.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, mentionInsert(len(chunk)), args...)
		}
		if err != nil {
			return fmt.Errorf("mentions: %w", err)
		}
	}
	res.Mentions += len(pending)
	if _, err := st.fts.ExecContext(ctx, pending[0].id); err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	for a, n := range actors {
		if _, err := st.actor.ExecContext(ctx, a[0], a[1], n); err != nil {
			return fmt.Errorf("actors: %w", err)
		}
	}
	return nil
}
