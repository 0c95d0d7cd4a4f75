package geo

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dyad/dict"
	"dyad/event"
)

// File is the gazetteer's path inside the data folder.
const File = "geo/places.tsv"

// place is one compiled gazetteer entry.
type place struct {
	name     string
	country  string
	lat, lon float64
}

// Gazetteer maps folded place names to places. It is immutable after Load and
// safe for concurrent use.
type Gazetteer struct {
	byKey    map[string]int // folded name -> index into places
	places   []place
	maxWords int
}

// Load reads File from fsys (a file system rooted at the data folder) and
// compiles it. The file has the columns
//
//	name <TAB> country <TAB> lat <TAB> lon [<TAB> variants]
//
// where name is the canonical English name, country an ISO 3166-1 alpha-3
// code, lat and lon decimal degrees, and variants other spellings separated
// by "|". All problems are reported together as file:line errors.
func Load(fsys fs.FS) (*Gazetteer, error) {
	data, err := fs.ReadFile(fsys, File)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	return Parse(File, data)
}

// Parse compiles gazetteer data; name is used in error messages.
func Parse(name string, data []byte) (*Gazetteer, error) {
	lines, err := dict.ParseTSV(name, data, 4, 5)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	g := &Gazetteer{byKey: make(map[string]int)}
	var errs []error
	canonical := make(map[string]bool) // keys taken by a canonical name
	for _, l := range lines {
		p, perr := parsePlace(l)
		if perr != nil {
			errs = append(errs, perr)
			continue
		}
		idx := len(g.places)
		g.places = append(g.places, p)
		key := Fold(p.name)
		if canonical[key] {
			errs = append(errs, dict.Errorf(l, "duplicate place %q", p.name))
			continue
		}
		// A canonical name wins over an earlier variant of another place.
		canonical[key] = true
		g.byKey[key] = idx
		g.countWords(p.name)
		if len(l.Fields) > 4 {
			for _, v := range dict.SplitAlts(l.Fields[4]) {
				k := Fold(v)
				if _, taken := g.byKey[k]; !taken {
					g.byKey[k] = idx
				}
				g.countWords(v)
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("geo: %w", errors.Join(errs...))
	}
	return g, nil
}

func parsePlace(l dict.Line) (place, error) {
	f := l.Fields
	p := place{name: f[0], country: f[1]}
	if p.name == "" {
		return p, dict.Errorf(l, "empty place name")
	}
	if !isISO3(p.country) {
		return p, dict.Errorf(l, "country %q is not an ISO 3166-1 alpha-3 code", p.country)
	}
	var err error
	if p.lat, err = strconv.ParseFloat(f[2], 64); err != nil || p.lat < -90 || p.lat > 90 {
		return p, dict.Errorf(l, "bad latitude %q", f[2])
	}
	if p.lon, err = strconv.ParseFloat(f[3], 64); err != nil || p.lon < -180 || p.lon > 180 {
		return p, dict.Errorf(l, "bad longitude %q", f[3])
	}
	return p, nil
}

func isISO3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func (g *Gazetteer) countWords(s string) {
	if n := len(strings.Fields(strings.NewReplacer("-", " ", "'", " ").Replace(Fold(s)))); n > g.maxWords {
		g.maxWords = n
	}
}

// Lookup finds a place by any of its names, ignoring case, accents, the kind
// of apostrophe, hyphens and runs of spaces. The returned Place has Name (the
// canonical name), Country, Lat and Lon set; Text is left to the caller.
func (g *Gazetteer) Lookup(name string) (event.Place, bool) {
	if g == nil {
		return event.Place{}, false
	}
	i, ok := g.byKey[Fold(name)]
	if !ok {
		return event.Place{}, false
	}
	p := g.places[i]
	lat, lon := p.lat, p.lon
	return event.Place{Name: p.name, Country: p.country, Lat: &lat, Lon: &lon}, true
}

// MaxWords is the number of words of the longest name, counting hyphens and
// apostrophes as word breaks: the widest token window a caller needs to try.
func (g *Gazetteer) MaxWords() int {
	if g == nil {
		return 0
	}
	return g.maxWords
}

// Len is the number of places.
func (g *Gazetteer) Len() int {
	if g == nil {
		return 0
	}
	return len(g.places)
}

// Fold is the matching key of a name: NFD with combining marks dropped, lower
// case, typographic apostrophes as ', hyphens as spaces, spaces collapsed.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '’' || r == 'ʼ' || r == '‘' || r == 'ʻ' || r == '`' || r == '´':
			r = '\''
		case r == '-' || r == '‐' || r == '‑' || r == '–' || unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
