package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"dyad/event"
	"dyad/pipeline"
)

const td = "../../testdata/ingest"

// runDyad runs the command line args with stdin and returns the exit status
// and what was written.
func runDyad(t *testing.T, stdin string, tty bool, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, stdoutTTY: tty}
	code := run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

// schemaRequired are the keys event.schema.json requires.
var schemaRequired = []string{"doc", "sentence", "span", "text", "code", "root", "quad", "goldstein", "source", "modality"}

// checkJSONL fails unless every line of out is a JSON object with the
// schema's required keys.
func checkJSONL(t *testing.T, out string) int {
	t.Helper()
	n := 0
	for line := range strings.Lines(out) {
		n++
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("stdout line %d is not a JSON object: %v: %q", n, err, line)
			continue
		}
		for _, k := range schemaRequired {
			if _, ok := m[k]; !ok {
				t.Errorf("stdout line %d lacks %q: %s", n, k, line)
			}
		}
	}
	return n
}

func TestCodeCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		stdin   string
		status  int
		stderr  []string // each must occur in stderr, in order, one line each
		nothing bool     // stderr must be empty
	}{
		{name: "a text file", args: []string{td + "/corpus/a.txt"}, nothing: true},
		{name: "stdin text by default", stdin: "Paris, 3 mars - Le ministre a recu son homologue.\n", nothing: true},
		{name: "stdin JSONL with a broken line", args: []string{"-"},
			stdin:  "{\"id\":\"x\",\"text\":\"Le ministre a parle.\"}\n{\"id\":\n",
			stderr: []string{"dyad: stdin:2: invalid JSON: "}},
		{name: "missing file, others coded", args: []string{td + "/missing.txt", td + "/notes.jsonl"},
			stderr: []string{
				"dyad: " + td + "/missing.txt: no such file or directory\n",
				"dyad: " + td + "/notes.jsonl:3: invalid UTF-8\n",
			}},
		{name: "bad documents among good ones", args: []string{td + "/empty.txt", td + "/binary.txt", td + "/latin1.txt", td + "/empty.jsonl", td + "/corpus/a.txt"},
			stderr: []string{
				"dyad: " + td + "/empty.txt: empty document\n",
				"dyad: " + td + "/binary.txt: binary content, not text\n",
				"dyad: " + td + "/latin1.txt: invalid UTF-8\n",
				"dyad: " + td + "/empty.jsonl: no documents: no JSON line\n",
			}},
		{name: "a folder with broken lines", args: []string{td + "/corpus"},
			stderr: []string{
				"dyad: " + td + "/corpus/b.jsonl:2: invalid JSON: ",
				"dyad: " + td + "/corpus/b.jsonl:6: \"published\": invalid date",
				"dyad: " + td + "/corpus/b.jsonl:7: missing \"text\"\n",
				"dyad: " + td + "/corpus/b.jsonl:8: invalid JSON: not a JSON object\n",
			}},
		{name: "nothing could be coded", args: []string{td + "/empty.txt", td + "/binary.txt", td + "/nope.jsonl"}, status: 1,
			stderr: []string{
				"dyad: " + td + "/empty.txt: empty document\n",
				"dyad: " + td + "/binary.txt: binary content, not text\n",
				"dyad: " + td + "/nope.jsonl: no such file or directory\n",
				"dyad code: nothing could be coded\n",
			}},
		{name: "empty stdin", status: 1, stderr: []string{"dyad: stdin: empty document\n"}},
		{name: "flags after paths", args: []string{td + "/corpus/a.txt", "--lang", "fr", "-published", "2021-11-19T10:00:00+03:00"}, nothing: true},
		{name: "unknown flag", args: []string{"--nope"}, status: 2, stderr: []string{"flag provided but not defined: -nope\n"}},
		{name: "bad --lang", args: []string{"--lang", "de", td + "/corpus/a.txt"}, status: 2, stderr: []string{`dyad code: --lang "de": want auto, fr, en or es`}},
		{name: "bad --format", args: []string{"-format=xml"}, status: 2, stderr: []string{`dyad code: --format "xml": want jsonl, table, csv, gdelt or parquet`}},
		{name: "bad --published", args: []string{"--published", "19/11/2021"}, status: 2, stderr: []string{`dyad code: --published: invalid date`}},
		{name: "flag without its value", args: []string{"-o"}, status: 2, stderr: []string{"flag needs an argument: -o\n"}},
		{name: "help", args: []string{"-h"}, status: 0, stderr: []string{"usage: dyad code [flags] [PATH|URL|-]...\n", "-stats"}},
		{name: "missing --data folder", args: []string{"--data", td + "/no-such-dir", td + "/corpus/a.txt"}, status: 1, stderr: []string{"dyad code: --data: "}},
		{name: "--data is a file", args: []string{"--data", td + "/corpus/a.txt", td + "/corpus/a.txt"}, status: 1, stderr: []string{"not a folder"}},
		{name: "--data folder", args: []string{"--data", "../../data", td + "/corpus/a.txt"}, nothing: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, stdout, stderr := runDyad(t, tc.stdin, false, append([]string{"code"}, tc.args...)...)
			if status != tc.status {
				t.Errorf("exit status %d, want %d; stderr:\n%s", status, tc.status, stderr)
			}
			if tc.nothing && stderr != "" {
				t.Errorf("unexpected stderr:\n%s", stderr)
			}
			rest := stderr
			for _, want := range tc.stderr {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Errorf("stderr lacks %q (in order); stderr:\n%s", want, stderr)
					break
				}
				rest = rest[i+len(want):]
			}
			if tc.status != 2 {
				for line := range strings.Lines(stderr) {
					if !strings.HasPrefix(line, "dyad: ") && !strings.HasPrefix(line, "dyad code: ") && tc.name != "help" {
						t.Errorf("stderr line %q does not start with the program name", line)
					}
				}
			}
			checkJSONL(t, stdout)
		})
	}
}

