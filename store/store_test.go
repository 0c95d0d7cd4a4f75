package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"dyad/event"
)

// mention builds a synthetic event mention.
func mention(date, src, tgt, code, text string) event.Event {
	ev := event.Event{Date: date, Code: code, Root: code[:2], Quad: 1, Goldstein: 1.5, Text: text,
		Modality: event.Asserted, Span: event.Span{0, len(text)},
		Source: event.Actor{Code: src, Country: src[:3], Roles: roleOf(src)}}
	if tgt != "" {
		ev.Target = &event.Actor{Code: tgt, Country: tgt[:3], Roles: roleOf(tgt)}
	}
	if code[:2] >= "14" {
		ev.Quad, ev.Goldstein = 4, -5
	}
	return ev
}

func roleOf(code string) []string {
	if len(code) > 3 {
		return []string{code[3:]}
	}
	return nil
}

func item(id, source, text string, evs ...event.Event) Item {
	return Item{Doc: event.Document{ID: id, Source: source, Text: text, Published: "2021-11-19"}, Lang: "fr", Events: evs}
}

func openTemp(t testing.TB) *SQLite {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestPragmas(t *testing.T) {
	s := openTemp(t)
	for _, p := range []struct{ name, want string }{{"journal_mode", "wal"}, {"foreign_keys", "1"}, {"synchronous", "1"}, {"busy_timeout", "10000"}} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + p.name).Scan(&got); err != nil || got != p.want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", p.name, got, err, p.want)
		}
	}
}

