package coder

import (
	"fmt"
	"strings"

	"dyad/actor"
	"dyad/cameo"
	"dyad/event"
)

// Places finds places by name; the gazetteer satisfies it.
type Places interface {
	Lookup(name string) (event.Place, bool)
}

// Coder turns the sentences of a document into event mentions. It is
// immutable and safe for concurrent use.
type Coder struct {
	KB       *actor.KB
	Triggers *Triggers
	Onto     *cameo.Ontology
	Places   Places // may be nil
}

// TimeExpr is a resolved temporal expression of a sentence.
type TimeExpr struct {
	Start, End int // token indices
	Date       event.Date
	Basis      string
}

// Input is one document, segmented, with what the earlier stages found.
type Input struct {
	Doc       event.Document
	Lang      string
	Sentences []event.Sentence
	Times     [][]TimeExpr // per sentence
	Ref       event.Date   // the dispatch date
	RefBasis  string       // how Ref was found: dateline or published
	// The dateline, when there is one.
	Dateline      *event.Span
	DatelinePlace *event.Place
}

// state is what the coder carries from sentence to sentence.
type state struct {
	in       *Input
	doc      *actor.Doc
	date     event.Date
	basis    string
	place    *event.Place
	critTgt  []*actor.Entity
	critSent int
	eventSeq int
	// the last event, for nominal triggers that continue it ("Les
	// sanctions interdisent ...")
	lastRoot  string
	lastSrc   []*actor.Entity
	lastTgt   []*actor.Entity
	lastSent  int
	meetings  map[[2]int]bool // pairs of entities with a meeting coded
	placeSent int             // the sentence that named the current place
	placeTok  int             // the token where it named it
	prevPlace *event.Place    // the place before that sentence
	trace     *SentenceTrace  // set by Explain
	gaz       []*gazPlace     // the gazetteer place of each sentence, once found
	mentions  *[]Mention      // set by CodeActors
	hits      [][]hit         // the triggers of each sentence
}

// why records what became of a trigger: "" for an event coded.
func (st *state) why(h hit, reason string) {
	if st.trace == nil {
		return
	}
	for i := range st.trace.Triggers {
		tt := &st.trace.Triggers[i]
		if tt.start == h.start && tt.Rule == h.t.Rule {
			if reason == "" {
				tt.Events++
			} else if tt.Events == 0 && tt.Outcome == "" {
				tt.Outcome = reason
			}
			return
		}
	}
}

// setPlace makes p the current place, named in sentence sent at token tok.
func (st *state) setPlace(p *event.Place, sent, tok int) {
	if st.placeSent != sent {
		st.prevPlace = st.place
	}
	st.place, st.placeSent, st.placeTok = p, sent, tok
}

// placeFor returns where an event of the root happened: a statement happens
// where its speaker is, so a place named after a verbal trigger ("a condamné
// l'attentat perpétré à Afrin") belongs to what is talked about, and the
// place before the sentence stands.
func (st *state) placeFor(root string, sent, trigger int) *event.Place {
	if st.placeSent == sent && st.placeTok > trigger && verbalRoot(root) {
		return st.prevPlace
	}
	return st.place
}

// verbalRoot reports whether a CAMEO root is a verbal act (statements,
// appeals, intents, praise, demands, criticism, rejection, threats).
func verbalRoot(root string) bool {
	switch root {
	case "01", "02", "03", "05", "10", "11", "12", "13":
		return true
	}
	return false
}

// mention records the actor mentions of a sentence's groups, when asked.
func (st *state) mention(s *event.Sentence, groups []*actor.Group) {
	if st.mentions == nil {
		return
	}
	in := st.in
	for _, g := range groups {
		if in.Dateline != nil && s.Tokens[g.Start].Span[0] >= in.Dateline[0] && s.Tokens[g.Start].Span[0] < in.Dateline[1] {
			continue
		}
		for _, e := range g.Entities() {
			a := g.Actor(e, s.Tokens, in.Doc.Text)
			m := Mention{Doc: in.Doc.ID, Sentence: s.Index, Text: a.Text, Code: a.Code, Country: a.Country,
				Org: a.Org, Roles: a.Roles, Name: a.Name, Kind: g.Kind.String(), Rule: g.Rule}
			if a.Span != nil {
				m.Span = *a.Span
			}
			*st.mentions = append(*st.mentions, m)
		}
	}
}

// met reports whether the entities already met in the document.
func (st *state) met(es []*actor.Entity) bool {
	if len(es) < 2 {
		return false
	}
	for _, a := range es {
		for _, b := range es {
			if a != b && !st.meetings[[2]int{a.ID, b.ID}] {
				return false
			}
		}
	}
	return true
}

// Code codes one document.
func (c *Coder) Code(in *Input) []event.Event {
	return c.code(in, nil, nil)
}

// CodeActors codes one document and also lists its actor mentions, as the
// coding resolved them, in the same pass.
func (c *Coder) CodeActors(in *Input) ([]event.Event, []Mention) {
	ms := []Mention{}
	evs := c.code(in, nil, &ms)
	return evs, ms
}

// Explain codes one document and says, sentence by sentence, what the coder
// saw: tokens, actors, every trigger considered and what became of it.
func (c *Coder) Explain(in *Input) *Explanation {
	exp := &Explanation{Doc: in.Doc.ID, Lang: in.Lang, Ref: in.Ref.String(), RefBasis: in.RefBasis}
	if in.DatelinePlace != nil {
		exp.DatelinePlace = in.DatelinePlace.Name + " (" + in.DatelinePlace.Country + ")"
	}
	c.code(in, exp, nil)
	return exp
}

