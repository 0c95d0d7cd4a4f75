package actor

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"dyad/dict"
	"dyad/event"
)

// Kind is what a dictionary phrase names.
type Kind uint8

// Phrase kinds.
const (
	KCountry  Kind = iota + 1 // a country's name
	KAdj                      // a country adjective or demonym
	KCapital                  // a capital: a place, and the government as metonym
	KSeat                     // a seat of power: the government (or army) as metonym
	KEpithet                  // a periphrasis for a country, resolved by context
	KOrg                      // an organisation's name or acronym
	KOrgan                    // an organ, agency or staff of an organisation
	KRole                     // a role noun
	KPerson                   // a known person
	KAnaphor                  // a pronoun or periphrasis resolved in the document
	KModifier                 // words allowed inside an actor's noun group
	KFixed                    // a fixed phrase that names no actor ("grève générale", "in general")
)

func (k Kind) String() string {
	return [...]string{"", "country", "adjective", "capital", "seat", "epithet", "org", "organ", "role", "person", "anaphor", "modifier", "fixed"}[k]
}

// Number and gender of a role noun or anaphor.
const (
	GenderAny = ""
	Male      = "m"
	Female    = "f"
)

// Entry is one phrase of a dictionary, compiled.
type Entry struct {
	Kind    Kind
	Lang    string // "" = any language
	Country string // ISO3
	Org     string
	Role    string // CAMEO role
	Type    string // role type: person, person.m, person.f, persons, body, group; anaphor kind
	Gender  string
	Plural  bool
	Person  *Person
	Exact   bool   // match the surface text case-sensitively (acronyms)
	Rule    string // file:line
	Words   []string
	Surface string // the phrase as written
	// Accent: the phrase folds to a grammar word of its language ("él"
	// and the article "el"): it matches only with its accents.
	Accent bool
	// Contextual: an organ spelt like a place ("Bruxelles" for the EU):
	// it names the organisation only in a document that names it.
	Contextual bool
}

// Office is one period of a person's office.
type Office struct {
	Country string
	Org     string
	Roles   []string
	From    event.Date
	To      event.Date // zero: still in office
}

// Person is a known person.
type Person struct {
	Name     string
	Gender   string
	Offices  []Office
	Surnames []string // folded last words of the name and its variants
	Rule     string
	firsts   []string // transliteration keys of the first words of the name and its variants
}

// OfficeAt returns the office held on date d (the latest when d is unknown
// or outside every office: a person keeps the affiliation of the nearest
// office, and loses the role only when d is known to be after it ended).
func (p *Person) OfficeAt(d event.Date) (Office, bool) {
	if len(p.Offices) == 0 {
		return Office{}, false
	}
	if d.Year == 0 {
		return p.Offices[len(p.Offices)-1], true
	}
	// Several offices at once (a head of state who leads the party): the
	// executive one first, else the one taken last.
	var cur Office
	found := false
	for _, o := range p.Offices {
		if !o.From.IsZero() && before(d, o.From) {
			continue
		}
		if !o.To.IsZero() && before(o.To, d) {
			continue
		}
		if !found || hasRole(o.Roles, "GOV") || !hasRole(cur.Roles, "GOV") {
			cur, found = o, true
		}
	}
	if found {
		return cur, true
	}
	// Out of office: keep the country of the nearest office, without roles.
	best := p.Offices[0]
	for _, o := range p.Offices {
		if !before(d, o.From) {
			best = o
		}
	}
	return Office{Country: best.Country, Org: best.Org}, true
}

// InOffice reports whether the person holds an office with a role on date
// d (any office when d is unknown).
func (p *Person) InOffice(d event.Date) bool {
	o, ok := p.OfficeAt(d)
	return ok && len(o.Roles) > 0
}

func hasRole(rs []string, r string) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// before reports whether a is strictly before b, comparing what both know.
func before(a, b event.Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month == 0 || b.Month == 0 || a.Month == b.Month {
		if a.Month == b.Month && a.Day != 0 && b.Day != 0 {
			return a.Day < b.Day
		}
		return false
	}
	return a.Month < b.Month
}

// Tokenizer splits a dictionary phrase into folded tokens exactly as the
// segmenter does for running text.
type Tokenizer func(phrase, lang string) []string

