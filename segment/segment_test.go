package segment_test

import (
	"reflect"
	"strings"
	"testing"

	"dyad/data"
	"dyad/event"
	"dyad/lang"
	"dyad/segment"
	"dyad/textnorm"
)

func newSeg(t testing.TB) *segment.Segmenter {
	t.Helper()
	d, err := lang.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	return segment.New(d)
}

// tokens renders a sentence's tokens as "a|b|c".
func tokens(s event.Sentence) string {
	var parts []string
	for _, t := range s.Tokens {
		parts = append(parts, t.Text)
	}
	return strings.Join(parts, "|")
}

func TestSentences(t *testing.T) {
	seg := newSeg(t)
	tests := []struct {
		name, lang, raw string
		want            []string // sentence texts
	}{
		{"simple fr", "fr", "Le ministre est arrivé. Il a parlé! Vraiment? Oui.",
			[]string{"Le ministre est arrivé.", "Il a parlé!", "Vraiment?", "Oui."}},
		{"french title abbreviation", "fr", "M. Riabkov et Mme. Zakharova ont parlé. Le Dr. Novak aussi.",
			[]string{"M. Riabkov et Mme. Zakharova ont parlé.", "Le Dr. Novak aussi."}},
		{"english abbreviations", "en", "Mr. Smith met Gen. Ford and Sen. Dole in St. Louis. Mrs. Smith stayed.",
			[]string{"Mr. Smith met Gen. Ford and Sen. Dole in St. Louis.", "Mrs. Smith stayed."}},
		{"acronym", "en", "The U.S. and the U.N. agreed. Talks follow.",
			[]string{"The U.S. and the U.N. agreed.", "Talks follow."}},
		{"initials", "en", "Ivan I. Melnikov met George W. Bush. Dimitri G. Novikov did not.",
			[]string{"Ivan I. Melnikov met George W. Bush.", "Dimitri G. Novikov did not."}},
		{"numbers", "en", "Growth was 1.5 percent in 2021. It cost 10,000 dollars.",
			[]string{"Growth was 1.5 percent in 2021.", "It cost 10,000 dollars."}},
		{"ellipsis and lower case", "fr", "Il a dit… que non. Puis… Rien.",
			[]string{"Il a dit… que non.", "Puis…", "Rien."}},
		{"three dots", "fr", "Et puis... Rien.", []string{"Et puis...", "Rien."}},
		{"closing guillemet", "fr", "« Nous viendrons. » Le ministre l'a dit.",
			[]string{"« Nous viendrons. »", "Le ministre l'a dit."}},
		{"closing straight quote", "en", `"We will come." The minister said so.`,
			[]string{`"We will come."`, "The minister said so."}},
		{"closing bracket", "fr", "Il est parti (vers Moscou.) Puis rien.",
			[]string{"Il est parti (vers Moscou.)", "Puis rien."}},
		{"quoted question mid sentence", "fr", "« Pourquoi ? » a-t-elle demandé.",
			[]string{"« Pourquoi ? » a-t-elle demandé."}},
		{"etc may end", "fr", "Des fruits, des légumes, etc. Le reste suit.",
			[]string{"Des fruits, des légumes, etc.", "Le reste suit."}},
		{"etc inside", "fr", "Des fruits, etc. et des légumes.",
			[]string{"Des fruits, etc. et des légumes."}},
		{"p. ex.", "fr", "Des pays, p. ex. Cuba, ont voté.",
			[]string{"Des pays, p. ex. Cuba, ont voté."}},
		{"spanish", "es", "La Sra. Pérez llegó ayer. ¿Qué dijo? ¡Nada!",
			[]string{"La Sra. Pérez llegó ayer.", "¿Qué dijo?", "¡Nada!"}},
		{"headline paragraph", "es", "INDIGENAS RADICALIZAN PARALIZACION\n\nLos indígenas bloquearon la ruta.",
			[]string{"INDIGENAS RADICALIZAN PARALIZACION", "Los indígenas bloquearon la ruta."}},
		{"paragraph break ends sentence", "fr", "Un texte sans point\n\nEt un autre",
			[]string{"Un texte sans point", "Et un autre"}},
		{"unknown word with dot ends", "fr", "Il parle au CNS. Le conseil écoute.",
			[]string{"Il parle au CNS.", "Le conseil écoute."}},
		{"detects language", "", "Mr. Smith met the minister. He left.",
			[]string{"Mr. Smith met the minister.", "He left."}},
		{"empty", "fr", "  \n\n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := seg.Normalize(tt.raw)
			var got []string
			for _, s := range seg.Split(n, tt.lang) {
				got = append(got, s.Text)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences of %q\n got %q\nwant %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	seg := newSeg(t)
	tests := []struct {
		name, lang, raw, want string
	}{
		{"compounds", "fr", "le vice-ministre, la porte-parole, les États-Unis, Diaz-Canel",
			"le|vice-ministre|,|la|porte-parole|,|les|États-Unis|,|Diaz-Canel"},
		{"compounds 2", "fr", "socio-économiques pro-palestiniens Covid-19",
			"socio-économiques|pro-palestiniens|Covid-19"},
		{"inverted clitics", "fr", "a-t-elle dit-il peut-on souligne-t-il a-t-il ont-ils estime-t-elle",
			"a|elle|dit|il|peut|on|souligne|il|a|il|ont|ils|estime|elle"},
		{"capitalised inverted clitic", "fr", "Pourquoi, demande-t-Il", "Pourquoi|,|demande|Il"},
		{"elisions", "fr", "l'agenda d'amitié qu'en s'est n'a jusqu'à lorsqu'il",
			"l'|agenda|d'|amitié|qu'|en|s'|est|n'|a|jusqu'|à|lorsqu'|il"},
		{"curly apostrophe", "fr", "l’agenda", "l'|agenda"},
		{"whole words", "fr", "aujourd'hui les prud'hommes, qu'aujourd'hui, rendez-vous",
			"aujourd'hui|les|prud'hommes|,|qu'|aujourd'hui|,|rendez-vous"},
		{"no elision in english", "en", "O'Brien l'agenda", "O'Brien|l'agenda"},
		{"english clitics", "en", "Russia's envoy don't they're", "Russia|'s|envoy|do|n't|they|'re"},
		{"english acronyms", "en", "the U.S. and U.N. forces", "the|U.S.|and|U.N.|forces"},
		{"spanish acronym", "es", "EE.UU. y Rusia", "EE.UU.|y|Rusia"},
		{"abbreviation keeps its dot", "fr", "M. Riabkov", "M.|Riabkov"},
		{"numbers", "fr", "le 19 novembre 2021, 1.5 et 10,000 ou 60e, 1er", "le|19|novembre|2021|,|1.5|et|10,000|ou|60e|,|1er"},
		{"number then dot", "fr", "en 2021.", "en|2021|."},
		{"punctuation", "fr", "« oui » (non) ; : – — - ! ?", "«|oui|»|(|non|)|;|:|–|—|-|!|?"},
		{"hyphen as dash", "fr", "Cuba - Russie", "Cuba|-|Russie"},
		{"trailing apostrophe", "fr", "existantes', a", "existantes|'|,|a"},
		{"percent", "en", "5% more", "5|%|more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := seg.Normalize(tt.raw)
			var parts []string
			for _, s := range seg.Split(n, tt.lang) {
				parts = append(parts, tokens(s))
			}
			if got := strings.Join(parts, "|"); got != tt.want {
				t.Errorf("tokens of %q\n got %s\nwant %s", tt.raw, got, tt.want)
			}
		})
	}
}

func TestTokenFields(t *testing.T) {
	seg := newSeg(t)
	raw := "Le\u00a0vice-ministre Œuvre d’États-Unis a-t-elle 60e «\u00a0Straße »"
	n := seg.Normalize(raw)
	ss := seg.Split(n, "fr")
	if len(ss) != 1 {
		t.Fatalf("got %d sentences", len(ss))
	}
	type want struct {
		text, norm, raw string
		kind            event.TokenKind
		cap             bool
	}
	wants := []want{
		{"Le", "le", "Le", event.Word, true},
		{"vice-ministre", "vice-ministre", "vice-ministre", event.Word, false},
		{"Œuvre", "oeuvre", "Œuvre", event.Word, true},
		{"d'", "d'", "d’", event.Word, false},
		{"États-Unis", "etats-unis", "États-Unis", event.Word, true},
		{"a", "a", "a", event.Word, false},
		{"elle", "elle", "elle", event.Word, false},
		{"60e", "60e", "60e", event.Number, false},
		{"«", "«", "«", event.Punct, false},
		{"Straße", "strasse", "Straße", event.Word, true},
		{"»", "»", "»", event.Punct, false},
	}
	toks := ss[0].Tokens
	if len(toks) != len(wants) {
		t.Fatalf("got tokens %s", tokens(ss[0]))
	}
	for i, w := range wants {
		tk := toks[i]
		got := want{tk.Text, tk.Norm, raw[tk.Span.Start():tk.Span.End()], tk.Kind, tk.Cap}
		if got != w {
			t.Errorf("token %d = %+v, want %+v", i, got, w)
		}
	}
	if got := raw[ss[0].Span.Start():ss[0].Span.End()]; got != raw {
		t.Errorf("sentence raw = %q", got)
	}
}

func TestSentenceFields(t *testing.T) {
	seg := newSeg(t)
	raw := " Moscou, 19 novembre (RHC) Le vice-\nministre est arrivé. Il a parlé\nde Cuba.\n\n\n« Une citation », a-t-elle dit.\n"
	n := seg.Normalize(raw)
	ss := seg.Split(n, "fr")
	want := []struct {
		text, raw string
		para      int
	}{
		{"Moscou, 19 novembre (RHC) Le vice-ministre est arrivé.", "Moscou, 19 novembre (RHC) Le vice-\nministre est arrivé.", 0},
		{"Il a parlé de Cuba.", "Il a parlé\nde Cuba.", 0},
		{"« Une citation », a-t-elle dit.", "« Une citation », a-t-elle dit.", 1},
	}
	if len(ss) != len(want) {
		t.Fatalf("got %d sentences: %+v", len(ss), ss)
	}
	for i, w := range want {
		s := ss[i]
		if s.Index != i || s.Text != w.text || s.Paragraph != w.para || raw[s.Span.Start():s.Span.End()] != w.raw {
			t.Errorf("sentence %d = {%d %q %d %q}, want %+v", i, s.Index, s.Text, s.Paragraph, raw[s.Span.Start():s.Span.End()], w)
		}
	}
}

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"États-Unis", "etats-unis"},
		{"Borísov", "borisov"},
		{"œuvre", "oeuvre"},
		{"Cæsar", "caesar"},
		{"Straße", "strasse"},
		{"l’île", "l'ile"},
		{"PARALIZACIÓN", "paralizacion"},
		{"niño", "nino"},
		{"plain", "plain"},
	} {
		if got := segment.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNilData(t *testing.T) {
	seg := segment.New(nil)
	ss := seg.Split(textnorm.Normalize("M. Dupont l'a dit. Fin."), "fr")
	// Without data "M." is an initial (no break), "l'a" stays whole.
	if len(ss) != 2 || tokens(ss[0]) != "M.|Dupont|l'a|dit|." {
		t.Errorf("got %d sentences, first %q", len(ss), tokens(ss[0]))
	}
}

// checkSpans checks the invariants of Split's output against raw.
func checkSpans(t testing.TB, raw string, ss []event.Sentence) {
	prevEnd, prevPara := 0, 0
	for i, s := range ss {
		if s.Index != i || s.Paragraph < prevPara {
			t.Fatalf("sentence %d: index %d paragraph %d after %d", i, s.Index, s.Paragraph, prevPara)
		}
		prevPara = s.Paragraph
		if s.Span.Start() < prevEnd || s.Span.Start() > s.Span.End() || s.Span.End() > len(raw) {
			t.Fatalf("sentence %d span %v after %d (raw %d)", i, s.Span, prevEnd, len(raw))
		}
		prevEnd = s.Span.End()
		if len(s.Tokens) == 0 || s.Text == "" {
			t.Fatalf("sentence %d is empty", i)
		}
		te := s.Span.Start()
		for k, tk := range s.Tokens {
			if !s.Span.Contains(tk.Span) || tk.Span.Start() < te || tk.Text == "" {
				t.Fatalf("sentence %d token %d %q span %v outside %v or before %d", i, k, tk.Text, tk.Span, s.Span, te)
			}
			te = tk.Span.End()
		}
	}
}

func TestSpansOnLongText(t *testing.T) {
	seg := newSeg(t)
	checkSpans(t, benchText, seg.Split(seg.Normalize(benchText), ""))
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "M. Dupont l’a dit. Fin.", "a-t-elle", "U.S. e.g. EE.UU.", "1.5 60e 10,000",
		"« Oui. » Non.\n\nTitre\nTexte suivant ici.", "l'", "-t-il", "'s", "Ǆ. İ'x", "…...?!"} {
		f.Add(s, "fr")
		f.Add(s, "en")
	}
	seg := newSeg(f)
	f.Fuzz(func(t *testing.T, raw, lang string) {
		checkSpans(t, raw, seg.Split(seg.Normalize(raw), lang))
	})
}

func BenchmarkSplit(b *testing.B) {
	seg := newSeg(b)
	n := seg.Normalize(benchText)
	b.SetBytes(int64(len(benchText)))
	b.ResetTimer()
	for b.Loop() {
		seg.Split(n, "fr")
	}
}

func BenchmarkNormalizeSplit(b *testing.B) {
	seg := newSeg(b)
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		seg.Split(seg.Normalize(benchText), "fr")
	}
}

// TestPathological runs long repetitive inputs that made tokenisation
// quadratic before its bounds; they must stay fast and well-formed.
func TestPathological(t *testing.T) {
	seg := newSeg(t)
	for _, p := range []string{"l'", "'s", "a.b", "U.S.", "a-t-", "\u0301", "A\n", "x-\n", "« "} {
		raw := strings.Repeat(p, 30000/len(p))
		for _, lang := range []string{"fr", "en"} {
			checkSpans(t, raw, seg.Split(seg.Normalize(raw), lang))
		}
	}
}
