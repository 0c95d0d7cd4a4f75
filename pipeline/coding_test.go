package pipeline_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dyad/data"
	"dyad/event"
	"dyad/pipeline"
)

// A coding case is one line of testdata/coding/*.tsv:
//
//	lang <TAB> published <TAB> text <TAB> expectations
//
// Expectations are separated by ";": "SRC CODE TGT" must be coded (SRC and
// TGT are CAMEO actor codes, "-" for no target; CODE matches the event's
// code, or its root when two digits long), "!SRC CODE TGT" must not be, and
// a lone "only" forbids any event not expected. "@date=YYYY-MM-DD",
// "@loc=ISO3", "@mod=intent" and "@name=Name" after an expectation check the
// event found. A text may hold several sentences: they form one document.
type codingCase struct {
	file       string
	line       int
	lang, pub  string
	text       string
	want, deny []expect
	only       bool
}

type expect struct {
	src, code, tgt string
	attrs          map[string]string
}

func (e expect) String() string { return e.src + " " + e.code + " " + e.tgt }

func (e expect) matches(ev event.Event) bool {
	tgt := "-"
	if ev.Target != nil {
		tgt = ev.Target.Code
	}
	code := ev.Code
	if len(e.code) == 2 {
		code = ev.Root
	}
	if ev.Source.Code != e.src || code != e.code || tgt != e.tgt {
		return false
	}
	for k, v := range e.attrs {
		switch k {
		case "date":
			if ev.Date != v {
				return false
			}
		case "loc":
			if ev.Location == nil || ev.Location.Country != v {
				return false
			}
		case "mod":
			if ev.Modality != v {
				return false
			}
		case "name":
			if ev.Source.Name != v {
				return false
			}
		}
	}
	return true
}

func parseExpect(s string) (expect, error) {
	f := strings.Fields(s)
	var e expect
	var rest []string
	for _, w := range f {
		if strings.HasPrefix(w, "@") {
			k, v, ok := strings.Cut(w[1:], "=")
			if !ok {
				return e, fmt.Errorf("bad attribute %q", w)
			}
			if e.attrs == nil {
				e.attrs = map[string]string{}
			}
			e.attrs[k] = strings.ReplaceAll(v, "_", " ")
			continue
		}
		rest = append(rest, w)
	}
	if len(rest) != 3 {
		return e, fmt.Errorf("want SRC CODE TGT, got %q", s)
	}
	e.src, e.code, e.tgt = rest[0], rest[1], rest[2]
	return e, nil
}

func readCases(t *testing.T) []codingCase {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "coding", "*.tsv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no coding cases: %v", err)
	}
	var cases []codingCase
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		n := 0
		for sc.Scan() {
			n++
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			p := strings.Split(line, "\t")
			if len(p) != 4 {
				t.Fatalf("%s:%d: want 4 tab-separated fields, got %d", f, n, len(p))
			}
			c := codingCase{file: filepath.Base(f), line: n, lang: p[0], pub: p[1], text: strings.ReplaceAll(p[2], `\n`, "\n")}
			for _, x := range strings.Split(p[3], ";") {
				x = strings.TrimSpace(x)
				switch {
				case x == "":
				case x == "only":
					c.only = true
				case strings.HasPrefix(x, "!"):
					e, err := parseExpect(x[1:])
					if err != nil {
						t.Fatalf("%s:%d: %v", f, n, err)
					}
					c.deny = append(c.deny, e)
				default:
					e, err := parseExpect(x)
					if err != nil {
						t.Fatalf("%s:%d: %v", f, n, err)
					}
					c.want = append(c.want, e)
				}
			}
			cases = append(cases, c)
		}
		fh.Close()
	}
	return cases
}

func describe(evs []event.Event) string {
	var out []string
	for _, ev := range evs {
		tgt := "-"
		if ev.Target != nil {
			tgt = ev.Target.Code
		}
		out = append(out, fmt.Sprintf("%s %s %s (%s, %s, %s)", ev.Source.Code, ev.Code, tgt, ev.Modality, ev.Date, ev.Rule))
	}
	sort.Strings(out)
	return strings.Join(out, "\n\t")
}

// TestCoding runs the acceptance cases of testdata/coding, one t.Run each.
func TestCoding(t *testing.T) {
	// DYAD_TEST_DATA points the cases at a dictionary folder being edited.
	var fsys fs.FS = data.FS
	if d := os.Getenv("DYAD_TEST_DATA"); d != "" {
		fsys = os.DirFS(d)
	}
	p, err := pipeline.New(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range readCases(t) {
		t.Run(fmt.Sprintf("%s:%d", c.file, c.line), func(t *testing.T) {
			res, err := p.Code(event.Document{ID: "case", Text: c.text, Published: c.pub, Lang: c.lang}, pipeline.Options{})
			if err != nil {
				t.Fatal(err)
			}
			used := make([]bool, len(res.Events))
			for _, w := range c.want {
				found := false
				for i, ev := range res.Events {
					if w.matches(ev) {
						found, used[i] = true, true
					}
				}
				if !found {
					t.Errorf("%s\nmissing %s %v; got:\n\t%s", c.text, w, w.attrs, describe(res.Events))
				}
			}
			for _, d := range c.deny {
				for _, ev := range res.Events {
					if d.matches(ev) {
						t.Errorf("%s\nunwanted %s; got:\n\t%s", c.text, d, describe(res.Events))
					}
				}
			}
			if c.only {
				for i, ev := range res.Events {
					if !used[i] {
						t.Errorf("%s\nunexpected %s", c.text, describe([]event.Event{ev}))
					}
				}
			}
		})
	}
}
