package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// GoldDoc is one gold document: the text as the coder is given it and the
// events a careful coder finds in it.
type GoldDoc struct {
	ID        string      `json:"id"`
	Lang      string      `json:"lang,omitempty"`
	Published string      `json:"published,omitempty"`
	Text      string      `json:"text"`
	Note      string      `json:"note,omitempty"`
	Dateline  *Dateline   `json:"dateline,omitempty"`
	People    []Person    `json:"people,omitempty"`
	Events    []GoldEvent `json:"events"`
	Origin    string      `json:"-"` // "file.jsonl:3", for messages
}

// Dateline is the gold reading of a document's dateline.
type Dateline struct {
	Place   string `json:"place,omitempty"`
	Country string `json:"country,omitempty"`
	Date    string `json:"date,omitempty"`
	Agency  string `json:"agency,omitempty"`
}

// Person is a person named in a gold document, with the spellings used.
type Person struct {
	Name     string   `json:"name"`
	Country  string   `json:"country,omitempty"`
	Org      string   `json:"org,omitempty"`
	Roles    []string `json:"roles,omitempty"`
	Variants []string `json:"variants,omitempty"`
}

// GoldActor is an acceptable source or target.
type GoldActor struct {
	Any     bool     `json:"any,omitempty"`     // any actor is accepted
	Country string   `json:"country,omitempty"` // ISO 3166-1 alpha-3
	Org     string   `json:"org,omitempty"`     // international organisation id
	Roles   []string `json:"roles,omitempty"`   // acceptable first roles
	Name    string   `json:"name,omitempty"`    // canonical person name
}

// GoldEvent is one event a gold document demands (or allows).
type GoldEvent struct {
	Anchor   string     `json:"anchor"`             // occurs exactly once in the text, in the event's sentence
	Source   GoldActor  `json:"source"`             //
	Target   *GoldActor `json:"target"`             // nil: any target, or none, is accepted
	Codes    []string   `json:"codes"`              // acceptable CAMEO codes, preferred first; a root accepts its whole family
	Dates    []string   `json:"dates"`              // acceptable dates; empty: not checked
	Location string     `json:"location,omitempty"` // ISO3 of the place of the action; "": not checked
	Required bool       `json:"required"`           // false: absorbs a prediction without counting
	Note     string     `json:"note,omitempty"`
}

// rawDoc and friends mirror the file with pointers where presence matters.
type rawEvent struct {
	Anchor   string     `json:"anchor"`
	Source   *GoldActor `json:"source"`
	Target   *GoldActor `json:"target"`
	Codes    []string   `json:"codes"`
	Dates    []string   `json:"dates"`
	Location *string    `json:"location"`
	Required *bool      `json:"required"`
	Note     string     `json:"note"`
}

type rawDoc struct {
	ID        string     `json:"id"`
	Lang      string     `json:"lang"`
	Published string     `json:"published"`
	Text      string     `json:"text"`
	Note      string     `json:"note"`
	Dateline  *Dateline  `json:"dateline"`
	People    []Person   `json:"people"`
	Events    []rawEvent `json:"events"`
}

// ErrGold marks a problem in gold data.
var ErrGold = errors.New("invalid gold")

// GoldError is a problem in a gold document, located by file and line
// (Origin) and, for an event, its 1-based index.
type GoldError struct {
	Origin string // "fr-dev.jsonl:3", or the document id when read from elsewhere
	Event  int    // 1-based event index, 0 for the document itself
	Msg    string
}

func (e *GoldError) Error() string {
	if e.Event > 0 {
		return fmt.Sprintf("%s: event %d: %s", e.Origin, e.Event, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Origin, e.Msg)
}

// Unwrap lets errors.Is(err, ErrGold) recognise gold problems.
func (e *GoldError) Unwrap() error { return ErrGold }

// ReadGold reads a gold file (JSONL, one document per line; blank lines are
// skipped). name is used in messages: "fr-dev.jsonl:3: ...". Invalid JSON,
// unknown fields, missing fields, malformed codes, dates and country codes and
// duplicate ids are errors, all reported together. Problems of content, an
// empty text or an anchor that does not occur exactly once, are not: Check
// reports them, and Score leaves those events out and lists them.
func ReadGold(r io.Reader, name string) ([]GoldDoc, error) {
	var (
		docs []GoldDoc
		errs []error
		ids  = map[string]string{}
	)
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			origin := fmt.Sprintf("%s:%d", name, n)
			d, derr := parseDoc(line, origin)
			switch {
			case derr != nil:
				errs = append(errs, derr)
			default:
				if prev, dup := ids[d.ID]; dup {
					errs = append(errs, &GoldError{Origin: origin, Msg: fmt.Sprintf("id %q already used at %s", d.ID, prev)})
				} else {
					ids[d.ID] = origin
				}
				docs = append(docs, d)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, n, err))
			break
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return docs, nil
}

