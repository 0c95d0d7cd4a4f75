package actor

import (
	"sort"
	"strings"
)

// Lookup returns what the knowledge base knows of a name or phrase: every
// entry whose whole phrase is the name (countries by name, adjective,
// capital, seat or epithet; organisations and organs; role nouns; anaphora),
// in any language, folding case and accents; and every known person whose
// full name, a variant or the surname is the name, directly or through
// transliteration keys (Riabkov finds Sergei Ryabkov). A person is listed
// once, with all offices. The entries are copies: the KB stays immutable.
func (kb *KB) Lookup(name string) []Entry {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil
	}
	var out []Entry
	seen := map[*Entry]bool{}
	people := map[*Person]bool{}
	addPerson := func(p *Person, e *Entry) {
		if people[p] {
			return
		}
		people[p] = true
		if e == nil {
			e = &Entry{Kind: KPerson, Person: p, Gender: p.Gender, Rule: p.Rule, Surface: p.Name}
		}
		out = append(out, *e)
	}
	add := func(e *Entry) {
		if seen[e] {
			return
		}
		seen[e] = true
		if e.Kind == KPerson {
			addPerson(e.Person, e)
			return
		}
		out = append(out, *e)
	}
	for _, lg := range []string{"fr", "en", "es"} {
		words := kb.tok(name, lg)
		if len(words) == 0 {
			continue
		}
		for _, e := range kb.index[words[0]] {
			if (e.Lang == "" || e.Lang == lg) && sameWords(e.Words, words) {
				add(e)
			}
		}
		keys := make([]string, len(words))
		for i, w := range words {
			keys[i] = Key(w)
		}
		for _, e := range kb.keys[keys[0]] {
			if sameWords(e.Words, keys) {
				add(e)
			}
		}
		// A surname alone, or a title and a surname ("M. Lavrov").
		sur := words[len(words)-1]
		if len(words) == 1 || len(words) == 2 && kb.Is(lg, "title", words[0]) {
			for _, p := range kb.surnames[sur] {
				addPerson(p, nil)
			}
			k := Key(sur)
			for _, p := range kb.people {
				for _, s := range p.Surnames {
					if Key(s) == k {
						addPerson(p, nil)
					}
				}
			}
		}
	}
	// Acronyms match their capitals only: look the name up as written and
	// in capitals ("onu" finds ONU).
	for _, form := range []string{name, strings.ToUpper(name)} {
		ws := strings.Fields(form)
		for _, e := range kb.exact[ws[0]] {
			if sameWords(e.Words, ws) {
				add(e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

func sameWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Stats counts what the knowledge base holds.
type Stats struct {
	Phrases   int            // compiled phrases (one per language for "*" lines)
	People    int            // known people
	Offices   int            // office periods of known people
	Countries int            // countries with at least one phrase
	Orgs      int            // organisations with at least one phrase
	ByKind    map[string]int // phrases per kind
	ByLang    map[string]int // phrases per language ("*" for any)
}

// Stats counts the knowledge base's phrases per kind and language.
func (kb *KB) Stats() Stats {
	st := Stats{Phrases: kb.entries, People: len(kb.people), ByKind: map[string]int{}, ByLang: map[string]int{}}
	countries, orgs := map[string]bool{}, map[string]bool{}
	count := func(es []*Entry) {
		for _, e := range es {
			st.ByKind[e.Kind.String()]++
			l := e.Lang
			if l == "" {
				l = "*"
			}
			st.ByLang[l]++
			if e.Country != "" {
				countries[e.Country] = true
			}
			if e.Org != "" {
				orgs[e.Org] = true
			}
		}
	}
	for _, es := range kb.index {
		count(es)
	}
	for _, es := range kb.exact {
		count(es)
	}
	for _, p := range kb.people {
		st.Offices += len(p.Offices)
	}
	st.Countries, st.Orgs = len(countries), len(orgs)
	return st
}