func (c *Coder) code(in *Input, exp *Explanation, ms *[]Mention) []event.Event {
	st := &state{in: in, doc: c.KB.NewDoc(in.Lang, in.Ref), date: in.Ref, basis: in.RefBasis, meetings: map[[2]int]bool{}, mentions: ms}
	if in.DatelinePlace != nil {
		st.doc.DefaultCountry = in.DatelinePlace.Country
		p := *in.DatelinePlace
		st.place, st.placeSent, st.prevPlace = &p, -1, &p
	}
	if st.date.IsZero() {
		st.basis = "unknown"
	}
	st.doc.Prescan(in.Sentences)
	// With no dateline, the story happens where its places are, else in
	// the first country it names (below, once the triggers are found).
	st.gaz = make([]*gazPlace, len(in.Sentences))
	st.hits = make([][]hit, len(in.Sentences))
	for i := range in.Sentences {
		st.hits[i] = c.Triggers.find(in.Sentences[i].Tokens, in.Lang)
	}
	if st.doc.DefaultCountry == "" {
		st.doc.DefaultCountry = c.placeCountry(in, st.hits, st.gaz)
	}
	if st.doc.DefaultCountry == "" {
		st.doc.DefaultCountry = st.doc.FirstCountry()
	}
	repeated := repeatedLater(in.Sentences)
	var out []event.Event
	for i := range in.Sentences {
		if repeated[i] {
			// A standfirst repeated in the body: coded once, in the body.
			s := &in.Sentences[i]
			st.mention(s, st.doc.Groups(s))
			continue
		}
		if exp != nil {
			exp.Sentences = append(exp.Sentences, SentenceTrace{Index: in.Sentences[i].Index, Text: in.Sentences[i].Text})
			st.trace = &exp.Sentences[len(exp.Sentences)-1]
		}
		evs := c.sentence(st, &in.Sentences[i])
		if exp != nil {
			st.trace.finish(st, &in.Sentences[i], evs)
		}
		out = append(out, evs...)
	}
	return out
}

// repeatedLater marks the sentences whose text comes again later in the
// document (final punctuation aside).
func repeatedLater(sents []event.Sentence) []bool {
	key := func(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".!?…\"»' ") }
	last := map[string]int{}
	for i, s := range sents {
		last[key(s.Text)] = i
	}
	out := make([]bool, len(sents))
	for i, s := range sents {
		k := key(s.Text)
		out[i] = len(k) > 20 && last[k] > i
	}
	return out
}

// arg is an actor group with its syntactic position in the sentence.
type arg struct {
	g    *actor.Group
	prep string // grammar class of the preposition before it, "" if none
}

