package timex

import (
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"dyad/event"
)

// tokenize is a small stand-in for the segmenter: it splits on spaces, cuts
// punctuation off words and French elisions ("l'an" -> "l'" "an").
func tokenize(s string) []event.Token {
	var toks []event.Token
	add := func(start, end int, kind event.TokenKind) {
		text := s[start:end]
		r, _ := utf8.DecodeRuneInString(text)
		toks = append(toks, event.Token{Span: event.Span{start, end}, Text: text, Norm: Fold(text), Kind: kind, Cap: unicode.IsUpper(r)})
	}
	i := 0
	for i < len(s) {
		if s[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		// word s[i:j]: leading and trailing punctuation
		for i < j && strings.ContainsRune(`(",;:.`, rune(s[i])) {
			add(i, i+1, event.Punct)
			i++
		}
		k := j
		for k > i && strings.ContainsRune(`)",;:.`, rune(s[k-1])) {
			k--
		}
		w := s[i:k]
		if a := strings.IndexByte(w, '\''); a > 0 && a <= 3 && a < len(w)-1 && !strings.HasPrefix(strings.ToLower(w), "aujourd") {
			add(i, i+a+1, event.Word)
			i += a + 1
		}
		if i < k {
			kind := event.Word
			if strings.Trim(s[i:k], "0123456789") == "" {
				kind = event.Number
			}
			add(i, k, kind)
		}
		for p := k; p < j; p++ {
			add(p, p+1, event.Punct)
		}
		i = j
	}
	return toks
}

func newResolver(t testing.TB) *Resolver {
	t.Helper()
	r, err := New(os.DirFS("../data"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func date(y, m, d int) event.Date { return event.Date{Year: y, Month: m, Day: d} }

func TestFind(t *testing.T) {
	r := newResolver(t)
	nov19 := date(2021, 11, 19) // a Friday
	tests := []struct {
		lang, text string
		ref        event.Date
		want       []string // "text=date/basis"
	}{
		// French explicit
		{"fr", "Le 15 novembre dernier, Maria Zakharova a exprimé le rejet", nov19, []string{"15 novembre dernier=2021-11-15/explicit"}},
		{"fr", "Il est arrivé le 13 octobre à Moscou.", nov19, []string{"13 octobre=2021-10-13/explicit"}},
		{"fr", "le 13 décembre, il avait parlé", nov19, []string{"13 décembre=2020-12-13/explicit"}},
		{"fr", "le 13 octobre 2019 à Paris", nov19, []string{"13 octobre 2019=2019-10-13/explicit"}},
		{"fr", "le 28 décembre dernier", date(2022, 1, 5), []string{"28 décembre dernier=2021-12-28/explicit"}},
		{"fr", "le 1er janvier", date(2022, 1, 5), []string{"1er janvier=2022-01-01/explicit"}},
		{"fr", "le 29 février dernier", date(2021, 3, 1), []string{"29 février dernier=2020-02-29/explicit"}},
		{"fr", "le 29 février", date(2024, 3, 1), []string{"29 février=2024-02-29/explicit"}},
		{"fr", "le 13 octobre", date(0, 11, 19), []string{"13 octobre=XXXX-10-13/explicit"}},
		{"fr", "le 19 nov. à Moscou", nov19, []string{"19 nov.=2021-11-19/explicit"}},
		{"fr", "le 3 janv. 2020", nov19, []string{"3 janv. 2020=2020-01-03/explicit"}},
		{"fr", "le 13 décembre prochain", nov19, []string{"13 décembre prochain=2021-12-13/explicit"}},
		{"fr", "le 31 novembre", nov19, nil},
		{"fr", "mardi 16 novembre, ils se sont réunis", nov19, []string{"mardi 16 novembre=2021-11-16/explicit"}},
		{"fr", "en mars, les prix ont monté", nov19, []string{"en mars=2021-03/explicit"}},
		{"fr", "en décembre, les prix ont monté", nov19, []string{"en décembre=2020-12/explicit"}},
		{"fr", "en mars 2020", nov19, []string{"en mars 2020=2020-03/explicit"}},
		{"fr", "en 2018, la Russie", nov19, []string{"en 2018=2018/explicit"}},
		{"fr", "en octobre 2019 et en 2020", nov19, []string{"en octobre 2019=2019-10/explicit", "en 2020=2020/explicit"}},
		// French relative
		{"fr", "Lors de la rencontre, tenue la veille à Moscou", nov19, []string{"la veille=2021-11-18/relative"}},
		{"fr", "hier, le ministre a déclaré", date(2021, 3, 1), []string{"hier=2021-02-28/relative"}},
		{"fr", "hier, le ministre a déclaré", date(2020, 3, 1), []string{"hier=2020-02-29/relative"}},
		{"fr", "hier soir, le ministre a déclaré", date(2022, 1, 1), []string{"hier soir=2021-12-31/relative"}},
		{"fr", "avant-hier il a plu", nov19, []string{"avant-hier=2021-11-17/relative"}},
		{"fr", "aujourd'hui il pleut", nov19, []string{"aujourd'hui=2021-11-19/relative"}},
		{"fr", "il partira demain", date(2021, 12, 31), []string{"demain=2022-01-01/relative"}},
		{"fr", "la semaine dernière, il a visité", nov19, []string{"la semaine dernière=2021-11-12/relative"}},
		{"fr", "ce matin le président a parlé", nov19, []string{"ce matin=2021-11-19/relative"}},
		{"fr", "plus tôt dans la matinée, le président", nov19, []string{"plus tôt dans la matinée=2021-11-19/relative"}},
		{"fr", "mardi, le ministre a reçu", nov19, []string{"mardi=2021-11-16/relative"}},
		{"fr", "ce jeudi, le ministre a reçu", nov19, []string{"ce jeudi=2021-11-18/relative"}},
		{"fr", "vendredi, le ministre a reçu", nov19, []string{"vendredi=2021-11-19/relative"}},
		{"fr", "vendredi dernier, le ministre a reçu", nov19, []string{"vendredi dernier=2021-11-12/relative"}},
		{"fr", "mardi soir, le ministre a reçu", nov19, []string{"mardi soir=2021-11-16/relative"}},
		{"fr", "mardi prochain, le ministre recevra", nov19, []string{"mardi prochain=2021-11-23/relative"}},
		{"fr", "vendredi prochain", nov19, []string{"vendredi prochain=2021-11-26/relative"}},
		{"fr", "mardi, le ministre a reçu", date(2021, 11, 0), nil},
		{"fr", "la veille du sommet, il a parlé", nov19, nil},
		{"fr", "ce jour-là, il a parlé", nov19, nil},
		// French non-dates
		{"fr", "Le ministre russe a déclaré qu'il viendrait mais sans date", nov19, nil},
		{"fr", "la mission vers mars a échoué", nov19, nil},
		{"fr", "sept personnes ont été tuées le 3", nov19, nil},
		{"fr", "2000 personnes ont manifesté", nov19, nil},
		// English
		{"en", "The president said on Monday, Nov 15, that", nov19, []string{"on Monday, Nov 15=2021-11-15/explicit"}},
		{"en", "talks held on Oct. 13 in Geneva", nov19, []string{"on Oct. 13=2021-10-13/explicit"}},
		{"en", "signed October 13, 2021, in Geneva", date(2022, 2, 1), []string{"October 13, 2021=2021-10-13/explicit"}},
		{"en", "the 13th of October", nov19, []string{"13th of October=2021-10-13/explicit"}},
		{"en", "on Dec 28 the talks", date(2022, 1, 5), []string{"on Dec 28=2021-12-28/explicit"}},
		{"en", "in March the prices rose", nov19, []string{"in March=2021-03/explicit"}},
		{"en", "in May 2020 the prices rose", nov19, []string{"in May 2020=2020-05/explicit"}},
		{"en", "they may meet again", nov19, nil},
		{"en", "they may 5 times", nov19, nil},
		{"en", "they march 5 miles", nov19, nil},
		{"en", "on May 5 they met", nov19, []string{"on May 5=2021-05-05/explicit"}},
		{"en", "on 5 March they met", nov19, []string{"on 5 March=2021-03-05/explicit"}},
		{"en", "the protesters march on the capital", nov19, nil},
		{"en", "yesterday the minister said", nov19, []string{"yesterday=2021-11-18/relative"}},
		{"en", "the day before, he met", nov19, []string{"the day before=2021-11-18/relative"}},
		{"en", "the day before the summit, he met", nov19, nil},
		{"en", "the day before yesterday he met", nov19, []string{"the day before yesterday=2021-11-17/relative"}},
		{"en", "today he met", nov19, []string{"today=2021-11-19/relative"}},
		{"en", "he will travel tomorrow", nov19, []string{"tomorrow=2021-11-20/relative"}},
		{"en", "on Tuesday he met", nov19, []string{"on Tuesday=2021-11-16/relative"}},
		{"en", "last Tuesday he met", nov19, []string{"last Tuesday=2021-11-16/relative"}},
		{"en", "last Friday he met", nov19, []string{"last Friday=2021-11-12/relative"}},
		{"en", "next Tuesday he will meet", nov19, []string{"next Tuesday=2021-11-23/relative"}},
		{"en", "Tuesday night he met", nov19, []string{"Tuesday night=2021-11-16/relative"}},
		{"en", "last week he met", nov19, []string{"last week=2021-11-12/relative"}},
		{"en", "this morning he met", nov19, []string{"this morning=2021-11-19/relative"}},
		{"en", "in 2018 he met", nov19, []string{"in 2018=2018/explicit"}},
		// Spanish
		{"es", "el 13 de octubre se reunió", nov19, []string{"el 13 de octubre=2021-10-13/explicit"}},
		{"es", "el pasado 13 de octubre se reunió", nov19, []string{"el pasado 13 de octubre=2021-10-13/explicit"}},
		{"es", "el 13 de octubre de 2020 se reunió", nov19, []string{"el 13 de octubre de 2020=2020-10-13/explicit"}},
		{"es", "el 28 de diciembre pasado", date(2022, 1, 5), []string{"el 28 de diciembre pasado=2021-12-28/explicit"}},
		{"es", "en marzo subieron los precios", nov19, []string{"en marzo=2021-03/explicit"}},
		{"es", "en octubre de 2019", nov19, []string{"en octubre de 2019=2019-10/explicit"}},
		{"es", "ayer el canciller dijo", nov19, []string{"ayer=2021-11-18/relative"}},
		{"es", "anteayer el canciller dijo", nov19, []string{"anteayer=2021-11-17/relative"}},
		{"es", "la víspera el canciller dijo", nov19, []string{"la víspera=2021-11-18/relative"}},
		{"es", "hoy el canciller dijo", nov19, []string{"hoy=2021-11-19/relative"}},
		{"es", "el canciller viajará mañana a Caracas", nov19, []string{"mañana=2021-11-20/relative"}},
		{"es", "esta mañana el canciller dijo", nov19, []string{"esta mañana=2021-11-19/relative"}},
		{"es", "por la mañana el canciller dijo", nov19, nil},
		{"es", "a las diez de la mañana", nov19, nil},
		{"es", "pasado mañana viajará", nov19, []string{"pasado mañana=2021-11-21/relative"}},
		{"es", "el martes el canciller dijo", nov19, []string{"el martes=2021-11-16/relative"}},
		{"es", "el martes pasado el canciller dijo", nov19, []string{"el martes pasado=2021-11-16/relative"}},
		{"es", "el próximo martes viajará", nov19, []string{"el próximo martes=2021-11-23/relative"}},
		{"es", "el martes por la noche", nov19, []string{"el martes por la noche=2021-11-16/relative"}},
		{"es", "la semana pasada el canciller dijo", nov19, []string{"la semana pasada=2021-11-12/relative"}},
		// unknown language: every vocabulary
		{"", "le 15 novembre dernier", nov19, []string{"15 novembre dernier=2021-11-15/explicit"}},
		// relative words without a full ref
		{"fr", "hier il a plu", date(0, 11, 19), []string{"hier=XXXX-11-18/relative"}},
		{"fr", "hier il a plu", date(0, 3, 1), nil},
		{"fr", "hier il a plu", date(2021, 0, 0), nil},
	}
	for _, tc := range tests {
		t.Run(tc.lang+"/"+tc.text, func(t *testing.T) {
			got := r.Find(tokenize(tc.text), tc.lang, tc.ref)
			var gs []string
			for _, x := range got {
				gs = append(gs, x.Text+"="+x.Date.String()+"/"+x.Basis)
				if x.Rule == "" && x.Date.Month > 0 {
					t.Errorf("%v: no rule", x)
				}
			}
			if strings.Join(gs, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("ref %v\n got  %q\n want %q", tc.ref, gs, tc.want)
			}
		})
	}
}

func TestFindTokenIndices(t *testing.T) {
	r := newResolver(t)
	toks := tokenize("Lors de la rencontre, tenue la veille à Moscou")
	got := r.Find(toks, "fr", date(2021, 11, 19))
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	if got[0].Start != 6 || got[0].End != 8 || toks[got[0].Start].Text != "la" {
		t.Errorf("got [%d,%d), want [6,8)", got[0].Start, got[0].End)
	}
}

// A segmenter may keep the abbreviation's full stop or the elided article in
// one token; matching must not depend on it.
func TestFindTokenisationAgnostic(t *testing.T) {
	r := newResolver(t)
	tok := func(text string, start int, kind event.TokenKind) event.Token {
		return event.Token{Span: event.Span{start, start + len(text)}, Text: text, Norm: Fold(text), Kind: kind}
	}
	tests := []struct {
		name string
		toks []event.Token
		want string
	}{
		{"nov. one token", []event.Token{tok("19", 0, event.Number), tok("nov.", 3, event.Word)}, "2021-11-19"},
		{"aujourd ' hui", []event.Token{tok("aujourd", 0, event.Word), tok("'", 7, event.Punct), tok("hui", 8, event.Word)}, "2021-11-19"},
		{"avant - hier", []event.Token{tok("avant", 0, event.Word), tok("-", 5, event.Punct), tok("hier", 6, event.Word)}, "2021-11-17"},
		{"1 er", []event.Token{tok("1", 0, event.Number), tok("er", 1, event.Word), tok("novembre", 4, event.Word)}, "2021-11-01"},
	}
	for _, tc := range tests {
		got := r.Find(tc.toks, "fr", date(2021, 11, 19))
		if len(got) != 1 || got[0].Date.String() != tc.want {
			t.Errorf("%s: got %v, want one %s", tc.name, got, tc.want)
		}
	}
}

func TestFindWithoutSpans(t *testing.T) {
	r := newResolver(t)
	var toks []event.Token
	for _, w := range strings.Fields("le 15 novembre dernier") {
		toks = append(toks, event.Token{Text: w, Norm: Fold(w)})
	}
	got := r.Find(toks, "fr", date(2021, 11, 19))
	if len(got) != 1 || got[0].Text != "15 novembre dernier" || got[0].Date.String() != "2021-11-15" {
		t.Errorf("got %v", got)
	}
}

func TestYears(t *testing.T) {
	r := newResolver(t)
	tests := []struct {
		text string
		want []int
	}{
		{"le 13 octobre 2019 à Paris", []int{2019}},
		{"en 2018, la Russie", []int{2018}},
		{"signed October 13, 2021, in Geneva", []int{2021}},
		{"el 13 de octubre de 2020 se reunió", []int{2020}},
		{"2000 personnes ont manifesté", nil},
		{"il a reçu 1999 dollars", nil},
		{"depuis 2014.", []int{2014}},
		{"en l'an 2000 et en 1850 et en 2200", []int{2000}},
		{"in 2019 and in 2021", []int{2019, 2021}},
	}
	for _, tc := range tests {
		got := r.Years(tokenize(tc.text))
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
			}
		}
	}
}

func FuzzFind(f *testing.F) {
	r := newResolver(f)
	for _, s := range []string{"le 15 novembre dernier", "el pasado 13 de octubre de 2020", "Oct. 13, 2021", "mardi soir", "la veille de", "1er 99 2100 ,", "."} {
		f.Add(s, 2021, 11, 19)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d int) {
		toks := tokenize(s)
		for _, lang := range []string{"fr", "en", "es", ""} {
			prev := 0
			for _, x := range r.Find(toks, lang, event.Date{Year: y, Month: m, Day: d}) {
				if x.Start < prev || x.End <= x.Start || x.End > len(toks) {
					t.Fatalf("bad range %v", x)
				}
				prev = x.End
			}
		}
		r.Years(toks)
	})
}

func BenchmarkFind(b *testing.B) {
	r := newResolver(b)
	toks := tokenize("Le 15 novembre dernier, dans des déclarations à la presse, la porte-parole a exprimé hier soir le rejet de son pays, comme mardi et en mars 2020.")
	ref := date(2021, 11, 19)
	b.ReportAllocs()
	for b.Loop() {
		if len(r.Find(toks, "fr", ref)) != 4 {
			b.Fatal("want 4 expressions")
		}
	}
}
