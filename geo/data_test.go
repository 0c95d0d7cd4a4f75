package geo_test

// Checks of the embedded actor and place dictionaries (data/actors/*.tsv,
// data/geo/places.tsv): columns, kinds, codes, duplicates and coverage.

import (
	"strings"
	"testing"
	"time"

	"dyad/data"
	"dyad/dict"
	"dyad/geo"
)

// roleCodes are the CAMEO role codes the dictionaries may use (the set the
// actor package accepts).
var roleCodes = map[string]bool{
	"GOV": true, "LEG": true, "MIL": true, "COP": true, "JUD": true, "SPY": true,
	"OPP": true, "REB": true, "RAD": true, "CVL": true, "MED": true, "BUS": true,
	"EDU": true, "HLH": true, "NGO": true, "LAB": true, "REF": true, "REL": true,
	"CRM": true, "UAF": true, "PTY": true, "IGO": true, "INS": true, "AGR": true,
	"ELI": true, "MOD": true, "PPL": true, "SEP": true, "IMG": true,
}

var langs = map[string]bool{"fr": true, "en": true, "es": true}

// lowerArticles are leading articles a phrase must not carry (a capitalised
// article, as in "La Paz" or "The Hague", is part of the name).
var lowerArticles = []string{"le ", "la ", "les ", "l'", "l’", "the ", "el ", "los ", "las ", "un ", "une "}

func readLines(t *testing.T, name string, minF, maxF int) []dict.Line {
	t.Helper()
	lines, err := dict.ReadTSV(data.FS, name, minF, maxF)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 {
		t.Fatalf("%s: no entries", name)
	}
	return lines
}

// checkPhrases reports empty alternatives, lower-case leading articles and
// phrases seen before (after folding) under the same key.
func checkPhrases(t *testing.T, l dict.Line, key, field string, seen map[string]bool) []string {
	t.Helper()
	if strings.Contains("|"+field+"|", "||") || strings.HasPrefix(field, "|") || strings.HasSuffix(field, "|") {
		t.Errorf("%s: empty alternative in %q", l.Rule(), field)
	}
	alts := dict.SplitAlts(field)
	if len(alts) == 0 {
		t.Errorf("%s: no phrases", l.Rule())
	}
	for _, a := range alts {
		for _, art := range lowerArticles {
			if strings.HasPrefix(a, art) {
				t.Errorf("%s: phrase %q starts with an article", l.Rule(), a)
			}
		}
		k := key + "\x00" + geo.Fold(a)
		if seen[k] {
			t.Errorf("%s: duplicate phrase %q for %s", l.Rule(), a, strings.ReplaceAll(key, "\x00", " "))
		}
		seen[k] = true
	}
	return alts
}

// countryCodes returns the codes defined by "name" lines of countries.tsv.
func countryCodes(t *testing.T) map[string]bool {
	t.Helper()
	codes := map[string]bool{}
	for _, l := range readLines(t, "actors/countries.tsv", 4, 5) {
		if l.Fields[1] == "name" {
			codes[l.Fields[0]] = true
		}
	}
	return codes
}

