package dateline

import (
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"dyad/event"
	"dyad/timex"
)

// Dateline is the dateline of a dispatch.
type Dateline struct {
	Place     string     // as written: "Moscou", "WASHINGTON", "LA HABANA"
	PlaceSpan [2]int     // byte offsets of Place in the text given to Find
	Date      event.Date // month and day, year only when written; zero when absent
	Agency    string     // "RHC", "Reuters", "AFP"; "" when absent
	Span      [2]int     // the whole dateline with its trailing separator and spaces
}

// Parser finds datelines. It is immutable and safe for concurrent use.
type Parser struct {
	lex *timex.Lexicon
}

// New reads the month vocabulary timex/*.tsv from fsys, an FS rooted at the
// data folder (such as data.FS).
func New(fsys fs.FS) (*Parser, error) {
	l, err := timex.ReadLexicon(fsys)
	if err != nil {
		return nil, err
	}
	return NewParser(l), nil
}

// NewParser builds a Parser on a vocabulary already loaded.
func NewParser(l *timex.Lexicon) *Parser { return &Parser{lex: l} }

const (
	maxHeadline  = 200 // bytes of a headline line before the dateline
	maxPlaceCaps = 4   // capitalised words of a place
	maxAgency    = 40  // bytes inside the agency's parentheses
)

// Find looks for a dateline at the start of text (already normalised), or
// after one short headline line. A dateline repeated right after itself is
// taken whole in Span.
func (p *Parser) Find(text string) (Dateline, bool) {
	start := skipSpace(text, 0, true)
	first, firstOK := p.parseAt(text, start)
	if firstOK && first.strong {
		return p.repeated(text, first), true
	}
	var second candidate
	secondOK := false
	if nl := strings.IndexByte(text[start:], '\n'); nl > 0 && nl <= maxHeadline {
		second, secondOK = p.parseAt(text, skipSpace(text, start+nl, true))
	}
	switch {
	case secondOK && second.strong:
		return p.repeated(text, second), true
	case firstOK:
		return p.repeated(text, first), true
	case secondOK:
		return p.repeated(text, second), true
	}
	return Dateline{}, false
}

// repeated extends a dateline over a copy of itself that follows it.
func (p *Parser) repeated(text string, c candidate) Dateline {
	d := c.Dateline
	if again, ok := p.parseAt(text, skipSpace(text, d.Span[1], true)); ok &&
		timex.Fold(again.Place) == timex.Fold(d.Place) {
		d.Span[1] = again.Span[1]
		if d.Agency == "" {
			d.Agency = again.Agency
		}
		if d.Date.IsZero() {
			d.Date = again.Date
		}
	}
	return d
}

type candidate struct {
	Dateline
	strong bool // has a date or an agency
}

// parseAt parses a dateline starting exactly at byte i.
func (p *Parser) parseAt(text string, i int) (candidate, bool) {
	var c candidate
	place, end, allCaps, ok := p.place(text, i)
	if !ok {
		return c, false
	}
	c.Place, c.PlaceSpan = place, [2]int{i, end}
	pos := end
	if agency, aend, ok := paren(text, pos); ok {
		if d, dend, ok := p.commaDate(text, aend); ok {
			c.Date, pos = d, dend // "NEW YORK (Nations Unies), 29 avril"
		} else {
			c.Agency, pos = agency, aend
		}
	} else if d, dend, ok := p.commaDate(text, pos); ok {
		c.Date, pos = d, dend
	}
	if !c.Date.IsZero() && c.Agency == "" {
		q := pos
		if q < len(text) && text[q] == ',' {
			q++
		}
		if agency, aend, ok := paren(text, q); ok {
			c.Agency, pos = agency, aend
		}
	}
	sepEnd, dotted, hasSep := separator(text, pos)
	c.strong = !c.Date.IsZero() || c.Agency != ""
	switch {
	case !c.strong:
		if !hasSep || !(allCaps || dotted) {
			return c, false
		}
	case !hasSep && c.Agency == "" || !hasSep && c.Date.IsZero():
		if !startsCapital(text, skipSpace(text, pos, false)) {
			return c, false
		}
	}
	if hasSep {
		pos = sepEnd
	}
	pos = skipSpace(text, pos, false)
	c.Span = [2]int{i, pos}
	return c, true
}

// place reads one to four capitalised words joined by single spaces and at
// most two short lower-case words in a row ("Ciudad de la Habana").
func (p *Parser) place(text string, i int) (string, int, bool, bool) {
	var (
		caps, lower int
		end         = i
		allCaps     = true
		pos         = i
	)
	for {
		w, wend := word(text, pos)
		if w == "" {
			break
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			if caps == maxPlaceCaps {
				return "", 0, false, false
			}
			caps, lower, end = caps+1, 0, wend
			if strings.ToUpper(w) != w {
				allCaps = false
			}
		case pos > i && lower < 2 && utf8.RuneCountInString(w) <= 3:
			lower++
		default:
			wend = -1
		}
		if wend < 0 || wend >= len(text) || text[wend] != ' ' {
			break
		}
		pos = wend + 1
	}
	if caps == 0 {
		return "", 0, false, false
	}
	place := text[i:end]
	if !strings.Contains(place, " ") {
		for _, k := range []timex.Kind{timex.Month, timex.Weekday} {
			if _, ok := p.lex.Lookup("", k, place); ok {
				return "", 0, false, false
			}
		}
	}
	return place, end, allCaps, true
}

// word reads a word at i: letters, with inner hyphens and apostrophes.
func word(text string, i int) (string, int) {
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) {
			j += n
			continue
		}
		if (r == '-' || r == '\'') && j > i && j+n < len(text) {
			if r2, _ := utf8.DecodeRuneInString(text[j+n:]); unicode.IsLetter(r2) {
				j += n
				continue
			}
		}
		break
	}
	return text[i:j], j
}

