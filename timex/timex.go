package timex

import (
	"fmt"
	"io/fs"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"dyad/event"
)

// Basis values of an Expr.
const (
	Explicit = "explicit" // a calendar date, month or year written out
	Relative = "relative" // a word counted from the dispatch date
)

// Years that explicit dates and Years accept.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Expr is one temporal expression found in a sentence.
type Expr struct {
	Start, End int        // token indices [Start, End) in the sentence's tokens
	Date       event.Date // resolved date; Year 0 when the reference year is unknown
	Basis      string     // Explicit or Relative
	Text       string     // the tokens' surface text
	Rule       string     // file:line of the vocabulary entry that anchored it
}

// Resolver finds temporal expressions and resolves them against a reference
// (dispatch) date. It is immutable and safe for concurrent use.
type Resolver struct {
	lex *Lexicon
}

// New reads the vocabulary timex/*.tsv from fsys, an FS rooted at the data
// folder (such as data.FS), and builds a Resolver.
func New(fsys fs.FS) (*Resolver, error) {
	l, err := ReadLexicon(fsys)
	if err != nil {
		return nil, err
	}
	return NewResolver(l), nil
}

// NewResolver builds a Resolver on a vocabulary already loaded.
func NewResolver(l *Lexicon) *Resolver { return &Resolver{lex: l} }

// Lexicon returns the vocabulary the Resolver uses.
func (r *Resolver) Lexicon() *Lexicon { return r.lex }

// Find returns the temporal expressions of a sentence in text order, without
// overlaps, each resolved against ref. lang selects the vocabulary ("fr",
// "en", "es"); "" or an unknown language uses every language's. Expressions
// that cannot be resolved (a weekday when ref has no day) are left out.
func (r *Resolver) Find(tokens []event.Token, lang string, ref event.Date) []Expr {
	s := newScan(tokens, r.lex.table(lang))
	var out []Expr
	for i := 0; i < len(tokens); {
		_, bEnd, blocked := s.match(i, Block)
		x, ok := s.exprAt(i, ref)
		if ok && (!blocked || x.End > bEnd) {
			// a recognised expression that cannot be resolved against ref
			// (a weekday without a full ref) is skipped whole
			if !x.Date.IsZero() {
				x.Text = s.text(x.Start, x.End)
				out = append(out, x)
			}
			i = x.End
			continue
		}
		if blocked {
			i = bEnd
			continue
		}
		i++
	}
	return out
}

// Years returns the explicit years MinYear..MaxYear written in the tokens
// that look like years: a four-digit number after a month, a preposition or
// link word ("en 2018", "octubre de 2021"), or at the end of a clause ("in
// 2021.", "October 13, 2021,"); not "2000 personnes".
func (r *Resolver) Years(tokens []event.Token) []int {
	s := newScan(tokens, r.lex.all)
	var out []int
	for i := range tokens {
		y, ok := s.yearAt(i)
		if !ok {
			continue
		}
		prev := i > 0 && s.yearContext(i-1)
		next := i+1 >= len(tokens) || tokens[i+1].Kind == event.Punct && !strings.ContainsAny(s.keys[i+1], "%$€£")
		if prev || next {
			out = append(out, y)
		}
	}
	return out
}

// yearContext reports whether token i ends a word that announces a year.
func (s *scan) yearContext(i int) bool {
	k := s.keys[i]
	if k == "," && i > 0 {
		_, _, ok := s.dayAt(i - 1)
		return ok
	}
	k = strings.TrimSuffix(k, ".")
	for _, kind := range []Kind{Month, Prep, Link} {
		if _, ok := s.t.lookup(k, kind); ok {
			return true
		}
	}
	// multi-token prepositions ending here ("en l'an 2018")
	for j := i; j >= 0 && j > i-4; j-- {
		if _, end, ok := s.match(j, Prep); ok && end == i+1 {
			return true
		}
	}
	return false
}

type scan struct {
	toks []event.Token
	keys []string
	t    *table
}

