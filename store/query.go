package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dyad/event"
)

// where accumulates SQL conditions and their parameters.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// prefixEnd is the smallest string greater than every string starting with p.
func prefixEnd(p string) string { return p + "\U0010FFFF" }

// prefix adds "col starts with p".
func (w *where) prefix(col, p string) {
	w.add("("+col+" >= ? AND "+col+" < ?)", p, prefixEnd(p))
}

// ftsQuery makes a safe FTS5 query from user text: every word becomes a
// quoted term, all of them required.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '-' && r != '\''
	})
	var b strings.Builder
	for _, w := range words {
		w = strings.Trim(w, "-'")
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
	}
	return b.String()
}

// sortKey describes an order of events.
type sortKey struct {
	col  string
	desc bool
}

var errCursor = fmt.Errorf("%w: invalid cursor", ErrBadQuery)

func parseSort(s string) (sortKey, error) {
	desc := true
	if strings.HasPrefix(s, "-") {
		desc, s = false, s[1:]
	}
	switch s {
	case "", "date":
		return sortKey{"e.date", desc}, nil
	case "goldstein":
		return sortKey{"e.goldstein", desc}, nil
	case "mentions":
		return sortKey{"e.mentions", desc}, nil
	}
	return sortKey{}, fmt.Errorf("%w: sort %q: want date, -date, goldstein, -goldstein, mentions or -mentions", ErrBadQuery, s)
}

// cursor is the position after the last event of a page.
type cursor struct {
	Sort  string `json:"s"`
	Value any    `json:"v"`
	ID    int64  `json:"i"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c) // strings and numbers only
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) > 512 {
		return c, errCursor
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	if err := dec.Decode(&c); err != nil {
		return c, errCursor
	}
	return c, nil
}

const eventColumns = `e.id, e.date, e.code, e.root, e.quad, e.goldstein, e.plover,
	e.source, e.src_country, e.src_org, e.src_roles, e.src_name,
	e.target, e.tgt_country, e.tgt_org, e.tgt_roles, e.tgt_name, e.has_target,
	e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, e.mentions, e.sources, e.documents,
	d.ext_id, m.sentence, m.text, m.span_start, m.span_end, m.trig_start, m.trig_end, m.modality`

const eventFrom = ` FROM events e JOIN mentions m ON m.id = e.first_mention JOIN documents d ON d.id = m.doc`

func roles(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, " ")
}

func scanEvent(rows *sql.Rows) (Event, error) {
	var e Event
	var srcRoles, tgtRoles string
	var tgt EventActor
	var hasTarget bool
	var locName, locCountry sql.NullString
	var lat, lon sql.NullFloat64
	var ts, te sql.NullInt64
	err := rows.Scan(&e.ID, &e.Date, &e.Code, &e.Root, &e.Quad, &e.Goldstein, &e.Plover,
		&e.Source.Code, &e.Source.Country, &e.Source.Org, &srcRoles, &e.Source.Name,
		&tgt.Code, &tgt.Country, &tgt.Org, &tgtRoles, &tgt.Name, &hasTarget,
		&locName, &locCountry, &lat, &lon, &e.Mentions, &e.Sources, &e.Documents,
		&e.Evidence.Doc, &e.Evidence.Sentence, &e.Evidence.Text, &e.Evidence.Span[0], &e.Evidence.Span[1], &ts, &te, &e.Evidence.Modality)
	if err != nil {
		return e, err
	}
	e.Source.Roles = roles(srcRoles)
	if hasTarget {
		tgt.Roles = roles(tgtRoles)
		e.Target = &tgt
	}
	if locName.Valid {
		e.Location = &Location{Name: locName.String, Country: locCountry.String}
		if lat.Valid && lon.Valid {
			e.Location.Lat, e.Location.Lon = &lat.Float64, &lon.Float64
		}
	}
	if ts.Valid && te.Valid {
		e.Evidence.Trigger = &event.Span{int(ts.Int64), int(te.Int64)}
	}
	return e, nil
}

// isTop reports whether code is a country or organisation level code seen in
// the store (RUS, IGOEU), which the src_top and tgt_top columns hold.
func (s *SQLite) isTop(ctx context.Context, code string) (bool, error) {
	var top bool
	err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE src_top = ?1) OR EXISTS (SELECT 1 FROM events WHERE tgt_top = ?1)`, code).Scan(&top)
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	return top, nil
}