func (c *Coder) sentence(st *state, s *event.Sentence) []event.Event {
	in := st.in
	toks := s.Tokens
	lang := in.Lang
	groups := st.doc.Groups(s)
	// Drop the dateline's words: they are no actor.
	var args []arg
	for _, gr := range groups {
		if in.Dateline != nil && toks[gr.Start].Span[0] < in.Dateline[1] && toks[gr.Start].Span[0] >= in.Dateline[0] {
			continue
		}
		args = append(args, arg{g: gr, prep: c.prepOf(lang, toks, gr.Start)})
	}
	if st.mentions != nil {
		gs := make([]*actor.Group, len(args))
		for i, a := range args {
			gs[i] = a.g
		}
		st.mention(s, gs)
	}
	hits := st.hits[s.Index]
	c.sentenceTime(st, s)
	c.sentencePlace(st, s, args, c.firstVerbal(hits))

	if st.trace != nil {
		st.trace.start(toks, args, hits, in.Doc.Text)
	}
	// The speakers of reported speech in this sentence.
	type speech struct {
		h        hit
		speaker  []*actor.Entity
		from, to int // the reported content, token indices
	}
	var speeches []speech
	for _, h := range hits {
		if !h.t.Opts["speech"] {
			continue
		}
		subj := c.subject(st, toks, args, h, lang)
		var from, to int
		if subj != nil && subj.g.End <= h.start && !c.inverted(toks, subj.g, h) {
			// "X a déclaré que ...": the content follows.
			from, to = h.end, len(toks)
		} else if subj != nil && subj.g.End <= h.start {
			// "« ... », a-t-elle souligné": the content precedes.
			from, to = 0, subj.g.Start
		} else {
			// "..., a-t-elle souligné" / "..., a informé X": it precedes.
			if subj == nil {
				subj = c.after(toks, args, h, lang, false)
			}
			from, to = 0, h.start
		}
		if subj == nil {
			continue
		}
		speeches = append(speeches, speech{h: h, speaker: c.members(args, subj), from: from, to: to})
	}
	var evs []event.Event
	seen := map[string]bool{}
	emit := func(h hit, code string, src, tgt *actor.Entity, srcG, tgtG *actor.Group, modality string) {
		if src == nil || src.Country == "" && src.Org == "" || src == tgt {
			st.why(h, "source has no country or organisation, or is its own target")
			return
		}
		if tgt != nil && tgt.Country == "" && tgt.Org == "" {
			tgt = nil
		}
		if tgt != nil && sameSide(src, tgt) {
			st.why(h, "source and target are the same side (a country and its own government)")
			return
		}
		e, ok := c.Onto.Lookup(code)
		if !ok {
			return
		}
		key := fmt.Sprintf("%d/%d/%s", src.ID, entityID(tgt), e.Root)
		if seen[key] {
			st.why(h, "same source, target and root as an event already coded in the sentence")
			return
		}
		// A country as a whole adds nothing to an event of the same root
		// with one of its actors ("held talks with President Suleiman
		// during a visit to Beirut").
		if tgt != nil {
			ckey := fmt.Sprintf("%d/%s%s/%s", src.ID, tgt.Country, tgt.Org, e.Root)
			if len(tgt.Roles) == 0 && tgt.Person == nil && seen[ckey] {
				st.why(h, "a country as a whole beside an event of the same root with one of its actors")
				return
			}
			seen[ckey] = true
		}
		seen[key] = true
		ev := event.Event{
			Doc: in.Doc.ID, Sentence: s.Index, Span: s.Span, Text: s.Text, Lang: lang,
			Code: e.Code, Root: e.Root, Quad: e.Quad, Goldstein: e.Goldstein, Plover: e.Plover,
			Modality: modality, Rule: h.t.Rule, Date: st.date.String(), DateBasis: st.basis,
		}
		if ev.Date == "" {
			ev.DateBasis = "unknown"
		}
		sp := event.Span{toks[h.start].Span[0], toks[h.end-1].Span[1]}
		ev.Trigger = &sp
		ev.Source = srcG.Actor(src, toks, in.Doc.Text)
		if tgt != nil {
			a := tgtG.Actor(tgt, toks, in.Doc.Text)
			if tgtG == nil {
				a.Span, a.Text = nil, ""
			}
			ev.Target = &a
		}
		if pl := st.placeFor(e.Root, s.Index, h.start); pl != nil {
			p := *pl
			ev.Location = &p
		}
		if e.Root == "04" && tgt != nil {
			st.meetings[[2]int{src.ID, tgt.ID}] = true
			st.meetings[[2]int{tgt.ID, src.ID}] = true
		}
		ev.Confidence = 0.6
		if tgt != nil {
			ev.Confidence = 0.7
		}
		evs = append(evs, ev)
		st.why(h, "")
	}

	prev := -1 // start of the last trigger that coded an event in this sentence
	pendStart, pendEvs := -1, 0
	for _, h := range hits {
		if pendStart >= 0 && len(evs) > pendEvs {
			prev = pendStart
		}
		pendStart = -1
		t := h.t
		if t.Opts["speech"] {
			st.why(h, "a verb of saying: introduces reported speech, no event by itself")
			continue
		}
		// Is the trigger inside reported speech?
		var sp *speech
		for i := range speeches {
			if h.start >= speeches[i].from && h.end <= speeches[i].to {
				sp = &speeches[i]
			}
		}
		if c.inConcession(toks, h, lang) {
			st.why(h, "inside a concession (malgré, despite): background, not news")
			continue
		}
		if prev >= 0 && c.clauseStart(toks, h.start, lang) <= prev && (sp == nil || !t.Opts["neg"]) && !t.Opts["passive"] && !c.framing(toks, h, lang) {
			// A trigger inside the object of another ("a condamné
			// l'attentat", "protester contre les frappes"): the embedded
			// act is no event of the clause's subject.
			st.why(h, "inside the object of an earlier trigger of the clause")
			continue
		}
		if !c.framing(toks, h, lang) {
			// A trigger blocks the later ones of its clause only once it
			// has coded an event: seen at the next hit.
			pendStart, pendEvs = h.start, len(evs)
		}
		modality := c.modality(toks, h, lang, t)
		var srcs []*actor.Entity
		var srcG *actor.Group
		var tgts []*actor.Entity
		var tgtG *actor.Group
		code := t.Code

		subj := c.subject(st, toks, args, h, lang)
		switch {
		case t.Opts["passive"] || t.Opts["from"]:
			prep := "by"
			if t.Opts["from"] {
				prep = "from"
			}
			if ag := c.afterPrep(toks, args, h, prep); ag != nil {
				srcs, srcG = c.members(args, ag), ag.g
				if subj != nil {
					tgts, tgtG = c.members(args, subj), subj.g
				}
			} else if subj != nil && t.Opts["passive"] {
				// an agentless passive: the subject is the one acted upon
				tgts, tgtG = c.members(args, subj), subj.g
			}
		case subj != nil:
			srcs, srcG = c.members(args, subj), subj.g
		}
		if sp != nil {
			own := len(srcs) == 0 || c.ownSide(srcs, sp.speaker)
			switch {
			case t.Opts["neg"]:
				// The speaker criticises the agent of a hostile act: the
				// clause's subject, the agent after "par", a genitive
				// ("le blocus des États-Unis"), else the last one criticised.
				agent, agentG := srcs, srcG
				if own || t.Opts["passive"] {
					agent, agentG = nil, nil
				}
				if len(agent) == 0 {
					if ag := c.afterPrep(toks, args, h, "by"); ag != nil {
						agent, agentG = c.members(args, ag), ag.g
					}
				}
				if len(agent) == 0 {
					if ag := c.agentAfter(toks, args, h, lang); ag != nil {
						agent, agentG = c.members(args, ag), ag.g
					}
				}
				if len(agent) > 0 && c.ownSide(agent, sp.speaker) {
					agent = nil // a victim of the speaker's side is no agent
				}
				if len(agent) == 0 && st.critTgt != nil && s.Index-st.critSent <= 2 {
					agent, agentG = st.critTgt, nil
				}
				for _, a := range agent {
					for _, spk := range sp.speaker {
						crit := "111"
						if strings.HasPrefix(code, "112") {
							crit = code
						}
						emit(h, crit, spk, a, speakerGroup(args, spk), agentG, event.Asserted)
					}
				}
				if len(agent) > 0 {
					st.critTgt, st.critSent = agent, s.Index
				} else {
					st.why(h, "hostile word in reported speech, but no agent to criticise")
				}
				continue
			case t.Opts["pos"]:
				// The speaker praises what the clause says of another actor.
				tg, tgG := srcs, srcG
				if own {
					tg, tgG = nil, nil
					if a := c.target(st, toks, args, h, lang, sp.speaker); a != nil {
						tg, tgG = c.members(args, a), a.g
					}
				}
				for _, a := range tg {
					for _, spk := range sp.speaker {
						emit(h, code, spk, a, speakerGroup(args, spk), tgG, event.Asserted)
					}
				}
				if len(tg) == 0 {
					st.why(h, "praise in reported speech, but nobody praised")
				}
				continue
			case own:
				srcs, srcG = sp.speaker, speakerGroup(args, sp.speaker[0])
			}
		} else if t.Opts["pos"] || t.Opts["neg"] && !t.Opts["crit"] && code[:2] != "16" && code[:2] != "17" {
			st.why(h, "a word of valence outside reported speech codes nothing by itself")
			continue
		}
		continued := false
		if len(srcs) == 0 && !t.Opts["frame"] && st.lastRoot == code[:2] && s.Index-st.lastSent <= 2 && s.Index > st.lastSent {
			// The same kind of act again with no actor named: it continues
			// the last event ("Les sanctions interdisent ...").
			srcs, continued = st.lastSrc, true
		}
		if len(srcs) == 0 && !t.Opts["passive"] && !t.Opts["from"] {
			// A framing phrase: "en visite à X, le ministre ...", "lors de la
			// rencontre, les deux fonctionnaires ..." (a comma closes it:
			// the object of a verb is no subject).
			if a := c.after(toks, args, h, lang, true); a != nil && hasComma(toks, h.end, a.g.Start) {
				srcs, srcG = c.members(args, a), a.g
			} else if t.Opts["frame"] || t.Opts["meet"] {
				srcs = st.doc.LastPair()
			}
		}
		if len(srcs) == 0 {
			st.why(h, "no source: no actor as subject, agent or speaker")
			continue
		}
		if t.Opts["frame"] && st.met(srcs) {
			st.why(h, "framing noun of a meeting already coded (lors de l'audience)")
			continue
		}
		// Targets.
		pairwise := (t.Opts["recip"] || t.Opts["meet"]) && len(srcs) >= 2
		if !pairwise && len(tgts) == 0 {
			if a := c.target(st, toks, args, h, lang, srcs); a != nil {
				tgts, tgtG = c.members(args, a), a.g
			}
		}
		if !pairwise && len(tgts) == 0 && (t.Opts["meet"] || t.Opts["recip"] && sp == nil) && len(srcs) == 1 {
			// "s'est entretenu", "la rencontre" with one named side: the
			// other side is the last partner of a pair with it.
			for _, e := range st.doc.LastPair() {
				if e != srcs[0] && e.Country != srcs[0].Country {
					tgts = []*actor.Entity{e}
				}
			}
		}
		if !pairwise && len(tgts) == 0 && (t.Opts["visit"] || t.Opts["meet"]) && st.place != nil && st.place.Country != "" && st.placeSent == s.Index {
			if pc := st.doc.CountryEntity(st.place.Country); pc != nil && pc.Country != srcs[0].Country {
				tgts = []*actor.Entity{pc}
			}
		}
		if !pairwise && len(tgts) == 0 && t.Opts["crit"] && st.critTgt != nil && s.Index-st.critSent <= 2 {
			tgts = st.critTgt
		}
		if continued && len(tgts) == 0 {
			tgts = st.lastTgt
		}
		st.lastRoot, st.lastSrc, st.lastTgt, st.lastSent = code[:2], srcs, tgts, s.Index
		if !pairwise && len(tgts) == 0 && (t.Opts["needtgt"] || t.Opts["recip"] || t.Opts["meet"] || t.Opts["visit"] || t.Opts["noun"]) {
			st.why(h, "no target, and this trigger needs one")
			continue
		}
		if pairwise {
			for _, a := range srcs {
				for _, b := range srcs {
					if a != b {
						emit(h, c.meetCode(st, code, a, b, t, modality), a, b, srcG, srcG, modality)
					}
				}
			}
			st.doc.NoteSubjects(srcs)
			continue
		}
		if len(tgts) == 0 {
			emit(h, c.intentCode(code, t, modality), srcs[0], nil, srcG, nil, modality)
			for _, a := range srcs[1:] {
				emit(h, c.intentCode(code, t, modality), a, nil, srcG, nil, modality)
			}
		}
		for _, a := range srcs {
			for _, b := range tgts {
				emit(h, c.meetCode(st, code, a, b, t, modality), a, b, srcG, tgtG, modality)
				if t.Opts["meet"] {
					emit(h, c.meetCode(st, reverse(code), b, a, t, modality), b, a, tgtG, srcG, modality)
				}
			}
		}
		if t.Opts["crit"] && len(tgts) > 0 {
			st.critTgt, st.critSent = tgts, s.Index
		}
		if len(srcs) == 1 && len(tgts) == 1 && (t.Opts["meet"] || t.Opts["recip"]) {
			st.doc.NotePair(srcs[0], tgts[0])
		}
		if !t.Opts["passive"] && !t.Opts["from"] {
			st.doc.NoteSubjects(srcs)
		}
	}
	// The subjects of speech verbs are salient too.
	for _, sp := range speeches {
		st.doc.NoteSubjects(sp.speaker)
	}
	if len(hits) == 0 {
		for _, a := range args {
			if a.prep == "" && a.g.Entity != nil && a.g.Person != nil {
				st.doc.NoteSubjects([]*actor.Entity{a.g.Entity})
				break
			}
		}
	}
	for i := range evs {
		st.eventSeq++
		evs[i].EventID = fmt.Sprintf("%s#%d", in.Doc.ID, st.eventSeq)
	}
	return evs
}