// TestCodeOneLinePerError checks that each bad input gives exactly one line.
func TestCodeOneLinePerError(t *testing.T) {
	_, _, stderr := runDyad(t, "", false, "code", td+"/corpus", td+"/empty.txt", td+"/binary.txt", td+"/latin1.txt", td+"/nope.txt")
	got := strings.Count(stderr, "\n")
	if got != 8 { // b.jsonl lines 2, 6, 7, 8, then four files
		t.Errorf("got %d stderr lines, want 8:\n%s", got, stderr)
	}
}

func TestCodeStats(t *testing.T) {
	status, _, stderr := runDyad(t, "", false, "code", "--stats", td+"/notes.jsonl", td+"/empty.txt", td+"/corpus/a.txt")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	var st map[string]float64
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &st); err != nil {
		t.Fatalf("last stderr line is not the stats object: %v\n%s", err, stderr)
	}
	var keys []string
	for k := range st {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"documents", "errors", "events", "seconds", "sentences", "sentences_per_second"}
	if !slices.Equal(keys, want) {
		t.Errorf("stats keys %v, want %v", keys, want)
	}
	if st["documents"] != 3 || st["errors"] != 2 || st["events"] < 0 || st["sentences"] < 0 || st["seconds"] < 0 {
		t.Errorf("stats %v: want 3 documents, 2 errors", st)
	}
	// The stats line comes also when nothing could be coded.
	status, _, stderr = runDyad(t, "", false, "code", "-stats", td+"/empty.txt")
	if status != 1 || !strings.Contains(stderr, `"documents":0,`) || !strings.Contains(stderr, `"errors":1,`) {
		t.Errorf("status %d, stderr:\n%s", status, stderr)
	}
}

func TestCodeOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "events.jsonl")
	if err := os.WriteFile(out, []byte("stale content from an earlier run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runDyad(t, "", true, "code", "-o", out, td+"/corpus/a.txt")
	if status != 0 || stdout != "" {
		t.Fatalf("status %d, stdout %q, stderr %q", status, stdout, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "stale") {
		t.Errorf("-o did not truncate the file: %q", b)
	}
	checkJSONL(t, string(b)) // jsonl, although stdout is a terminal

	bad := filepath.Join(dir, "no-such-dir", "events.jsonl")
	status, _, stderr = runDyad(t, "", false, "code", "-o", bad, td+"/corpus/a.txt")
	if status != 1 || !strings.Contains(stderr, "dyad code: cannot write the output: ") || !strings.Contains(stderr, bad) {
		t.Errorf("unwritable -o: status %d, stderr %q", status, stderr)
	}
}

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		args  []string
		paths []string
		stats bool
	}{
		{[]string{"a", "b"}, []string{"a", "b"}, false},
		{[]string{"--stats", "a"}, []string{"a"}, true},
		{[]string{"a", "--stats", "b"}, []string{"a", "b"}, true},
		{[]string{"a", "-", "b"}, []string{"a", "-", "b"}, false},
		{[]string{"a", "--", "--stats", "-x"}, []string{"a", "--stats", "-x"}, false},
		{[]string{"-o", "f", "a"}, []string{"a"}, false},
		{nil, nil, false},
	}
	for _, tc := range tests {
		var errOut bytes.Buffer
		cfg, err := parseCodeArgs(tc.args, &env{stderr: &errOut})
		if err != nil {
			t.Errorf("%q: %v %s", tc.args, err, errOut.String())
			continue
		}
		want := tc.paths
		if want == nil {
			want = []string{"-"}
		}
		if !slices.Equal(cfg.paths, want) || cfg.stats != tc.stats {
			t.Errorf("%q: paths %q stats %v, want %q %v", tc.args, cfg.paths, cfg.stats, want, tc.stats)
		}
	}
}

