package main

import (
	"bufio"
	"context"
	"dyad/sink"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"

	"dyad/actor"
	"dyad/event"
	"dyad/ingest"
	"dyad/pipeline"
)

// errNotFound is returned when a lookup finds nothing; it exits 1.
var errNotFound = errors.New("the knowledge base does not know this name")

func runActor(ctx context.Context, args []string, e *env) error {
	if len(args) == 0 || args[0] != "lookup" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			actorUsage(e.stdout)
			return nil
		}
		actorUsage(e.stderr)
		return errUsage
	}
	fl := flag.NewFlagSet("actor lookup", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	format := fl.String("format", "", "output `format`: jsonl or table (default: table on a terminal, else jsonl)")
	dataDir := fl.String("data", "", "read the dictionaries from `DIR` instead of the built-in ones")
	date := fl.String("date", "", "also give each person's office on `YYYY-MM-DD`")
	fl.Usage = func() { actorUsage(fl.Output()) }
	names, err := parseInterspersed(fl, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return errUsage
	}
	bad := func(f string, a ...any) error {
		fmt.Fprintf(e.stderr, "dyad actor: "+f+"\nrun 'dyad actor -h' for usage\n", a...)
		return errUsage
	}
	if len(names) == 0 {
		return bad("lookup needs a NAME")
	}
	switch *format {
	case "":
		*format = "jsonl"
		if e.stdoutTTY {
			*format = "table"
		}
	case "jsonl", "table":
	default:
		return bad("--format %q: want jsonl or table", *format)
	}
	var at event.Date
	if *date != "" {
		d, err := ingest.NormalizeDate(*date)
		if err == nil {
			at, err = parseDay(d)
		}
		if err != nil {
			return bad("--date: %v", err)
		}
	}
	fsys, err := dictFS(*dataDir)
	if err != nil {
		return err
	}
	kb, err := loadKB(fsys)
	if err != nil {
		return fmt.Errorf("loading dictionaries: %w", err)
	}
	bw := bufio.NewWriter(e.stdout)
	found := false
	for _, name := range names {
		ents := kb.Lookup(name)
		if len(ents) == 0 {
			fmt.Fprintf(e.stderr, "dyad actor: %q: %v\n", name, errNotFound)
			continue
		}
		found = true
		if *format == "table" {
			writeLookupTable(bw, name, ents, at)
		} else {
			enc := json.NewEncoder(bw)
			enc.SetEscapeHTML(false)
			for _, en := range ents {
				if err := enc.Encode(lookupRecord(name, en, at)); err != nil {
					return err
				}
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	if !found {
		return errNotFound
	}
	return nil
}

func actorUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: dyad actor lookup [flags] NAME...")
	fmt.Fprintln(w, "\nShows what the actor knowledge base knows of a name: countries (by name,")
	fmt.Fprintln(w, "adjective, capital, seat of power or epithet), organisations and their organs,")
	fmt.Fprintln(w, "role nouns, anaphora, and people with every office and its dates. Matching")
	fmt.Fprintln(w, "folds case and accents, and finds people through transliterations")
	fmt.Fprintln(w, "(Riabkov, Zajárova) and by surname alone. Exit status 1 when nothing is known.")
	fmt.Fprintln(w, "\nflags:\n  -data DIR     read the dictionaries from DIR instead of the built-in ones")
	fmt.Fprintln(w, "  -date DATE    also give each person's office on DATE (YYYY-MM-DD)")
	fmt.Fprintln(w, "  -format F     jsonl or table (default: table on a terminal, else jsonl)")
}

// loadKB compiles the dictionaries as the pipeline does and returns its
// actor knowledge base.
func loadKB(fsys fs.FS) (*actor.KB, error) {
	p, err := pipeline.New(fsys)
	if err != nil {
		return nil, err
	}
	return p.KB(), nil
}

func parseDay(s string) (event.Date, error) {
	var d event.Date
	if _, err := fmt.Sscanf(s, "%d-%d-%d", &d.Year, &d.Month, &d.Day); err != nil {
		return d, fmt.Errorf("%q: want YYYY-MM-DD", s)
	}
	return d, nil
}

// lookupOffice is one office of a person in a lookup record.
type lookupOffice struct {
	Code    string   `json:"code"`
	Country string   `json:"country,omitempty"`
	Org     string   `json:"org,omitempty"`
	Roles   []string `json:"roles"`
	From    string   `json:"from,omitempty"`
	To      string   `json:"to,omitempty"` // empty: still in office
}

// lookupRec is one JSON line of "dyad actor lookup".
type lookupRec struct {
	Query   string         `json:"query"`
	Kind    string         `json:"kind"`
	Phrase  string         `json:"phrase"`
	Lang    string         `json:"lang,omitempty"`
	Code    string         `json:"code,omitempty"`
	Country string         `json:"country,omitempty"`
	Org     string         `json:"org,omitempty"`
	Roles   []string       `json:"roles,omitempty"`
	Name    string         `json:"name,omitempty"`
	Gender  string         `json:"gender,omitempty"`
	Plural  bool           `json:"plural,omitempty"`
	Type    string         `json:"type,omitempty"`
	Offices []lookupOffice `json:"offices,omitempty"`
	At      *lookupOffice  `json:"at,omitempty"` // the office on --date
	Rule    string         `json:"rule"`
}

func lookupRecord(q string, en actor.Entry, at event.Date) lookupRec {
	r := lookupRec{Query: q, Kind: en.Kind.String(), Phrase: en.Surface, Lang: en.Lang, Country: en.Country,
		Org: en.Org, Gender: en.Gender, Plural: en.Plural, Type: en.Type, Rule: en.Rule}
	if en.Role != "" {
		r.Roles = []string{en.Role}
	}
	if en.Country != "" || en.Org != "" {
		r.Code = event.ComposeCode(r.Country, r.Org, r.Roles)
	}
	if p := en.Person; p != nil {
		r.Name, r.Gender = p.Name, p.Gender
		for _, o := range p.Offices {
			r.Offices = append(r.Offices, officeOf(o))
		}
		if !at.IsZero() {
			if o, ok := p.OfficeAt(at); ok {
				lo := officeOf(o)
				lo.From, lo.To = "", ""
				r.At = &lo
			}
		}
		if n := len(r.Offices); n > 0 {
			last := r.Offices[n-1]
			r.Code, r.Country, r.Org, r.Roles = last.Code, last.Country, last.Org, last.Roles
		}
	}
	return r
}

func officeOf(o actor.Office) lookupOffice {
	roles := o.Roles
	if roles == nil {
		roles = []string{}
	}
	return lookupOffice{Code: event.ComposeCode(o.Country, o.Org, o.Roles), Country: o.Country, Org: o.Org,
		Roles: roles, From: o.From.String(), To: o.To.String()}
}

func writeLookupTable(w io.Writer, q string, ents []actor.Entry, at event.Date) {
	fmt.Fprintf(w, "%s: %d match(es)\n", q, len(ents))
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tLANG\tCODE\tPHRASE\tDETAILS\tRULE")
	for _, en := range ents {
		r := lookupRecord(q, en, at)
		details := []string{}
		if r.Type != "" {
			details = append(details, r.Type)
		}
		if r.Gender != "" {
			details = append(details, r.Gender)
		}
		if r.Plural {
			details = append(details, "plural")
		}
		if r.Name != "" {
			details = append(details, r.Name)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Kind, sink.OrDash(r.Lang), sink.OrDash(r.Code), sink.Cell(r.Phrase, 40),
			sink.Cell(sink.OrDash(strings.Join(details, " ")), 40), r.Rule)
		for _, o := range r.Offices {
			to := o.To
			if to == "" {
				to = "today"
			}
			fmt.Fprintf(tw, "\t\t%s\t  office %s to %s\t%s\t\n", o.Code, sink.OrDash(o.From), to, roleList(o.Roles))
		}
		if r.At != nil {
			fmt.Fprintf(tw, "\t\t%s\t  on %s\t%s\t\n", sink.OrDash(r.At.Code), at, roleList(r.At.Roles))
		}
	}
	tw.Flush()
	fmt.Fprintln(w)
}