func TestCountriesData(t *testing.T) {
	lines := readLines(t, "actors/countries.tsv", 4, 5)
	codes := countryCodes(t)
	if len(codes) < 240 {
		t.Fatalf("only %d countries have names", len(codes))
	}
	seen := map[string]bool{}
	has := map[string]map[string]bool{} // kind+lang -> codes
	phrases := map[string]string{}      // code kind lang phrase, for spot checks
	for _, l := range lines {
		code, kind, lang := l.Fields[0], l.Fields[1], l.Fields[2]
		if len(code) != 3 || strings.ToUpper(code) != code {
			t.Errorf("%s: bad code %q", l.Rule(), code)
		}
		if !codes[code] {
			t.Errorf("%s: code %q has no name line", l.Rule(), code)
		}
		switch kind {
		case "name", "adj", "epithet":
			if !langs[lang] {
				t.Errorf("%s: kind %s needs lang fr, en or es, got %q", l.Rule(), kind, lang)
			}
		case "capital", "seat":
			if lang != "*" {
				t.Errorf("%s: kind %s takes lang *, got %q", l.Rule(), kind, lang)
			}
		default:
			t.Errorf("%s: unknown kind %q", l.Rule(), kind)
		}
		if len(l.Fields) == 5 && (kind != "seat" || !roleCodes[l.Fields[4]]) {
			t.Errorf("%s: role column %q only allowed on seats, with a known role", l.Rule(), l.Fields[4])
		}
		for _, a := range checkPhrases(t, l, code+"\x00"+kind+"\x00"+lang, l.Fields[3], seen) {
			phrases[code+" "+kind+" "+lang+" "+a] = l.Rule()
		}
		k := kind + " " + lang
		if has[k] == nil {
			has[k] = map[string]bool{}
		}
		has[k][code] = true
	}
	for code := range codes {
		for lang := range langs {
			if !has["name "+lang][code] {
				t.Errorf("%s has no %s name", code, lang)
			}
		}
	}
	for lang := range langs {
		if n := len(has["adj "+lang]); n < 150 {
			t.Errorf("only %d countries have %s adjectives", n, lang)
		}
	}
	if n := len(has["capital *"]); n < 195 {
		t.Errorf("only %d countries have capitals", n)
	}
	for _, want := range []string{
		"RUS name fr Russie", "RUS name fr Fédération de Russie", "USA name en USA",
		"USA name es EE.UU.", "GBR name fr Grande-Bretagne", "CUB adj fr cubaines",
		"USA adj fr états-uniennes", "USA adj en US", "RUS adj es rusas",
		"USA adj es norteamericanas", "RUS capital * Moscou", "CUB capital * La Havane",
		"RUS seat * Kremlin", "USA seat * Maison Blanche", "RUS epithet fr pays eurasiatique",
		"CUB epithet fr nation caribéenne", "ISR epithet fr État hébreu",
	} {
		if phrases[want] == "" {
			t.Errorf("countries.tsv lacks %q", want)
		}
	}
}

// TestCapitalsInGazetteer checks that the first spelling of every capital
// resolves in the embedded gazetteer to the capital's country.
func TestCapitalsInGazetteer(t *testing.T) {
	g, err := geo.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range readLines(t, "actors/countries.tsv", 4, 5) {
		if l.Fields[1] != "capital" {
			continue
		}
		for _, name := range dict.SplitAlts(l.Fields[3])[:1] {
			p, ok := g.Lookup(name)
			if !ok || p.Country != l.Fields[0] {
				t.Errorf("%s: capital %q -> %+v (found %v), want %s", l.Rule(), name, p, ok, l.Fields[0])
			}
		}
	}
}

func TestEmbeddedGazetteer(t *testing.T) {
	g, err := geo.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	codes := countryCodes(t)
	if g.Len() < 400 {
		t.Errorf("gazetteer has %d places, want at least 400", g.Len())
	}
	for _, l := range readLines(t, geo.File, 4, 5) {
		if !codes[l.Fields[1]] {
			t.Errorf("%s: unknown country %q", l.Rule(), l.Fields[1])
		}
	}
	tests := []struct{ in, name, country string }{
		{"moscou", "Moscow", "RUS"},
		{"La Havane", "Havana", "CUB"},
		{"la habana", "Havana", "CUB"},
		{"Washington", "Washington", "USA"},
		{"Genève", "Geneva", "CHE"},
		{"Santiago de Cuba", "Santiago de Cuba", "CUB"},
		{"Kharkov", "Kharkiv", "UKR"},
		{"Alep", "Aleppo", "SYR"},
		{"Tombouctou", "Timbuktu", "MLI"},
		{"Nueva York", "New York", "USA"},
	}
	for _, tt := range tests {
		p, ok := g.Lookup(tt.in)
		if !ok || p.Name != tt.name || p.Country != tt.country {
			t.Errorf("Lookup(%q) = %+v, %v; want %s %s", tt.in, p, ok, tt.name, tt.country)
		}
	}
	if g.MaxWords() < 3 {
		t.Errorf("MaxWords = %d, want at least 3", g.MaxWords())
	}
}

var roleTypes = map[string]bool{
	"person.m": true, "person.f": true, "person": true, "persons": true, "body": true, "group": true,
}

