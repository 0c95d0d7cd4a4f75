package sink

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	xreader "github.com/xitongsys/parquet-go/reader"
	xsource "github.com/xitongsys/parquet-go/source"

	"dyad/event"
)

// Hand-built events for the writers.

func ptr[T any](v T) *T { return &v }

var (
	docRU = event.Document{ID: "rhc-1", Text: "Moscou, 19 novembre. Le vice-ministre a reçu la représentante cubaine.\tFin.",
		URL: "https://rhc.example/1", Title: "Riabkov reçoit", Published: "2021-11-19"}
	docBare = event.Document{ID: "a/very/long/path/to/some/corpus/folder/doc-0001.txt", Published: "2021-03-02"}
	evFull  = event.Event{
		Doc: "rhc-1", EventID: "e1", Sentence: 1, Span: event.Span{21, 72}, Trigger: &event.Span{38, 45},
		Text: "Le vice-ministre a reçu la représentante cubaine.", Lang: "fr",
		Code: "043", Root: "04", Quad: 1, Goldstein: 2.8, Plover: "CONSULT",
		Source: event.Actor{Code: "RUSGOV", Country: "RUS", Roles: []string{"GOV"}, Name: "Sergei Ryabkov", Text: "Le vice-ministre", Span: &event.Span{21, 37}},
		Target: &event.Actor{Code: "CUBGOV", Country: "CUB", Roles: []string{"GOV"}},
		Date:   "2021-11-18", DateBasis: "relative", Modality: event.Asserted,
		Location: &event.Place{Text: "Moscou", Name: "Moscow", Country: "RUS", Lat: ptr(55.75), Lon: ptr(37.62)},
		Rule:     "triggers/fr.tsv:12", Confidence: 0.9,
	}
	evBare = event.Event{
		Doc: "a/very/long/path/to/some/corpus/folder/doc-0001.txt", Sentence: 0, Span: event.Span{0, 20},
		Text: "Les <manifestants>\tont\nprotesté devant l'ambassade des États-Unis pendant des heures et des heures encore.",
		Code: "141", Root: "14", Quad: 3, Goldstein: -6.5,
		Source: event.Actor{Code: "VEN"}, Modality: event.Intent,
	}
	evIGO = event.Event{
		Doc: "rhc-1", Sentence: 3, Span: event.Span{1, 2}, Text: "L'ONU condamne.", Code: "1121", Root: "11", Quad: 3, Goldstein: -2,
		Source: event.Actor{Code: "IGOUNGOVMIL", Org: "UN", Roles: []string{"GOV", "MIL", "SPY", "COP"}, Text: "l'ONU"},
		Target: &event.Actor{Code: "USA", Country: "USA", Roles: []string{}}, Date: "2021-11", Modality: event.Asserted,
	}
)

func TestJSONLSink(t *testing.T) {
	var buf bytes.Buffer
	s := NewJSONL(&buf)
	for _, ev := range []event.Event{evFull, evBare} {
		if err := s.Write(docFor(ev), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := checkJSONL(t, buf.String()); n != 2 {
		t.Fatalf("%d lines, want 2", n)
	}
	lines := strings.Split(buf.String(), "\n")
	wantFull := `{"doc":"rhc-1","event_id":"e1","sentence":1,"span":[21,72],"trigger":[38,45],` +
		`"text":"Le vice-ministre a reçu la représentante cubaine.","lang":"fr","code":"043","root":"04","quad":1,` +
		`"goldstein":2.8,"plover":"CONSULT","source":{"code":"RUSGOV","country":"RUS","roles":["GOV"],` +
		`"name":"Sergei Ryabkov","text":"Le vice-ministre","span":[21,37]},"target":{"code":"CUBGOV","country":"CUB",` +
		`"roles":["GOV"]},"date":"2021-11-18","date_basis":"relative","modality":"asserted","location":{"text":"Moscou",` +
		`"name":"Moscow","country":"RUS","lat":55.75,"lon":37.62},"rule":"triggers/fr.tsv:12","confidence":0.9}`
	if lines[0] != wantFull {
		t.Errorf("full event:\n got %s\nwant %s", lines[0], wantFull)
	}
	var bare map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &bare); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"target": nil, "location": nil, "sentence": 0.0, "modality": "intent"} {
		if v, ok := bare[k]; !ok || v != want {
			t.Errorf("bare event %q = %v (present %v), want %v", k, v, ok, want)
		}
	}
	if src := bare["source"].(map[string]any); src["roles"] == nil {
		t.Errorf("roles must be an array, not null: %s", lines[1])
	}
	if !strings.Contains(lines[1], `"text":"Les <manifestants>\tont\nprotesté`) {
		t.Errorf("text escaped oddly: %s", lines[1])
	}
	if evBare.Source.Roles != nil {
		t.Error("the writer changed the caller's event")
	}
}

