package store

import (
	"context"
	"errors"

	"dyad/event"
)

// Errors the store returns; test them with errors.Is.
var (
	ErrNotFound = errors.New("not found")
	ErrBadQuery = errors.New("bad query")
	ErrClosed   = errors.New("store closed")
)

// Store is what the ingest command and the HTTP server need of a database.
// Implementations are safe for concurrent use.
type Store interface {
	// Add stores a batch of coded documents in one transaction. A document
	// whose text is already stored is counted as a duplicate and adds
	// nothing.
	Add(ctx context.Context, items []Item) (AddResult, error)
	Events(ctx context.Context, q EventQuery) (EventPage, error)
	Dyads(ctx context.Context, q DyadQuery) ([]Dyad, error)
	Timeline(ctx context.Context, q TimelineQuery) ([]Point, error)
	Actors(ctx context.Context, q ActorQuery) ([]ActorCount, error)
	// HasText reports whether a document with this text is stored.
	HasText(ctx context.Context, text string) (bool, error)
	// Document returns a stored document by its id (ErrNotFound if none).
	Document(ctx context.Context, id string) (DocumentView, error)
	Counts(ctx context.Context) (Counts, error)
	Close() error
}

// Item is one coded document to store.
type Item struct {
	Doc       event.Document
	Lang      string
	Events    []event.Event // event mentions as the coder gives them
	Sentences []SentenceSpan
	Actors    []ActorSpan
}

// SentenceSpan locates one sentence in a document's text.
type SentenceSpan struct {
	Index int        `json:"index"`
	Span  event.Span `json:"span"`
}

// ActorSpan is one actor mention in a document's text.
type ActorSpan struct {
	Span event.Span `json:"span"`
	Code string     `json:"code"`
	Name string     `json:"name"`
}

// AddResult counts what one Add did.
type AddResult struct {
	Documents  int      // new documents stored
	Duplicates int      // documents already stored (same text)
	Mentions   int      // event mentions stored
	NewEvents  int      // events created (the rest folded into existing ones)
	IDs        []string // stored ids, "" for duplicates
}

// Counts sizes the store.
type Counts struct {
	Documents int64 `json:"documents"`
	Mentions  int64 `json:"mentions"`
	Events    int64 `json:"events"`
}

// Event is one stored event: its mentions folded together.
type Event struct {
	ID        int64       `json:"id"`
	Date      string      `json:"date"`
	Code      string      `json:"code"`
	Root      string      `json:"root"`
	Quad      int         `json:"quad"`
	Goldstein float64     `json:"goldstein"`
	Plover    string      `json:"plover"`
	Source    EventActor  `json:"source"`
	Target    *EventActor `json:"target"`
	Location  *Location   `json:"location"`
	Mentions  int         `json:"mentions"`
	Sources   int         `json:"sources"`
	Documents int         `json:"documents"`
	Evidence  Evidence    `json:"evidence"`
}

// EventActor is a side of a stored event.
type EventActor struct {
	Code    string   `json:"code"`
	Country string   `json:"country"`
	Org     string   `json:"org"`
	Roles   []string `json:"roles"`
	Name    string   `json:"name"`
}

// Location is where a stored event happened.
type Location struct {
	Name    string   `json:"name"`
	Country string   `json:"country"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
}

// Evidence is the first mention of an event.
type Evidence struct {
	Doc      string      `json:"doc"`
	Sentence int         `json:"sentence"`
	Text     string      `json:"text"`
	Span     event.Span  `json:"span"`
	Trigger  *event.Span `json:"trigger"`
	Modality string      `json:"modality"`
}

// EventQuery filters, sorts and pages events. Empty fields do not filter.
type EventQuery struct {
	Source, Target, Actor string // actor code prefixes; Actor is either side
	Country, Org          string // either side
	Code, Root            string // Code is a prefix
	Quad                  int    // 1-4, 0 for any
	From, To              string // dates, inclusive
	Text                  string // full-text search in the evidence sentences
	Doc                   string // events with a mention in this document
	Sort                  string // date (default), -date, goldstein, -goldstein, mentions, -mentions
	Limit                 int    // 1..MaxLimit; 0 means DefaultLimit
	Cursor                string // from the previous page
}

// Limits on queries.
const (
	DefaultLimit = 50
	MaxLimit     = 500
	MaxText      = 200 // longest full-text query, in characters
)

// EventPage is one page of events.
type EventPage struct {
	Events []Event `json:"events"`
	Next   string  `json:"next"`
}

// DyadQuery asks for the most active ordered pairs.
type DyadQuery struct {
	From, To string
	Limit    int // 0 means 20
}

// Dyad is an ordered pair of country or organisation level actors.
type Dyad struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Events    int     `json:"events"`
	Mentions  int     `json:"mentions"`
	Goldstein float64 `json:"goldstein"` // mean over events
}

// TimelineQuery asks for the events between A and B, both directions.
type TimelineQuery struct {
	A, B     string // actor code prefixes (RUS, IGOEU)
	Interval string // day, week or month
	From, To string
}

// Point is one period of a timeline.
type Point struct {
	Period    string  `json:"period"`
	Q1        int     `json:"q1"`
	Q2        int     `json:"q2"`
	Q3        int     `json:"q3"`
	Q4        int     `json:"q4"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"` // mean over events
}

// ActorQuery searches the actors seen in the store.
type ActorQuery struct {
	Text  string // code prefix or part of the name, case-insensitive
	Limit int    // 0 means 20
}

// ActorCount is an actor code and name with its number of events.
type ActorCount struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Events int    `json:"events"`
}

// DocumentView is a stored document with what was found in it.
type DocumentView struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	URL       string         `json:"url"`
	Published string         `json:"published"`
	Lang      string         `json:"lang"`
	Source    string         `json:"source"`
	Text      string         `json:"text"`
	Sentences []SentenceSpan `json:"sentences"`
	Actors    []ActorSpan    `json:"actors"`
	Events    []Event        `json:"events"`
}