func entityID(e *actor.Entity) int {
	if e == nil {
		return -1
	}
	return e.ID
}

// sameSide reports whether two actors are one side: the same country or
// organisation, and the same role or one of them with none (a country and
// its own government).
func sameSide(a, b *actor.Entity) bool {
	return a.Country == b.Country && a.Org == b.Org && (sameFirstRole(a, b) || len(a.Roles) == 0 || len(b.Roles) == 0)
}

func sameFirstRole(a, b *actor.Entity) bool {
	ra, rb := "", ""
	if len(a.Roles) > 0 {
		ra = a.Roles[0]
	}
	if len(b.Roles) > 0 {
		rb = b.Roles[0]
	}
	return ra == rb
}

func speakerGroup(args []arg, e *actor.Entity) *actor.Group {
	for _, a := range args {
		for _, m := range a.g.Entities() {
			if m == e {
				return a.g
			}
		}
	}
	return nil
}

// inverted reports whether the subject stands after the auxiliary, as in
// "a-t-elle souligné" or "a déclaré le porte-parole": the reported content
// then comes before.
func (c *Coder) inverted(toks []event.Token, subj *actor.Group, h hit) bool {
	if subj.Start == 0 || subj.Anaphor != "pronoun" {
		return false
	}
	for j := subj.Start - 1; j >= 0 && j >= subj.Start-2; j-- {
		if toks[j].Kind == event.Punct {
			return toks[j].Text == "," || toks[j].Text == "»" || toks[j].Text == "\"" || toks[j].Text == "'"
		}
	}
	return false
}

