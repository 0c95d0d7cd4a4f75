package actor

import (
	"strings"

	"dyad/event"
	"dyad/lang"
)

// Entity is one actor of a document, referred to by one or more mentions.
type Entity struct {
	ID      int
	Name    string // canonical name of a known person, else the name as written
	Person  *Person
	Country string
	Org     string
	Roles   []string
	Gender  string
	Plural  bool
	Keys    []string // transliteration keys of the surname(s) written
	Last    int      // sentence of the last mention
	Generic bool     // a description with no name ("le gouvernement cubain")
	firsts  []string // transliteration keys of the first names written
	heads   []string // the role nouns it was named with ("secretaire general")
}

// Group is one actor noun group in a sentence: a head (role noun, person,
// country, organisation, anaphor...) with what qualifies it.
type Group struct {
	Start, End int // token indices [Start, End)
	Kind       Kind
	Country    string
	Org        string
	Roles      []string
	Name       string
	Person     *Person
	Gender     string
	Plural     bool
	Definite   bool
	Anaphor    string // the anaphor kind, when the head is one
	Entity     *Entity
	Members    []*Entity // what a plural anaphor or a pair stands for
	Coord      int       // groups of one coordination share an id; -1 alone
	Rule       string
	Place      bool // the head can name a place (a country or a capital)
	Body       bool // the head is an institution or a collective, not a person
	Adj        bool // a country adjective with no head ("le blocus étasunien")
	// RoleAttached: a person's group took a role noun in apposition and
	// now takes complements as the role would.
	RoleAttached   bool
	countryFromAdj bool
	headNoun       string // the folded role noun at its head, if any
	HeadStart      int    // token index of the head
}

// ActorOf renders an entity as an event actor.
func ActorOf(e *Entity) event.Actor {
	a := event.Actor{Country: e.Country, Org: e.Org, Roles: e.Roles, Name: e.Name}
	if e.Person == nil && e.Generic {
		a.Name = ""
	}
	if a.Org != "" {
		a.Country = ""
	}
	if a.Roles == nil {
		a.Roles = []string{}
	}
	a.Code = event.ComposeCode(a.Country, a.Org, a.Roles)
	return a
}

// Targets returns the entities the group stands for (one, or the members of
// a plural anaphor).
func (g *Group) Entities() []*Entity {
	if len(g.Members) > 0 {
		return g.Members
	}
	if g.Entity != nil {
		return []*Entity{g.Entity}
	}
	return nil
}

// Actor renders an entity as an event actor, with the group's words; g may
// be nil for an entity no words of the sentence name.
func (g *Group) Actor(e *Entity, toks []event.Token, raw string) event.Actor {
	a := ActorOf(e)
	if g != nil && g.Start < g.End && g.End <= len(toks) {
		sp := event.Span{toks[g.Start].Span[0], toks[g.End-1].Span[1]}
		a.Span = &sp
		if sp[1] <= len(raw) {
			a.Text = raw[sp[0]:sp[1]]
		}
	}
	return a
}

// Doc resolves the actors of one document, sentence after sentence. It
// keeps the document's entities for anaphora and name variants.
type Doc struct {
	kb             *KB
	lang           string
	date           event.Date
	entities       []*Entity
	countries      map[string]bool
	orgs           map[string]bool
	lower          map[string]bool // words the document writes in lower case
	lastPair       []*Entity
	subjects       []*Entity // entities that were subjects, most recent last
	DefaultCountry string    // the dateline's country, used for unqualified roles
	sentence       int
	firstCountry   string // the first country named (Prescan)
}

// NewDoc starts the resolution of one document in language lang, dated date
// (its roles depend on the date).
func (kb *KB) NewDoc(lang string, date event.Date) *Doc {
	return &Doc{kb: kb, lang: lang, date: date, countries: map[string]bool{}, orgs: map[string]bool{}, lower: map[string]bool{}}
}

// Prescan notes which countries the document names anywhere, so that
// epithets ("la nation caribéenne") resolve only to a country in context.
func (d *Doc) Prescan(sents []event.Sentence) {
	for _, s := range sents {
		for i := 0; i < len(s.Tokens); i++ {
			if t := s.Tokens[i]; t.Kind == event.Word && !t.Cap {
				d.lower[t.Norm] = true
			}
			d.kb.eachMatch(s.Tokens, i, d.lang, func(e *Entry) {
				switch e.Kind {
				case KCountry, KAdj, KCapital, KSeat:
					d.countries[e.Country] = true
					if d.firstCountry == "" && e.Kind != KSeat {
						d.firstCountry = e.Country
					}
				case KOrg, KOrgan:
					if !e.Contextual {
						d.orgs[e.Org] = true
					}
				case KPerson:
					if o, ok := e.Person.OfficeAt(d.date); ok && o.Country != "" {
						d.countries[o.Country] = true
					}
				}
			})
		}
	}
}

