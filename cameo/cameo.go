package cameo

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"dyad/dict"
)

// Files read by Load, relative to the data folder.
const (
	CodesFile  = "cameo/cameo.tsv"
	PloverFile = "cameo/plover.tsv"
)

// Entry is one CAMEO event code.
type Entry struct {
	Code      string  // "042", "1122", or a root "04"
	Root      string  // the two-digit root: "04"
	Quad      int     // GDELT quad class, 1 to 4
	Goldstein float64 // -10 to 10
	Name      string  // the codebook's name
	Plover    string  // PLOVER event type, "" when none
}

// Ontology is the compiled CAMEO code list with its PLOVER crosswalk. It is
// immutable after Load and safe for concurrent use.
type Ontology struct {
	codes map[string]Entry
}

// Load reads cameo/cameo.tsv and cameo/plover.tsv from fsys, a file system
// rooted at the data folder (data.FS or a folder with the same layout). Every
// problem is reported as "file:line: message".
func Load(fsys fs.FS) (*Ontology, error) {
	codeData, err := fs.ReadFile(fsys, CodesFile)
	if err != nil {
		return nil, fmt.Errorf("cameo: %w", err)
	}
	ploverData, err := fs.ReadFile(fsys, PloverFile)
	if err != nil {
		return nil, fmt.Errorf("cameo: %w", err)
	}
	return Parse(codeData, ploverData)
}

// Parse compiles the ontology from the bytes of the two files.
func Parse(codeData, ploverData []byte) (*Ontology, error) {
	lines, err := dict.ParseTSV(CodesFile, codeData, 5, 5)
	if err != nil {
		return nil, err
	}
	o := &Ontology{codes: make(map[string]Entry, len(lines))}
	var errs []error
	where := make(map[string]dict.Line, len(lines))
	for _, l := range lines {
		e, err := parseEntry(l)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, dup := where[e.Code]; dup {
			errs = append(errs, dict.Errorf(l, "code %s already defined at line %d", e.Code, prev.Num))
			continue
		}
		where[e.Code] = l
		o.codes[e.Code] = e
	}
	// Each code needs its root, and shares the root's quad class.
	for code, e := range o.codes {
		root, ok := o.codes[e.Root]
		switch {
		case !ok:
			errs = append(errs, dict.Errorf(where[code], "code %s: root %s is not defined", code, e.Root))
		case root.Quad != e.Quad:
			errs = append(errs, dict.Errorf(where[code], "code %s: quad class %d differs from its root's (%d)", code, e.Quad, root.Quad))
		}
	}
	if err := o.parsePlover(ploverData); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errors.Join(errs...)
	}
	return o, nil
}

func parseEntry(l dict.Line) (Entry, error) {
	f := l.Fields
	e := Entry{Code: f[0], Root: f[1], Name: f[4]}
	if !isCode(e.Code) {
		return e, dict.Errorf(l, "code %q: want 2 to 4 digits", e.Code)
	}
	if len(e.Root) != 2 || !strings.HasPrefix(e.Code, e.Root) {
		return e, dict.Errorf(l, "code %s: root %q is not its first two digits", e.Code, e.Root)
	}
	q, err := strconv.Atoi(f[2])
	if err != nil || q < 1 || q > 4 {
		return e, dict.Errorf(l, "code %s: quad class %q: want 1 to 4", e.Code, f[2])
	}
	e.Quad = q
	g, err := strconv.ParseFloat(f[3], 64)
	if err != nil || g < -10 || g > 10 {
		return e, dict.Errorf(l, "code %s: Goldstein value %q: want a number from -10 to 10", e.Code, f[3])
	}
	e.Goldstein = g
	if e.Name == "" {
		return e, dict.Errorf(l, "code %s: empty name", e.Code)
	}
	return e, nil
}

// parsePlover applies the crosswalk: each code takes the type of the longest
// listed prefix of it.
func (o *Ontology) parsePlover(data []byte) error {
	lines, err := dict.ParseTSV(PloverFile, data, 2, 2)
	if err != nil {
		return err
	}
	var errs []error
	types := make(map[string]string, len(lines))
	seen := make(map[string]int, len(lines))
	for _, l := range lines {
		prefix, typ := l.Fields[0], l.Fields[1]
		if _, ok := o.codes[prefix]; !ok {
			errs = append(errs, dict.Errorf(l, "prefix %q is not a CAMEO code", prefix))
			continue
		}
		if typ != "-" && !isUpperWord(typ) {
			errs = append(errs, dict.Errorf(l, "PLOVER type %q: want an upper-case word or -", typ))
			continue
		}
		if n, dup := seen[prefix]; dup {
			errs = append(errs, dict.Errorf(l, "prefix %s already mapped at line %d", prefix, n))
			continue
		}
		seen[prefix] = l.Num
		if typ == "-" {
			typ = ""
		}
		types[prefix] = typ
	}
	for code, e := range o.codes {
		for n := len(code); n >= 2; n-- {
			if t, ok := types[code[:n]]; ok {
				e.Plover = t
				break
			}
		}
		o.codes[code] = e
	}
	return errors.Join(errs...)
}

// Lookup returns the entry of a code ("042", or a root "04").
func (o *Ontology) Lookup(code string) (Entry, bool) {
	e, ok := o.codes[code]
	return e, ok
}

// Valid reports whether code is a CAMEO code of the ontology.
func (o *Ontology) Valid(code string) bool {
	_, ok := o.codes[code]
	return ok
}

// Codes returns every entry, ordered by code.
func (o *Ontology) Codes() []Entry {
	out := make([]Entry, 0, len(o.codes))
	for _, e := range o.codes {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Root returns the two-digit root of a code, or "" when code is not made of
// 2 to 4 digits.
func Root(code string) string {
	if !isCode(code) {
		return ""
	}
	return code[:2]
}

func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isUpperWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// sortErrors orders located errors by file then line, so reports are stable.
func sortErrors(errs []error) {
	key := func(err error) (string, int) {
		var de *dict.Error
		if errors.As(err, &de) {
			return de.File, de.Line
		}
		return "", 0
	}
	sort.SliceStable(errs, func(i, j int) bool {
		fi, li := key(errs[i])
		fj, lj := key(errs[j])
		if fi != fj {
			return fi < fj
		}
		return li < lj
	})
}