// KB is the compiled actor knowledge base: immutable, safe for concurrent
// use.
type KB struct {
	index    map[string][]*Entry         // first folded word -> entries, longest first
	exact    map[string][]*Entry         // first surface word -> case-sensitive entries
	keys     map[string][]*Entry         // first transliteration key -> person entries
	grammar  map[string]map[gramKey]bool // lang -> class -> folded word
	surnames map[string][]*Person
	surKeys  map[string][]*Person // transliteration key of a surname -> people
	people   []*Person
	maxWords int
	tok      Tokenizer
	entries  int // phrases compiled, for Stats
}

var countryKinds = map[string]Kind{"name": KCountry, "adj": KAdj, "capital": KCapital, "seat": KSeat, "epithet": KEpithet}
var orgKinds = map[string]Kind{"name": KOrg, "acronym": KOrg, "organ": KOrgan}

var roleTypes = map[string]bool{"person": true, "person.m": true, "person.f": true, "persons": true, "body": true, "group": true}

// validRoles are the CAMEO role codes a dictionary may use.
var validRoles = wordSet("GOV LEG MIL COP JUD SPY OPP REB RAD CVL MED BUS EDU HLH NGO LAB REF REL CRM UAF PTY IGO INS AGR ELI MOD PPL SEP IMG")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isAcronym reports whether a phrase is written in capitals, short: such
// phrases only match capitals in the text.
func isAcronym(s string) bool {
	return len(s) <= 6 && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

func validLang(l string) bool { return l == "fr" || l == "en" || l == "es" || l == "*" }

func isISO3(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// Load reads and compiles the actor dictionaries from an FS rooted at data/.
func Load(fsys fs.FS, tok Tokenizer) (*KB, error) {
	kb := &KB{index: map[string][]*Entry{}, exact: map[string][]*Entry{}, keys: map[string][]*Entry{},
		surnames: map[string][]*Person{}, surKeys: map[string][]*Person{}, grammar: map[string]map[gramKey]bool{}, tok: tok}
	var errs []error
	load := func(name string, min, max int, f func(l dict.Line) error) {
		lines, err := dict.ReadTSV(fsys, name, min, max)
		if err != nil {
			errs = append(errs, err)
		}
		for _, l := range lines {
			if err := f(l); err != nil {
				errs = append(errs, err)
			}
		}
	}
	add := func(l dict.Line, lang string, phrases []string, proto Entry) {
		langs := []string{lang}
		if lang == "*" {
			langs = []string{"fr", "en", "es"}
		}
		seen := map[string]bool{}
		for _, ph := range phrases {
			for _, lg := range langs {
				words := tok(ph, lg)
				if len(words) == 0 {
					continue
				}
				key := strings.Join(words, " ")
				if seen[key] {
					continue
				}
				seen[key] = true
				e := proto
				e.Words = words
				e.Surface = ph
				if isAcronym(ph) && e.Kind != KRole {
					e.Exact = true // "EAU" is a country, "eau" water
				}
				e.Rule = l.Rule()
				if lang != "*" {
					e.Lang = lang
				}
				kb.insert(&e)
			}
		}
	}
	load("actors/countries.tsv", 4, 5, func(l dict.Line) error {
		code, kind, lang := l.Fields[0], l.Fields[1], l.Fields[2]
		k, ok := countryKinds[kind]
		switch {
		case !isISO3(code):
			return dict.Errorf(l, "country code %q is not ISO 3166-1 alpha-3", code)
		case !ok:
			return dict.Errorf(l, "unknown kind %q (want name, adj, capital, seat or epithet)", kind)
		case !validLang(lang):
			return dict.Errorf(l, "unknown language %q", lang)
		}
		e := Entry{Kind: k, Country: code}
		if k == KSeat {
			e.Role = "GOV"
		}
		if len(l.Fields) == 5 && l.Fields[4] != "" {
			if !validRoles[l.Fields[4]] {
				return dict.Errorf(l, "unknown role %q", l.Fields[4])
			}
			e.Role = l.Fields[4]
		}
		add(l, lang, dict.SplitAlts(l.Fields[3]), e)
		return nil
	})
	load("actors/orgs.tsv", 4, 4, func(l dict.Line) error {
		id, kind, lang := l.Fields[0], l.Fields[1], l.Fields[2]
		k, ok := orgKinds[kind]
		if !ok {
			return dict.Errorf(l, "unknown kind %q (want name, acronym or organ)", kind)
		}
		if !validLang(lang) {
			return dict.Errorf(l, "unknown language %q", lang)
		}
		add(l, lang, dict.SplitAlts(l.Fields[3]), Entry{Kind: k, Org: id, Exact: kind == "acronym"})
		return nil
	})
	load("actors/roles.tsv", 4, 4, func(l dict.Line) error {
		role, lang, typ := l.Fields[0], l.Fields[1], l.Fields[2]
		if !validRoles[role] {
			return dict.Errorf(l, "unknown role %q", role)
		}
		if !roleTypes[typ] {
			return dict.Errorf(l, "unknown type %q (want person, person.m, person.f, persons, body or group)", typ)
		}
		if !validLang(lang) {
			return dict.Errorf(l, "unknown language %q", lang)
		}
		e := Entry{Kind: KRole, Role: role, Type: typ, Plural: typ == "persons" || typ == "group"}
		switch typ {
		case "person.m":
			e.Gender = Male
		case "person.f":
			e.Gender = Female
		}
		add(l, lang, dict.SplitAlts(l.Fields[3]), e)
		return nil
	})
	load("actors/people.tsv", 6, 7, func(l dict.Line) error {
		return kb.addPerson(l, tok)
	})
	load("actors/anaphora.tsv", 3, 4, func(l dict.Line) error {
		phrase, lang, kind := l.Fields[0], l.Fields[1], l.Fields[2]
		if !anaphorKinds[kind] {
			return dict.Errorf(l, "unknown anaphor kind %q", kind)
		}
		if !validLang(lang) {
			return dict.Errorf(l, "unknown language %q", lang)
		}
		e := Entry{Kind: KAnaphor, Type: kind}
		if len(l.Fields) == 4 {
			for _, f := range strings.Split(l.Fields[3], ",") {
				switch f = strings.TrimSpace(f); {
				case f == "m" || f == "f":
					e.Gender = f
				case f == "pl":
					e.Plural = true
				case validRoles[f]:
					e.Role = f
				case f == "":
				default:
					return dict.Errorf(l, "unknown feature %q (want m, f, pl or a role)", f)
				}
			}
		}
		add(l, lang, dict.SplitAlts(phrase), e)
		return nil
	})
	load("actors/modifiers.tsv", 2, 2, func(l dict.Line) error {
		if !validLang(l.Fields[0]) {
			return dict.Errorf(l, "unknown language %q", l.Fields[0])
		}
		add(l, l.Fields[0], dict.SplitAlts(l.Fields[1]), Entry{Kind: KModifier})
		return nil
	})
	load("actors/grammar.tsv", 3, 3, func(l dict.Line) error {
		lang, class := l.Fields[0], l.Fields[1]
		if !validLang(lang) {
			return dict.Errorf(l, "unknown language %q", lang)
		}
		if !grammarClasses[class] {
			return dict.Errorf(l, "unknown word class %q", class)
		}
		langs := []string{lang}
		if lang == "*" {
			langs = []string{"fr", "en", "es"}
		}
		if class == "fixed" {
			// Phrases, not words: matched like dictionary phrases and
			// skipped ("general strike" is no general).
			add(l, lang, dict.SplitAlts(l.Fields[2]), Entry{Kind: KFixed})
			return nil
		}
		for _, lg := range langs {
			if kb.grammar[lg] == nil {
				kb.grammar[lg] = map[gramKey]bool{}
			}
			for _, w := range dict.SplitAlts(l.Fields[2]) {
				kb.grammar[lg][gramKey{class, Fold(w)}] = true
			}
		}
		return nil
	})
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for k, es := range kb.keys {
		sortEntries(es)
		kb.keys[k] = es
	}
	for k, es := range kb.index {
		sortEntries(es)
		kb.index[k] = es
		for _, e := range es {
			if len(e.Words) == 1 && strings.ToLower(e.Surface) != e.Words[0] && kb.isGrammarWord(e.Lang, e.Words[0]) {
				e.Accent = true
			}
			if e.Kind == KOrgan {
				for _, o := range es {
					if (o.Kind == KCapital || o.Kind == KCountry) && sameWords(o.Words, e.Words) {
						e.Contextual = true
					}
				}
			}
		}
	}
	for k, es := range kb.exact {
		sortEntries(es)
		kb.exact[k] = es
	}
	return kb, nil
}

// grammarClasses are the word classes of grammar.tsv.
var grammarClasses = wordSet("det gen coord title common prep quant adjrole loc fixed")

// isGrammarWord reports whether w is a determiner, preposition, conjunction
// or title in lang (any language when lang is "").
func (kb *KB) isGrammarWord(lang, w string) bool {
	langs := []string{lang}
	if lang == "" {
		langs = []string{"fr", "en", "es"}
	}
	for _, l := range langs {
		for c := range grammarClasses {
			if kb.Is(l, c, w) {
				return true
			}
		}
	}
	return false
}

// Is reports whether the folded word w belongs to the grammar class in lang.
func (kb *KB) Is(lang, class, w string) bool { return kb.grammar[lang][gramKey{class, w}] }

// gramKey is a word of a grammar class (a struct key: no string built per
// lookup).
type gramKey struct{ class, word string }

// anaphorKinds are the kinds of anaphora.tsv.
var anaphorKinds = map[string]bool{
	"pronoun":     true, // il, elle, he, she, él, ella; ils, they (pl)
	"pair":        true, // les deux fonctionnaires: the two actors of the last pair
	"description": true, // le haut dirigeant: the most salient compatible person
	"counterpart": true, // son homologue: an actor of another country, same role
	"possessive":  true, // son pays: the country of the clause's subject
	"self":        true, // nos deux pays: the publisher's side; skipped
}

func sortEntries(es []*Entry) {
	sort.SliceStable(es, func(i, j int) bool { return len(es[i].Words) > len(es[j].Words) })
}

func (kb *KB) insert(e *Entry) {
	kb.entries++
	if len(e.Words) > kb.maxWords {
		kb.maxWords = len(e.Words)
	}
	if e.Exact {
		first := strings.Fields(e.Surface)
		if len(first) == 0 {
			return
		}
		// Exact entries are keyed by their surface words.
		e.Words = strings.Fields(e.Surface)
		kb.exact[e.Words[0]] = append(kb.exact[e.Words[0]], e)
		return
	}
	kb.index[e.Words[0]] = append(kb.index[e.Words[0]], e)
}

func parseDate(s string) (event.Date, error) {
	if s == "" {
		return event.Date{}, nil
	}
	var d event.Date
	parts := strings.Split(s, "-")
	vals := []*int{&d.Year, &d.Month, &d.Day}
	if len(parts) > 3 {
		return d, fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
	}
	for i, p := range parts {
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return d, fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
			}
			n = n*10 + int(c-'0')
		}
		*vals[i] = n
	}
	return d, nil
}