// FirstCountry returns the first country the document names (by name,
// adjective or capital), or "".
func (d *Doc) FirstCountry() string { return d.firstCountry }

// item is a dictionary match or a capitalised name in a sentence.
type item struct {
	start, end int
	e          *Entry // nil: an unknown capitalised name
}

// Groups finds and resolves the actor groups of a sentence. Call it on the
// document's sentences in order.
func (d *Doc) Groups(s *event.Sentence) []*Group {
	d.sentence = s.Index
	toks := s.Tokens
	items := d.items(toks)
	groups := d.compose(toks, items)
	d.coordinate(toks, groups)
	d.locate(toks, groups)
	for _, g := range groups {
		d.resolve(toks, g)
		if e := g.Entity; e != nil && g.headNoun != "" && !contains(e.heads, g.headNoun) {
			e.heads = append(e.heads, g.headNoun)
		}
	}
	return groups
}

// items finds dictionary phrases (longest first) and runs of capitalised
// words that may be names.
func (d *Doc) items(toks []event.Token) []item {
	var items []item
	keys := make([]string, len(toks))
	for i, t := range toks {
		if t.Kind == event.Word && t.Cap {
			keys[i] = Key(t.Norm)
		}
	}
	for i := 0; i < len(toks); {
		if toks[i].Kind == event.Punct {
			i++
			continue
		}
		var best *Entry
		if ms := d.kb.Match(toks, i, d.lang); len(ms) > 0 {
			// "à Bruxelles" is a place even in a story about the EU
			best = d.choose(ms, i > 0 && d.kb.Is(d.lang, "loc", toks[i-1].Norm))
		}
		if keys[i] != "" {
			if ks := d.kb.MatchKeys(keys, i); len(ks) > 0 && (best == nil || len(ks[0].Words) > len(best.Words)) {
				best = ks[0]
			}
		}
		if best != nil && best.Kind == KPerson && len(best.Words) == 1 && !toks[i].Cap {
			best = nil // a surname written in lower case is a common word
		}
		if best != nil && d.lang == "en" && !toks[i].Cap && (best.Kind == KCountry || best.Kind == KAdj || best.Kind == KCapital) {
			best = nil // English capitalises countries and their adjectives: "a pole" is no Pole
		}
		if best != nil && best.Kind == KFixed {
			i += len(best.Words) // "grève générale", "in general": no actor
			continue
		}
		if best != nil && best.Kind == KRole && d.postNominal(toks, i, items) {
			i += len(best.Words) // "huelga general", "positions rebelles"
			continue
		}
		if best != nil && best.Kind != KModifier || best != nil && len(items) > 0 {
			items = append(items, item{i, i + len(best.Words), best})
			i += len(best.Words)
			continue
		}
		if best != nil {
			i += len(best.Words)
			continue
		}
		if n := d.nameRun(toks, i); n > 0 {
			items = append(items, item{i, i + n, nil})
			i += n
			continue
		}
		i++
	}
	return items
}

// choose picks the entry a phrase stands for among the longest matches: an
// organ spelt like a place ("Bruxelles") when the document names its
// organisation and the phrase is not the object of a preposition of place,
// else the place.
func (d *Doc) choose(ms []*Entry, place bool) *Entry {
	best := ms[0]
	for _, e := range ms {
		if len(e.Words) != len(ms[0].Words) {
			break
		}
		if e.Contextual && d.orgs[e.Org] && !place {
			return e
		}
		if best.Contextual && !e.Contextual {
			best = e
		}
	}
	return best
}

// postNominal reports whether the lower-case role word at i, one that is
// also an adjective (grammar class adjrole), stands right after a common
// noun, where French and Spanish put adjectives ("une grève générale",
// "posiciones rebeldes", "le régime communiste"): an adjective, not an
// actor. A
// determiner, preposition or conjunction before it, or an actor phrase
// ending there, keeps it a noun.
func (d *Doc) postNominal(toks []event.Token, i int, items []item) bool {
	if d.lang != "fr" && d.lang != "es" || i == 0 || toks[i].Cap || !d.kb.Is(d.lang, "adjrole", toks[i].Norm) {
		return false
	}
	p := toks[i-1]
	if p.Kind != event.Word || p.Cap || len(items) > 0 && items[len(items)-1].end == i {
		return false
	}
	for _, c := range []string{"det", "gen", "coord", "prep", "quant", "title"} {
		if d.kb.Is(d.lang, c, p.Norm) {
			return false
		}
	}
	return true
}