func TestTableSink(t *testing.T) {
	var buf bytes.Buffer
	s := NewTable(&buf)
	for _, ev := range []event.Event{evFull, evBare} {
		if err := s.Write(docFor(ev), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want header and 2 rows:\n%s", len(lines), buf.String())
	}
	head := lines[0]
	for _, col := range []string{"DOC", "SENT", "DATE", "SOURCE", "EVENT", "TARGET", "MODALITY", "EVIDENCE"} {
		if !strings.Contains(head, col) {
			t.Errorf("header lacks %s: %q", col, head)
		}
	}
	// Columns are aligned: each row has its code where the header has EVENT.
	at := strings.Index(head, "EVENT")
	for i, code := range []string{"043", "141"} {
		if got := strings.Index(lines[i+1], code); runeCol(lines[i+1], got) != at {
			t.Errorf("row %d: code at column %d, want %d:\n%s", i+1, runeCol(lines[i+1], got), at, buf.String())
		}
	}
	for _, want := range []string{"rhc-1", "RUSGOV", "CUBGOV", "2021-11-18", "asserted", "[a reçu] Le vice-ministre"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("row 1 lacks %q: %q", want, lines[1])
		}
	}
	for _, want := range []string{"…/corpus/folder/doc-0001.txt", "VEN", " - ", "intent", "Les <manifestants> ont protesté", "…"} {
		if !strings.Contains(lines[2], want) {
			t.Errorf("row 2 lacks %q: %q", want, lines[2])
		}
	}
	if strings.Contains(lines[2], "encore") {
		t.Errorf("long evidence not truncated: %q", lines[2])
	}
}

// runeCol converts a byte index of s into a column (runes before it).
func runeCol(s string, i int) int { return len([]rune(s[:max(i, 0)])) }

// checkJSONL fails unless every line of out is a JSON object with the
// schema's required keys.
func checkJSONL(t *testing.T, out string) int {
	t.Helper()
	n := 0
	for line := range strings.Lines(out) {
		n++
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("line %d is not a JSON object: %v: %q", n, err, line)
			continue
		}
		for _, k := range []string{"doc", "sentence", "span", "text", "code", "root", "quad", "goldstein", "source", "modality"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %s", n, k, line)
			}
		}
	}
	return n
}

func docFor(ev event.Event) event.Document {
	if ev.Doc == docRU.ID {
		return docRU
	}
	return docBare
}