func newScan(tokens []event.Token, t *table) *scan {
	keys := make([]string, len(tokens))
	for i, tk := range tokens {
		n := tk.Norm
		switch {
		case n == "":
			keys[i] = Key(tk.Text)
		case strings.ContainsAny(n, " \t\n"):
			keys[i] = Key(n)
		default:
			keys[i] = n // a token's norm is already folded: its own key
		}
	}
	return &scan{toks: tokens, keys: keys, t: t}
}

// match finds the longest phrase of kind k starting at token i.
func (s *scan) match(i int, k Kind) (Entry, int, bool) {
	var (
		best  Entry
		end   int
		found bool
		acc   string
	)
	for j := i; j < len(s.keys); j++ {
		acc += s.keys[j]
		if acc == "" {
			continue
		}
		if !s.t.prefixes[acc] {
			break
		}
		if e, ok := s.t.lookup(acc, k); ok {
			best, end, found = e, j+1, true
		}
	}
	return best, end, found
}

func (s *scan) capital(i int) bool {
	r, _ := utf8.DecodeRuneInString(s.toks[i].Text)
	return s.toks[i].Cap || unicode.IsUpper(r)
}

// adjacent reports whether token j follows token i with no space between;
// tokens without spans never are.
func (s *scan) adjacent(i, j int) bool {
	return j < len(s.toks) && s.toks[i].Span[1] > s.toks[i].Span[0] && s.toks[i].Span[1] == s.toks[j].Span[0]
}

// monthAt matches a month name at i, with the full stop of an abbreviation.
func (s *scan) monthAt(i int) (Entry, int, bool) {
	if i >= len(s.keys) {
		return Entry{}, 0, false
	}
	e, end, ok := s.match(i, Month)
	if ok && e.Cap && !s.capital(i) {
		return Entry{}, 0, false
	}
	if !ok {
		k := s.keys[i]
		if !strings.HasSuffix(k, ".") {
			return Entry{}, 0, false
		}
		if e, ok = s.t.lookup(strings.TrimSuffix(k, "."), Month); !ok || !e.Abbr || e.Cap && !s.capital(i) {
			return Entry{}, 0, false
		}
		return e, i + 1, true
	}
	if e.Abbr && end < len(s.keys) && s.keys[end] == "." && s.adjacent(end-1, end) {
		end++
	}
	return e, end, true
}

// dayAt matches a day number 1..31 at i, with an ordinal suffix ("1er",
// "19th", "19 th").
func (s *scan) dayAt(i int) (int, int, bool) {
	if i >= len(s.keys) {
		return 0, 0, false
	}
	k := s.keys[i]
	n := 0
	for n < len(k) && k[n] >= '0' && k[n] <= '9' {
		n++
	}
	if n == 0 || n > 2 {
		return 0, 0, false
	}
	day := int(k[0] - '0')
	if n == 2 {
		day = day*10 + int(k[1]-'0')
	}
	if day < 1 || day > 31 {
		return 0, 0, false
	}
	end := i + 1
	if rest := k[n:]; rest != "" {
		if _, ok := s.t.lookup(rest, Ordinal); !ok {
			return 0, 0, false
		}
	} else if end < len(s.keys) && s.adjacent(i, end) {
		if _, ok := s.t.lookup(s.keys[end], Ordinal); ok {
			end++
		}
	}
	return day, end, true
}

// yearAt matches a four-digit year MinYear..MaxYear at i.
func (s *scan) yearAt(i int) (int, bool) {
	if i >= len(s.keys) {
		return 0, false
	}
	k := s.keys[i]
	if len(k) != 4 {
		return 0, false
	}
	y := 0
	for j := 0; j < 4; j++ {
		if k[j] < '0' || k[j] > '9' {
			return 0, false
		}
		y = y*10 + int(k[j]-'0')
	}
	return y, y >= MinYear && y <= MaxYear
}

// yearTail matches an optional year after a month: "2021", ", 2021",
// "de 2021".
func (s *scan) yearTail(i int) (int, int) {
	if y, ok := s.yearAt(i); ok {
		return y, i + 1
	}
	if i < len(s.keys) {
		j := i + 1
		if s.keys[i] != "," {
			_, end, ok := s.match(i, Link)
			if !ok {
				return 0, i
			}
			j = end
		}
		if y, ok := s.yearAt(j); ok {
			return y, j + 1
		}
	}
	return 0, i
}

