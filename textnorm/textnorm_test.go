package textnorm_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"dyad/data"
	"dyad/lang"
	"dyad/textnorm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, raw, want string
	}{
		{"empty", "", ""},
		{"only spaces", " \t\u00a0\n\n ", ""},
		{"trim", "  Bonjour.  ", "Bonjour."},
		{"nfc", "Re\u0301sume\u0301 e\u0300", "Résumé è"},
		{"odd spaces", "a\u00a0b\u202fc\u2009d\u2007e\tf\u3000g", "a b c d e f g"},
		{"space runs", "a  \u00a0 \t b", "a b"},
		{"apostrophes", "l’agenda l‘x lʼy l´z l`w", "l'agenda l'x l'y l'z l'w"},
		{"double quotes", "“a” „b‟", `"a" "b"`},
		{"guillemets kept", "« a » ‹ b ›", "« a » ‹ b ›"},
		{"mismatched quotes", "« Les extrémistes existantes’, a-t-elle", "« Les extrémistes existantes', a-t-elle"},
		{"zero width and soft hyphen", "a\u200bb\u200cc\u200dd\ufeffe\u2060f g\u00adh", "abcdef gh"},
		{"oe kept", "mises en œuvre, Œdipe", "mises en œuvre, Œdipe"},
		{"ligature fi", "\ufb01nance e\ufb03cace", "finance efficace"},
		{"controls dropped", "a\x01b\x7fc", "abc"},
		{"crlf", "Un.\r\n\r\nDeux.", "Un.\n\nDeux."},
		{"cr alone", "Un.\r\rDeux.", "Un.\n\nDeux."},
		{"paragraph separator", "Un.\u2029Deux.", "Un.\n\nDeux."},

		// Line handling.
		{"wrapped line", "le vice-ministre russe des Affaires et le\ndirecteur du ministère a dit.",
			"le vice-ministre russe des Affaires et le directeur du ministère a dit."},
		{"wrapped before upper-case", "les liens entre la Russie et Cuba, entre autres questions de la\nRussie et Cuba.",
			"les liens entre la Russie et Cuba, entre autres questions de la Russie et Cuba."},
		{"blank line is a paragraph", "Première phrase.\n\nDeuxième phrase.", "Première phrase.\n\nDeuxième phrase."},
		{"many blank lines", "Un.\n\n\n\n\nDeux.", "Un.\n\nDeux."},
		{"blank lines inside a sentence", "organisés par les États-Unis contre la nation\n\n\n\ncaribéenne.",
			"organisés par les États-Unis contre la nation caribéenne."},
		{"blank line then upper-case", "sans point\n\nNouveau paragraphe", "sans point\n\nNouveau paragraphe"},
		{"terminal then upper-case", "une phrase qui finit la ligne à la fin.\nUne autre commence ici et continue.",
			"une phrase qui finit la ligne à la fin.\n\nUne autre commence ici et continue."},
		{"closing quote is terminal", "a-t-elle dit en ajoutant ceci »\nEnsuite le ministre a parlé longtemps.",
			"a-t-elle dit en ajoutant ceci »\n\nEnsuite le ministre a parlé longtemps."},
		{"abbreviation at line end", "et il a rencontré longuement ce jour-là M.\nDupont au ministère.",
			"et il a rencontré longuement ce jour-là M. Dupont au ministère."},
		{"title line", "Russie et Cuba\nLe vice-ministre russe des Affaires étrangères a rencontré le directeur.",
			"Russie et Cuba\n\nLe vice-ministre russe des Affaires étrangères a rencontré le directeur."},
		{"short line ending in a function word", "Le vice-ministre russe des Affaires étrangères a rencontré le directeur.\nIl a parlé de\nCuba et des relations entre les deux pays du continent américain.",
			"Le vice-ministre russe des Affaires étrangères a rencontré le directeur.\n\nIl a parlé de Cuba et des relations entre les deux pays du continent américain."},
		{"short line ending in a comma", "Le ministre a rencontré le directeur du ministère des Affaires étrangères.\nMoscou,\nLe 19 novembre les deux pays ont signé un accord de coopération.",
			"Le ministre a rencontré le directeur du ministère des Affaires étrangères.\n\nMoscou, Le 19 novembre les deux pays ont signé un accord de coopération."},
		{"english title", "PROTESTERS BLOCK ROAD\nThousands of people marched on Tuesday in the capital against the government.",
			"PROTESTERS BLOCK ROAD\n\nThousands of people marched on Tuesday in the capital against the government."},
		{"long line before upper-case", "Thousands of people marched on Tuesday in the capital against the\nGovernment of the country and its new president.",
			"Thousands of people marched on Tuesday in the capital against the Government of the country and its new president."},

		// De-hyphenation.
		{"dehyphenate", "de la coopération inter-\nnationale", "de la coopération internationale"},
		{"compound prefix kept", "le vice-\nministre russe", "le vice-ministre russe"},
		{"porte-parole kept", "la porte-\nparole du ministère", "la porte-parole du ministère"},
		{"capitalised left kept", "les États-\nunis et la France", "les États-unis et la France"},
		{"upper-case right kept", "Miguel Diaz-\nCanel a dit", "Miguel Diaz-Canel a dit"},
		{"socio kept", "partenaires socio-\néconomiques", "partenaires socio-économiques"},
		{"dash is no hyphen", "il a dit -\nque non", "il a dit - que non"},
		{"digit before hyphen", "Covid-\n19 et le reste", "Covid- 19 et le reste"},
		{"soft hyphen at line end", "la coopé\u00ad\nration", "la coopération"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := textnorm.Normalize(tt.raw)
			if r.Text != tt.want {
				t.Errorf("Normalize(%q)\n got %q\nwant %q", tt.raw, r.Text, tt.want)
			}
			checkMap(t, tt.raw, r)
		})
	}
}

