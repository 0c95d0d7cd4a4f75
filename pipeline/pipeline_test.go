package pipeline_test

import (
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"
	"sync"
	"testing"

	"dyad/data"
	"dyad/event"
	"dyad/pipeline"
)

// Small dispatches written for these tests (not the shared gold texts).
const (
	frText = "Paris, 3 mars (AFP) Le président français a rencontré mardi à Paris le chancelier allemand. " +
		"Les deux dirigeants ont plaidé pour le renforcement de la coopération entre la France et l'Allemagne.\n\n" +
		"Le gouvernement russe a condamné les sanctions imposées par l'Union européenne.\n"
	enText = "WASHINGTON, May 4 (Reuters) - The United States accused Iran on Tuesday of supporting attacks. " +
		"President Biden met the Japanese prime minister in Washington.\n"
)

// newPipeline compiles the embedded dictionaries, or skips the test while a
// dictionary file is still missing from the tree.
func newPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	p, err := pipeline.New(data.FS)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("embedded dictionaries incomplete (data/actors/people.tsv not written yet?): %v", err)
	}
	if err != nil {
		t.Fatalf("pipeline.New(data.FS): %v", err)
	}
	return p
}

func TestCodeRejects(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name string
		text string
		want error
	}{
		{"empty", "", pipeline.ErrEmpty},
		{"blank", " \n\t\n ", pipeline.ErrEmpty},
		{"invalid UTF-8", "Le ministre a d\xe9clar\xe9 mardi.", pipeline.ErrInvalidUTF8},
		{"truncated rune", "Le président \xc3", pipeline.ErrInvalidUTF8},
		{"NUL bytes", "Le ministre\x00\x00 a parlé.", pipeline.ErrBinary},
		{"control bytes", strings.Repeat("\x01\x02\x03ab", 50), pipeline.ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Code(event.Document{ID: "x", Text: tt.text}, pipeline.Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Code: err = %v, want %v", err, tt.want)
			}
			if len(res.Events) != 0 || res.Sentences != 0 {
				t.Errorf("Code returned a result with its error: %+v", res)
			}
			if cerr := pipeline.Check(tt.text); !errors.Is(cerr, tt.want) {
				t.Errorf("Check: err = %v, want %v", cerr, tt.want)
			}
		})
	}
}

func TestCodeBadPublished(t *testing.T) {
	p := newPipeline(t)
	for _, pub := range []string{"19/11/2021", "2021-13-01", "hier"} {
		if _, err := p.Code(event.Document{ID: "x", Text: frText}, pipeline.Options{Published: pub}); err == nil {
			t.Errorf("Published %q: no error", pub)
		}
	}
}

func TestCodeDocuments(t *testing.T) {
	p := newPipeline(t)
	tests := []struct {
		name      string
		doc       event.Document
		opt       pipeline.Options
		lang      string
		sentences int
		minEvents int
		codes     []string // CAMEO codes that must be among the events
	}{
		{"french", event.Document{ID: "fr", Text: frText, Published: "2022-03-03"}, pipeline.Options{}, "fr", 3, 3, []string{"030"}},
		{"english", event.Document{ID: "en", Text: enText}, pipeline.Options{Published: "2021-05-04"}, "en", 2, 0, nil},
		{"forced language", event.Document{ID: "forced", Text: frText}, pipeline.Options{Lang: "fr", Published: "2022-03-03"}, "fr", 3, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Code(tt.doc, tt.opt)
			if err != nil {
				t.Fatalf("Code: %v", err)
			}
			if res.Lang != tt.lang {
				t.Errorf("Lang = %q, want %q", res.Lang, tt.lang)
			}
			if res.Sentences != tt.sentences {
				t.Errorf("Sentences = %d, want %d", res.Sentences, tt.sentences)
			}
			if len(res.Events) < tt.minEvents {
				t.Errorf("%d events, want at least %d", len(res.Events), tt.minEvents)
			}
			have := map[string]bool{}
			for _, ev := range res.Events {
				have[ev.Code] = true
			}
			for _, c := range tt.codes {
				if !have[c] {
					t.Errorf("no event coded %s among %v", c, have)
				}
			}
			checkEvents(t, tt.doc.Text, res.Events)
		})
	}
}

