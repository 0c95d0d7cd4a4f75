package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"dyad/event"
)

const td = "../testdata/ingest"

// summarize renders what Read yields, one line per document or error.
func summarize(t *testing.T, paths []string, stdin io.Reader, opt Options) []string {
	t.Helper()
	var out []string
	for d, err := range Read(context.Background(), paths, stdin, opt) {
		if err != nil {
			var de *DocError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DocError", err)
			}
			out = append(out, "err "+err.Error())
			continue
		}
		out = append(out, fmt.Sprintf("doc %s origin=%s pub=%s lang=%s len=%d", d.ID, d.Origin, d.Published, d.Lang, len(d.Text)))
	}
	return out
}

func TestRead(t *testing.T) {
	b := td + "/corpus/b.jsonl"
	bjsonl := []string{
		"doc b1 origin=" + b + ":1 pub=2021-03-06 lang=es len=47",
		"err " + b + ":2: invalid JSON: unexpected end of JSON input",
		"doc " + b + ":4 origin=" + b + ":4 pub=2021-03-07 lang=xx len=53",
		"doc 42 origin=" + b + ":5 pub=2021-03-08 lang=xx len=38",
		"err " + b + `:6: "published": invalid date: want YYYY-MM-DD or RFC 3339: "hier"`,
		"err " + b + `:7: missing "text"`,
		"err " + b + ":8: invalid JSON: not a JSON object",
		"doc b9 origin=" + b + ":9 pub=2000-01-01 lang=xx len=31",
	}
	opt := Options{Published: "2000-01-01", Lang: "xx"}
	tests := []struct {
		name  string
		paths []string
		stdin string
		want  []string
	}{
		{"text file", []string{td + "/corpus/a.txt"}, "", []string{
			"doc " + td + "/corpus/a.txt origin=" + td + "/corpus/a.txt pub=2000-01-01 lang=xx len=93",
		}},
		{"jsonl with broken lines", []string{b}, "", bjsonl},
		{"folder: recursive, lexical, hidden and other files skipped", []string{td + "/corpus"}, "", slices.Concat(
			[]string{"doc " + td + "/corpus/a.txt origin=" + td + "/corpus/a.txt pub=2000-01-01 lang=xx len=93"},
			bjsonl,
			[]string{
				"doc " + td + "/corpus/sub/c.text origin=" + td + "/corpus/sub/c.text pub=2000-01-01 lang=xx len=65",
				"doc " + td + "/corpus/z.txt origin=" + td + "/corpus/z.txt pub=2000-01-01 lang=xx len=60",
			})},
		{"missing file, then the rest goes on", []string{td + "/nope.txt", td + "/notes.jsonl"}, "", []string{
			"err " + td + "/nope.txt: no such file or directory",
			"doc n1 origin=" + td + "/notes.jsonl:1 pub=2000-01-01 lang=xx len=8",
			"doc n2 origin=" + td + "/notes.jsonl:2 pub=2000-01-01 lang=fr len=7",
			"err " + td + "/notes.jsonl:3: invalid UTF-8",
		}},
		{"empty text file is yielded for the pipeline to judge", []string{td + "/empty.txt"}, "", []string{
			"doc " + td + "/empty.txt origin=" + td + "/empty.txt pub=2000-01-01 lang=xx len=0",
		}},
		{"empty jsonl file", []string{td + "/empty.jsonl", td + "/notes.jsonl"}, "", []string{
			"err " + td + "/empty.jsonl: no documents: no JSON line",
			"doc n1 origin=" + td + "/notes.jsonl:1 pub=2000-01-01 lang=xx len=8",
			"doc n2 origin=" + td + "/notes.jsonl:2 pub=2000-01-01 lang=fr len=7",
			"err " + td + "/notes.jsonl:3: invalid UTF-8",
		}},
		{"binary and invalid UTF-8 are yielded as read", []string{td + "/binary.txt", td + "/latin1.txt"}, "", []string{
			"doc " + td + "/binary.txt origin=" + td + "/binary.txt pub=2000-01-01 lang=xx len=21",
			"doc " + td + "/latin1.txt origin=" + td + "/latin1.txt pub=2000-01-01 lang=xx len=46",
		}},
		{"folder without documents", []string{td + "/corpus/sub/../.hidden/.."}, "", nil}, // filled below
		{"stdin text", []string{"-"}, "Moscou, 19 novembre - Texte.\n", []string{
			"doc - origin=stdin pub=2000-01-01 lang=xx len=29",
		}},
		{"stdin JSONL", []string{"-"}, "\n  \n{\"id\":\"s1\",\"text\":\"Un.\"}\n\n{\"text\":\"Deux.\",\"published\":\"2021-11-19T23:59:59+03:00\"}\n{oops\n", []string{
			"doc s1 origin=stdin:3 pub=2000-01-01 lang=xx len=3",
			"doc stdin:5 origin=stdin:5 pub=2021-11-19 lang=xx len=5",
			"err stdin:6: invalid JSON: invalid character 'o' looking for beginning of object key string",
		}},
		{"stdin text that starts with a brace", []string{"-"}, "{Note de la redaction} Texte.\n{\"id\":1}\n", []string{
			"doc - origin=stdin pub=2000-01-01 lang=xx len=39",
		}},
		{"stdin empty", []string{"-"}, "", []string{
			"doc - origin=stdin pub=2000-01-01 lang=xx len=0",
		}},
		{"stdin twice", []string{"-", "-"}, "Texte.", []string{
			"doc - origin=stdin pub=2000-01-01 lang=xx len=6",
			"err stdin: standard input given more than once",
		}},
	}
	// A folder holding only a non-document file.
	only := t.TempDir()
	if err := os.WriteFile(filepath.Join(only, "x.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests[7].paths = []string{only}
	tests[7].want = []string{"err " + only + ": no documents: no .txt, .text, .jsonl, .html, .htm, .xml, .rss, .atom or .warc file (or .gz of one) in this folder"}

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := summarize(t, tc.paths, strings.NewReader(tc.stdin), opt)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestReadFields(t *testing.T) {
	var docs []event.Document
	for d, err := range Read(context.Background(), []string{td + "/corpus/b.jsonl"}, nil, Options{}) {
		if err == nil {
			docs = append(docs, d)
		}
	}
	want := event.Document{
		ID: "b1", Text: "Quito, 6 de marzo - El canciller visito Bogota.", Published: "2021-03-06",
		Lang: "es", URL: "https://example.org/b1", Title: "Visita", Source: "Agencia",
		Origin: td + "/corpus/b.jsonl:1",
	}
	if len(docs) == 0 || docs[0] != want {
		t.Fatalf("first document = %+v, want %+v", docs, want)
	}
	// Without --published, a document without its own date has none.
	if last := docs[len(docs)-1]; last.ID != "b9" || last.Published != "" {
		t.Errorf("last document = %+v, want b9 with no date", last)
	}
	// Text files keep their bytes exactly.
	raw, err := os.ReadFile(td + "/binary.txt")
	if err != nil {
		t.Fatal(err)
	}
	for d, err := range Read(context.Background(), []string{td + "/binary.txt"}, nil, Options{}) {
		if err != nil || d.Text != string(raw) {
			t.Errorf("binary.txt: got %q, %v; want the file's bytes", d.Text, err)
		}
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"", "", ""},
		{"2021-11-19", "2021-11-19", ""},
		{" 2021-11-19 ", "2021-11-19", ""},
		{"2021-11-19T08:30:00Z", "2021-11-19", ""},
		{"2021-11-19T23:30:00-05:00", "2021-11-19", ""}, // the publisher's own day, not UTC's
		{"2021-11-19T01:30:00.123+09:00", "2021-11-19", ""},
		{"2021-02-30", "", "invalid date"},
		{"19/11/2021", "", "invalid date"},
		{"2021-11-19T08:30:00", "", "invalid date"},
	}
	for _, tc := range tests {
		got, err := NormalizeDate(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || err != nil && !errors.Is(err, ErrBadDate) {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestHugeLine(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.jsonl")
	const size = 50 << 20
	text := strings.Repeat("Le ministre a rencontre son homologue. ", size/39+1)[:size]
	var buf bytes.Buffer
	buf.WriteString(`{"id":"huge","text":"`)
	buf.WriteString(text)
	buf.WriteString("\"}\n{\"id\":\"small\",\"text\":\"Court.\"}\n")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	buf = bytes.Buffer{}
	var ids []string
	for d, err := range Read(context.Background(), []string{p}, nil, Options{}) {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		ids = append(ids, d.ID)
		if d.ID == "huge" && d.Text != text {
			t.Errorf("huge text: got %d bytes, want %d", len(d.Text), len(text))
		}
	}
	if !slices.Equal(ids, []string{"huge", "small"}) {
		t.Errorf("ids = %v", ids)
	}
}

func TestLimits(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long.jsonl")
	line := `{"id":"l","text":"` + strings.Repeat("x", 300) + "\"}\n"
	if err := os.WriteFile(long, []byte(`{"id":"a","text":"A."}`+"\n"+line+line+`{"id":"b","text":"B."}`), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("y"), 201), 0o644); err != nil {
		t.Fatal(err)
	}
	fits := filepath.Join(dir, "fits.txt")
	if err := os.WriteFile(fits, bytes.Repeat([]byte("y"), 200), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := Options{MaxBytes: 200}
	tests := []struct {
		name  string
		paths []string
		stdin string
		want  []string
	}{
		{"long JSON lines", []string{long}, "", []string{
			"doc a origin=" + long + ":1 pub= lang= len=2",
			"err " + long + ":2: too large: line over the 200 bytes limit",
			"err " + long + ":3: too large: line over the 200 bytes limit",
			"doc b origin=" + long + ":4 pub= lang= len=2",
		}},
		{"text files", []string{big, fits}, "", []string{
			"err " + big + ": too large: file over the 200 bytes limit",
			"doc " + fits + " origin=" + fits + " pub= lang= len=200",
		}},
		{"stdin text", []string{"-"}, "ab\n" + strings.Repeat("z", 300), []string{
			"err stdin: too large: document over the 200 bytes limit",
		}},
		{"stdin text, one long line", []string{"-"}, strings.Repeat("z", 300), []string{
			"err stdin: too large: document over the 200 bytes limit",
		}},
		{"stdin JSONL with a long first line", []string{"-"}, line + `{"id":"b","text":"B."}`, []string{
			"err stdin:1: too large: line over the 200 bytes limit",
			"doc b origin=stdin:2 pub= lang= len=2",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := summarize(t, tc.paths, strings.NewReader(tc.stdin), opt)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			for d, err := range Read(context.Background(), tc.paths, strings.NewReader(tc.stdin), opt) {
				if errors.As(err, new(*DocError)) && strings.Contains(err.Error(), "too large") && !errors.Is(err, ErrTooLarge) {
					t.Errorf("%v does not wrap ErrTooLarge", err)
				}
				_ = d
			}
		})
	}
}

func TestStopAndCancel(t *testing.T) {
	// The consumer breaks out: no further yield (which would panic).
	n := 0
	for range Read(context.Background(), []string{td + "/corpus"}, nil, Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("got %d items before break, want 2", n)
	}
	// A cancelled context yields its error once and stops.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	for _, err := range Read(ctx, []string{td + "/corpus", td + "/notes.jsonl"}, nil, Options{}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("cancelled: got %v, want one context.Canceled", errs)
	}
}

func TestReadErrors(t *testing.T) {
	// A stream that fails mid-way: one error naming stdin, no panic.
	r := io.MultiReader(strings.NewReader("{\"text\":\"a\"}\n"), iotest.ErrReader(errors.New("disk on fire")))
	got := summarize(t, []string{"-"}, r, Options{})
	want := []string{"doc stdin:1 origin=stdin:1 pub= lang= len=1", "err stdin:2: disk on fire"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// No stdin reader at all.
	got = summarize(t, []string{"-"}, nil, Options{})
	if len(got) != 1 || !strings.HasPrefix(got[0], "err stdin: ") {
		t.Errorf("nil stdin: got %q", got)
	}
	// An unreadable file in a folder is named, and the others are read.
	if os.Getuid() == 0 {
		return // root reads everything
	}
	dir := t.TempDir()
	for _, f := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("Texte."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "a.txt"), 0); err != nil {
		t.Fatal(err)
	}
	var errs, docs int
	for _, err := range Read(context.Background(), []string{dir}, nil, Options{}) {
		if err != nil {
			errs++
			if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "a.txt") {
				t.Errorf("error %v does not name a.txt as unreadable", err)
			}
		} else {
			docs++
		}
	}
	if errs != 1 || docs != 1 {
		t.Errorf("got %d errors and %d documents, want 1 and 1", errs, docs)
	}
}

// FuzzRead feeds arbitrary bytes as stdin: Read must not panic, must yield
// only documents or *DocErrors, and a JSON Lines document must keep its text.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"", "\n", "texte", "{", "{}\n", "{\"text\":\"a\"}\n{bad\n{\"text\":\"b\",\"id\":3}",
		"\n\n{\"id\":\"x\",\"text\":\"y\",\"published\":\"2021-01-01T00:00:00Z\"}\r\n",
		"\uFEFF{\"text\":\"bom\"}\n", "{\"text\":\"\\u0000\"}\n", "[1]\n{\"text\":\"z\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for d, err := range Read(context.Background(), []string{"-"}, bytes.NewReader(in), Options{MaxBytes: 64}) {
			if err != nil {
				var de *DocError
				if !errors.As(err, &de) || de.Name != StdinName {
					t.Fatalf("error %v is not a *DocError naming stdin", err)
				}
				continue
			}
			if d.ID == "-" && d.Text != string(in) {
				t.Fatalf("stdin text %q changed to %q", in, d.Text)
			}
			if d.ID != "-" && !strings.HasPrefix(d.Origin, StdinName+":") {
				t.Fatalf("JSONL document with origin %q", d.Origin)
			}
		}
	})
}