func TestFoldAndIdempotence(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	meet := func(text string) event.Event { return mention("2021-11-18", "RUSGOV", "CUBGOV", "043", text) }
	items := []Item{
		item("a", "AFP", "text a", meet("Moscou reçoit La Havane."), meet("Les deux ministres se sont vus.")),
		item("b", "AFP", "text b", meet("Riabkov a reçu Lozada.")),
		item("c", "", "text c", meet("Rencontre à Moscou."), mention("2021-11-18", "CUBGOV", "RUSGOV", "042", "Visite cubaine.")),
		item("d", "RHC", "text d", mention("2021-11-17", "RUSGOV", "CUBGOV", "043", "La veille."),
			event.Event{Date: "2021-11-18", Code: "043", Root: "04", Quad: 1, Source: event.Actor{Code: "RUS"}, Modality: event.Negated, Text: "Non."}),
	}
	res, err := s.Add(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 4 || res.Mentions != 6 || res.NewEvents != 3 || res.Duplicates != 0 {
		t.Fatalf("first add: %+v", res)
	}
	page, err := s.Events(ctx, EventQuery{Code: "043", Sort: "mentions"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 2 {
		t.Fatalf("got %d events with code 043, want 2", len(page.Events))
	}
	e := page.Events[0]
	// 4 mentions in documents a (twice), b and c; publishers AFP and doc c.
	if e.Mentions != 4 || e.Documents != 3 || e.Sources != 2 {
		t.Errorf("folded event: mentions %d documents %d sources %d, want 4 3 2", e.Mentions, e.Documents, e.Sources)
	}
	if e.Evidence.Doc != "a" || e.Evidence.Text != "Moscou reçoit La Havane." {
		t.Errorf("evidence is not the first mention: %+v", e.Evidence)
	}

	// Adding the same texts again adds nothing, even under other ids.
	again := slices.Clone(items)
	again[0].Doc.ID = "a-copy"
	res, err = s.Add(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	if res.Documents != 0 || res.Duplicates != 4 || res.Mentions != 0 {
		t.Errorf("second add: %+v", res)
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c != (Counts{Documents: 4, Mentions: 6, Events: 3}) {
		t.Errorf("counts after re-adding: %+v", c)
	}
	// Same id, other text: stored under a distinct id.
	res, err = s.Add(ctx, []Item{item("a", "AFP", "another text a")})
	if err != nil || res.Documents != 1 || res.IDs[0] == "a" {
		t.Errorf("same id, other text: %+v %v", res, err)
	}
	if _, err := s.Document(ctx, res.IDs[0]); err != nil {
		t.Errorf("document %s: %v", res.IDs[0], err)
	}
	if _, err := s.Document(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown document: %v, want ErrNotFound", err)
	}
	checkConsistent(t, s)
}

// synthetic makes n documents; document i has i%4 mentions drawn from a
// small set of keys, so that mentions fold across documents.
func synthetic(from, n int) []Item {
	srcs := []string{"RUSGOV", "CUBGOV", "USA", "FRAMIL", "DZA"}
	codes := []string{"043", "042", "111", "163", "051"}
	words := []string{"coopération", "sanctions", "rencontre", "condamnation", "visite"}
	items := make([]Item, 0, n)
	for i := from; i < from+n; i++ {
		var evs []event.Event
		for k := range i % 4 {
			j := i*7 + k
			date := fmt.Sprintf("2021-%02d-%02d", j%12+1, j%28+1)
			src, tgt := srcs[j%5], srcs[(j/5+1+j)%5]
			if tgt == src {
				tgt = ""
			}
			evs = append(evs, mention(date, src, tgt, codes[(j/3)%5], fmt.Sprintf("Phrase %d de la dépêche %d: %s.", k, i, words[j%5])))
		}
		items = append(items, item(fmt.Sprintf("doc-%d", i), fmt.Sprintf("pub-%d", i%3),
			fmt.Sprintf("dépêche %d, %d mentions", i, len(evs)), evs...))
	}
	return items
}

func TestEventsQueries(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.Add(ctx, synthetic(0, 300)); err != nil {
		t.Fatal(err)
	}
	all := func(q EventQuery) []Event {
		t.Helper()
		q.Limit = MaxLimit
		p, err := s.Events(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if p.Next != "" {
			t.Fatalf("more than %d events", MaxLimit)
		}
		return p.Events
	}
	// Paging through any sort gives the same events in the same order.
	for _, sort := range []string{"", "date", "-date", "goldstein", "-goldstein", "mentions", "-mentions"} {
		for _, filter := range []EventQuery{{Source: "RUS"}, {Actor: "CUB"}, {Actor: "CUBGOV", Code: "04"}} {
			t.Run(fmt.Sprintf("sort=%s/%+v", sort, filter), func(t *testing.T) {
				filter.Sort = sort
				want := all(filter)
				var got []Event
				q := filter
				q.Limit = 7
				for pages := 0; ; pages++ {
					p, err := s.Events(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					got = append(got, p.Events...)
					if p.Next == "" {
						break
					}
					if pages > 100 {
						t.Fatal("pagination does not end")
					}
					q.Cursor = p.Next
				}
				if len(want) < 8 || len(got) != len(want) {
					t.Fatalf("paged %d events, unpaged %d", len(got), len(want))
				}
				for i := range got {
					if got[i].ID != want[i].ID {
						t.Fatalf("event %d: paged id %d, unpaged id %d", i, got[i].ID, want[i].ID)
					}
				}
			})
		}
	}
	tests := []struct {
		name string
		q    EventQuery
		ok   func(Event) bool
	}{
		{"source prefix", EventQuery{Source: "rus"}, func(e Event) bool { return e.Source.Code == "RUSGOV" }},
		{"target", EventQuery{Target: "CUB"}, func(e Event) bool { return e.Target != nil && e.Target.Code == "CUBGOV" }},
		{"actor either side", EventQuery{Actor: "FRA"}, func(e Event) bool {
			return e.Source.Code == "FRAMIL" || (e.Target != nil && e.Target.Code == "FRAMIL")
		}},
		{"country", EventQuery{Country: "dza"}, func(e Event) bool {
			return e.Source.Country == "DZA" || (e.Target != nil && e.Target.Country == "DZA")
		}},
		{"code and quad", EventQuery{Code: "16", Quad: 4}, func(e Event) bool { return e.Code == "163" && e.Quad == 4 }},
		{"root", EventQuery{Root: "04"}, func(e Event) bool { return e.Root == "04" }},
		{"dates", EventQuery{From: "2021-03-01", To: "2021-04"}, func(e Event) bool { return e.Date >= "2021-03-01" && e.Date <= "2021-04-31" }},
		{"text without accents", EventQuery{Text: "cooperation"}, func(e Event) bool { return true }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := all(tt.q)
			if len(evs) == 0 {
				t.Fatal("no events")
			}
			for _, e := range evs {
				if !tt.ok(e) {
					t.Fatalf("event %d does not match: %+v", e.ID, e)
				}
			}
		})
	}
	// Accent-insensitive full-text search: both spellings find the same events.
	a, b := all(EventQuery{Text: "COOPÉRATION"}), all(EventQuery{Text: "cooperation"})
	if len(a) == 0 || len(a) != len(b) {
		t.Errorf("full text: %d events for COOPÉRATION, %d for cooperation", len(a), len(b))
	}
	// FTS syntax in the query is taken as words.
	if _, err := s.Events(ctx, EventQuery{Text: `"coop* OR NEAR(x`}); err != nil {
		t.Errorf("query with FTS operators: %v", err)
	}
	for _, bad := range []EventQuery{{Limit: MaxLimit + 1}, {Limit: -1}, {Sort: "x"}, {Cursor: "!!"}, {Quad: 5},
		{Text: string(make([]byte, MaxText+1))}, {Cursor: encodeCursor(cursor{Sort: "mentions", Value: 1, ID: 1})}} {
		if _, err := s.Events(ctx, bad); !errors.Is(err, ErrBadQuery) {
			t.Errorf("%+v: err %v, want ErrBadQuery", bad, err)
		}
	}
}

func TestTimelineDyadsActors(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	_, err := s.Add(ctx, []Item{item("t", "", "t",
		mention("2021-11-15", "RUSGOV", "CUBGOV", "043", "a"), // Monday
		mention("2021-11-18", "CUB", "RUSGOV", "042", "b"),
		mention("2021-11-21", "RUSGOV", "CUB", "190", "c"), // Sunday, same week
		mention("2021-11-22", "RUSGOV", "CUB", "043", "d"),
		mention("2021-12-01", "RUSGOV", "USA", "043", "e"),
		mention("2021-11", "RUSGOV", "CUB", "051", "f"), // month only
	)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		interval string
		want     []string
		events   []int
	}{
		{"day", []string{"2021-11-15", "2021-11-18", "2021-11-21", "2021-11-22"}, []int{1, 1, 1, 1}},
		{"week", []string{"2021-11-15", "2021-11-22"}, []int{3, 1}},
		{"month", []string{"2021-11"}, []int{5}},
	}
	for _, tt := range tests {
		pts, err := s.Timeline(ctx, TimelineQuery{A: "CUB", B: "RUS", Interval: tt.interval})
		if err != nil {
			t.Fatal(err)
		}
		var periods []string
		var events []int
		for _, p := range pts {
			periods = append(periods, p.Period)
			events = append(events, p.Events)
			if p.Q1+p.Q2+p.Q3+p.Q4 != p.Events {
				t.Errorf("%s %s: quads do not add up: %+v", tt.interval, p.Period, p)
			}
		}
		if !slices.Equal(periods, tt.want) || !slices.Equal(events, tt.events) {
			t.Errorf("%s: periods %v events %v, want %v %v", tt.interval, periods, events, tt.want, tt.events)
		}
	}
	week, _ := s.Timeline(ctx, TimelineQuery{A: "RUS", B: "CUB", Interval: "week"})
	if week[0].Q1 != 2 || week[0].Q4 != 1 || week[0].Goldstein != round2((1.5+1.5-5)/3) {
		t.Errorf("first week: %+v", week[0])
	}
	if _, err := s.Timeline(ctx, TimelineQuery{A: "RUS", B: "CUB", Interval: "year"}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("interval year: %v", err)
	}
	ds, err := s.Dyads(ctx, DyadQuery{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Source != "RUS" || ds[0].Target != "CUB" || ds[0].Events != 4 {
		t.Errorf("dyads: %+v", ds)
	}
	as, err := s.Actors(ctx, ActorQuery{Text: "rus"})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Code != "RUSGOV" || as[0].Events != 6 {
		t.Errorf("actors: %+v", as)
	}
}

// checkConsistent checks the invariants a crash must not break.
func checkConsistent(t *testing.T, s *SQLite) {
	t.Helper()
	ctx := context.Background()
	var ok string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity check: %q %v", ok, err)
	}
	checks := []struct{ what, sql string }{
		{"documents missing mentions", `SELECT count(*) FROM documents d WHERE d.mentions != (SELECT count(*) FROM mentions m
			WHERE m.id >= d.first_mention AND m.id < d.first_mention + d.mentions AND m.doc = d.id)`},
		{"mentions outside their document's rows", `SELECT abs((SELECT count(*) FROM mentions) - (SELECT coalesce(sum(mentions), 0) FROM documents))`},
		{"events with wrong counts", `SELECT count(*) FROM events e WHERE e.mentions != (SELECT count(*) FROM mentions m WHERE m.event = e.id)
			OR e.documents != (SELECT count(DISTINCT doc) FROM mentions m WHERE m.event = e.id)
			OR e.sources != (SELECT count(DISTINCT publisher) FROM mentions m WHERE m.event = e.id)`},
		{"events without mentions", `SELECT count(*) FROM events e WHERE e.first_mention IS NULL OR NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = e.first_mention AND m.event = e.id)`},
		{"orphan mentions", `SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc)`},
		{"full-text index out of step", `SELECT abs((SELECT count(*) FROM mention_text_docsize) - (SELECT count(*) FROM mentions))`},
		{"actor counts", `SELECT abs((SELECT sum(events) FROM actors) - (SELECT count(*) + sum(has_target) FROM events))`},
	}
	for _, c := range checks {
		var n int
		if err := s.db.QueryRowContext(ctx, c.sql).Scan(&n); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if n != 0 {
			t.Errorf("%s: %d", c.what, n)
		}
	}
}

// TestReadWhileWriting queries the store while another connection writes:
// in WAL mode readers neither wait for nor fail because of the writer.
func TestReadWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	if _, err := s.Add(ctx, Synthetic(3, 0, 100, 10)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		for i := 1; i <= 20; i++ {
			if _, err := s.Add(ctx, Synthetic(3, i*100, 100, 10)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	reads := 0
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			if reads == 0 {
				t.Fatal("no read ran during the writes")
			}
			c, err := s.Counts(ctx)
			if err != nil || c.Mentions != 21000 {
				t.Fatalf("counts %+v %v", c, err)
			}
			checkConsistent(t, s)
			return
		default:
		}
		if _, err := s.Events(ctx, EventQuery{Actor: "C00", Limit: 20}); err != nil {
			t.Fatalf("read during writes: %v", err)
		}
		if _, err := s.Timeline(ctx, TimelineQuery{A: "C00", B: "C01", Interval: "month"}); err != nil {
			t.Fatalf("read during writes: %v", err)
		}
		reads++
	}
}