// nameRun returns the length of a run of capitalised words starting at i
// that may be a person's name, or 0.
func (d *Doc) nameRun(toks []event.Token, i int) int {
	if !isName(toks[i]) || d.kb.Is(d.lang, "det", toks[i].Norm) || d.kb.Is(d.lang, "title", toks[i].Norm) {
		return 0
	}
	if len(toks[i].Text) == 1 {
		return 0 // "A Beyrouth": a preposition without its accent, not an initial
	}
	j := i + 1
	for j < len(toks) {
		t := toks[j]
		switch {
		case isName(t) && !d.kb.Is(d.lang, "common", t.Norm):
			j++ // (a weekday or month after a name is no part of it: "Assad Tuesday")
		case len(t.Text) == 1 && t.Cap && j+1 < len(toks) && toks[j+1].Text == "." && j+2 < len(toks) && isName(toks[j+2]):
			j += 2 // an initial: Ivan I. Melnikov
		case len(t.Text) == 2 && t.Text[1] == '.' && t.Cap:
			j++ // an initial kept with its dot
		case (t.Norm == "de" || t.Norm == "del" || t.Norm == "van" || t.Norm == "von" || t.Norm == "bin" || t.Norm == "ben" || t.Norm == "al" || t.Norm == "da") && j+1 < len(toks) && isName(toks[j+1]):
			j++
		default:
			goto done
		}
	}
done:
	n := j - i
	if i == 0 && n == 1 {
		// A single capitalised word opening a sentence is a name only if
		// the document already knows it.
		if d.entityByKey(Key(toks[i].Norm)) == nil && len(d.kb.PeopleBySurname(toks[i].Norm)) == 0 {
			return 0
		}
	}
	return n
}

func isName(t event.Token) bool {
	if t.Kind != event.Word || !t.Cap {
		return false
	}
	// An all-capital word of two or three letters is an acronym, not a name.
	return !(len(t.Text) <= 3 && strings.ToUpper(t.Text) == t.Text && len(t.Text) > 1)
}

// compose attaches qualifiers (adjectives, genitive complements, names in
// apposition) to their heads.
func (d *Doc) compose(toks []event.Token, items []item) []*Group {
	var groups []*Group
	var cur *Group
	prevEnd := -1
	for _, it := range items {
		gap := toks[max(prevEnd, 0):it.start]
		if cur != nil && d.attach(cur, it, gap, toks) {
			cur.End = it.end
			prevEnd = it.end
			continue
		}
		if cur != nil && len(gap) == 0 && cur.Kind == KRole && cur.Body && len(cur.Roles) > 0 && cur.Roles[0] != "CVL" && cur.Roles[0] != "GOV" &&
			it.e != nil && it.e.Kind == KRole && it.e.Role == "CVL" && it.e.Type != "body" && it.e.Type != "group" {
			// "opposition activists", "Cameroonian opposition
			// supporters": people of the body, with its role.
			cur.End = it.end
			cur.Body, cur.Plural, cur.Gender = false, it.e.Plural, it.e.Gender
			prevEnd = it.end
			continue
		}
		if cur != nil && (cur.Adj || d.preModifier(cur, gap)) && (len(gap) == 0 || isPossessive(gap)) && it.e != nil && (it.e.Kind == KRole || it.e.Kind == KAnaphor || it.e.Kind == KOrgan) {
			// An adjective before its head: "the Brazilian foreign
			// minister", "his Argentine counterpart".
			adj := cur
			groups = groups[:len(groups)-1]
			cur = d.newGroup(toks, it)
			if cur == nil {
				prevEnd = it.end
				continue
			}
			cur.Start = adj.Start
			cur.Definite = cur.Definite || adj.Definite
			if it.e.Kind != KOrgan || cur.Org == "" {
				cur.Country, cur.countryFromAdj = adj.Country, true
			}
			groups = append(groups, cur)
			prevEnd = it.end
			continue
		}
		cur = d.newGroup(toks, it)
		if cur == nil {
			prevEnd = it.end
			continue
		}
		if cur.Start < prevEnd {
			cur.Start = it.start // its determiner belongs to the group before
		}
		groups = append(groups, cur)
		prevEnd = it.end
	}
	return groups
}