// reverse gives the code of the other side of a directed meeting code.
func reverse(code string) string {
	switch code {
	case "042":
		return "043"
	case "043":
		return "042"
	}
	return code
}

// meetCode resolves a meeting into a visit (042), a hosting (043) or a
// meeting at a third place (044) from where it happened.
func (c *Coder) meetCode(st *state, code string, src, tgt *actor.Entity, t *Trigger, modality string) string {
	if t.Opts["meet"] && (code == "040" || code == "042" || code == "043" || code == "046") && st.place != nil && st.place.Country != "" && tgt != nil {
		switch pc := st.place.Country; {
		case pc == src.Country && pc != tgt.Country:
			code = "043"
		case pc == tgt.Country && pc != src.Country:
			code = "042"
		case code == "040" && src.Country != "" && tgt.Country != "" && pc != src.Country && pc != tgt.Country:
			code = "044"
		}
	}
	return c.intentCode(code, t, modality)
}

// intentCode maps an action announced for the future to its intent code.
func (c *Coder) intentCode(code string, t *Trigger, modality string) string {
	if modality != event.Intent {
		return code
	}
	if t.Intent != "" {
		return t.Intent
	}
	switch code[:2] {
	case "04":
		return "036"
	case "05":
		return "032"
	case "06":
		return "031"
	case "07":
		if code == "073" {
			return "0333"
		}
		return "033"
	case "08":
		return "035"
	}
	return code
}

// prepOf returns the grammar class of the preposition governing the group
// that starts at token i.
func (c *Coder) prepOf(lang string, toks []event.Token, i int) string {
	g := c.Triggers.Grammar
	classes := []string{"by", "with", "against", "between", "to", "place", "from", "prep"}
	check := func(w string) string {
		for _, cl := range classes {
			if g.Is(lang, cl, w) {
				return cl
			}
		}
		return ""
	}
	// contracted forms that are both a preposition and a determiner ("du",
	// "des"), unless they open the sentence or follow a preposition, where
	// they are articles ("Des rebelles ont ...", "par des rebelles")
	if p := check(low(toks[i])); p != "" && g.Is(lang, "contracted", low(toks[i])) {
		if i == 0 {
			return ""
		}
		if q := check(c.lowCap(lang, toks[i-1])); q != "" {
			return q
		}
		return p
	}
	if i == 0 {
		return ""
	}
	p := check(c.lowCap(lang, toks[i-1]))
	if p == "from" && i >= 2 && g.Is(lang, "quantity", low(toks[i-2])) {
		return "" // "des dizaines de manifestants": a quantity, not a complement
	}
	return p
}

// clauseStart returns the first token of the clause that holds token i.
func (c *Coder) clauseStart(toks []event.Token, i int, lang string) int {
	for j := i - 1; j >= 0; j-- {
		t := toks[j]
		if t.Kind == event.Punct && (t.Text == ";" || t.Text == ":" || t.Text == "«" || t.Text == "»" || t.Text == "\"" || t.Text == "'" || t.Text == "(" || t.Text == ")") {
			return j + 1
		}
		if c.Triggers.Grammar.Is(lang, "clause", low(t)) {
			return j + 1
		}
		if j > 0 && toks[j-1].Text == "," && c.KB.Is(lang, "coord", t.Norm) {
			return j + 1 // ", et le président grec a condamné": a new clause
		}
	}
	return 0
}