func TestCodeDefaults(t *testing.T) {
	tests := []struct {
		args   []string
		tty    bool
		format string
		lang   string
		pub    string
	}{
		{nil, false, "jsonl", "", ""},
		{nil, true, "table", "", ""},
		{[]string{"-o", "x"}, true, "jsonl", "", ""},
		{[]string{"--format", "jsonl"}, true, "jsonl", "", ""},
		{[]string{"--format", "table"}, false, "table", "", ""},
		{[]string{"--lang", "auto"}, false, "jsonl", "", ""},
		{[]string{"--lang", "es"}, false, "jsonl", "es", ""},
		{[]string{"--published", "2021-11-19T22:00:00-05:00"}, false, "jsonl", "", "2021-11-19"},
	}
	for _, tc := range tests {
		cfg, err := parseCodeArgs(tc.args, &env{stderr: new(bytes.Buffer), stdoutTTY: tc.tty})
		if err != nil || cfg.format != tc.format || cfg.lang != tc.lang || cfg.published != tc.pub {
			t.Errorf("%q tty=%v: %+v %v; want format %s lang %q published %q", tc.args, tc.tty, cfg, err, tc.format, tc.lang, tc.pub)
		}
	}
}

// Hand-built events for the writers.

func ptr[T any](v T) *T { return &v }

var (
	docRU  = event.Document{ID: "rhc-1", Text: "Moscou, 19 novembre. Le vice-ministre a reçu la représentante cubaine.\tFin."}
	evFull = event.Event{
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
)

// runeCol converts a byte index of s into a column (runes before it).
func runeCol(s string, i int) int { return len([]rune(s[:max(i, 0)])) }

// fakeCoder codes every document into one event, and fails on "boom".
type fakeCoder struct{}

func (fakeCoder) Code(doc event.Document, _ pipeline.Options) (pipeline.Result, error) {
	if strings.Contains(doc.Text, "boom") {
		return pipeline.Result{}, errors.New("coder exploded")
	}
	ev := evBare
	ev.Doc = "" // the command fills it from the document
	return pipeline.Result{Events: []event.Event{ev}, Sentences: 2, Lang: "fr"}, nil
}

func TestCodeRunWithEvents(t *testing.T) {
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader("{\"id\":\"d1\",\"text\":\"Un.\"}\n{\"id\":\"d2\",\"text\":\"boom\"}\n{\"id\":\"d3\",\"text\":\"Trois.\"}\n"),
		stdout: &out, stderr: &errOut}
	cfg := codeConfig{paths: []string{"-"}, format: "jsonl", stats: true}
	if err := codeRun(context.Background(), cfg, fakeCoder{}, e); err != nil {
		t.Fatal(err)
	}
	if n := checkJSONL(t, out.String()); n != 2 {
		t.Errorf("%d events written, want 2:\n%s", n, out.String())
	}
	var docs []string
	for line := range strings.Lines(out.String()) {
		var ev event.Event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ev.Doc+"/"+ev.Lang)
	}
	if !slices.Equal(docs, []string{"d1/fr", "d3/fr"}) {
		t.Errorf("events' doc/lang = %v", docs)
	}
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	if len(lines) != 2 || lines[0] != "dyad: stdin:2: coder exploded" ||
		!strings.HasPrefix(lines[1], `{"documents":2,"sentences":4,"events":2,"errors":1,"seconds":`) {
		t.Errorf("stderr:\n%s", errOut.String())
	}

	// A cancelled run stops with the context's error.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e.stdin = strings.NewReader("Texte.")
	if err := codeRun(ctx, codeConfig{paths: []string{"-"}, format: "table"}, fakeCoder{}, e); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
}