func (d *Doc) newGroup(toks []event.Token, it item) *Group {
	g := &Group{Start: it.start, End: it.end, HeadStart: it.start, Coord: -1}
	// Take a preceding determiner into the group.
	if it.start > 0 && d.kb.Is(d.lang, "det", toks[it.start-1].Norm) {
		g.Start = it.start - 1
		g.Definite = true
	}
	if it.e == nil || it.e.Kind == KPerson {
		// A title before a name belongs to its group: "M. Lavrov".
		if t := it.start - 1; t >= 0 && d.kb.Is(d.lang, "title", toks[t].Norm) {
			g.Start, g.Definite = t, false
			if t > 0 && d.kb.Is(d.lang, "det", toks[t-1].Norm) {
				g.Start = t - 1
			}
		}
	}
	if it.e == nil {
		g.Kind = KPerson
		g.Name = event.TokensText(toks[it.start:it.end])
		return g
	}
	e := it.e
	g.Kind, g.Rule = e.Kind, e.Rule
	switch e.Kind {
	case KModifier:
		return nil
	case KAdj:
		// An adjective with no actor head: the country as the agent or
		// object of the noun it qualifies ("le blocus étasunien").
		g.Country, g.Adj = e.Country, true
	case KCountry, KCapital:
		g.Country, g.Place = e.Country, true
	case KSeat:
		g.Country = e.Country
		g.Roles = []string{e.Role}
	case KEpithet:
		if !d.countries[e.Country] {
			return nil
		}
		g.Country = e.Country
	case KOrg, KOrgan:
		g.Org = e.Org
	case KRole:
		g.Roles = []string{e.Role}
		g.Gender, g.Plural = e.Gender, e.Plural
		g.Body = e.Type == "body" || e.Type == "group"
		g.headNoun = strings.Join(e.Words, " ")
	case KPerson:
		g.Person = e.Person
		g.Name = e.Person.Name
		g.Gender = e.Person.Gender
	case KAnaphor:
		g.Anaphor = e.Type
		g.Gender, g.Plural = e.Gender, e.Plural
		if e.Role != "" {
			g.Roles = []string{e.Role}
		}
	}
	return g
}

// attach reports whether item it qualifies group g across the gap tokens,
// and applies it.
func (d *Doc) attach(g *Group, it item, gap []event.Token, toks []event.Token) bool {
	k := KPerson
	if it.e != nil {
		k = it.e.Kind
	}
	gen := isGenitive(d, gap) ||
		// "président du Conseil d'État et du Conseil des ministres": a
		// second complement coordinated with the first
		len(gap) >= 2 && d.kb.Is(d.lang, "coord", gap[0].Norm) && isGenitive(d, gap[1:]) && g.End > g.HeadStart+1
	head := g.Kind
	if head == KPerson && g.RoleAttached {
		head = KRole // "Bruno Rodríguez, ministre ... des Affaires étrangères de Cuba"
	}
	switch {
	case k == KAdj && (len(gap) == 0 || gen && head == KRole):
		// "vice-ministre russe", "ministère russe des Affaires étrangères"
		if head == KRole || head == KAnaphor || head == KOrgan || head == KPerson && g.Person == nil {
			if g.Country == "" {
				g.Country = it.e.Country
				g.countryFromAdj = true
			}
			return true
		}
		return false
	case k == KCountry && len(gap) == 0 && (head == KRole || head == KAnaphor) && g.Country == "" && g.Org == "":
		// "le chef de la diplomatie argentine": an adjective spelt like the
		// country's name
		g.Country, g.countryFromAdj = it.e.Country, true
		return true
	case k == KModifier && (len(gap) == 0 || gen):
		return head == KRole || head == KOrgan || head == KAnaphor
	case gen && (head == KRole || head == KAnaphor || head == KOrgan):
		switch k {
		case KCountry, KCapital, KEpithet:
			if k == KEpithet && !d.countries[it.e.Country] {
				return false
			}
			if g.Country == "" && g.Org == "" {
				g.Country = it.e.Country
			}
			return true
		case KOrg, KOrgan:
			if g.Country == "" && g.Org == "" || g.Body && g.countryFromAdj {
				// "la présidence suédoise de l'Union européenne" is an EU organ
				g.Org, g.Country = it.e.Org, ""
			}
			return true
		case KRole:
			// "directeur du ministère", "porte-parole du gouvernement"
			if it.e.Type == "body" {
				if len(g.Roles) == 0 || g.Kind == KAnaphor || g.Roles[0] == "CVL" && it.e.Role != "GOV" {
					// "militants de l'opposition": people of the body
					g.Roles = []string{it.e.Role}
				}
				return true
			}
		case KSeat:
			if g.Country == "" {
				g.Country = it.e.Country
			}
			if it.e.Role != "" && it.e.Role != "GOV" && g.Org == "" {
				// "militants of Hamas", "le porte-parole du Pentagone": the
				// members take the movement's or the institution's role
				g.Roles = []string{it.e.Role}
			}
			return true
		}
		return false
	case k == KPerson && (head == KRole || head == KAnaphor) && (len(gap) == 0 || isComma(gap)):
		// "le sénateur Kalashnikov", "le vice-ministre russe, Serguei Riabkov"
		if g.Plural && !(head == KAnaphor) {
			return false
		}
		if it.e != nil {
			g.Person = it.e.Person
			g.Name = it.e.Person.Name
			if it.e.Person.Gender != "" {
				g.Gender = it.e.Person.Gender
			}
		} else {
			g.Name = event.TokensText(toks[it.start:it.end])
		}
		if g.Kind == KAnaphor {
			g.Kind, g.Anaphor = KRole, "counterpart-named"
		}
		return true
	case k == KRole && head == KPerson && isComma(gap) && it.e.Type != "body" && it.e.Type != "group" && !it.e.Plural:
		// "Bruno Rodríguez, ministre cubain des Affaires étrangères"
		if len(g.Roles) == 0 {
			g.Roles = []string{it.e.Role}
		}
		g.RoleAttached = true
		g.headNoun = strings.Join(it.e.Words, " ")
		return true
	case k == KAdj && head == KPerson && len(gap) == 0:
		return false
	case k == KRole && head == KRole && len(gap) == 0 && (d.lang == "fr" || d.lang == "es") &&
		toks[it.start].Kind == event.Word && !toks[it.start].Cap && it.end-it.start == 1 && d.kb.Is(d.lang, "adjrole", toks[it.start].Norm):
		// "soldats rebelles", "une délégation militaire": an adjective of
		// the head; rebel, radical and military give it their role (a
		// "gouvernement civil" stays a government)
		if r := it.e.Role; r == "REB" || r == "RAD" || r == "MIL" {
			g.Roles = []string{r}
		}
		return true
	}
	return false
}