// topOf finds the country or organisation level code that code starts
// with: code itself (exact) or its longest prefix seen as one (RUS for
// RUSGOV); "" when there is none.
func (s *SQLite) topOf(ctx context.Context, code string) (top string, exact bool, err error) {
	for n := len(code); n >= 2; n-- {
		ok, err := s.isTop(ctx, code[:n])
		if err != nil {
			return "", false, err
		}
		if ok {
			return code[:n], n == len(code), nil
		}
	}
	return "", false, nil
}

// sideCond is the condition "the side (src or tgt) starts with code": on the
// indexed top-level column, narrowed by the code's prefix when code is more
// specific than its top level.
func (s *SQLite) sideCond(ctx context.Context, side, code string) (cond string, args []any, top bool, err error) {
	t, exact, err := s.topOf(ctx, code)
	if err != nil {
		return "", nil, false, err
	}
	col := "e.source"
	if side == "tgt" {
		col = "e.target"
	}
	switch {
	case t == "":
		return "(" + col + " >= ? AND " + col + " < ?)", []any{code, prefixEnd(code)}, false, nil
	case exact:
		return "e." + side + "_top = ?", []any{code}, true, nil
	default:
		return "(e." + side + "_top = ? AND " + col + " >= ? AND " + col + " < ?)", []any{t, code, prefixEnd(code)}, true, nil
	}
}