func TestRolesData(t *testing.T) {
	lines := readLines(t, "actors/roles.tsv", 4, 4)
	seen := map[string]bool{}
	total := 0
	byRole := map[string]map[string]bool{} // role -> langs
	owner := map[string]string{}           // lang+folded phrase -> role
	for _, l := range lines {
		role, lang, typ := l.Fields[0], l.Fields[1], l.Fields[2]
		if !roleCodes[role] {
			t.Errorf("%s: unknown role %q", l.Rule(), role)
		}
		if !langs[lang] {
			t.Errorf("%s: unknown lang %q", l.Rule(), lang)
		}
		if !roleTypes[typ] {
			t.Errorf("%s: unknown type %q", l.Rule(), typ)
		}
		alts := checkPhrases(t, l, role+"\x00"+lang+"\x00"+typ, l.Fields[3], seen)
		total += len(alts)
		for _, a := range alts {
			k := lang + " " + geo.Fold(a)
			if r, ok := owner[k]; ok && r != role {
				t.Errorf("%s: %s phrase %q is both %s and %s", l.Rule(), lang, a, r, role)
			}
			owner[k] = role
		}
		if byRole[role] == nil {
			byRole[role] = map[string]bool{}
		}
		byRole[role][lang] = true
	}
	if total < 400 {
		t.Errorf("roles.tsv has %d phrases, want at least 400", total)
	}
	for _, role := range []string{"GOV", "LEG", "MIL", "COP", "JUD", "SPY", "OPP", "REB", "RAD", "CVL", "MED", "BUS", "EDU", "HLH", "NGO", "LAB", "REF", "REL", "CRM", "UAF", "PTY"} {
		for lang := range langs {
			if !byRole[role][lang] {
				t.Errorf("role %s has no %s words", role, lang)
			}
		}
	}
	for _, want := range []string{
		"fr ministere des affaires etrangeres", "fr porte parole", "fr manifestants",
		"fr forces de l'ordre", "en protesters", "es manifestantes", "fr premier ministre",
		"fr chef de la diplomatie", "en foreign minister", "es canciller",
	} {
		if owner[want] == "" {
			t.Errorf("roles.tsv lacks %q", want)
		}
	}
}

// orgIDs returns the organisation ids defined by orgs.tsv.
func orgIDs(t *testing.T) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, l := range readLines(t, "actors/orgs.tsv", 4, 4) {
		ids[l.Fields[0]] = true
	}
	return ids
}

func TestOrgsData(t *testing.T) {
	lines := readLines(t, "actors/orgs.tsv", 4, 4)
	seen := map[string]bool{}
	names := map[string]map[string]bool{} // id -> langs with a name
	owner := map[string]string{}          // kind+lang+phrase -> id
	for _, l := range lines {
		id, kind, lang := l.Fields[0], l.Fields[1], l.Fields[2]
		if id == "" || strings.ToUpper(id) != id || strings.ContainsAny(id, " \t|") {
			t.Errorf("%s: bad id %q", l.Rule(), id)
		}
		switch kind {
		case "name":
			if !langs[lang] {
				t.Errorf("%s: name needs lang fr, en or es, got %q", l.Rule(), lang)
			}
			if names[id] == nil {
				names[id] = map[string]bool{}
			}
			names[id][lang] = true
		case "acronym":
			if lang != "*" {
				t.Errorf("%s: acronym takes lang *, got %q", l.Rule(), lang)
			}
		case "organ":
			if lang != "*" && !langs[lang] {
				t.Errorf("%s: bad lang %q", l.Rule(), lang)
			}
		default:
			t.Errorf("%s: unknown kind %q", l.Rule(), kind)
		}
		for _, a := range checkPhrases(t, l, id+"\x00"+kind+"\x00"+lang, l.Fields[3], seen) {
			k := a // acronyms are case-sensitive; other phrases fold
			if kind != "acronym" {
				k = geo.Fold(a)
			}
			k = kind + " " + k
			if other, ok := owner[k]; ok && other != id {
				t.Errorf("%s: %q names both %s and %s", l.Rule(), a, other, id)
			}
			owner[k] = id
		}
	}
	if len(names) < 60 {
		t.Errorf("orgs.tsv has %d organisations, want at least 60", len(names))
	}
	for id, ls := range names {
		for lang := range langs {
			if !ls[lang] {
				t.Errorf("%s has no %s name", id, lang)
			}
		}
	}
	for _, id := range []string{"UN", "EU", "NATO", "AU", "OAS", "CELAC", "ALBA", "IGAD", "ECOWAS", "ASEAN", "SCO", "BRICS", "G7", "G20", "OPEC", "WHO", "IAEA", "IMF", "WB", "ICC", "ICJ", "AL", "GCC", "CARICOM", "MERCOSUR", "OSCE", "CIS", "CSTO", "EAEU", "FAO", "WTO"} {
		if names[id] == nil {
			t.Errorf("orgs.tsv lacks %s", id)
		}
	}
	for k, id := range map[string]string{
		"acronym ONU": "UN", "acronym OTAN": "NATO", "organ conseil de securite": "UN",
		"organ commission europeenne": "EU", "organ vingt sept": "EU", "organ unhcr": "UN",
		"name naciones unidas": "UN", "organ cepal": "UN",
	} {
		if owner[k] != id {
			t.Errorf("%q -> %q, want %s", k, owner[k], id)
		}
	}
}

