package timex

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"dyad/dict"
	"dyad/lang"
)

// Kind is the kind of a vocabulary entry, the first field of a data line.
type Kind uint8

// Entry kinds; see data/timex/fr.tsv for what each means.
const (
	Month   Kind = iota + 1 // value 1..12
	Weekday                 // value 1..7, 1 = Monday
	Rel                     // value: day offset from the dispatch date
	Mod                     // value -1 (past) or +1 (next)
	This                    // "ce", "this", "el" before a weekday
	Part                    // a part of the day: "soir", "morning"
	Prep                    // "en", "in": makes a bare month or year a date
	Link                    // "de", "of" between day, month and year
	Ordinal                 // "er", "th" after a day number
	Block                   // a phrase that is not a date
)

var kindNames = map[string]Kind{
	"month": Month, "weekday": Weekday, "rel": Rel, "mod": Mod, "this": This,
	"part": Part, "prep": Prep, "link": Link, "ordinal": Ordinal, "block": Block,
}

// String returns the kind's name as written in data files.
func (k Kind) String() string {
	for n, v := range kindNames {
		if v == k {
			return n
		}
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Entry is one phrase of the vocabulary.
type Entry struct {
	Kind  Kind
	Value int
	Abbr  bool   // a month abbreviation: counts only next to a day number
	Cap   bool   // counts only when written with a capital ("May", not "may")
	Rule  string // file:line of the data line
}

// table is the compiled vocabulary of one language (or of all of them).
type table struct {
	entries  map[string][]Entry // key: folded phrase without spaces
	prefixes map[string]bool    // every byte prefix of every key
}

func newTable() *table {
	return &table{entries: map[string][]Entry{}, prefixes: map[string]bool{}}
}

// add records e under key. An entry of the same kind already there wins,
// but the same month keeps the looser flags of the two (in the table of all
// languages, Spanish "mar" needs no capital although English "Mar" does); add
// reports a conflict when the two disagree on the value.
func (t *table) add(key string, e Entry) (conflict Entry, ok bool) {
	es := t.entries[key]
	for i, o := range es {
		if o.Kind == e.Kind {
			if o.Value == e.Value {
				es[i].Abbr = o.Abbr && e.Abbr
				es[i].Cap = o.Cap && e.Cap
			}
			return o, o.Value != e.Value
		}
	}
	t.entries[key] = append(es, e)
	for i := 1; i <= len(key); i++ {
		t.prefixes[key[:i]] = true
	}
	return Entry{}, false
}

func (t *table) lookup(key string, k Kind) (Entry, bool) {
	for _, e := range t.entries[key] {
		if e.Kind == k {
			return e, true
		}
	}
	return Entry{}, false
}

// Lexicon is the compiled temporal vocabulary of every language found in
// data/timex. It is immutable and safe for concurrent use.
type Lexicon struct {
	langs map[string]*table
	all   *table
}

// ErrNoFiles is returned when the vocabulary folder holds no .tsv file.
var ErrNoFiles = errors.New("timex: no timex/*.tsv vocabulary file")

// ReadLexicon reads every timex/<lang>.tsv file of fsys (an FS rooted at the
// data folder, such as data.FS).
func ReadLexicon(fsys fs.FS) (*Lexicon, error) {
	names, err := fs.Glob(fsys, "timex/*.tsv")
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	if len(names) == 0 {
		return nil, ErrNoFiles
	}
	files := map[string][]byte{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("timex: %w", err)
		}
		files[n] = b
	}
	return ParseLexicon(files)
}

// ParseLexicon compiles vocabulary files given by name; the language is the
// file's base name without extension ("timex/fr.tsv" -> "fr"). Every problem
// is reported as file:line, all of them together.
func ParseLexicon(files map[string][]byte) (*Lexicon, error) {
	l := &Lexicon{langs: map[string]*table{}, all: newTable()}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		lang := strings.TrimSuffix(path.Base(name), path.Ext(name))
		lines, err := dict.ParseTSV(name, files[name], 3, 4)
		if err != nil {
			errs = append(errs, err)
		}
		t := newTable()
		for _, ln := range lines {
			e, keys, err := parseLine(ln)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			for _, k := range keys {
				if o, bad := t.add(k, e); bad {
					errs = append(errs, dict.Errorf(ln, "%s %q already has value %d at %s", e.Kind, k, o.Value, o.Rule))
				}
				l.all.add(k, e) // across languages the first file wins
			}
		}
		l.langs[lang] = t
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return l, nil
}

func parseLine(ln dict.Line) (Entry, []string, error) {
	f := ln.Fields
	k, ok := kindNames[strings.ToLower(f[0])]
	if !ok {
		return Entry{}, nil, dict.Errorf(ln, "unknown kind %q", f[0])
	}
	e := Entry{Kind: k, Rule: ln.Rule()}
	v := f[2]
	var err error
	switch k {
	case Month, Weekday, Rel:
		e.Value, err = strconv.Atoi(strings.TrimPrefix(v, "+"))
		if err != nil {
			return Entry{}, nil, dict.Errorf(ln, "value %q is not a number", v)
		}
		if k == Month && (e.Value < 1 || e.Value > 12) || k == Weekday && (e.Value < 1 || e.Value > 7) {
			return Entry{}, nil, dict.Errorf(ln, "%s value %d out of range", k, e.Value)
		}
	case Mod:
		switch v {
		case "past":
			e.Value = -1
		case "next":
			e.Value = 1
		default:
			return Entry{}, nil, dict.Errorf(ln, `mod value must be "past" or "next", got %q`, v)
		}
	default:
		if v != "-" && v != "" {
			return Entry{}, nil, dict.Errorf(ln, `%s takes no value: write "-", got %q`, k, v)
		}
	}
	if len(f) == 4 {
		for _, fl := range strings.Split(f[3], ",") {
			switch fl = strings.TrimSpace(fl); {
			case fl == "":
			case fl == "abbr" && k == Month:
				e.Abbr = true
			case fl == "cap" && k == Month:
				e.Cap = true
			default:
				return Entry{}, nil, dict.Errorf(ln, "unknown flag %q for %s", fl, k)
			}
		}
	}
	alts := dict.SplitAlts(f[1])
	if len(alts) == 0 {
		return Entry{}, nil, dict.Errorf(ln, "no phrase")
	}
	keys := make([]string, 0, len(alts))
	for _, a := range alts {
		key := Key(a)
		if key == "" {
			return Entry{}, nil, dict.Errorf(ln, "empty phrase %q", a)
		}
		keys = append(keys, key)
	}
	return e, keys, nil
}

// Lookup returns the entry of kind k for a phrase (folded the way tokens are)
// in the language's vocabulary, or in every language's when lang is "" or
// unknown.
func (l *Lexicon) Lookup(lang string, k Kind, phrase string) (Entry, bool) {
	return l.table(lang).lookup(Key(phrase), k)
}

// Langs lists the languages that have vocabulary, sorted.
func (l *Lexicon) Langs() []string {
	out := make([]string, 0, len(l.langs))
	for k := range l.langs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (l *Lexicon) table(lang string) *table {
	if t, ok := l.langs[lang]; ok {
		return t
	}
	return l.all
}

// Fold lower-cases s, removes accents and unifies apostrophes: the form of
// event.Token.Norm, which vocabulary phrases are compared with.
func Fold(s string) string { return lang.Fold(s) }

// Key is the matching key of a phrase: folded, without white space, so that
// a phrase matches whatever way the text was split into tokens.
func Key(phrase string) string {
	return strings.Join(strings.Fields(Fold(phrase)), "")
}