func parseDoc(line []byte, origin string) (GoldDoc, error) {
	var raw rawDoc
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return GoldDoc{}, &GoldError{Origin: origin, Msg: "invalid JSON: " + err.Error()}
	}
	if dec.More() {
		return GoldDoc{}, &GoldError{Origin: origin, Msg: "invalid JSON: more than one value on the line"}
	}
	d := GoldDoc{ID: raw.ID, Lang: raw.Lang, Published: raw.Published, Text: raw.Text,
		Note: raw.Note, Dateline: raw.Dateline, People: raw.People, Origin: origin}
	var errs []error
	for i, re := range raw.Events {
		e := GoldEvent{Anchor: re.Anchor, Target: re.Target, Codes: re.Codes, Dates: re.Dates, Note: re.Note}
		if re.Source == nil {
			errs = append(errs, &GoldError{origin, i + 1, `missing "source"`})
		} else {
			e.Source = *re.Source
		}
		if re.Required == nil {
			errs = append(errs, &GoldError{origin, i + 1, `missing "required"`})
		} else {
			e.Required = *re.Required
		}
		if re.Location != nil {
			e.Location = *re.Location
		}
		d.Events = append(d.Events, e)
	}
	errs = append(errs, d.checkFormat()...)
	return d, errors.Join(errs...)
}

var (
	reCode    = regexp.MustCompile(`^[0-2][0-9]{1,3}$`)
	reDate    = regexp.MustCompile(`^([0-9]{4}|XXXX)(-[0-9]{2}(-[0-9]{2})?)?$`)
	reCountry = regexp.MustCompile(`^[A-Z]{3}$`)
	reRole    = regexp.MustCompile(`^[A-Z]{3}$`)
)

// Check reports every problem of a gold document: malformed fields (as
// ReadGold does), an empty text, anchors that do not occur exactly once.
func (d *GoldDoc) Check() []error {
	errs := d.checkFormat()
	if strings.TrimSpace(d.Text) == "" {
		errs = append(errs, &GoldError{Origin: d.origin(), Msg: "empty text"})
	}
	for i, e := range d.Events {
		if _, err := anchorSpan(d.Text, e.Anchor); err != nil {
			errs = append(errs, &GoldError{Origin: d.origin(), Event: i + 1, Msg: err.Error()})
		}
	}
	return errs
}

func (d *GoldDoc) origin() string {
	if d.Origin != "" {
		return d.Origin
	}
	return d.ID
}

// checkFormat reports malformed or missing fields.
func (d *GoldDoc) checkFormat() []error {
	var errs []error
	bad := func(ev int, format string, args ...any) {
		errs = append(errs, &GoldError{Origin: d.origin(), Event: ev, Msg: fmt.Sprintf(format, args...)})
	}
	if d.ID == "" {
		bad(0, `missing "id"`)
	}
	if d.Published != "" && !reDate.MatchString(d.Published) {
		bad(0, "published %q: want YYYY-MM-DD", d.Published)
	}
	for i, e := range d.Events {
		n := i + 1
		checkActor(&e.Source, "source", func(f string, a ...any) { bad(n, f, a...) })
		if e.Target != nil {
			checkActor(e.Target, "target", func(f string, a ...any) { bad(n, f, a...) })
		}
		if len(e.Codes) == 0 {
			bad(n, `no "codes"`)
		}
		for _, c := range e.Codes {
			if !reCode.MatchString(c) {
				bad(n, "code %q: want a CAMEO code of 2 to 4 digits", c)
			}
		}
		for _, dt := range e.Dates {
			if !reDate.MatchString(dt) {
				bad(n, "date %q: want YYYY-MM-DD, YYYY-MM or YYYY", dt)
			}
		}
		if e.Location != "" && !reCountry.MatchString(e.Location) {
			bad(n, "location %q: want an ISO 3166-1 alpha-3 code", e.Location)
		}
	}
	return errs
}

func checkActor(a *GoldActor, role string, bad func(string, ...any)) {
	if a.Any && (a.Country != "" || a.Org != "" || len(a.Roles) > 0 || a.Name != "") {
		bad(`%s: "any" with other fields`, role)
	}
	if a.Country != "" && !reCountry.MatchString(a.Country) {
		bad("%s: country %q: want an ISO 3166-1 alpha-3 code", role, a.Country)
	}
	for _, r := range a.Roles {
		if !reRole.MatchString(r) {
			bad("%s: role %q: want three capital letters", role, r)
		}
	}
}

// anchorSpan finds the anchor's bytes in text; it must occur exactly once.
func anchorSpan(text, anchor string) ([2]int, error) {
	if anchor == "" {
		return [2]int{}, errors.New(`missing "anchor"`)
	}
	i := strings.Index(text, anchor)
	if i < 0 {
		return [2]int{}, fmt.Errorf("anchor %q not found in the text", anchor)
	}
	if n := strings.Count(text, anchor); n > 1 {
		return [2]int{}, fmt.Errorf("anchor %q occurs %d times in the text, want once", anchor, n)
	}
	return [2]int{i, i + len(anchor)}, nil
}