func isGenitive(d *Doc, gap []event.Token) bool {
	if len(gap) == 0 || len(gap) > 2 {
		return false
	}
	if !d.kb.Is(d.lang, "gen", gap[0].Norm) {
		return false
	}
	return len(gap) == 1 || d.kb.Is(d.lang, "det", gap[1].Norm)
}

func isComma(gap []event.Token) bool { return len(gap) == 1 && gap[0].Text == "," }

// locate gives local roles with no country (protesters, residents, police)
// the country of the place they are at: "des manifestants à Caracas" ->
// VEN CVL, "police in Lagos" -> NGA COP.
func (d *Doc) locate(toks []event.Token, groups []*Group) {
	for i := 0; i+1 < len(groups); i++ {
		g, p := groups[i], groups[i+1]
		if g.Kind != KRole || g.Country != "" || g.Org != "" || g.Name != "" || len(g.Roles) == 0 ||
			g.Roles[0] != "CVL" && g.Roles[0] != "COP" || !p.Place || p.Country == "" || g.End > p.Start {
			continue
		}
		gap := toks[g.End:p.Start]
		if len(gap) == 0 || len(gap) > 2 || !d.kb.Is(d.lang, "loc", gap[0].Norm) {
			continue
		}
		if len(gap) == 2 && !d.kb.Is(d.lang, "det", gap[1].Norm) {
			continue
		}
		g.Country = p.Country
	}
}

// coordinate marks groups joined by "et", "and", "y" or list commas.
func (d *Doc) coordinate(toks []event.Token, groups []*Group) {
	id := 0
	for i := 1; i < len(groups); i++ {
		a, b := groups[i-1], groups[i]
		if a.End > b.Start {
			continue
		}
		gap := toks[a.End:b.Start]
		coord := len(gap) == 1 && d.kb.Is(d.lang, "coord", gap[0].Norm) ||
			len(gap) == 1 && gap[0].Text == "," && i+1 < len(groups) && d.joinedLater(toks, groups, i) ||
			// "Le ministre russe, Sergueï Lavrov, et le ministre cubain": the
			// comma closes an apposition, not a clause
			len(gap) == 2 && gap[0].Text == "," && d.kb.Is(d.lang, "coord", gap[1].Norm) && hasComma(toks[a.Start:a.End])
		if !coord {
			continue
		}
		if a.Coord < 0 {
			a.Coord = id
			id++
		}
		b.Coord = a.Coord
	}
}

// preModifier reports whether a country named right before a head
// qualifies it, as English writes "the US commander", "Iraq's minister".
func (d *Doc) preModifier(g *Group, gap []event.Token) bool {
	return d.lang == "en" && g.Kind == KCountry && (len(gap) == 0 || isPossessive(gap))
}

