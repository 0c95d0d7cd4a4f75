package event

import (
	"fmt"
	"strings"
)

// Span is a half-open byte range [Start, End) into a document's text exactly
// as it was given. It marshals to JSON as a two-element array.
type Span [2]int

// Start returns the first byte of the span.
func (s Span) Start() int { return s[0] }

// End returns the byte after the span.
func (s Span) End() int { return s[1] }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s[0] <= o[0] && o[1] <= s[1] }

// Document is one news document as a source hands it over.
type Document struct {
	ID        string // the input's id, else its file path
	Text      string // the text exactly as given (UTF-8)
	Published string // YYYY-MM-DD when known, else ""
	Lang      string // ISO 639-1 when given by the source, else ""
	URL       string
	Title     string
	Source    string // the publisher or agency, when given
	Origin    string // where it came from, for error messages: "file.jsonl:12"
}

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word TokenKind = iota
	Number
	Punct
)

// Token is one word, number or punctuation mark of a sentence.
type Token struct {
	Span Span      // bytes in the raw document
	Text string    // the normalised surface form (quotes and apostrophes unified)
	Norm string    // lower case, accents removed: what dictionaries match on
	Kind TokenKind //
	Cap  bool      // the surface form starts with an upper-case letter
}

// Sentence is one sentence of a document with its tokens.
type Sentence struct {
	Index     int     // 0-based position in the document
	Span      Span    // bytes in the raw document
	Text      string  // normalised text, for display
	Tokens    []Token //
	Paragraph int     // 0-based paragraph index
}

// Date is a possibly partial calendar date; zero fields are unknown.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether nothing of the date is known.
func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String formats the date as the schema says: 2021-11-18, 2021-11, 2021,
// XXXX-11-19 when the year is unknown, "" when nothing is known.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y := "XXXX"
	if d.Year > 0 {
		y = fmt.Sprintf("%04d", d.Year)
	}
	switch {
	case d.Month == 0:
		return y
	case d.Day == 0:
		return fmt.Sprintf("%s-%02d", y, d.Month)
	default:
		return fmt.Sprintf("%s-%02d-%02d", y, d.Month, d.Day)
	}
}

// Actor is a resolved actor in an event record.
type Actor struct {
	Code    string   `json:"code"`
	Country string   `json:"country"`
	Org     string   `json:"org,omitempty"`
	Roles   []string `json:"roles"`
	Name    string   `json:"name,omitempty"`
	Text    string   `json:"text,omitempty"`
	Span    *Span    `json:"span,omitempty"`
}

// ComposeCode builds the CAMEO composite actor code: country (or IGO+org)
// then roles.
func ComposeCode(country, org string, roles []string) string {
	var b strings.Builder
	if org != "" {
		b.WriteString("IGO")
		b.WriteString(org)
	} else {
		b.WriteString(country)
	}
	for _, r := range roles {
		b.WriteString(r)
	}
	return b.String()
}

// Place is where an event happened.
type Place struct {
	Text    string   `json:"text,omitempty"`
	Name    string   `json:"name,omitempty"`
	Country string   `json:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
}

// Modality values.
const (
	Asserted     = "asserted"
	Intent       = "intent"
	Negated      = "negated"
	Hypothetical = "hypothetical"
)

// Event is one event mention, as event.schema.json describes it.
type Event struct {
	Doc        string  `json:"doc"`
	EventID    string  `json:"event_id,omitempty"`
	Sentence   int     `json:"sentence"`
	Span       Span    `json:"span"`
	Trigger    *Span   `json:"trigger,omitempty"`
	Text       string  `json:"text"`
	Lang       string  `json:"lang,omitempty"`
	Code       string  `json:"code"`
	Root       string  `json:"root"`
	Quad       int     `json:"quad"`
	Goldstein  float64 `json:"goldstein"`
	Plover     string  `json:"plover,omitempty"`
	Source     Actor   `json:"source"`
	Target     *Actor  `json:"target"`
	Date       string  `json:"date,omitempty"`
	DateBasis  string  `json:"date_basis,omitempty"`
	Modality   string  `json:"modality"`
	Location   *Place  `json:"location"`
	Rule       string  `json:"rule,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// TokensText joins tokens' normalised text, with a space wherever the
// document had one between them.
func TokensText(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.Span[0] > toks[i-1].Span[1] {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
