package coder

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/data"
	"dyad/event"
	"dyad/lang"
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
		_, err := LoadTriggers(fsys, valid, fold, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.file, err, tc.want)
		}
	}
	bad := fstest.MapFS{
		"triggers/fr.tsv":      {Data: []byte("# source: test\n040\trencontré\n")},
		"triggers/grammar.tsv": {Data: []byte("# source: test\nfr\tpreposition\tpar\n")},
	}
	if _, err := LoadTriggers(bad, valid, fold, nil); err == nil || !strings.Contains(err.Error(), "triggers/grammar.tsv:2: unknown word class") {
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
	ts, err := LoadTriggers(fsys, valid, fold, nil)
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

// fakeForms knows two French verbs and one English one, folded as
// lang.Data.Forms gives them.
func fakeForms(lang, lemma string) []string {
	switch lang + "/" + lemma {
	case "fr/envoyer":
		return []string{"envoyer", "envoie", "envoient", "enverra", "envoye", "envoyee", "envoyes"}
	case "fr/expédier":
		return []string{"expedier", "expedie", "expediera"}
	case "en/send":
		return []string{"send", "sent"}
	}
	return nil
}

func TestLemmaSlots(t *testing.T) {
	fsys := fstest.MapFS{
		"triggers/fr.tsv": {Data: []byte("# source: test\n" +
			"040\t@envoyer|@expédier|dépêché ... émissaire\n" +
			"111\tmis en @envoyer\n")},
		"triggers/en.tsv":      {Data: []byte("# source: test\n036\t@send ... envoy\n")},
		"triggers/grammar.tsv": {Data: []byte(grammar)},
	}
	ts, err := LoadTriggers(fsys, valid, func(s string) []string { return strings.Fields(lang.Fold(s)) }, fakeForms)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, text string
		want       []string // code:matched words
	}{
		{"fr", "Moscou enverra un émissaire", []string{"040:enverra un émissaire"}},
		{"fr", "Moscou a envoyé un émissaire", []string{"040:envoyé un émissaire"}},
		{"fr", "les pays envoient un émissaire", []string{"040:envoient un émissaire"}},
		{"fr", "Paris expédiera un émissaire", []string{"040:expédiera un émissaire"}},
		{"fr", "Paris a dépêché un émissaire", []string{"040:dépêché un émissaire"}},
		{"fr", "Moscou envoyait un émissaire", nil}, // not a form the fake knows
		{"fr", "il a mis en envoie", []string{"111:mis en envoie"}},
		{"fr", "Moscou send un émissaire", nil}, // English forms stay English
		{"en", "Washington sent an envoy", []string{"036:sent an envoy"}},
	} {
		tt := toks(tc.text)
		for i := range tt {
			tt[i].Norm = lang.Fold(tt[i].Text)
		}
		var got []string
		for _, h := range ts.find(tt, tc.lang) {
			var ws []string
			for _, x := range tt[h.start:h.end] {
				ws = append(ws, x.Text)
			}
			got = append(got, h.t.Code+":"+strings.Join(ws, " "))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s %q: got %v, want %v", tc.lang, tc.text, got, tc.want)
		}
	}
}

func TestLemmaSlotErrors(t *testing.T) {
	for _, tc := range []struct {
		file  string
		forms Forms
		want  string
	}{
		{"040\t@xyz ... émissaire\n", fakeForms, `triggers/fr.tsv:2: unknown lemma "xyz" (not in lang/fr/verbs.tsv.gz)`},
		{"040\tenvoi|@envoyer\n", nil, `triggers/fr.tsv:2: unknown lemma "envoyer" (not in lang/fr/verbs.tsv.gz)`},
		{"040\t@envoyer*\n", fakeForms, `triggers/fr.tsv:2: slot "@envoyer*"`},
		{"040\tun @\n", fakeForms, `triggers/fr.tsv:2: slot "@"`},
	} {
		fsys := fstest.MapFS{
			"triggers/fr.tsv":      {Data: []byte("# source: test\n" + tc.file)},
			"triggers/grammar.tsv": {Data: []byte(grammar)},
		}
		_, err := LoadTriggers(fsys, valid, fold, tc.forms)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.file, err, tc.want)
		}
	}
}

// TestLemmaSlotsEmbedded runs the real French triggers with the real verb
// forms: inflections no line spells out match through their @lemma.
func TestLemmaSlotsEmbedded(t *testing.T) {
	ld, err := lang.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	all := func(string) bool { return true }
	ts, err := LoadTriggers(data.FS, all, func(s string) []string { return strings.Fields(lang.Fold(s)) }, ld.Forms)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"la Russie enverra une aide humanitaire", "073:enverra une aide humanitaire"},
		{"la Russie envoyait une aide humanitaire", "073:envoyait une aide humanitaire"},
		{"les ministres visiteraient Cuba", "042:visiteraient"},
		{"Moscou menaçant de sanctions", "131:menaçant de sanctions"},
		{"les otages libérés", "0841:libérés"},
		{"Cuba recevrait le ministre", "043:recevrait"},
	} {
		tt := toks(tc.text)
		for i := range tt {
			tt[i].Norm = lang.Fold(tt[i].Text)
		}
		var got []string
		for _, h := range ts.find(tt, "fr") {
			var ws []string
			for _, x := range tt[h.start:h.end] {
				ws = append(ws, x.Text)
			}
			got = append(got, h.t.Code+":"+strings.Join(ws, " "))
		}
		if !slices.Contains(got, tc.want) {
			t.Errorf("%q: got %v, want %s among them", tc.text, got, tc.want)
		}
	}
}