// isPossessive reports whether the gap is the English possessive "'s".
func isPossessive(gap []event.Token) bool {
	return len(gap) == 1 && (gap[0].Norm == "'s" || gap[0].Norm == "'")
}

// hasComma reports whether a comma stands among toks.
func hasComma(toks []event.Token) bool {
	for _, t := range toks {
		if t.Text == "," {
			return true
		}
	}
	return false
}

// joinedLater reports whether a comma-separated list starting at groups[i]
// ends with a coordinating conjunction: "Cuba, le Venezuela et la Bolivie".
func (d *Doc) joinedLater(toks []event.Token, groups []*Group, i int) bool {
	for j := i + 1; j < len(groups); j++ {
		if groups[j-1].End > groups[j].Start {
			return false
		}
		gap := toks[groups[j-1].End:groups[j].Start]
		if len(gap) != 1 {
			return false
		}
		if d.kb.Is(d.lang, "coord", gap[0].Norm) {
			return true
		}
		if gap[0].Text != "," {
			return false
		}
	}
	return false
}

// resolve links a group to a document entity, creating one if needed.
func (d *Doc) resolve(toks []event.Token, g *Group) {
	if g.Person == nil && g.Name != "" && g.Anaphor == "" {
		d.knownName(toks, g)
	}
	if g.Person != nil {
		if o, ok := d.officeOf(g); ok {
			g.Country, g.Org = o.Country, o.Org
			if len(o.Roles) > 0 {
				g.Roles = o.Roles
			} else {
				g.Roles = nil
			}
		}
	}
	if g.Anaphor == "description" && (g.Country != "" || g.Org != "") {
		// "le chef de la diplomatie argentine": a role description
		g.Kind, g.Anaphor, g.Definite = KRole, "", true
		if len(g.Roles) == 0 {
			g.Roles = []string{"GOV"}
		}
	}
	switch {
	case g.Anaphor == "pronoun" || g.Anaphor == "description":
		if g.Plural {
			g.Members = d.pair()
			return
		}
		if e := d.salientPerson(g); e != nil {
			g.Entity = e
			e.Last = d.sentence
		}
		return
	case g.Anaphor == "pair":
		g.Members = d.pair()
		return
	case g.Anaphor == "possessive":
		if len(d.subjects) > 0 {
			s := d.subjects[len(d.subjects)-1]
			g.Entity = d.entityFor(&Group{Country: s.Country, Org: s.Org, Kind: KCountry})
		}
		return
	case g.Anaphor == "self":
		return
	case g.Anaphor == "counterpart":
		// son homologue russe: the same role as the subject, another country.
		if len(d.subjects) > 0 && len(g.Roles) == 0 {
			g.Roles = d.subjects[len(d.subjects)-1].Roles
		}
	}
	if g.Kind == KPerson && g.Person == nil {
		// An unknown name: a variant of a name already in the document?
		if e := d.entityByName(nameWords(g.Name)); e != nil {
			g.Entity = e
			g.Name = e.Name
			e.Last = d.sentence
			return
		}
		if g.Country == "" && g.Org == "" && len(g.Roles) == 0 {
			return // a name we know nothing about is no actor
		}
	}
	if g.Kind == KRole && g.Name == "" && !g.Plural && !g.Body && g.Definite {
		// A definite description: the most recent compatible person.
		e := d.compatiblePerson(g)
		if e == nil && g.Country == "" && g.Org == "" {
			e = d.salientPerson(g)
		}
		if e != nil {
			g.Entity = e
			e.Last = d.sentence
			return
		}
	}
	if g.Country == "" && g.Org == "" {
		g.Country = d.contextCountry()
	}
	if g.Country == "" && g.Org == "" {
		return
	}
	g.Entity = d.entityFor(g)
	g.Entity.Last = d.sentence
}

// contextCountry is the country an unqualified role belongs to: the last
// subject's, else the dateline's.
func (d *Doc) contextCountry() string {
	for i := len(d.subjects) - 1; i >= 0; i-- {
		if c := d.subjects[i].Country; c != "" {
			return c
		}
	}
	return d.DefaultCountry
}

