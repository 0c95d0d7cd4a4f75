package coder

import (
	"strings"
	"testing"
	"testing/fstest"

	"dyad/event"
)

func fold(s string) []string { return strings.Fields(strings.ToLower(s)) }

func valid(code string) bool { return code == "040" || code == "111" || code == "036" }

const grammar = "# source: test\nfr\tby\tpar\n"

func TestLoadTriggersErrors(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"999\trencontré\t\n", "triggers/fr.tsv:2: unknown CAMEO code \"999\""},
		{"040\t... rencontré\t\n", "triggers/fr.tsv:2: a pattern must start and end with a word"},
		{"040\trencontré\tvite\n", "triggers/fr.tsv:2: unknown option \"vite\""},
		{"040\trencontré\tintent=998\n", "triggers/fr.tsv:2: unknown CAMEO code \"998\" in intent="},
		{"040\n", "triggers/fr.tsv:2: want 2 to 3 tab-separated fields, got 1"},
	} {
		fsys := fstest.MapFS{
			"triggers/fr.tsv":      {Data: []byte("# source: test\n" + tc.file)},
			"triggers/grammar.tsv": {Data: []byte(grammar)},
		}
		_, err := LoadTriggers(fsys, valid, fold)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.file, err, tc.want)
		}
	}
	bad := fstest.MapFS{
		"triggers/fr.tsv":      {Data: []byte("# source: test\n040\trencontré\n")},
		"triggers/grammar.tsv": {Data: []byte("# source: test\nfr\tpreposition\tpar\n")},
	}
	if _, err := LoadTriggers(bad, valid, fold); err == nil || !strings.Contains(err.Error(), "triggers/grammar.tsv:2: unknown word class") {
		t.Errorf("grammar error: %v", err)
	}
}

func toks(s string) []event.Token {
	var out []event.Token
	for _, w := range strings.Fields(s) {
		k := event.Word
		if w == "," || w == "." {
			k = event.Punct
		}
		out = append(out, event.Token{Text: w, Norm: strings.ToLower(w), Kind: k})
	}
	return out
}

func TestFindTriggers(t *testing.T) {
	fsys := fstest.MapFS{
		"triggers/fr.tsv": {Data: []byte("# source: test\n" +
			"040\trencontr*|vu\tmeet\n" +
			"111\tmis|met en cause\tcrit\n" +
			"036\tse rendra ... visite\tintent\n")},
		"triggers/grammar.tsv": {Data: []byte(grammar)},
	}
	ts, err := LoadTriggers(fsys, valid, fold)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want []string // code:matched words
	}{
		{"le ministre a rencontré son homologue", []string{"040:rencontré"}},
		{"il a mis en cause le blocus", []string{"111:mis en cause"}},
		{"il a mis la table", nil},
		{"il se rendra en visite", []string{"036:se rendra en visite"}},
		{"il se rendra demain à Paris pour une visite", nil}, // the gap is three tokens at most
		{"il se rendra . visite", nil},                       // no gap across a full stop
		{"rencontres et rencontré", []string{"040:rencontres", "040:rencontré"}},
	} {
		tt := toks(tc.text)
		var got []string
		for _, h := range ts.find(tt, "fr") {
			var ws []string
			for _, x := range tt[h.start:h.end] {
				ws = append(ws, x.Text)
			}
			got = append(got, h.t.Code+":"+strings.Join(ws, " "))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
		}
	}
}