// subject returns the nearest actor group before the trigger in its clause
// that no preposition governs.
func (c *Coder) subject(st *state, toks []event.Token, args []arg, h hit, lang string) *arg {
	start := c.clauseStart(toks, h.start, lang)
	for i := len(args) - 1; i >= 0; i-- {
		a := &args[i]
		if a.g.End > h.start || a.g.Start < start {
			continue
		}
		if a.prep != "" || len(a.g.Entities()) == 0 || a.g.Adj && !h.t.Opts["passive"] {
			continue
		}
		return a
	}
	return nil
}

// after returns the first actor group after the trigger, in the same
// sentence, that no preposition governs (a post-posed subject).
func (c *Coder) after(toks []event.Token, args []arg, h hit, lang string, sameClause bool) *arg {
	for i := range args {
		a := &args[i]
		if a.g.Start < h.end || a.prep != "" || a.g.Adj || len(a.g.Entities()) == 0 {
			continue
		}
		if sameClause && c.clauseStart(toks, a.g.Start, lang) > h.start {
			return nil
		}
		return a
	}
	return nil
}

// afterPrep returns the first group after the trigger governed by a
// preposition of the class, within a few tokens.
func (c *Coder) afterPrep(toks []event.Token, args []arg, h hit, class string) *arg {
	for i := range args {
		a := &args[i]
		if a.g.Start < h.end || a.g.Start > h.end+8 {
			continue
		}
		if a.prep == class && len(a.g.Entities()) > 0 {
			return a
		}
	}
	return nil
}

// agentAfter finds the agent of a hostile act named after it: the group
// after "par", else a genitive complement ("le blocus des États-Unis").
func (c *Coder) agentAfter(toks []event.Token, args []arg, h hit, lang string) *arg {
	end := len(toks)
	for i := range args {
		a := &args[i]
		if a.g.Start < h.end || a.g.Start >= end || len(a.g.Entities()) == 0 {
			continue
		}
		if a.prep == "by" || a.prep == "from" && a.g.Start <= h.end+2 {
			return a
		}
	}
	for i := range args {
		a := &args[i]
		if a.g.Start >= h.end && a.g.Start <= h.end+6 && a.prep == "" && len(a.g.Entities()) > 0 && !a.g.Place {
			return a
		}
	}
	return nil
}

// target chooses the target among the groups after the trigger.
func (c *Coder) target(st *state, toks []event.Token, args []arg, h hit, lang string, srcs []*actor.Entity) *arg {
	t := h.t
	isSrc := func(a *arg) bool {
		for _, e := range a.g.Entities() {
			for _, s := range srcs {
				if e == s || sameSide(e, s) {
					return true // the source itself, or its own side
				}
			}
		}
		return false
	}
	var order []string
	switch {
	case t.Opts["crit"]:
		order = []string{"by", "from", "", "to", "with", "place"}
	case t.Opts["meet"] || t.Opts["recip"]:
		order = []string{"with", "between", "", "to", "by", "from"}
	case t.Opts["visit"]:
		order = []string{"place", "to", "", "with"}
	case t.Code[:2] == "15":
		// force posture: its object is the force itself ("desplegó
		// tropas"); the target is whom it is aimed at
		order = []string{"against", "to", "prep", ""}
	default:
		order = []string{"", "to", "against", "with", "from", "by", "place", "between", "prep"}
	}
	limit := len(toks)
	if t.Opts["noun"] {
		limit = min(limit, h.end+3) // "la visite de X", "l'aide à X"
	}
	for i := h.end; i < len(toks); i++ {
		if toks[i].Kind == event.Punct && (toks[i].Text == ";" || toks[i].Text == "«" || toks[i].Text == "»") ||
			c.Triggers.Grammar.Is(lang, "clause", low(toks[i])) {
			limit = i
			break
		}
	}
	for _, p := range order {
		for i := range args {
			a := &args[i]
			if a.g.Start <= h.start || a.g.Start >= limit || a.prep != p || isSrc(a) || len(a.g.Entities()) == 0 {
				continue // (a target may stand inside a gap of the pattern: "menacé Taïwan de représailles")
			}
			if a.g.Place && p == "place" && !t.Opts["visit"] && !t.Opts["meet"] && !aimsAtPlace(t.Code) {
				continue // a place where the act happened is no target
			}
			if a.g.Anaphor == "possessive" {
				continue
			}
			if t.Code[:2] == "15" && len(srcs) > 0 && a.g.Country == srcs[0].Country {
				continue // its own forces are what is deployed, not a target
			}
			return a
		}
	}
	// Past the clause, an explicit opponent still is the target: "..., que
	// incluye ..., para protestar contra el gobierno".
	for i := range args {
		a := &args[i]
		if a.g.Start >= limit && a.prep == "against" && !isSrc(a) && len(a.g.Entities()) > 0 {
			return a
		}
	}
	return nil
}

// aimsAtPlace reports whether a code's acts aim at the country where they
// happen: a protest in Beijing is against China, fire "at Russia" or a
// bombing "in Syria" hits them.
func aimsAtPlace(code string) bool {
	switch code[:2] {
	case "14", "18", "19", "20":
		return true
	}
	return false
}