func (kb *KB) addPerson(l dict.Line, tok Tokenizer) error {
	name, where, roles, gender := l.Fields[0], l.Fields[1], l.Fields[2], l.Fields[3]
	var o Office
	switch {
	case strings.HasPrefix(where, "IGO:"):
		o.Org = strings.TrimPrefix(where, "IGO:")
	case isISO3(where):
		o.Country = where
	default:
		return dict.Errorf(l, "country %q is neither ISO3 nor IGO:ID", where)
	}
	for _, r := range strings.Split(roles, ",") {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if !validRoles[r] {
			return dict.Errorf(l, "unknown role %q", r)
		}
		o.Roles = append(o.Roles, r)
	}
	if gender != "m" && gender != "f" && gender != "" {
		return dict.Errorf(l, "gender %q: want m or f", gender)
	}
	var err error
	if o.From, err = parseDate(l.Fields[4]); err != nil {
		return dict.Errorf(l, "from: %v", err)
	}
	if o.To, err = parseDate(l.Fields[5]); err != nil {
		return dict.Errorf(l, "to: %v", err)
	}
	var p *Person
	for _, q := range kb.people {
		if q.Name == name {
			p = q
		}
	}
	if p == nil {
		p = &Person{Name: name, Gender: gender, Rule: l.Rule()}
		kb.people = append(kb.people, p)
	}
	p.Offices = append(p.Offices, o)
	sort.SliceStable(p.Offices, func(i, j int) bool { return before(p.Offices[i].From, p.Offices[j].From) })
	variants := []string{name}
	if len(l.Fields) == 7 {
		variants = append(variants, dict.SplitAlts(l.Fields[6])...)
	}
	// Hyphenated given names are also written apart: Kim Jong-un, Kim
	// Jong Un.
	// Their surnames stay those of the written forms.
	written := len(variants)
	for _, v := range variants {
		if strings.Contains(v, "-") {
			variants = append(variants, strings.ReplaceAll(v, "-", " "))
		}
	}
	for vi, v := range variants {
		words := tok(v, "")
		if len(words) == 0 {
			continue
		}
		sur := words[len(words)-1]
		if vi >= written {
			sur = p.Surnames[0]
		}
		if len(words) > 1 {
			if k := Key(strings.TrimSuffix(words[0], ".")); !contains(p.firsts, k) {
				p.firsts = append(p.firsts, k)
			}
		}
		if !contains(p.Surnames, sur) {
			p.Surnames = append(p.Surnames, sur)
			kb.surnames[sur] = append(kb.surnames[sur], p)
			if k := Key(sur); !containsPerson(kb.surKeys[k], p) {
				kb.surKeys[k] = append(kb.surKeys[k], p)
			}
		}
		e := &Entry{Kind: KPerson, Person: p, Words: words, Surface: v, Rule: l.Rule(), Gender: gender}
		kb.insert(e)
		keys := make([]string, len(words))
		for i, w := range words {
			keys[i] = Key(w)
		}
		ke := *e
		ke.Words = keys
		kb.keys[keys[0]] = append(kb.keys[keys[0]], &ke)
	}
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func containsPerson(ps []*Person, p *Person) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// PeopleBySurnameKey returns the known people one of whose surnames has the
// transliteration key k (Key of a folded word).
func (kb *KB) PeopleBySurnameKey(k string) []*Person { return kb.surKeys[k] }

// PeopleBySurname returns the known people with that folded surname.
func (kb *KB) PeopleBySurname(sur string) []*Person { return kb.surnames[sur] }

// People returns all known people.
func (kb *KB) People() []*Person { return kb.people }

// Match returns the entries whose phrase starts at tokens[i], longest first,
// for language lang.
func (kb *KB) Match(tokens []event.Token, i int, lang string) []*Entry {
	var out []*Entry
	for _, e := range kb.exact[tokens[i].Text] {
		if (e.Lang == "" || e.Lang == lang) && matchWords(tokens, i, e.Words, true) {
			out = append(out, e)
		}
	}
	for _, e := range kb.index[tokens[i].Norm] {
		if e.Accent && strings.ToLower(tokens[i].Text) != strings.ToLower(e.Surface) {
			continue
		}
		if (e.Lang == "" || e.Lang == lang) && matchWords(tokens, i, e.Words, false) {
			out = append(out, e)
		}
	}
	sortEntries(out)
	return out
}

// eachMatch calls f for every entry whose phrase starts at tokens[i], in no
// particular order, without allocating.
func (kb *KB) eachMatch(tokens []event.Token, i int, lang string, f func(*Entry)) {
	for _, e := range kb.exact[tokens[i].Text] {
		if (e.Lang == "" || e.Lang == lang) && matchWords(tokens, i, e.Words, true) {
			f(e)
		}
	}
	for _, e := range kb.index[tokens[i].Norm] {
		if e.Accent && strings.ToLower(tokens[i].Text) != strings.ToLower(e.Surface) {
			continue
		}
		if (e.Lang == "" || e.Lang == lang) && matchWords(tokens, i, e.Words, false) {
			f(e)
		}
	}
}

// MatchKeys returns known people whose name's transliteration keys start at
// keys[i] (keys are the sentence's tokens' keys, "" for non-name tokens).
func (kb *KB) MatchKeys(keys []string, i int) []*Entry {
	var out []*Entry
	for _, e := range kb.keys[keys[i]] {
		if i+len(e.Words) > len(keys) {
			continue
		}
		ok := true
		for j, w := range e.Words {
			if keys[i+j] != w {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

func matchWords(tokens []event.Token, i int, words []string, exact bool) bool {
	if i+len(words) > len(tokens) {
		return false
	}
	for j, w := range words {
		t := tokens[i+j]
		if exact {
			if t.Text != w {
				return false
			}
		} else if t.Norm != w {
			return false
		}
	}
	return true
}
