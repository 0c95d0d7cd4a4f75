package sink

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"

	"dyad/event"
)

// GDELTColumns are the 61 columns of the GDELT 2.0 event export, in order.
// The export has no header line; the names are for documentation and tests.
var GDELTColumns = []string{
	"GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// GDELT writes the GDELT 2.0 event export: 61 tab-separated columns per
// event, no header, filled where dyad knows the value and empty where it
// does not. docs/formats.md gives the mapping.
type GDELT struct {
	w     *bufio.Writer
	added string // DATEADDED, the same for the whole run
	id    int64
	rec   [61]string
}

// NewGDELT returns a GDELT export writer; now is written as DATEADDED.
func NewGDELT(w io.Writer, now time.Time) *GDELT {
	return &GDELT{w: bufio.NewWriter(w), added: now.UTC().Format("20060102150405")}
}

// Write writes one event.
func (s *GDELT) Write(doc event.Document, ev event.Event) error {
	s.id++
	r := &s.rec
	clear(r[:])
	r[0] = strconv.FormatInt(s.id, 10)
	date := ev.Date
	if !strings.HasPrefix(date, "1") && !strings.HasPrefix(date, "2") { // "" or XXXX-...
		date = doc.Published
	}
	if y, m, d, ok := dateParts(date); ok {
		r[3] = y
		if m != "" {
			r[2] = y + m
		}
		if d != "" {
			r[1] = y + m + d
			if t, err := time.Parse("20060102", r[1]); err == nil {
				r[4] = strconv.FormatFloat(float64(t.Year())+float64(t.YearDay())/365, 'f', 4, 64)
			}
		}
	}
	actor(r[5:15], &ev.Source)
	if ev.Target != nil {
		actor(r[15:25], ev.Target)
	}
	if ev.Sentence == 0 {
		r[25] = "1"
	} else {
		r[25] = "0"
	}
	r[26] = ev.Code
	r[27] = ev.Code[:min(3, len(ev.Code))]
	r[28] = ev.Root
	r[29] = strconv.Itoa(ev.Quad)
	r[30] = strconv.FormatFloat(ev.Goldstein, 'f', -1, 64)
	r[31], r[32], r[33] = "1", "1", "1"
	if l := ev.Location; l != nil {
		r[52] = firstOf(l.Name, l.Text)
		if l.Lat != nil && l.Lon != nil {
			r[56] = strconv.FormatFloat(*l.Lat, 'f', -1, 64)
			r[57] = strconv.FormatFloat(*l.Lon, 'f', -1, 64)
		}
	}
	r[59] = s.added
	r[60] = firstOf(doc.URL, doc.ID, ev.Doc)
	for i, f := range r {
		if i > 0 {
			s.w.WriteByte('\t')
		}
		s.w.WriteString(clean(f))
	}
	return s.w.WriteByte('\n')
}

// Close writes what is buffered.
func (s *GDELT) Close() error { return s.w.Flush() }

// actor fills the ten actor columns: code, name, country, known group,
// ethnic, two religions (unknown to dyad), three types (roles).
func actor(c []string, a *event.Actor) {
	c[0] = a.Code
	c[1] = strings.ToUpper(firstOf(a.Name, a.Text))
	c[2] = a.Country
	c[3] = a.Org
	for i, role := range a.Roles {
		if i < 3 {
			c[7+i] = role
		}
	}
}

// dateParts splits YYYY, YYYY-MM or YYYY-MM-DD.
func dateParts(s string) (y, m, d string, ok bool) {
	parts := strings.Split(s, "-")
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) != 4 {
		return "", "", "", false
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return "", "", "", false
		}
	}
	y = parts[0]
	if len(parts) > 1 {
		m = parts[1]
	}
	if len(parts) > 2 {
		d = parts[2]
	}
	return y, m, d, true
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// clean keeps a field on its line and in its column.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\r' || r == '\n' }), " ")
}