// failWriter fails every write, like a full disk.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestCodeWriteError(t *testing.T) {
	e := &env{stdin: strings.NewReader("Texte."), stdout: failWriter{}, stderr: new(bytes.Buffer)}
	err := codeRun(context.Background(), codeConfig{paths: []string{"-"}, format: "jsonl"}, fakeCoder{}, e)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Errorf("got %v, want the write error", err)
	}
}

// slowCoder takes longer on earlier documents, so that parallel workers
// finish out of order.
type slowCoder struct{}

func (slowCoder) Code(doc event.Document, _ pipeline.Options) (pipeline.Result, error) {
	var n int
	fmt.Sscanf(doc.ID, "d%d", &n)
	time.Sleep(time.Duration(20-n%20) * 100 * time.Microsecond)
	if n%7 == 3 {
		return pipeline.Result{}, errors.New("cannot code")
	}
	ev := evBare
	ev.Doc = ""
	ev.Sentence = n
	return pipeline.Result{Events: []event.Event{ev, ev}, Sentences: 1}, nil
}

func TestCodeParallelKeepsOrder(t *testing.T) {
	var in strings.Builder
	for i := range 60 {
		fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"T.\"}\n", i)
	}
	for _, jobs := range []int{1, 4, 16} {
		var out, errOut bytes.Buffer
		e := &env{stdin: strings.NewReader(in.String()), stdout: &out, stderr: &errOut}
		cfg := codeConfig{paths: []string{"-"}, format: "jsonl", docFlags: docFlags{jobs: jobs}}
		if err := codeRun(context.Background(), cfg, slowCoder{}, e); err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for line := range strings.Lines(out.String()) {
			var ev event.Event
			if err := json.Unmarshal([]byte(line), &ev); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%s/%d", ev.Doc, ev.Sentence))
		}
		var wantErr strings.Builder
		for i := range 60 {
			if i%7 == 3 {
				fmt.Fprintf(&wantErr, "dyad: stdin:%d: cannot code\n", i+1)
				continue
			}
			want = append(want, fmt.Sprintf("d%d/%d", i, i), fmt.Sprintf("d%d/%d", i, i))
		}
		if !slices.Equal(got, want) {
			t.Errorf("-j %d: events out of order:\n%v", jobs, got)
		}
		if errOut.String() != wantErr.String() {
			t.Errorf("-j %d: stderr:\n%s\nwant:\n%s", jobs, errOut.String(), wantErr.String())
		}
	}
	var errOut bytes.Buffer
	if _, err := parseCodeArgs([]string{"-j", "0"}, &env{stderr: &errOut}); !errors.Is(err, errUsage) || !strings.Contains(errOut.String(), "--workers 0") {
		t.Errorf("-j 0: %v %q", err, errOut.String())
	}
}

// TestCodeWriteErrorMidRun stops a parallel run at the first failed write,
// without hanging.
func TestCodeWriteErrorMidRun(t *testing.T) {
	var in strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"T.\"}\n", i)
	}
	e := &env{stdin: strings.NewReader(in.String()), stdout: failWriter{}, stderr: new(bytes.Buffer)}
	err := codeRun(context.Background(), codeConfig{paths: []string{"-"}, format: "jsonl", docFlags: docFlags{jobs: 4}}, fakeCoder{}, e)
	if err == nil || !strings.Contains(err.Error(), "writing the output: no space left on device") {
		t.Errorf("got %v, want the write error", err)
	}
}

// runDyadEnv runs a command line with a given environment.
func runDyadEnv(t *testing.T, e *env, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if e.stdin == nil {
		e.stdin = strings.NewReader("")
	}
	e.stdout, e.stderr = &out, &errOut
	code := run(context.Background(), args, e)
	return code, out.String(), errOut.String()
}

// eventKeys summarises JSONL events as "doc source code target", sorted.
func eventKeys(t *testing.T, out string) []string {
	t.Helper()
	var keys []string
	for line := range strings.Lines(out) {
		var ev event.Event
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		tgt := "-"
		if ev.Target != nil {
			tgt = ev.Target.Code
		}
		keys = append(keys, fmt.Sprintf("%s %s %s %s", ev.Doc, ev.Source.Code, ev.Code, tgt))
	}
	slices.Sort(keys)
	return keys
}