type calendar struct {
	day, month, year int
	rule             string
}

// explicitAt matches "13 octobre [2021]", "13 de octubre [de 2021]",
// "the 13th of October", "Oct. 13[, 2021]", "octobre 2021".
func (s *scan) explicitAt(i int) (calendar, int, bool) {
	if day, e, ok := s.dayAt(i); ok {
		j := e
		if _, end, ok := s.match(j, Link); ok {
			j = end
		}
		if m, end, ok := s.monthAt(j); ok {
			y, end := s.yearTail(end)
			return calendar{day, m.Value, y, m.Rule}, end, true
		}
		return calendar{}, 0, false
	}
	m, e, ok := s.monthAt(i)
	if !ok {
		return calendar{}, 0, false
	}
	if day, end, ok := s.dayAt(e); ok && !(end < len(s.keys) && s.keys[end] == ":") {
		y, end := s.yearTail(end)
		return calendar{day, m.Value, y, m.Rule}, end, true
	}
	if y, end := s.yearTail(e); y > 0 {
		return calendar{0, m.Value, y, m.Rule}, end, true
	}
	return calendar{}, 0, false
}

// exprAt matches one expression starting at token i; its Date is zero when
// it cannot be resolved against ref.
func (s *scan) exprAt(i int, ref event.Date) (Expr, bool) {
	if e, end, ok := s.match(i, Rel); ok {
		if _, pend, ok := s.match(end, Part); ok {
			end = pend
		}
		d, _ := addDays(ref, e.Value)
		return Expr{Start: i, End: end, Date: d, Basis: Relative, Rule: e.Rule}, true
	}
	j, mod := i, 0
	for n := 0; n < 2; n++ {
		if _, end, ok := s.match(j, This); ok {
			j = end
			continue
		}
		if e, end, ok := s.match(j, Mod); ok && mod == 0 {
			mod, j = e.Value, end
			continue
		}
		break
	}
	wd, wdEnd, isWd := s.match(j, Weekday)
	if isWd {
		k := wdEnd
		if k < len(s.keys) && s.keys[k] == "," {
			k++
		}
		if c, end, ok := s.explicitAt(k); ok {
			return s.calendarExpr(i, end, c, mod, ref)
		}
		end := wdEnd
		if mod == 0 {
			if e, mend, ok := s.match(end, Mod); ok {
				mod, end = e.Value, mend
			}
		}
		if _, pend, ok := s.match(end, Part); ok {
			end = pend
		}
		d, _ := weekday(ref, wd.Value, mod)
		return Expr{Start: i, End: end, Date: d, Basis: Relative, Rule: wd.Rule}, true
	}
	if c, end, ok := s.explicitAt(j); ok {
		return s.calendarExpr(i, end, c, mod, ref)
	}
	if j != i {
		return Expr{}, false
	}
	_, pend, ok := s.match(i, Prep)
	if !ok {
		return Expr{}, false
	}
	if m, end, ok := s.monthAt(pend); ok && !m.Abbr {
		y, end := s.yearTail(end)
		return s.calendarExpr(i, end, calendar{0, m.Value, y, m.Rule}, 0, ref)
	}
	if y, ok := s.yearAt(pend); ok {
		return Expr{Start: i, End: pend + 1, Date: event.Date{Year: y}, Basis: Explicit}, true
	}
	return Expr{}, false
}

// calendarExpr resolves a calendar date, taking a trailing modifier
// ("dernier", "pasado", "next") when none came before.
func (s *scan) calendarExpr(start, end int, c calendar, mod int, ref event.Date) (Expr, bool) {
	if mod == 0 {
		if e, mend, ok := s.match(end, Mod); ok {
			mod, end = e.Value, mend
		}
	}
	d, _ := resolveCalendar(c, mod, ref)
	return Expr{Start: start, End: end, Date: d, Basis: Explicit, Rule: c.rule}, true
}

// text joins the tokens' surface forms, with a space where the text had one.
func (s *scan) text(start, end int) string {
	var b strings.Builder
	for i := start; i < end; i++ {
		if i > start && !s.adjacent(i-1, i) {
			b.WriteByte(' ')
		}
		b.WriteString(s.toks[i].Text)
	}
	return b.String()
}