func (d *Doc) entityFor(g *Group) *Entity {
	name := g.Name
	if g.Person != nil {
		name = g.Person.Name
	}
	for _, e := range d.entities {
		if name != "" && e.Name == name || name == "" && e.Name == "" && e.Generic &&
			e.Country == g.Country && e.Org == g.Org && sameRoles(e.Roles, g.Roles) {
			return e
		}
	}
	e := &Entity{ID: len(d.entities), Name: name, Person: g.Person, Country: g.Country, Org: g.Org,
		Roles: g.Roles, Gender: g.Gender, Plural: g.Plural, Generic: name == ""}
	if name != "" {
		ws := nameWords(name)
		e.Keys = append(e.Keys, Key(ws[len(ws)-1]))
		if len(ws) > 1 {
			e.firsts = append(e.firsts, Key(strings.TrimSuffix(ws[0], ".")))
		}
	}
	if g.Person != nil {
		for _, s := range g.Person.Surnames {
			e.Keys = append(e.Keys, Key(s))
		}
		e.firsts = append(e.firsts, g.Person.firsts...)
	}
	d.entities = append(d.entities, e)
	return e
}

func sameRoles(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	return a[0] == b[0]
}

// officeOf is the office of a group's known person on the document's date.
// When the date is unknown, the office whose role the text gives ("General
// David Petraeus") wins over the latest one.
func (d *Doc) officeOf(g *Group) (Office, bool) {
	if d.date.Year == 0 && len(g.Roles) > 0 {
		offs := g.Person.Offices
		for i := len(offs) - 1; i >= 0; i-- {
			if hasRole(offs[i].Roles, g.Roles[0]) {
				return offs[i], true
			}
		}
	}
	return g.Person.OfficeAt(d.date)
}

// nameWords folds the words of a name as written.
func nameWords(name string) []string {
	ws := strings.Fields(name)
	for i, w := range ws {
		ws[i] = Fold(w)
	}
	return ws
}

// entityByName finds the document's entity a name refers to: the same
// surname key (Lozada for Emilio Losada) and, when both give one, the same
// first name (Pedro Rodríguez is not Bruno Rodríguez) or its initial.
func (d *Doc) entityByName(words []string) *Entity {
	if len(words) == 0 {
		return nil
	}
	k := Key(words[len(words)-1])
	for i := len(d.entities) - 1; i >= 0; i-- {
		e := d.entities[i]
		if !contains(e.Keys, k) {
			continue
		}
		if len(words) > 1 && len(e.firsts) > 0 && !firstNameFits(Key(strings.TrimSuffix(words[0], ".")), e.firsts) {
			continue
		}
		return e
	}
	return nil
}

// firstNameFits reports whether a first name's key is one of firsts, or an
// initial of one.
func firstNameFits(k string, firsts []string) bool {
	for _, f := range firsts {
		if f == k || len(k) == 1 && strings.HasPrefix(f, k) {
			return true
		}
	}
	return false
}

// knownName links a name that is not in the knowledge base as written to
// the person it stands for: a name already met in the document ("Lozada"
// after "Emilio Losada", "M. Lavrov" after "Sergueï Lavrov"), or a surname
// alone that only one known person in office on the document's date bears
// (preferring people of the countries the document names). Similar names
// never merge: the transliteration keys must be equal.
func (d *Doc) knownName(toks []event.Token, g *Group) {
	words := nameWords(g.Name)
	if len(words) == 0 {
		return
	}
	if e := d.entityByName(words); e != nil {
		if e.Person != nil {
			g.Person, g.Name = e.Person, e.Person.Name
			if e.Person.Gender != "" {
				g.Gender = e.Person.Gender
			}
		}
		return
	}
	if len(words) != 1 || len([]rune(words[0])) < 3 || d.kb.isGrammarWord(d.lang, words[0]) || d.lower[words[0]] {
		return // a word the document also writes in lower case is a common word
	}
	if g.End < len(toks) && toks[g.End].Kind == event.Number {
		return // "May 5"
	}
	var cands []*Person
	for _, p := range d.kb.PeopleBySurnameKey(Key(words[0])) {
		if p.InOffice(d.date) {
			cands = append(cands, p)
		}
	}
	if len(cands) > 1 {
		var here []*Person
		for _, p := range cands {
			if o, _ := p.OfficeAt(d.date); d.countries[o.Country] || o.Org != "" && d.orgs[o.Org] {
				here = append(here, p)
			}
		}
		cands = here
	}
	if len(cands) == 1 && (g.Country == "" || officeCountry(cands[0], d.date) == g.Country) {
		g.Person, g.Name = cands[0], cands[0].Name
		if cands[0].Gender != "" {
			g.Gender = cands[0].Gender
		}
	}
}

func officeCountry(p *Person, d event.Date) string {
	o, _ := p.OfficeAt(d)
	return o.Country
}