// TestCodeSources codes every kind of source end to end and checks the
// events found in the article, and that the boilerplate gave none.
func TestCodeSources(t *testing.T) {
	const fr = "https://quotidien.example/monde/2021/11/17/lavrov-le-drian-paris"
	const es = "https://diario.example/internacional/canciller-cubano-venezolano"
	tests := []struct {
		name   string
		path   string
		want   []string // among the events
		stderr string
	}{
		{"HTML page", td + "/web/rencontre.html", []string{fr + " RUSGOV 042 FRAGOV", fr + " FRAGOV 043 RUSGOV"}, ""},
		{"Spanish HTML page", td + "/web/reunion-es.htm", []string{es + " CUBGOV 043 VENGOV", es + " VENGOV 042 CUBGOV"}, ""},
		{"WARC.gz", td + "/crawl/news.warc.gz", []string{fr + " RUSGOV 042 FRAGOV", es + " CUBGOV 043 VENGOV"},
			"dyad: " + td + "/crawl/news.warc.gz: bad WARC record at byte 2478: gzip: invalid checksum\n"},
		{"RSS feed", td + "/feeds/monde.rss", []string{fr + " RUSGOV 042 FRAGOV",
			"https://quotidien.example/monde/2021/11/19/moscou-la-havane RUSGOV 043 CUBGOV"}, ""},
		{"gzipped JSONL", td + "/news.jsonl.gz", []string{"qm-1 RUSGOV 042 FRAGOV", "qm-2 RUSGOV 043 CUBGOV"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, out, errOut := runDyad(t, "", false, "code", tt.path)
			if status != 0 || errOut != tt.stderr {
				t.Fatalf("status %d, stderr %q, want 0 and %q", status, errOut, tt.stderr)
			}
			keys := eventKeys(t, out)
			for _, w := range tt.want {
				if !slices.Contains(keys, w) {
					t.Errorf("no event %q among:\n%s", w, strings.Join(keys, "\n"))
				}
			}
			if strings.Contains(out, "Paul75") || strings.Contains(out, "condamné la Russie") {
				t.Errorf("an event was coded from the page's comments")
			}
		})
	}
}

// TestCodeFormats writes the same run in every format.
func TestCodeFormats(t *testing.T) {
	path := td + "/web/rencontre.html"
	_, jsonl, _ := runDyad(t, "", false, "code", path)
	n := checkJSONL(t, jsonl)
	if n < 2 {
		t.Fatalf("%d events", n)
	}
	status, csvOut, errOut := runDyad(t, "", false, "code", "--format", "csv", path)
	if status != 0 || errOut != "" {
		t.Fatalf("csv: status %d, %s", status, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(csvOut, "\n"), "\n")
	if len(lines) != n+1 || !strings.HasPrefix(lines[0], "doc,event_id,sentence,") ||
		!strings.Contains(lines[1], "RUSGOV") || !strings.Contains(lines[1], "2021-11-17") {
		t.Errorf("csv: %d lines for %d events:\n%s", len(lines), n, csvOut)
	}
	status, gd, _ := runDyad(t, "", false, "code", "--format", "gdelt", path)
	lines = strings.Split(strings.TrimSuffix(gd, "\n"), "\n")
	if status != 0 || len(lines) != n {
		t.Fatalf("gdelt: status %d, %d lines for %d events", status, len(lines), n)
	}
	for i, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 61 || f[0] != fmt.Sprint(i+1) || f[1] != "20211117" || f[60] != "https://quotidien.example/monde/2021/11/17/lavrov-le-drian-paris" {
			t.Errorf("gdelt line %d: %d fields: %q", i, len(f), l)
		}
	}
	pq := filepath.Join(t.TempDir(), "events.parquet")
	status, out, errOut := runDyad(t, "", true, "code", "--format", "parquet", "-o", pq, path)
	b, err := os.ReadFile(pq)
	if status != 0 || out != "" || errOut != "" || err != nil || !bytes.HasPrefix(b, []byte("PAR1")) || !bytes.HasSuffix(b, []byte("PAR1")) {
		t.Errorf("parquet: status %d, stdout %q, stderr %q, %v, %d bytes", status, out, errOut, err, len(b))
	}
	status, _, errOut = runDyad(t, "", true, "code", "--format", "parquet", path)
	if status != 2 || !strings.Contains(errOut, "give it with -o FILE") {
		t.Errorf("parquet on a terminal: status %d, %q", status, errOut)
	}
}

