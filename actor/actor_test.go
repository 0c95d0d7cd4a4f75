package actor

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"dyad/event"
)

// tokens splits a test sentence as the segmenter does, closely enough for
// these fixtures: words (with inner hyphens), elisions split after the
// apostrophe, punctuation on its own.
func tokens(s string) []event.Token {
	var out []event.Token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '-' || r2 == '.' && j-i == 1 {
					j += n2
					continue
				}
				if r2 == '\'' {
					j += n2
					break
				}
				break
			}
			out = append(out, tok(s, i, j))
			i = j
		default:
			out = append(out, tok(s, i, i+n))
			out[len(out)-1].Kind = event.Punct
			i += n
		}
	}
	return out
}

func tok(s string, i, j int) event.Token {
	t := s[i:j]
	r, _ := utf8.DecodeRuneInString(t)
	return event.Token{Span: event.Span{i, j}, Text: t, Norm: Fold(t), Cap: unicode.IsUpper(r)}
}

func testTok(phrase, lang string) []string {
	var out []string
	for _, t := range tokens(phrase) {
		out = append(out, t.Norm)
	}
	return out
}

const src = "# source: test fixture\n"

func testKB(t *testing.T) *KB {
	t.Helper()
	fsys := fstest.MapFS{
		"actors/countries.tsv": {Data: []byte(src +
			"RUS\tname\tfr\tRussie\nRUS\tadj\tfr\trusse|russes\nRUS\tcapital\t*\tMoscou\nRUS\tepithet\tfr\tpays eurasiatique\n" +
			"CUB\tname\tfr\tCuba\nCUB\tadj\tfr\tcubain|cubaine\nCUB\tepithet\tfr\tnation caribéenne\n" +
			"USA\tname\tfr\tÉtats-Unis\nUSA\tseat\t*\tMaison Blanche\n")},
		"actors/orgs.tsv": {Data: []byte(src + "UN\tname\tfr\tNations unies\nUN\tacronym\t*\tONU\n")},
		"actors/roles.tsv": {Data: []byte(src +
			"GOV\tfr\tperson\tvice-ministre|ministre|porte-parole|directeur\nGOV\tfr\tperson.f\treprésentante\n" +
			"GOV\tfr\tbody\tministère|gouvernement\nLEG\tfr\tperson.m\tsénateur\n")},
		"actors/people.tsv": {Data: []byte(src +
			"Sergei Ryabkov\tRUS\tGOV\tm\t2008\t\tSerguei Riabkov\nMaria Zakharova\tRUS\tGOV\tf\t2015\t\t\n" +
			"Old Minister\tRUS\tGOV\tm\t1990\t1995\t\n")},
		"actors/anaphora.tsv": {Data: []byte(src +
			"il\tfr\tpronoun\tm\nelle\tfr\tpronoun\tf\ndeux fonctionnaires\tfr\tpair\tpl\nhaut dirigeant\tfr\tdescription\t\n")},
		"actors/modifiers.tsv": {Data: []byte(src + "fr\tAffaires étrangères\n")},
		"actors/grammar.tsv": {Data: []byte(src +
			"fr\tdet\tle|la|les|l'|du|des\nfr\tgen\tde|du|des|d'\nfr\tcoord\tet\nfr\ttitle\tM.\n")},
	}
	kb, err := Load(fsys, testTok)
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

type wantGroup struct {
	text, code, name string
}

func groupsOf(d *Doc, idx int, text string) []*Group {
	s := &event.Sentence{Index: idx, Text: text, Tokens: tokens(text)}
	return d.Groups(s)
}

func describe(toks []event.Token, gs []*Group) []wantGroup {
	var out []wantGroup
	for _, g := range gs {
		w := wantGroup{text: event.TokensText(toks[g.Start:g.End])}
		if es := g.Entities(); len(es) == 1 {
			a := ActorOf(es[0])
			w.code, w.name = a.Code, a.Name
		} else if len(es) > 1 {
			var cs []string
			for _, e := range es {
				cs = append(cs, ActorOf(e).Code)
			}
			w.code = strings.Join(cs, "+")
		}
		out = append(out, w)
	}
	return out
}

func TestResolveDocument(t *testing.T) {
	kb := testKB(t)
	sents := []string{
		"Le vice-ministre russe des Affaires étrangères, Serguei Riabkov et le directeur du ministère des Affaires étrangères de Cuba, Emilio Losada, ont plaidé pour la coopération.",
		"Les deux fonctionnaires ont passé en revue les liens.",
		"Riabkov et Lozada ont confirmé.",
		"La porte-parole du ministère russe, Maria Zakharova, a parlé de la nation caribéenne.",
		"La représentante du ministère russe a signalé.",
		"Le gouvernement cubain a répondu.",
	}
	want := [][]wantGroup{
		{{"Le vice-ministre russe des Affaires étrangères, Serguei Riabkov", "RUSGOV", "Sergei Ryabkov"},
			{"le directeur du ministère des Affaires étrangères de Cuba, Emilio Losada", "CUBGOV", "Emilio Losada"}},
		{{"Les deux fonctionnaires", "RUSGOV+CUBGOV", ""}},
		{{"Riabkov", "RUSGOV", "Sergei Ryabkov"}, {"Lozada", "CUBGOV", "Emilio Losada"}},
		{{"La porte-parole du ministère russe, Maria Zakharova", "RUSGOV", "Maria Zakharova"}, {"la nation caribéenne", "CUB", ""}},
		{{"La représentante du ministère russe", "RUSGOV", "Maria Zakharova"}},
		{{"Le gouvernement cubain", "CUBGOV", ""}},
	}
	d := kb.NewDoc("fr", event.Date{Year: 2021, Month: 11, Day: 19})
	var all []event.Sentence
	for i, s := range sents {
		all = append(all, event.Sentence{Index: i, Text: s, Tokens: tokens(s)})
	}
	d.Prescan(all)
	for i := range all {
		gs := d.Groups(&all[i])
		if i == 0 {
			// the coordinated subject is the pair "les deux ..." refers to
			var es []*Entity
			for _, g := range gs {
				es = append(es, g.Entities()...)
			}
			d.NoteSubjects(es)
		}
		if i == 3 {
			d.NoteSubjects(gs[0].Entities())
		}
		got := describe(all[i].Tokens, gs)
		if len(got) != len(want[i]) {
			t.Errorf("sentence %d: got %d groups %v, want %v", i, len(got), got, want[i])
			continue
		}
		for j := range got {
			if got[j] != want[i][j] {
				t.Errorf("sentence %d group %d: got %+v, want %+v", i, j, got[j], want[i][j])
			}
		}
		if i == 0 && (gs[0].Coord < 0 || gs[0].Coord != gs[1].Coord) {
			t.Errorf("sentence 0: the two officials are not coordinated: %d %d", gs[0].Coord, gs[1].Coord)
		}
	}
}

func TestEpithetNeedsContext(t *testing.T) {
	kb := testKB(t)
	text := "Le ministre a salué la nation caribéenne."
	d := kb.NewDoc("fr", event.Date{})
	s := event.Sentence{Text: text, Tokens: tokens(text)}
	d.Prescan([]event.Sentence{s})
	for _, g := range d.Groups(&s) {
		if g.Kind == KEpithet {
			t.Errorf("epithet resolved with no Cuba in the document: %+v", g)
		}
	}
}

func TestOfficeAt(t *testing.T) {
	kb := testKB(t)
	for _, tc := range []struct {
		date  event.Date
		roles int
	}{{event.Date{Year: 1993}, 1}, {event.Date{Year: 2001, Month: 5}, 0}, {event.Date{}, 1}} {
		var p *Person
		for _, q := range kb.People() {
			if q.Name == "Old Minister" {
				p = q
			}
		}
		o, ok := p.OfficeAt(tc.date)
		if !ok || o.Country != "RUS" || len(o.Roles) != tc.roles {
			t.Errorf("OfficeAt(%v) = %+v, %v; want RUS with %d roles", tc.date, o, ok, tc.roles)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	base := func() fstest.MapFS {
		m := fstest.MapFS{}
		for _, f := range []string{"countries", "orgs", "roles", "people", "anaphora", "modifiers", "grammar"} {
			m["actors/"+f+".tsv"] = &fstest.MapFile{Data: []byte(src)}
		}
		return m
	}
	for _, tc := range []struct {
		file, data, want string
	}{
		{"actors/countries.tsv", src + "RU\tname\tfr\tRussie\n", "actors/countries.tsv:2: country code \"RU\""},
		{"actors/countries.tsv", src + "RUS\tnom\tfr\tRussie\n", "actors/countries.tsv:2: unknown kind \"nom\""},
		{"actors/roles.tsv", src + "XYZ\tfr\tperson\tministre\n", "actors/roles.tsv:2: unknown role \"XYZ\""},
		{"actors/people.tsv", src + "A B\tRUS\tGOV\tm\t20x1\t\t\n", "actors/people.tsv:2: from: bad date"},
		{"actors/anaphora.tsv", src + "il\tfr\tpronom\tm\n", "actors/anaphora.tsv:2: unknown anaphor kind"},
		{"actors/orgs.tsv", "UN\tname\tfr\tONU\n", "actors/orgs.tsv: missing \"# source:\""},
	} {
		m := base()
		m[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
		_, err := Load(m, testTok)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want it to contain %q", tc.file, err, tc.want)
		}
	}
}