func TestOptionsWithoutData(t *testing.T) {
	// Without language data, a compound prefix is not known.
	r := textnorm.Options{}.Normalize("le vice-\nministre")
	if r.Text != "le viceministre" {
		t.Errorf("got %q", r.Text)
	}
	d, err := lang.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	r = textnorm.Options{CompoundPrefix: d.CompoundPrefix, FunctionWord: d.FunctionWord}.Normalize("le vice-\nministre")
	if r.Text != "le vice-ministre" {
		t.Errorf("got %q", r.Text)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		raw  string
		want []string
	}{
		{"", nil},
		{"  Un seul.  ", []string{"Un seul."}},
		{"Un.\n\nDeux\nsuite.\n\n\nTrois.", []string{"Un.", "Deux suite.", "Trois."}},
		{"\n\n  Titre\n\nCorps du texte.", []string{"Titre", "Corps du texte."}},
	}
	for _, tt := range tests {
		r := textnorm.Normalize(tt.raw)
		ps := r.Paragraphs()
		var got []string
		for i, p := range ps {
			end := len(r.Text)
			if i+1 < len(ps) {
				end = ps[i+1]
			}
			got = append(got, strings.TrimRight(r.Text[p:end], "\n"))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("paragraphs of %q = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestRawSpan(t *testing.T) {
	raw := " Moscou,\u00a019 novembre (RHC) Le\u00a0vice-\nministre a dit\u202f: «\u00a0l’agenda\u00a0» de la\nRussie. Re\u0301sume\u0301 \ufb01n."
	r := textnorm.Normalize(raw)
	tests := []struct{ norm, raw string }{
		{"Moscou", "Moscou"},
		{"Moscou, 19", "Moscou,\u00a019"},
		{"vice-ministre", "vice-\nministre"},
		{"« l'agenda »", "«\u00a0l’agenda\u00a0»"},
		{"la Russie.", "la\nRussie."},
		{"Résumé", "Re\u0301sume\u0301"},
		{"fin.", "\ufb01n."},
		{"a dit :", "a dit\u202f:"},
	}
	for _, tt := range tests {
		i := strings.Index(r.Text, tt.norm)
		if i < 0 {
			t.Fatalf("%q not in %q", tt.norm, r.Text)
		}
		sp := r.RawSpan(i, i+len(tt.norm))
		if got := raw[sp.Start():sp.End()]; got != tt.raw {
			t.Errorf("RawSpan(%q) = %v = %q, want %q", tt.norm, sp, got, tt.raw)
		}
	}
	// End of text maps to the end of the last character, not past the
	// trailing spaces; empty and reversed ranges are empty.
	r = textnorm.Normalize("  abc  \n\n")
	if got := r.Raw(len(r.Text)); got != 5 {
		t.Errorf("Raw(len) = %d, want 5", got)
	}
	if sp := r.RawSpan(2, 1); sp.Start() != sp.End() || sp.Start() != 4 {
		t.Errorf("RawSpan(2,1) = %v, want [4 4]", sp)
	}
	if sp := r.RawSpan(-5, 100); sp.Start() != 2 || sp.End() != 5 {
		t.Errorf("RawSpan(-5,100) = %v, want [2 5]", sp)
	}
	if got := textnorm.Normalize("").Raw(3); got != 0 {
		t.Errorf("empty Raw(3) = %d", got)
	}
}

// images lists what a raw character may become.
func image(r rune) string {
	switch r {
	case '’', '‘', 'ʼ', '´', '`', '‛', '′':
		return "'"
	case '“', '”', '„', '‟', '″':
		return `"`
	case '\u2010', '\u2011':
		return "-"
	case '\ufb00':
		return "ff"
	case '\ufb01':
		return "fi"
	case '\ufb02':
		return "fl"
	case '\ufb03':
		return "ffi"
	case '\ufb04':
		return "ffl"
	case '\ufb05', '\ufb06':
		return "st"
	case utf8.RuneError:
		return "\ufffd"
	}
	if unicode.IsSpace(r) {
		return " \n"
	}
	return string(r)
}

// checkMap checks the offset map of r against raw: monotonic, in bounds,
// and every character comes from the raw bytes it points to.
func checkMap(t *testing.T, raw string, r textnorm.Result) {
	t.Helper()
	if !utf8.ValidString(r.Text) {
		t.Fatalf("invalid UTF-8 in %q", r.Text)
	}
	prev := 0
	for i := 0; i <= len(r.Text); i++ {
		p := r.Raw(i)
		if p < prev || p < 0 || p > len(raw) {
			t.Fatalf("Raw(%d) = %d after %d (raw len %d)", i, p, prev, len(raw))
		}
		prev = p
	}
	for i, c := range r.Text {
		n := utf8.RuneLen(c)
		sp := r.RawSpan(i, i+n)
		if sp.Start() > sp.End() || sp.End() > len(raw) {
			t.Fatalf("RawSpan(%d,%d) = %v out of bounds", i, i+n, sp)
		}
		src := raw[sp.Start():sp.End()]
		rr, size := utf8.DecodeRuneInString(src)
		if size == len(src) {
			// One raw character.
			if !strings.ContainsRune(image(rr), c) && !(rr == '\u2029' && c == '\n') {
				t.Errorf("byte %d: %q comes from raw %q", i, c, src)
			}
			continue
		}
		// Several raw characters: a composition or a line break
		// ("\r\n") replaced by a space or paragraph break.
		if c != ' ' && c != '\n' && !strings.ContainsRune(norm.NFC.String(src), c) {
			t.Errorf("byte %d: %q comes from raw %q", i, c, src)
		}
	}
	ps := r.Paragraphs()
	for k, p := range ps {
		if p < 0 || p > len(r.Text) || (k > 0 && p <= ps[k-1]) || (k > 0 && r.Text[p-2:p] != "\n\n") {
			t.Errorf("bad paragraph offsets %v in %q", ps, r.Text)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "a\n\nb", "Re\u0301sume\u0301\r\n\r\nx", "inter-\nnational", "vice-\nministre",
		"« l’agenda »\u00a0\u202f", "\ufb01n\u00ad\nx", "\xff\xfe a \u2029 b", "M.\nDupont", "e\u0301\u0301\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		r := textnorm.Normalize(raw)
		if !utf8.ValidString(r.Text) {
			t.Fatalf("invalid UTF-8 output")
		}
		prev := 0
		for i := 0; i <= len(r.Text); i++ {
			p := r.Raw(i)
			if p < prev || p > len(raw) {
				t.Fatalf("Raw(%d) = %d after %d, raw len %d", i, p, prev, len(raw))
			}
			prev = p
		}
		for i := range r.Text {
			sp := r.RawSpan(i, len(r.Text))
			if sp.Start() > sp.End() || sp.End() > len(raw) || sp.Start() < 0 {
				t.Fatalf("RawSpan(%d, len) = %v", i, sp)
			}
		}
		if strings.HasPrefix(r.Text, " ") || strings.HasSuffix(r.Text, " ") || strings.Contains(r.Text, "  ") || strings.Contains(r.Text, "\n\n\n") {
			t.Fatalf("untrimmed output %q", r.Text)
		}
	})
}

// TestCapitalArticleStartsParagraph pins that a line going on with a
// capitalised article after a line with no final punctuation is a new
// paragraph (a standfirst without its full stop), while a line ending in a
// function word or a comma, or a line of full width, is wrapped text.
func TestCapitalArticleStartsParagraph(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ils ont abordé les questions de l'actualité internationale\nLe président du Conseil d'État a reçu jeudi au palais présidentiel le ministre des Affaires étrangères.",
			"Ils ont abordé les questions de l'actualité internationale\n\nLe président du Conseil d'État a reçu jeudi au palais présidentiel le ministre des Affaires étrangères."},
		{"Le ministre a parlé des relations entre la\nRussie et Cuba.", "Le ministre a parlé des relations entre la Russie et Cuba."},
		{"Le ministre des Affaires étrangères a déclaré mercredi, selon un entretien publié par le quotidien\nLe Monde, que la visite aura lieu.",
			"Le ministre des Affaires étrangères a déclaré mercredi, selon un entretien publié par le quotidien Le Monde, que la visite aura lieu."},
	} {
		if got := textnorm.Normalize(tc.in).Text; got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