// TestCodeUnordered: --unordered writes the same events, and --workers and
// -j are one setting.
func TestCodeUnordered(t *testing.T) {
	paths := []string{td + "/web", td + "/feeds", td + "/news.jsonl.gz"}
	_, ordered, _ := runDyad(t, "", false, append([]string{"code", "--workers", "1"}, paths...)...)
	_, unordered, errOut := runDyad(t, "", false, append([]string{"code", "--unordered", "-j", "3"}, paths...)...)
	a, b := eventKeys(t, ordered), eventKeys(t, unordered)
	if len(a) < 8 || !slices.Equal(a, b) || errOut != "" {
		t.Errorf("ordered %d events, unordered %d (%q):\n%v\n%v", len(a), len(b), errOut, a, b)
	}
	for _, args := range [][]string{{"-j", "3"}, {"--workers", "3"}, {"--workers=3", "--unordered"}} {
		cfg, err := parseCodeArgs(args, &env{stderr: new(bytes.Buffer)})
		if err != nil || cfg.jobs != 3 {
			t.Errorf("%q: jobs %d, %v", args, cfg.jobs, err)
		}
	}
}

// TestCodeProgress: the progress line is drawn on a terminal only, and not
// with --quiet; --stats is printed either way.
func TestCodeProgress(t *testing.T) {
	path := td + "/crawl/news.warc.gz"
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		tty      bool
		args     []string
		progress bool
	}{
		{"terminal", true, nil, true},
		{"terminal, quiet", true, []string{"--quiet"}, false},
		{"not a terminal", false, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"code", "--stats"}, tt.args...), path)
			status, _, errOut := runDyadEnv(t, &env{stderrTTY: tt.tty}, args...)
			if status != 0 {
				t.Fatalf("status %d: %s", status, errOut)
			}
			final := "[####################] 2 documents, "
			has := strings.Contains(errOut, final) && strings.Contains(errOut, fmt.Sprintf("read of %s (100%%)", progressSize(st.Size())))
			if has != tt.progress {
				t.Errorf("progress shown %v, want %v:\n%q", has, tt.progress, errOut)
			}
			// The error line starts a line of its own, never after a progress line.
			i := strings.Index(errOut, "dyad: "+path+": bad WARC record at byte 2478")
			if i < 0 || i > 0 && !strings.HasSuffix(errOut[:i], "\n") && !strings.HasSuffix(errOut[:i], "\x1b[K") {
				t.Errorf("corrupt record not reported: %q", errOut)
			}
			if !strings.Contains(errOut, `{"documents":2,`) {
				t.Errorf("--stats line missing: %q", errOut)
			}
		})
	}
}

func TestProgressFigures(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1 000"}, {1234567, "1 234 567"}} {
		if got := progressCount(tt.n); got != tt.want {
			t.Errorf("progressCount(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	for _, tt := range []struct {
		n    int64
		want string
	}{{512, "512 B"}, {2048, "2.0 kB"}, {5 << 20, "5.0 MB"}, {3 << 30, "3.00 GB"}} {
		if got := progressSize(tt.n); got != tt.want {
			t.Errorf("progressSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// BenchmarkCodeWiring measures what dyad code adds around the coder
// (reading JSON Lines, the worker queues, ordering, writing JSONL) with a
// coder that does nothing: documents per second the wiring can carry.
func BenchmarkCodeWiring(b *testing.B) {
	var in strings.Builder
	const docs = 10000
	for i := range docs {
		fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"Le ministre russe des Affaires étrangères a rencontré mercredi à Paris son homologue français.\"}\n", i)
	}
	b.SetBytes(int64(in.Len()))
	for _, unordered := range []bool{false, true} {
		b.Run(fmt.Sprintf("unordered=%v", unordered), func(b *testing.B) {
			for b.Loop() {
				e := &env{stdin: strings.NewReader(in.String()), stdout: io.Discard, stderr: io.Discard}
				cfg := codeConfig{paths: []string{"-"}, format: "jsonl", docFlags: docFlags{jobs: 2}, unordered: unordered}
				if err := codeRun(context.Background(), cfg, fakeCoder{}, e); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(docs*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