// members returns the entities of a group and of the groups coordinated
// with it.
func (c *Coder) members(args []arg, a *arg) []*actor.Entity {
	var out []*actor.Entity
	add := func(es []*actor.Entity) {
		for _, e := range es {
			dup := false
			for _, o := range out {
				dup = dup || o == e
			}
			if !dup {
				out = append(out, e)
			}
		}
	}
	if a.g.Coord < 0 {
		add(a.g.Entities())
		return out
	}
	for _, b := range args {
		if b.g.Coord == a.g.Coord {
			add(b.g.Entities())
		}
	}
	return out
}

// ownSide reports whether the actors are the speaker's own side (its
// country as a whole or its government): "la Russie continuera ..." said by
// a Russian minister.
func (c *Coder) ownSide(es, speaker []*actor.Entity) bool {
	for _, e := range es {
		for _, s := range speaker {
			if e == s {
				return true
			}
			if e.Country != "" && e.Country == s.Country && (e.Generic || len(e.Roles) == 0) {
				return true
			}
		}
	}
	return false
}

// inConcession reports whether the trigger stands in a concessive phrase
// ("malgré le blocus, ...").
func (c *Coder) inConcession(toks []event.Token, h hit, lang string) bool {
	for j := h.start - 1; j >= 0 && j >= h.start-30; j-- {
		if toks[j].Text == "," || toks[j].Text == ";" {
			return false
		}
		if c.Triggers.Grammar.Is(lang, "concessive", low(toks[j])) {
			return true
		}
	}
	return false
}

// modality reads negation, future and conditional around the trigger.
func (c *Coder) modality(toks []event.Token, h hit, lang string, t *Trigger) string {
	g := c.Triggers.Grammar
	from := max(h.start-4, 0)
	if s := c.clauseStart(toks, h.start, lang); s > from {
		from = s
	}
	for j := from; j < h.start; j++ {
		n := low(toks[j])
		if g.Is(lang, "neg", n) {
			return event.Negated
		}
		if g.Is(lang, "negpre", n) {
			for k := j + 1; k < min(h.end+3, len(toks)); k++ {
				if g.Is(lang, "negpost", low(toks[k])) {
					return event.Negated
				}
			}
		}
	}
	if t.Opts["intent"] {
		return event.Intent
	}
	for j := from; j < h.end; j++ {
		n := toks[j].Norm
		if toks[j].Kind != event.Word {
			continue
		}
		if g.Is(lang, "cond", low(toks[j])) || g.HasSuffix(lang, "condsuf", n) {
			return event.Hypothetical
		}
		if g.Is(lang, "future", low(toks[j])) || g.HasSuffix(lang, "futsuf", n) {
			return event.Intent
		}
	}
	return event.Asserted
}

// sentenceTime updates the current date from the sentence's temporal
// expressions; a sentence without one keeps the date of the one before.
func (c *Coder) sentenceTime(st *state, s *event.Sentence) {
	in := st.in
	if s.Index < len(in.Times) {
		for _, te := range in.Times[s.Index] {
			if !te.Date.IsZero() {
				st.date, st.basis = te.Date, te.Basis
				return
			}
		}
	}
}

// placeCountry returns the country of the places the document names most
// often after a place preposition (the first on a tie), or "".
func (c *Coder) placeCountry(in *Input, hits [][]hit, gaz []*gazPlace) string {
	count := map[string]int{}
	best := ""
	for i := range in.Sentences {
		st := &state{in: in, gaz: gaz}
		s := &in.Sentences[i]
		c.sentencePlace(st, s, nil, c.firstVerbal(hits[i]))
		if st.place == nil || st.place.Country == "" {
			continue
		}
		pc := st.place.Country
		count[pc]++
		if best == "" || count[pc] > count[best] {
			best = pc
		}
	}
	return best
}

// sentencePlace updates the current place from a place named in the
// sentence ("à Moscou", "en Tunisie").
func (c *Coder) sentencePlace(st *state, s *event.Sentence, args []arg, verbal int) {
	toks := s.Tokens
	if in := st.in; in.Dateline != nil && s.Span[1] <= in.Dateline[0] {
		return // a headline before the dateline summarises: it sets no scene
	}
	sub := c.firstClauseWord(toks, st.in.Lang) // tokens past it are in a subordinate clause
	for _, a := range args {
		if a.g.Start > sub || a.g.Start > verbal {
			// "que nous célébrerons en Russie", "a condamné l'attentat
			// perpétré à Afrin": what is talked about, not where
			continue
		}
		if c.inPlace(st.in.Lang, toks, a) && (a.g.Place || a.g.Kind == actor.KSeat) && a.g.Country != "" && !qualifies(args, a) {
			name := event.TokensText(toks[a.g.HeadStart:a.g.End])
			p := event.Place{Text: name, Country: a.g.Country}
			if c.Places != nil {
				// The longest gazetteer name from the head: "Santiago de
				// Cuba" is not Santiago.
				for n := min(5, len(toks)-a.g.HeadStart); n >= 1; n-- {
					long := event.TokensText(toks[a.g.HeadStart : a.g.HeadStart+n])
					if gp, ok := c.Places.Lookup(long); ok && (n > a.g.End-a.g.HeadStart || long == name) {
						p = gp
						p.Text = long
						break
					}
				}
			}
			if p.Name == "" {
				p.Name = name
			}
			st.setPlace(&p, s.Index, a.g.Start)
			return
		}
	}
	var g gazPlace
	if st.gaz != nil && st.gaz[s.Index] != nil {
		g = *st.gaz[s.Index]
	} else {
		g = c.gazetteerPlace(st.in.Lang, toks, sub, verbal)
		if st.gaz != nil {
			st.gaz[s.Index] = &g
		}
	}
	if g.ok {
		p := g.place
		st.setPlace(&p, s.Index, g.tok)
	}
}