// Events returns one page of events.
func (s *SQLite) Events(ctx context.Context, q EventQuery) (EventPage, error) {
	page := EventPage{Events: []Event{}}
	limit := q.Limit
	switch {
	case limit == 0:
		limit = DefaultLimit
	case limit < 0 || limit > MaxLimit:
		return page, fmt.Errorf("%w: limit %d: want 1 to %d", ErrBadQuery, limit, MaxLimit)
	}
	if utf8.RuneCountInString(q.Text) > MaxText {
		return page, fmt.Errorf("%w: q longer than %d characters", ErrBadQuery, MaxText)
	}
	sk, err := parseSort(q.Sort)
	if err != nil {
		return page, err
	}
	var w where
	tops := 0
	for _, f := range []struct{ side, code string }{{"src", q.Source}, {"tgt", q.Target}} {
		if f.code == "" {
			continue
		}
		cond, args, top, err := s.sideCond(ctx, f.side, strings.ToUpper(f.code))
		if err != nil {
			return page, err
		}
		if top {
			tops++
		}
		w.add(cond, args...)
	}
	from := eventFrom
	if tops == 2 {
		// A pair: its events, from the dyad index, are few enough to sort;
		// left alone, the planner would rather read one side's index in
		// date order, which for a rare pair means most of the table.
		from = strings.Replace(eventFrom, "FROM events e", "FROM events e INDEXED BY events_dyad", 1)
	}
	// An actor on either side: at country or organisation level, with the
	// events newest or oldest first, each side is read in order from its own
	// index and the two merged (see below).
	// Filters on either side: an actor code prefix, a country, an
	// organisation. Countries and organisations are top-level codes (RUS,
	// IGOEU): an actor's country is its top-level code unless it belongs to
	// an organisation. The first of these filters that sits on the
	// top-level indexes, with the events in date order, reads each side in
	// order from its own index and merges the two; the others filter.
	type either struct {
		srcCond, tgtCond string
		srcArgs, tgtArgs []any
		top              bool
	}
	var eithers []either
	if q.Actor != "" {
		a := strings.ToUpper(q.Actor)
		var x either
		var err error
		if x.srcCond, x.srcArgs, x.top, err = s.sideCond(ctx, "src", a); err != nil {
			return page, err
		}
		if x.tgtCond, x.tgtArgs, _, err = s.sideCond(ctx, "tgt", a); err != nil {
			return page, err
		}
		eithers = append(eithers, x)
	}
	for _, top := range []string{strings.ToUpper(q.Country), "IGO" + strings.ToUpper(q.Org)} {
		if top == "" || top == "IGO" {
			continue
		}
		eithers = append(eithers, either{"e.src_top = ?", "e.tgt_top = ?", []any{top}, []any{top}, true})
	}
	var srcCond, tgtCond string
	var srcArgs, tgtArgs []any
	merge := false
	for _, x := range eithers {
		if !merge && x.top && sk.col == "e.date" && limit > 0 {
			merge = true
			srcCond, tgtCond, srcArgs, tgtArgs = x.srcCond, x.tgtCond, x.srcArgs, x.tgtArgs
			continue
		}
		w.add("("+x.srcCond+" OR "+x.tgtCond+")", append(slices.Clone(x.srcArgs), x.tgtArgs...)...)
	}
	if q.Code != "" {
		w.prefix("e.code", q.Code)
	}
	if q.Root != "" {
		w.add("e.root = ?", q.Root)
	}
	if q.Quad != 0 {
		if q.Quad < 1 || q.Quad > 4 {
			return page, fmt.Errorf("%w: quad %d: want 1 to 4", ErrBadQuery, q.Quad)
		}
		w.add("e.quad = ?", q.Quad)
	}
	if q.From != "" {
		w.add("e.date >= ?", q.From)
	}
	if q.To != "" {
		// "2021-11" as an upper bound includes every day of November.
		w.add("e.date < ?", prefixEnd(q.To))
	}
	if q.Text != "" {
		fq := ftsQuery(q.Text)
		if fq == "" {
			return page, nil // no words: nothing matches
		}
		w.add("e.id IN (SELECT mm.event FROM mention_text JOIN mentions mm ON mm.id = mention_text.rowid WHERE mention_text MATCH ?)", fq)
	}
	if q.Doc != "" {
		w.add(`e.id IN (SELECT mm.event FROM documents dd JOIN mentions mm
			ON mm.id >= dd.first_mention AND mm.id < dd.first_mention + dd.mentions WHERE dd.ext_id = ?)`, q.Doc)
		limit = -1 // all of them
	}
	sortName := strings.TrimPrefix(sk.col, "e.")
	if q.Cursor != "" {
		c, err := decodeCursor(q.Cursor)
		if err != nil || c.Sort != q.Sort {
			return page, errCursor
		}
		v, err := cursorValue(sortName, c.Value)
		if err != nil {
			return page, err
		}
		op := ">"
		if sk.desc {
			op = "<"
		}
		w.add("("+sk.col+", e.id) "+op+" (?, ?)", v, c.ID)
	}
	dir := " ASC"
	if sk.desc {
		dir = " DESC"
	}
	order := " ORDER BY " + sk.col + dir + ", e.id" + dir
	query := "SELECT " + eventColumns + from + w.sql() + order
	args := w.args
	if merge {
		// The newest (or oldest) limit+1 events with the actor as source,
		// and as target (and not as source), each read in order from its
		// own index; the page is the best of the two.
		side := func(cond string) string {
			return "SELECT id FROM (SELECT e.id FROM events e WHERE " + strings.Join(append([]string{cond}, w.conds...), " AND ") + order + " LIMIT ?)"
		}
		inner := side(srcCond) + " UNION " + side(tgtCond+" AND NOT ("+srcCond+")")
		query = "SELECT " + eventColumns + eventFrom + " WHERE e.id IN (" + inner + ")" + order
		args = slices.Concat(srcArgs, w.args, []any{limit + 1}, tgtArgs, srcArgs, w.args, []any{limit + 1})
	}
	if limit > 0 {
		query += " LIMIT ?"
		args = append(args, limit+1)
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return page, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return page, fmt.Errorf("store: events: %w", err)
		}
		page.Events = append(page.Events, e)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("store: events: %w", err)
	}
	if limit > 0 && len(page.Events) > limit {
		page.Events = page.Events[:limit]
		last := page.Events[limit-1]
		var v any
		switch sortName {
		case "date":
			v = last.Date
		case "goldstein":
			v = last.Goldstein
		case "mentions":
			v = last.Mentions
		}
		page.Next = encodeCursor(cursor{Sort: q.Sort, Value: v, ID: last.ID})
	}
	return page, nil
}