// write runs one writer over the three events.
func write(t *testing.T, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	s, err := New(format, &buf, Options{Now: time.Date(2026, 11, 29, 3, 4, 5, 0, time.UTC), RowGroup: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range []event.Event{evFull, evBare, evIGO} {
		if err := s.Write(docFor(ev), ev); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNewUnknown(t *testing.T) {
	if _, err := New("xml", new(bytes.Buffer), Options{}); !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "jsonl, table, csv, gdelt, parquet") {
		t.Errorf("New(xml): %v", err)
	}
}

func TestCSV(t *testing.T) {
	recs, err := csv.NewReader(bytes.NewReader(write(t, "csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 {
		t.Fatalf("%d records, want header and 3 rows", len(recs))
	}
	if !reflect.DeepEqual(recs[0], Columns) {
		t.Errorf("header %q", recs[0])
	}
	row := func(i int) map[string]string {
		m := map[string]string{}
		for j, c := range Columns {
			m[c] = recs[i][j]
		}
		return m
	}
	tests := []struct {
		row       int
		col, want string
	}{
		{1, "doc", "rhc-1"}, {1, "trigger_start", "38"}, {1, "trigger", "a reçu"}, {1, "goldstein", "2.8"},
		{1, "source_roles", "GOV"}, {1, "source_name", "Sergei Ryabkov"}, {1, "target_code", "CUBGOV"},
		{1, "location_lat", "55.75"}, {1, "location_lon", "37.62"}, {1, "url", "https://rhc.example/1"},
		{1, "published", "2021-11-19"}, {1, "confidence", "0.9"},
		{2, "trigger_start", ""}, {2, "target_code", ""}, {2, "location_lat", ""}, {2, "goldstein", "-6.5"},
		{2, "text", evBare.Text}, // tab and line break kept, inside quotes
		{3, "source_roles", "GOV;MIL;SPY;COP"}, {3, "source_org", "UN"}, {3, "date", "2021-11"},
	}
	for _, tt := range tests {
		if got := row(tt.row)[tt.col]; got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
}

func TestGDELT(t *testing.T) {
	out := string(write(t, "gdelt"))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	col := map[string]int{}
	for i, c := range GDELTColumns {
		col[c] = i
	}
	if len(GDELTColumns) != 61 || len(col) != 61 {
		t.Fatalf("%d GDELT columns (%d distinct), want 61", len(GDELTColumns), len(col))
	}
	tests := []struct {
		line      int
		col, want string
	}{
		{0, "GlobalEventID", "1"}, {0, "Day", "20211118"}, {0, "MonthYear", "202111"}, {0, "Year", "2021"},
		{0, "FractionDate", "2021.8822"}, {0, "Actor1Code", "RUSGOV"}, {0, "Actor1Name", "SERGEI RYABKOV"},
		{0, "Actor1CountryCode", "RUS"}, {0, "Actor1Type1Code", "GOV"}, {0, "Actor2Code", "CUBGOV"},
		{0, "Actor2CountryCode", "CUB"}, {0, "IsRootEvent", "0"}, {0, "EventCode", "043"},
		{0, "EventBaseCode", "043"}, {0, "EventRootCode", "04"}, {0, "QuadClass", "1"},
		{0, "GoldsteinScale", "2.8"}, {0, "NumMentions", "1"}, {0, "AvgTone", ""},
		{0, "ActionGeo_FullName", "Moscow"}, {0, "ActionGeo_Lat", "55.75"}, {0, "ActionGeo_Long", "37.62"},
		{0, "ActionGeo_CountryCode", ""}, {0, "DATEADDED", "20261129030405"}, {0, "SOURCEURL", "https://rhc.example/1"},
		{1, "GlobalEventID", "2"}, {1, "Day", "20210302"}, {1, "IsRootEvent", "1"}, {1, "Actor2Code", ""},
		{1, "ActionGeo_FullName", ""}, {1, "SOURCEURL", evBare.Doc}, {1, "EventBaseCode", "141"},
		{2, "Day", ""}, {2, "MonthYear", "202111"}, {2, "Actor1KnownGroupCode", "UN"}, {2, "Actor1Name", "L'ONU"},
		{2, "Actor1Type3Code", "SPY"}, {2, "EventCode", "1121"}, {2, "EventBaseCode", "112"},
	}
	for _, tt := range tests {
		f := strings.Split(lines[tt.line], "\t")
		if len(f) != 61 {
			t.Fatalf("line %d has %d fields, want 61", tt.line, len(f))
		}
		if got := f[col[tt.col]]; got != tt.want {
			t.Errorf("line %d %s = %q, want %q", tt.line, tt.col, got, tt.want)
		}
	}
}

// xRow is Row as github.com/xitongsys/parquet-go, a second and independent
// Parquet implementation, reads it.
type xRow struct {
	Doc             string   `parquet:"name=doc, type=BYTE_ARRAY, convertedtype=UTF8"`
	EventID         string   `parquet:"name=event_id, type=BYTE_ARRAY, convertedtype=UTF8"`
	Sentence        int32    `parquet:"name=sentence, type=INT32"`
	SpanStart       int32    `parquet:"name=span_start, type=INT32"`
	SpanEnd         int32    `parquet:"name=span_end, type=INT32"`
	TriggerStart    *int32   `parquet:"name=trigger_start, type=INT32, repetitiontype=OPTIONAL"`
	TriggerEnd      *int32   `parquet:"name=trigger_end, type=INT32, repetitiontype=OPTIONAL"`
	Trigger         string   `parquet:"name=trigger, type=BYTE_ARRAY, convertedtype=UTF8"`
	Text            string   `parquet:"name=text, type=BYTE_ARRAY, convertedtype=UTF8"`
	Lang            string   `parquet:"name=lang, type=BYTE_ARRAY, convertedtype=UTF8"`
	Code            string   `parquet:"name=code, type=BYTE_ARRAY, convertedtype=UTF8"`
	Root            string   `parquet:"name=root, type=BYTE_ARRAY, convertedtype=UTF8"`
	Quad            int32    `parquet:"name=quad, type=INT32"`
	Goldstein       float64  `parquet:"name=goldstein, type=DOUBLE"`
	Plover          string   `parquet:"name=plover, type=BYTE_ARRAY, convertedtype=UTF8"`
	SourceCode      string   `parquet:"name=source_code, type=BYTE_ARRAY, convertedtype=UTF8"`
	SourceCountry   string   `parquet:"name=source_country, type=BYTE_ARRAY, convertedtype=UTF8"`
	SourceOrg       string   `parquet:"name=source_org, type=BYTE_ARRAY, convertedtype=UTF8"`
	SourceRoles     string   `parquet:"name=source_roles, type=BYTE_ARRAY, convertedtype=UTF8"`
	SourceName      string   `parquet:"name=source_name, type=BYTE_ARRAY, convertedtype=UTF8"`
	SourceText      string   `parquet:"name=source_text, type=BYTE_ARRAY, convertedtype=UTF8"`
	TargetCode      string   `parquet:"name=target_code, type=BYTE_ARRAY, convertedtype=UTF8"`
	TargetCountry   string   `parquet:"name=target_country, type=BYTE_ARRAY, convertedtype=UTF8"`
	TargetOrg       string   `parquet:"name=target_org, type=BYTE_ARRAY, convertedtype=UTF8"`
	TargetRoles     string   `parquet:"name=target_roles, type=BYTE_ARRAY, convertedtype=UTF8"`
	TargetName      string   `parquet:"name=target_name, type=BYTE_ARRAY, convertedtype=UTF8"`
	TargetText      string   `parquet:"name=target_text, type=BYTE_ARRAY, convertedtype=UTF8"`
	Date            string   `parquet:"name=date, type=BYTE_ARRAY, convertedtype=UTF8"`
	DateBasis       string   `parquet:"name=date_basis, type=BYTE_ARRAY, convertedtype=UTF8"`
	Modality        string   `parquet:"name=modality, type=BYTE_ARRAY, convertedtype=UTF8"`
	LocationText    string   `parquet:"name=location_text, type=BYTE_ARRAY, convertedtype=UTF8"`
	LocationName    string   `parquet:"name=location_name, type=BYTE_ARRAY, convertedtype=UTF8"`
	LocationCountry string   `parquet:"name=location_country, type=BYTE_ARRAY, convertedtype=UTF8"`
	LocationLat     *float64 `parquet:"name=location_lat, type=DOUBLE, repetitiontype=OPTIONAL"`
	LocationLon     *float64 `parquet:"name=location_lon, type=DOUBLE, repetitiontype=OPTIONAL"`
	Rule            string   `parquet:"name=rule, type=BYTE_ARRAY, convertedtype=UTF8"`
	Confidence      float64  `parquet:"name=confidence, type=DOUBLE"`
	URL             string   `parquet:"name=url, type=BYTE_ARRAY, convertedtype=UTF8"`
	Title           string   `parquet:"name=title, type=BYTE_ARRAY, convertedtype=UTF8"`
	Published       string   `parquet:"name=published, type=BYTE_ARRAY, convertedtype=UTF8"`
}

// osFile is the xitongsys source.ParquetFile over a file on disk.
type osFile struct{ *os.File }

func (f osFile) Open(name string) (xsource.ParquetFile, error) {
	if name == "" {
		name = f.Name() // the library opens the file again for each column
	}
	g, err := os.Open(name)
	return osFile{g}, err
}

func (f osFile) Create(string) (xsource.ParquetFile, error) { return nil, errors.New("read only") }

// TestParquetReadBack writes a Parquet file with dyad's writer (row groups
// of 2 rows) and reads it with a second Parquet library: same rows.
func TestParquetReadBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.parquet")
	if err := os.WriteFile(path, write(t, "parquet"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pr, err := xreader.NewParquetReader(osFile{f}, new(xRow), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.ReadStop()
	if n := pr.GetNumRows(); n != 3 {
		t.Fatalf("%d rows, want 3", n)
	}
	if n := len(pr.Footer.RowGroups); n != 2 {
		t.Errorf("%d row groups, want 2 (row groups of 2 rows)", n)
	}
	got := make([]xRow, 3)
	if err := pr.Read(&got); err != nil {
		t.Fatal(err)
	}
	for i, ev := range []event.Event{evFull, evBare, evIGO} {
		want := Flatten(docFor(ev), ev)
		if g := Row(got[i]); !reflect.DeepEqual(g, want) {
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(want)
			t.Errorf("row %d:\n got %s\nwant %s", i, gj, wj)
		}
	}
}