// gazPlace is the gazetteer place a sentence names, if any.
type gazPlace struct {
	place event.Place
	tok   int
	ok    bool
}

// gazetteerPlace finds a gazetteer place after a place preposition ("à
// Afrin", "in Charlevoix"), before the subordinate clause and the first
// verbal trigger.
func (c *Coder) gazetteerPlace(lang string, toks []event.Token, sub, verbal int) gazPlace {
	if c.Places == nil {
		return gazPlace{}
	}
	for i := 0; i+1 < len(toks); i++ {
		if !c.Triggers.Grammar.Is(lang, "place", c.lowCap(lang, toks[i])) || i > sub || i > verbal {
			continue
		}
		j := i + 1
		if j < len(toks) && c.KB.Is(lang, "det", toks[j].Norm) {
			j++
		}
		for n := min(4, len(toks)-j); n >= 1; n-- {
			if !toks[j].Cap {
				break
			}
			name := event.TokensText(toks[j : j+n])
			if p, ok := c.Places.Lookup(name); ok {
				p.Text = name
				return gazPlace{place: p, tok: i, ok: true}
			}
		}
	}
	return gazPlace{}
}

// framing reports whether a framing trigger stands in a framing phrase
// ("lors d'une réunion", "au cours de l'entretien", "during talks"): a
// preposition of place, time or origin just before it. A verb of the same
// pattern ("met ... to discuss") is no frame.
func (c *Coder) framing(toks []event.Token, h hit, lang string) bool {
	if !h.t.Opts["frame"] {
		return false
	}
	g := c.Triggers.Grammar
	for j := h.start - 1; j >= 0 && j >= h.start-3; j-- {
		w := c.lowCap(lang, toks[j])
		if g.Is(lang, "prep", w) || g.Is(lang, "place", w) || g.Is(lang, "from", w) {
			return true
		}
	}
	return false
}

// hasComma reports whether a comma stands among toks[from:to].
func hasComma(toks []event.Token, from, to int) bool {
	for i := from; i < to && i < len(toks); i++ {
		if toks[i].Text == "," {
			return true
		}
	}
	return false
}

// firstVerbal returns the first token of the first verbal trigger (a
// statement, appeal, criticism ...), or a number past every token.
func (c *Coder) firstVerbal(hits []hit) int {
	for _, h := range hits {
		if h.t.Opts["speech"] || verbalRoot(h.t.Code[:2]) {
			return h.start
		}
	}
	return 1 << 30
}

// firstClauseWord returns the index of the first clause word (que, qui,
// lesquels, that ...) of a sentence, or its length: the tokens after it
// stand in a subordinate clause.
func (c *Coder) firstClauseWord(toks []event.Token, lang string) int {
	for j, t := range toks {
		if c.Triggers.Grammar.Is(lang, "clause", low(t)) {
			return j
		}
	}
	return len(toks)
}

// qualifies reports whether a place phrase qualifies the actor right
// before it ("the US commander in Iraq", "l'ambassadeur de Russie à Cuba"):
// it is where the actor serves, not where the event happens.
func qualifies(args []arg, a arg) bool {
	for _, b := range args {
		if b.g != a.g && (b.g.End == a.g.Start-1 || b.g.End == a.g.Start && a.prep != "") && b.g.Kind == actor.KRole {
			return true
		}
	}
	return false
}

// inPlace reports whether a group is governed by a place preposition ("à
// Moscou", "au Palais de la Révolution", "en Tunisie").
func (c *Coder) inPlace(lang string, toks []event.Token, a arg) bool {
	g := c.Triggers.Grammar
	if a.prep == "place" {
		return true
	}
	if a.prep != "to" {
		return false
	}
	if t := toks[a.g.Start]; g.Is(lang, "contracted", low(t)) {
		return g.Is(lang, "place", low(t))
	}
	return a.g.Start > 0 && g.Is(lang, "place", c.lowCap(lang, toks[a.g.Start-1]))
}

// lowCap is low, except for a capital whose accent the typography dropped
// ("A Beyrouth, ..." for "À Beyrouth"): grammar.tsv's "capital" class maps
// it back.
func (c *Coder) lowCap(lang string, t event.Token) string {
	if w, ok := c.Triggers.Grammar.Capital(lang, t.Text); ok {
		return w
	}
	return low(t)
}

// low is a token in lower case with its accents: what grammar words match.
func low(t event.Token) string { return strings.ToLower(t.Text) }

// Mention is one actor mention of a document, as `dyad actors` lists it.
type Mention struct {
	Doc      string     `json:"doc"`
	Sentence int        `json:"sentence"`
	Span     event.Span `json:"span"`
	Text     string     `json:"text"`
	Code     string     `json:"code"`
	Country  string     `json:"country"`
	Org      string     `json:"org"`
	Roles    []string   `json:"roles"`
	Name     string     `json:"name"`
	Kind     string     `json:"kind"` // what named it: role, person, country, anaphor ...
	Rule     string     `json:"rule,omitempty"`
}

// Actors lists the actor mentions of a document, resolved as the coder
// resolves them when it codes the document (anaphora and name variants
// included). A mention that stands for several actors ("les deux
// fonctionnaires") is listed once per actor.
func (c *Coder) Actors(in *Input) []Mention {
	_, ms := c.CodeActors(in)
	return ms
}