// cursorValue checks the type of a cursor's sort value.
func cursorValue(col string, v any) (any, error) {
	switch col {
	case "date":
		if s, ok := v.(string); ok {
			return s, nil
		}
	case "goldstein":
		if n, ok := v.(json.Number); ok {
			if f, err := n.Float64(); err == nil {
				return f, nil
			}
		}
	case "mentions":
		if n, ok := v.(json.Number); ok {
			if i, err := n.Int64(); err == nil {
				return i, nil
			}
		}
	}
	return nil, errCursor
}

// Dyads returns the most active ordered pairs of country or organisation
// level actors.
func (s *SQLite) Dyads(ctx context.Context, q DyadQuery) ([]Dyad, error) {
	limit, err := smallLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	w := where{}
	w.add("e.tgt_top != ''") // in the covering index events_dyad
	if q.From != "" {
		w.add("e.date >= ?", q.From)
	}
	if q.To != "" {
		w.add("e.date < ?", prefixEnd(q.To))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.src_top, e.tgt_top, count(*), sum(e.mentions), avg(e.goldstein) FROM events e`+
		w.sql()+` GROUP BY e.src_top, e.tgt_top ORDER BY count(*) DESC, sum(e.mentions) DESC, e.src_top, e.tgt_top LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: dyads: %w", err)
	}
	defer rows.Close()
	out := []Dyad{}
	for rows.Next() {
		var d Dyad
		if err := rows.Scan(&d.Source, &d.Target, &d.Events, &d.Mentions, &d.Goldstein); err != nil {
			return nil, fmt.Errorf("store: dyads: %w", err)
		}
		d.Goldstein = round2(d.Goldstein)
		out = append(out, d)
	}
	return out, rows.Err()
}

func smallLimit(n int) (int, error) {
	switch {
	case n == 0:
		return 20, nil
	case n < 0 || n > MaxLimit:
		return 0, fmt.Errorf("%w: limit %d: want 1 to %d", ErrBadQuery, n, MaxLimit)
	}
	return n, nil
}

func round2(f float64) float64 {
	if f < 0 {
		return -float64(int64(-f*100+0.5)) / 100
	}
	return float64(int64(f*100+0.5)) / 100
}