// daysIn returns the days of a month; year 0 (unknown) allows 29 February.
func daysIn(month, year int) int {
	if month < 1 || month > 12 {
		return 0
	}
	if year == 0 {
		year = 2000
	}
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func valid(d event.Date) bool {
	return d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Month, d.Year)
}

// resolveCalendar gives a calendar date its year: as written, else the most
// recent on or before ref (mod > 0: the first on or after ref).
func resolveCalendar(c calendar, mod int, ref event.Date) (event.Date, bool) {
	d := event.Date{Year: c.year, Month: c.month, Day: c.day}
	if c.day > 0 && !valid(d) {
		return event.Date{}, false
	}
	if c.year > 0 {
		return d, true
	}
	switch {
	case ref.Year == 0:
		return d, true
	case ref.Month == 0:
		d.Year = ref.Year
		if c.day > 0 && !valid(d) {
			d.Year = 0
		}
		return d, true
	}
	day, refDay := c.day, ref.Day
	if mod > 0 {
		if day == 0 {
			day = 31 // a month counts until its end
		}
		if refDay == 0 {
			refDay = 1
		}
		for y := ref.Year; y <= ref.Year+8; y++ {
			d.Year = y
			if (c.day == 0 || valid(d)) && (y > ref.Year || before(ref.Month, refDay, c.month, day)) {
				return d, true
			}
		}
		return event.Date{}, false
	}
	if day == 0 {
		day = 1 // a month counts from its start
	}
	if refDay == 0 {
		refDay = 31
	}
	for y := ref.Year; y >= ref.Year-8; y-- {
		d.Year = y
		if (c.day == 0 || valid(d)) && (y < ref.Year || before(c.month, day, ref.Month, refDay)) {
			return d, true
		}
	}
	return event.Date{}, false
}

// before reports whether month m1 day d1 is on or before m2 d2.
func before(m1, d1, m2, d2 int) bool {
	return m1 < m2 || m1 == m2 && d1 <= d2
}

// addDays moves ref by n days. A ref without a day cannot move; a ref
// without a year moves only when the result is the same in leap and common
// years, and keeps its year unknown.
func addDays(ref event.Date, n int) (event.Date, bool) {
	if ref.Month == 0 || ref.Day == 0 {
		return event.Date{}, false
	}
	if ref.Year > 0 {
		if !valid(ref) {
			return event.Date{}, false
		}
		t := time.Date(ref.Year, time.Month(ref.Month), ref.Day, 12, 0, 0, 0, time.UTC).AddDate(0, 0, n)
		return event.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
	}
	var got []event.Date
	for _, y := range []int{2000, 2001} {
		r := event.Date{Year: y, Month: ref.Month, Day: ref.Day}
		if !valid(r) {
			continue
		}
		d, _ := addDays(r, n)
		got = append(got, event.Date{Month: d.Month, Day: d.Day})
	}
	if len(got) == 0 || len(got) == 2 && got[0] != got[1] {
		return event.Date{}, false
	}
	return got[0], true
}

// weekday resolves a weekday (1 = Monday) against a full ref: the most recent
// on or before ref (mod < 0: strictly before, mod > 0: strictly after).
func weekday(ref event.Date, wd, mod int) (event.Date, bool) {
	if ref.Year == 0 || !valid(ref) {
		return event.Date{}, false
	}
	t := time.Date(ref.Year, time.Month(ref.Month), ref.Day, 12, 0, 0, 0, time.UTC)
	iso := (int(t.Weekday())+6)%7 + 1
	var n int
	if mod > 0 {
		n = (wd - iso + 7) % 7
		if n == 0 {
			n = 7
		}
	} else {
		n = -((iso - wd + 7) % 7)
		if n == 0 && mod < 0 {
			n = -7
		}
	}
	return addDays(ref, n)
}

// String shows an expression for debugging and test failures.
func (x Expr) String() string {
	return fmt.Sprintf("%q [%d,%d) %s %s", x.Text, x.Start, x.End, x.Date, x.Basis)
}