// paren reads " (Content)" at i: a short capitalised name.
func paren(text string, i int) (string, int, bool) {
	j := skipSpace(text, i, false)
	if j >= len(text) || text[j] != '(' {
		return "", 0, false
	}
	k := strings.IndexByte(text[j+1:], ')')
	if k <= 0 || k > maxAgency {
		return "", 0, false
	}
	content := text[j+1 : j+1+k]
	if strings.ContainsAny(content, "(\n") || !startsCapital(content, 0) || len(strings.Fields(content)) > 4 {
		return "", 0, false
	}
	return content, j + 1 + k + 1, true
}

// commaDate reads ", DATE" at i.
func (p *Parser) commaDate(text string, i int) (event.Date, int, bool) {
	if i >= len(text) || text[i] != ',' {
		return event.Date{}, 0, false
	}
	return p.date(text, skipSpace(text, i+1, false))
}

// date reads "19 novembre [2020]", "5 de marzo", "19th November",
// "Nov. 19[, 2021]", "March 3".
func (p *Parser) date(text string, i int) (event.Date, int, bool) {
	var d event.Date
	if day, end, ok := p.day(text, i); ok {
		j := skipSpace(text, end, false)
		if j == end {
			return d, 0, false
		}
		if w, wend := word(text, j); w != "" {
			if _, ok := p.lex.Lookup("", timex.Link, w); ok && wend < len(text) && text[wend] == ' ' {
				j = skipSpace(text, wend, false)
			}
		}
		m, mend, ok := p.month(text, j)
		if !ok {
			return d, 0, false
		}
		d = event.Date{Month: m, Day: day}
		d.Year, mend = p.year(text, mend)
		return d, mend, valid(d)
	}
	m, mend, ok := p.month(text, i)
	if !ok {
		return d, 0, false
	}
	j := skipSpace(text, mend, false)
	if j == mend {
		return d, 0, false
	}
	day, end, ok := p.day(text, j)
	if !ok {
		return d, 0, false
	}
	d = event.Date{Month: m, Day: day}
	d.Year, end = p.year(text, end)
	return d, end, valid(d)
}

func valid(d event.Date) bool {
	days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if d.Year > 0 && d.Month == 2 && !(d.Year%4 == 0 && (d.Year%100 != 0 || d.Year%400 == 0)) {
		return d.Day <= 28
	}
	return d.Day >= 1 && d.Day <= days[d.Month-1]
}

// day reads a day number 1..31 with an optional ordinal suffix ("1er", "19th").
func (p *Parser) day(text string, i int) (int, int, bool) {
	j := i
	for j < len(text) && j-i < 3 && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	if j == i || j-i > 2 {
		return 0, 0, false
	}
	n := int(text[i] - '0')
	if j-i == 2 {
		n = n*10 + int(text[i+1]-'0')
	}
	if n < 1 || n > 31 {
		return 0, 0, false
	}
	if w, wend := word(text, j); w != "" {
		if _, ok := p.lex.Lookup("", timex.Ordinal, w); !ok {
			return 0, 0, false
		}
		j = wend
	}
	return n, j, true
}

// month reads a month name or abbreviation, with an abbreviation's full stop.
func (p *Parser) month(text string, i int) (int, int, bool) {
	w, end := word(text, i)
	if w == "" {
		return 0, 0, false
	}
	e, ok := p.lex.Lookup("", timex.Month, w)
	if !ok {
		return 0, 0, false
	}
	if e.Abbr && end < len(text) && text[end] == '.' {
		end++
	}
	return e.Value, end, true
}

// year reads an optional year after a date: " 2020", ", 2020", " de 2020".
func (p *Parser) year(text string, i int) (int, int) {
	j := i
	if j < len(text) && text[j] == ',' {
		j++
	}
	k := skipSpace(text, j, false)
	if k == j {
		return 0, i
	}
	if w, wend := word(text, k); w != "" {
		if _, ok := p.lex.Lookup("", timex.Link, w); !ok {
			return 0, i
		}
		k = skipSpace(text, wend, false)
	}
	if k+4 > len(text) {
		return 0, i
	}
	y := 0
	for _, b := range []byte(text[k : k+4]) {
		if b < '0' || b > '9' {
			return 0, i
		}
		y = y*10 + int(b-'0')
	}
	if y < timex.MinYear || y > timex.MaxYear || k+4 < len(text) && text[k+4] >= '0' && text[k+4] <= '9' {
		return 0, i
	}
	return y, k + 4
}

// separator reads a dash separator after optional spaces and a full stop:
// " -", " --", " –", " —", ".-", ". –". dotted is set when a full stop came
// first.
func separator(text string, i int) (end int, dotted, ok bool) {
	j := skipSpace(text, i, false)
	if j < len(text) && text[j] == '.' {
		dotted = true
		j = skipSpace(text, j+1, false)
	}
	k := j
	for k < len(text) {
		r, n := utf8.DecodeRuneInString(text[k:])
		if r != '-' && r != '–' && r != '—' {
			break
		}
		k += n
	}
	if k == j || k-j > 6 {
		return 0, false, false
	}
	if k < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[k:]); !unicode.IsSpace(r) {
			return 0, false, false // "-Le" is a hyphen, not a separator
		}
	}
	return k, dotted, true
}

func startsCapital(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsUpper(r) || r == '"' || r == '«' || unicode.IsDigit(r)
}

// skipSpace skips spaces and tabs, and line breaks when lines is set.
func skipSpace(text string, i int, lines bool) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || r == '\r' {
			if !lines {
				break
			}
		} else if !unicode.IsSpace(r) && r != '\ufeff' {
			break
		}
		i += n
	}
	return i
}
