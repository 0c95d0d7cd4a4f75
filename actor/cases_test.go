package actor_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"dyad/actor"
	"dyad/coder"
	"dyad/data"
	"dyad/event"
	"dyad/lang"
	"dyad/pipeline"
	"dyad/segment"
)

// A case file of testdata/actors/ is named after its language (fr.tsv,
// en.tsv, es.tsv, or fr-anything.tsv) and holds one expected actor mention
// per line:
//
//	date <TAB> text <TAB> mention <TAB> code [<TAB> name]
//
//	date     the publication date (YYYY-MM-DD): roles depend on it
//	text     the document, one line; an empty date and text repeat the
//	         previous line's document (several mentions of one text)
//	mention  the mention's exact text; "text#2" is its second occurrence
//	code     the expected CAMEO code; "-" says that no mention has this text
//	         (a negative case)
//	name     the expected canonical name; "-" for none; "!Name" says that
//	         this mention, if any, does not resolve to Name (a false merge);
//	         absent: not checked
type actorCase struct {
	rule                string
	date, text, mention string
	code, name          string
	hasName             bool
}

func readCases(t *testing.T, path string) []actorCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []actorCase
	var prev actorCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 4 || len(fs) > 5 {
			t.Fatalf("%s:%d: %d fields, want 4 or 5", path, n, len(fs))
		}
		c := actorCase{rule: fmt.Sprintf("%s:%d", filepath.Base(path), n), date: fs[0], text: fs[1], mention: fs[2], code: fs[3]}
		if len(fs) == 5 {
			c.name, c.hasName = fs[4], true
		}
		if c.date == "" && c.text == "" {
			c.date, c.text = prev.date, prev.text
		}
		if c.text == "" || c.mention == "" || c.code == "" {
			t.Fatalf("%s: empty text, mention or code", c.rule)
		}
		out = append(out, c)
		prev = c
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

func testPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.New(data.FS) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

// TestActorCases runs every case of testdata/actors through pipeline.Actors.
func TestActorCases(t *testing.T) {
	p := testPipeline(t)
	files, err := filepath.Glob("../testdata/actors/*.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files: %v", err)
	}
	total := 0
	cache := map[string][]coder.Mention{}
	for _, file := range files {
		lang, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(file), ".tsv"), "-")
		for _, c := range readCases(t, file) {
			total++
			t.Run(c.rule, func(t *testing.T) {
				key := lang + "\x00" + c.date + "\x00" + c.text
				ms, ok := cache[key]
				if !ok {
					ms, err = p.Actors(event.Document{ID: c.rule, Text: c.text}, pipeline.Options{Lang: lang, Published: c.date})
					if err != nil {
						t.Fatal(err)
					}
					cache[key] = ms
				}
				checkCase(t, c, ms)
			})
		}
	}
	if total < 400 {
		t.Errorf("only %d actor cases, want at least 400", total)
	}
}

func checkCase(t *testing.T, c actorCase, ms []coder.Mention) {
	t.Helper()
	text, nth := c.mention, 1
	if i := strings.LastIndex(text, "#"); i > 0 {
		if n, err := strconv.Atoi(text[i+1:]); err == nil {
			text, nth = text[:i], n
		}
	}
	var found *coder.Mention
	seen := 0
	for i := range ms {
		if ms[i].Text == text {
			if seen++; seen == nth {
				found = &ms[i]
				break
			}
		}
	}
	if found != nil && c.hasName && strings.HasPrefix(c.name, "!") && found.Name == c.name[1:] {
		t.Errorf("%q resolved to %s (%s): a false merge\nin: %s", found.Text, found.Name, found.Code, c.text)
	}
	if c.code == "-" {
		if found != nil {
			t.Errorf("%q is a mention (%s %s); want none\nin: %s", text, found.Code, found.Name, c.text)
		}
		return
	}
	if found == nil {
		t.Fatalf("no mention %q (occurrence %d); mentions:\n%s\nin: %s", text, nth, list(ms), c.text)
	}
	if found.Code != c.code {
		t.Errorf("%q: code %s, want %s (name %q, kind %s, rule %s)\nin: %s", text, found.Code, c.code, found.Name, found.Kind, found.Rule, c.text)
	}
	if c.hasName && !strings.HasPrefix(c.name, "!") {
		want := c.name
		if want == "-" {
			want = ""
		}
		if found.Name != want {
			t.Errorf("%q: name %q, want %q\nin: %s", text, found.Name, want, c.text)
		}
	}
}

func list(ms []coder.Mention) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "  %q %s %q\n", m.Text, m.Code, m.Name)
	}
	return b.String()
}

// BenchmarkLoad compiles the whole actor knowledge base from the embedded
// data with the segmenter's tokens, as pipeline.New does.
func BenchmarkLoad(b *testing.B) {
	ld, err := lang.Load(data.FS)
	if err != nil {
		b.Fatal(err)
	}
	seg := segment.New(ld)
	tok := func(phrase, lg string) []string {
		if lg == "" {
			lg = "fr"
		}
		var out []string
		for _, s := range seg.Split(seg.Normalize(phrase), lg) {
			for _, t := range s.Tokens {
				out = append(out, t.Norm)
			}
		}
		return out
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := actor.Load(data.FS, tok); err != nil {
			b.Fatal(err)
		}
	}
}