// pair is what "les deux ministres" and "ils" stand for: the last pair of
// participants, else the two named people mentioned last.
func (d *Doc) pair() []*Entity {
	if len(d.lastPair) > 0 {
		return d.lastPair
	}
	var a, b *Entity // most recent, second most recent
	for _, e := range d.entities {
		if e.Name == "" || e.Plural || e.Generic {
			continue
		}
		switch {
		case a == nil || e.Last >= a.Last:
			a, b = e, a
		case b == nil || e.Last >= b.Last:
			b = e
		}
	}
	if a == nil || b == nil {
		return nil
	}
	if a.ID > b.ID {
		a, b = b, a
	}
	return []*Entity{a, b}
}

func (d *Doc) entityByKey(k string) *Entity {
	for i := len(d.entities) - 1; i >= 0; i-- {
		for _, ek := range d.entities[i].Keys {
			if ek == k {
				return d.entities[i]
			}
		}
	}
	return nil
}

// salientPerson is what "il", "elle", "le haut dirigeant" refer to: the
// most recent subject that is a person of a compatible gender.
func (d *Doc) salientPerson(g *Group) *Entity {
	for i := len(d.subjects) - 1; i >= 0; i-- {
		e := d.subjects[i]
		if e.Plural || e.Generic && e.Person == nil && e.Name == "" && len(e.Roles) == 0 {
			continue
		}
		if g.Gender != "" && e.Gender != "" && g.Gender != e.Gender {
			continue
		}
		if len(g.Roles) > 0 && len(e.Roles) > 0 && g.Roles[0] != e.Roles[0] {
			continue
		}
		return e
	}
	// No compatible subject: the named person of compatible gender
	// mentioned last ("Zakharova a répondu à Blinken. Il ...").
	var best *Entity
	for _, e := range d.entities {
		if e.Name == "" || e.Plural || e.Gender == "" || g.Gender != "" && e.Gender != g.Gender {
			continue
		}
		if len(g.Roles) > 0 && len(e.Roles) > 0 && g.Roles[0] != e.Roles[0] {
			continue
		}
		if best == nil || e.Last >= best.Last {
			best = e
		}
	}
	return best
}

// compatiblePerson is what a definite role description without a name
// refers to: the most recent named entity of the same country (or
// organisation), role and a compatible gender.
func (d *Doc) compatiblePerson(g *Group) *Entity {
	// "Le Secrétaire général" is the person last named "secrétaire
	// général", before any other official of the organisation.
	if g.headNoun != "" {
		for i := len(d.entities) - 1; i >= 0; i-- {
			if e := d.entities[i]; e.Name != "" && !e.Plural && contains(e.heads, g.headNoun) && d.compatible(g, e) {
				return e
			}
		}
	}
	if g.Country == "" && g.Org == "" {
		return nil
	}
	for i := len(d.entities) - 1; i >= 0; i-- {
		if e := d.entities[i]; e.Name != "" && !e.Plural && d.compatible(g, e) {
			return e
		}
	}
	return nil
}

// compatible reports whether a description can name an entity: the same
// country or organisation, role and gender where both say.
func (d *Doc) compatible(g *Group, e *Entity) bool {
	if g.Country != "" && e.Country != g.Country || g.Org != "" && e.Org != g.Org {
		return false
	}
	if len(g.Roles) > 0 && len(e.Roles) > 0 && g.Roles[0] != e.Roles[0] {
		return false
	}
	return g.Gender == "" || e.Gender == "" || g.Gender == e.Gender
}

// NoteSubjects records the subjects of a clause, most salient last; a
// coordinated subject becomes the pair that "les deux ..." and "ils" refer
// to.
func (d *Doc) NoteSubjects(es []*Entity) {
	if len(es) == 0 {
		return
	}
	if len(es) >= 2 {
		d.lastPair = append([]*Entity(nil), es...)
	}
	d.subjects = append(d.subjects, es...)
	if len(d.subjects) > 2*maxSalient {
		// Only recent subjects are salient: keep the list short so long
		// documents stay linear.
		d.subjects = append(d.subjects[:0], d.subjects[len(d.subjects)-maxSalient:]...)
	}
}

// maxSalient is how many recent subjects anaphora look back through.
const maxSalient = 32

// NotePair records two participants of a bilateral event.
func (d *Doc) NotePair(a, b *Entity) {
	if a != nil && b != nil && a != b {
		d.lastPair = []*Entity{a, b}
	}
}

// CountryEntity returns the entity of a country acting as a whole.
func (d *Doc) CountryEntity(code string) *Entity {
	if code == "" {
		return nil
	}
	return d.entityFor(&Group{Country: code, Kind: KCountry})
}

// LastPair returns the last pair of participants.
func (d *Doc) LastPair() []*Entity { return d.lastPair }

// Fold lower-cases s and removes its accents, as token norms are.
func Fold(s string) string { return lang.Fold(s) }