// Timeline counts the events between A and B (both directions) per period.
func (s *SQLite) Timeline(ctx context.Context, q TimelineQuery) ([]Point, error) {
	if q.A == "" || q.B == "" {
		return nil, fmt.Errorf("%w: a and b are required", ErrBadQuery)
	}
	switch q.Interval {
	case "":
		q.Interval = "month"
	case "day", "week", "month":
	default:
		return nil, fmt.Errorf("%w: interval %q: want day, week or month", ErrBadQuery, q.Interval)
	}
	a, b := strings.ToUpper(q.A), strings.ToUpper(q.B)
	topA, err := s.isTop(ctx, a)
	if err != nil {
		return nil, err
	}
	topB, err := s.isTop(ctx, b)
	if err != nil {
		return nil, err
	}
	var w where
	if topA && topB { // the covering index events_dyad answers alone
		w.add(`((e.src_top = ? AND e.tgt_top = ?) OR (e.src_top = ? AND e.tgt_top = ?))`, a, b, b, a)
	} else {
		w.add(`((e.source >= ? AND e.source < ? AND e.target >= ? AND e.target < ?)
		OR (e.source >= ? AND e.source < ? AND e.target >= ? AND e.target < ?))`,
			a, prefixEnd(a), b, prefixEnd(b), b, prefixEnd(b), a, prefixEnd(a))
	}
	if q.From != "" {
		w.add("e.date >= ?", q.From)
	}
	if q.To != "" {
		w.add("e.date < ?", prefixEnd(q.To))
	}
	// Periods are computed and counted in SQL: one row per period.
	full := `length(e.date) = 10 AND substr(e.date, 1, 1) != 'X'`
	period := map[string]string{
		"day":   `CASE WHEN ` + full + ` THEN date(e.date) END`,
		"week":  `CASE WHEN ` + full + ` THEN date(e.date, '-6 days', 'weekday 1') END`,
		"month": `CASE WHEN length(e.date) >= 7 AND substr(e.date, 1, 1) != 'X' THEN substr(e.date, 1, 7) END`,
	}[q.Interval]
	rows, err := s.db.QueryContext(ctx, `SELECT p, sum(quad = 1), sum(quad = 2), sum(quad = 3), sum(quad = 4), count(*), avg(goldstein)
		FROM (SELECT `+period+` AS p, e.quad AS quad, e.goldstein AS goldstein FROM events e`+w.sql()+`)
		WHERE p IS NOT NULL GROUP BY p ORDER BY p`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	defer rows.Close()
	out := []Point{}
	for rows.Next() {
		var p Point
		if err := rows.Scan(&p.Period, &p.Q1, &p.Q2, &p.Q3, &p.Q4, &p.Events, &p.Goldstein); err != nil {
			return nil, fmt.Errorf("store: timeline: %w", err)
		}
		p.Goldstein = round2(p.Goldstein)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: timeline: %w", err)
	}
	return out, nil
}

// Actors lists the actor codes and names seen, most active first.
func (s *SQLite) Actors(ctx context.Context, q ActorQuery) ([]ActorCount, error) {
	limit, err := smallLimit(q.Limit)
	if err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(q.Text) > MaxText {
		return nil, fmt.Errorf("%w: q longer than %d characters", ErrBadQuery, MaxText)
	}
	var w where
	if t := strings.TrimSpace(q.Text); t != "" {
		up := strings.ToUpper(t)
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t) + "%"
		w.add(`((code >= ? AND code < ?) OR name LIKE ? ESCAPE '\')`, up, prefixEnd(up), like)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT code, name, events FROM actors`+w.sql()+` ORDER BY events DESC, code, name LIMIT ?`, append(w.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: actors: %w", err)
	}
	defer rows.Close()
	out := []ActorCount{}
	for rows.Next() {
		var a ActorCount
		if err := rows.Scan(&a.Code, &a.Name, &a.Events); err != nil {
			return nil, fmt.Errorf("store: actors: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Document returns a stored document by id.
func (s *SQLite) Document(ctx context.Context, id string) (DocumentView, error) {
	var d DocumentView
	if !utf8.ValidString(id) || len(id) > 4096 {
		return d, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	var sents, actors string
	err := s.db.QueryRowContext(ctx, `SELECT ext_id, title, url, published, lang, source, text, sentences, actors FROM documents WHERE ext_id = ?`, id).
		Scan(&d.ID, &d.Title, &d.URL, &d.Published, &d.Lang, &d.Source, &d.Text, &sents, &actors)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return d, fmt.Errorf("store: document %q: %w", id, err)
	}
	if err := json.Unmarshal([]byte(sents), &d.Sentences); err != nil {
		return d, fmt.Errorf("store: document %q: sentences: %w", id, err)
	}
	if err := json.Unmarshal([]byte(actors), &d.Actors); err != nil {
		return d, fmt.Errorf("store: document %q: actors: %w", id, err)
	}
	page, err := s.Events(ctx, EventQuery{Doc: id, Sort: "-date"})
	if err != nil {
		return d, err
	}
	d.Events = page.Events
	return d, nil
}