// validDate accepts YYYY and YYYY-MM-DD.
func validDate(s string) bool {
	if len(s) == 4 {
		_, err := time.Parse("2006", s)
		return err == nil
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func TestPeopleData(t *testing.T) {
	lines := readLines(t, "actors/people.tsv", 7, 7)
	codes := countryCodes(t)
	orgs := orgIDs(t)
	periods := map[string]bool{}
	owner := map[string]string{} // folded name or variant -> canonical name
	people := map[string]bool{}
	for _, l := range lines {
		f := l.Fields
		name, country, roles, gender, from, to := f[0], f[1], f[2], f[3], f[4], f[5]
		people[name] = true
		if org, ok := strings.CutPrefix(country, "IGO:"); ok {
			if !orgs[org] {
				t.Errorf("%s: unknown organisation %q", l.Rule(), org)
			}
		} else if !codes[country] {
			t.Errorf("%s: unknown country %q", l.Rule(), country)
		}
		for _, r := range strings.Split(roles, ",") {
			if !roleCodes[r] {
				t.Errorf("%s: unknown role %q", l.Rule(), r)
			}
		}
		if gender != "m" && gender != "f" {
			t.Errorf("%s: gender %q, want m or f", l.Rule(), gender)
		}
		if !validDate(from) {
			t.Errorf("%s: bad from date %q", l.Rule(), from)
		}
		if to != "" && (!validDate(to) || to[:4] < from[:4] || (len(to) == len(from) && to < from)) {
			t.Errorf("%s: bad to date %q (from %q)", l.Rule(), to, from)
		}
		key := name + " " + country + " " + from
		if periods[key] {
			t.Errorf("%s: duplicate period %s", l.Rule(), key)
		}
		periods[key] = true
		for i, v := range append([]string{name}, dict.SplitAlts(f[6])...) {
			k := geo.Fold(v)
			if i > 0 && k == geo.Fold(name) {
				t.Errorf("%s: variant %q only differs from the name by case or accents", l.Rule(), v)
			}
			if other, ok := owner[k]; ok && other != name {
				t.Errorf("%s: %q names both %s and %s", l.Rule(), v, other, name)
			}
			owner[k] = name
		}
	}
	if len(people) < 250 || len(lines) < 300 {
		t.Errorf("people.tsv has %d people on %d lines, want at least 250 and 300", len(people), len(lines))
	}
	for v, want := range map[string]string{
		"serguei lavrov": "Sergei Lavrov", "serguei riabkov": "Sergei Ryabkov",
		"maria zakharova": "Maria Zakharova", "yuri borisov": "Yury Borisov",
		"antonio guterres": "António Guterres", "emilio losada": "Emilio Lozada",
	} {
		if owner[v] != want {
			t.Errorf("%q -> %q, want %q", v, owner[v], want)
		}
	}
}