// checkEvents asserts that every event points inside the document: its
// span, its trigger and its actors' spans, and that its text is the
// sentence its span covers (up to whitespace, which the coder normalises).
func checkEvents(t *testing.T, text string, evs []event.Event) {
	t.Helper()
	inside := func(s event.Span) bool { return 0 <= s[0] && s[0] < s[1] && s[1] <= len(text) }
	for i, ev := range evs {
		if !inside(ev.Span) {
			t.Errorf("event %d: span %v outside the text (%d bytes)", i, ev.Span, len(text))
			continue
		}
		if ev.Trigger != nil && !ev.Span.Contains(*ev.Trigger) {
			t.Errorf("event %d: trigger %v outside its span %v", i, *ev.Trigger, ev.Span)
		}
		for _, a := range []*event.Actor{&ev.Source, ev.Target} {
			if a != nil && a.Span != nil && !inside(*a.Span) {
				t.Errorf("event %d: actor span %v outside the text", i, *a.Span)
			}
		}
		raw := strings.Join(strings.Fields(text[ev.Span[0]:ev.Span[1]]), " ")
		if ev.Text != raw {
			t.Errorf("event %d: text %q, but its span holds %q", i, ev.Text, raw)
		}
		if ev.Code == "" || !strings.HasPrefix(ev.Code, ev.Root) {
			t.Errorf("event %d: code %q does not start with root %q", i, ev.Code, ev.Root)
		}
	}
}

// TestCodeConcurrent codes the same documents from several goroutines on
// one Pipeline and expects what sequential calls give (run with -race).
func TestCodeConcurrent(t *testing.T) {
	p := newPipeline(t)
	docs := []event.Document{
		{ID: "fr", Text: frText, Published: "2022-03-03"},
		{ID: "en", Text: enText, Published: "2021-05-04"},
		{ID: "fr2", Text: strings.Repeat(frText, 3), Published: "2022-03-03"},
	}
	want := make([]pipeline.Result, len(docs))
	for i, d := range docs {
		r, err := p.Code(d, pipeline.Options{})
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		want[i] = r
	}
	const workers = 8
	const rounds = 5
	var wg sync.WaitGroup
	errs := make(chan string, workers*rounds*len(docs))
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				i := (w + r) % len(docs)
				got, err := p.Code(docs[i], pipeline.Options{})
				if err != nil {
					errs <- docs[i].ID + ": " + err.Error()
					continue
				}
				if !reflect.DeepEqual(got, want[i]) {
					errs <- docs[i].ID + ": concurrent result differs from the sequential one"
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestCodeLarge codes about 50 MB of repeated sentences in one document.
func TestCodeLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB document: skipped with -short")
	}
	p := newPipeline(t)
	// Each unit differs by its number: repeated identical sentences are a
	// standfirst copied into the body, coded once.
	unit := "Le gouvernement russe a condamné les sanctions imposées par l'Union européenne (lot %d). " +
		"The minister said talks would continue.\n"
	n := 50<<20/len(unit) + 1
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, unit, i)
	}
	text := b.String()
	res, err := p.Code(event.Document{ID: "big", Text: text}, pipeline.Options{Lang: "fr", Published: "2022-03-03"})
	if err != nil {
		t.Fatalf("Code: %v", err)
	}
	if res.Sentences < n {
		t.Errorf("Sentences = %d, want at least %d", res.Sentences, n)
	}
	if len(res.Events) < n {
		t.Errorf("%d events, want at least one per repeated unit (%d)", len(res.Events), n)
	}
	for i, ev := range res.Events {
		if ev.Span[0] < 0 || ev.Span[1] > len(text) || ev.Span[0] >= ev.Span[1] {
			t.Fatalf("event %d: span %v outside the text", i, ev.Span)
		}
	}
}
