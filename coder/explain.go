package coder

import (
	"sort"
	"strings"

	"dyad/actor"
	"dyad/event"
)

// Explanation is what the coder saw in a document, for `dyad explain`.
type Explanation struct {
	Doc           string          `json:"doc"`
	Lang          string          `json:"lang"`
	Ref           string          `json:"dispatch_date"`
	RefBasis      string          `json:"dispatch_date_basis"`
	DatelinePlace string          `json:"dateline_place,omitempty"`
	Sentences     []SentenceTrace `json:"sentences"`
}

// SentenceTrace is one sentence as the coder read it.
type SentenceTrace struct {
	Index     int            `json:"index"`
	Text      string         `json:"text"`
	Date      string         `json:"date"`
	DateBasis string         `json:"date_basis"`
	Place     string         `json:"place,omitempty"`
	Tokens    []TokenTrace   `json:"tokens"`
	Actors    []ActorTrace   `json:"actors"`
	Triggers  []TriggerTrace `json:"triggers"`
	Events    []event.Event  `json:"events"`
}

// TokenTrace is a token and the form dictionaries match.
type TokenTrace struct {
	Text string `json:"text"`
	Norm string `json:"norm"`
}

// ActorTrace is an actor group of a sentence.
type ActorTrace struct {
	Text     string   `json:"text"`
	Kind     string   `json:"kind"`
	Codes    []string `json:"codes"`           // one per actor it stands for
	Names    []string `json:"names,omitempty"` //
	Position string   `json:"position"`        // subject, or the preposition class before it
	Anaphor  string   `json:"anaphor,omitempty"`
	Rule     string   `json:"rule,omitempty"` // the dictionary line of its head
}

// TriggerTrace is a trigger found in a sentence and what became of it.
type TriggerTrace struct {
	Text    string `json:"text"`
	Code    string `json:"code"`
	Rule    string `json:"rule"`
	Options string `json:"options,omitempty"`
	Events  int    `json:"events"`
	Outcome string `json:"outcome"` // why it coded nothing, "" when it coded
	start   int
}

func (tr *SentenceTrace) start(toks []event.Token, args []arg, hits []hit, raw string) {
	for _, t := range toks {
		tr.Tokens = append(tr.Tokens, TokenTrace{Text: t.Text, Norm: t.Norm})
	}
	for _, a := range args {
		at := ActorTrace{Text: event.TokensText(toks[a.g.Start:a.g.End]), Kind: a.g.Kind.String(), Position: a.prep,
			Anaphor: a.g.Anaphor, Rule: a.g.Rule}
		if at.Position == "" {
			at.Position = "subject/object"
		}
		for _, e := range a.g.Entities() {
			act := actor.ActorOf(e)
			at.Codes = append(at.Codes, act.Code)
			if act.Name != "" {
				at.Names = append(at.Names, act.Name)
			}
		}
		if len(at.Codes) == 0 {
			at.Codes = []string{}
		}
		tr.Actors = append(tr.Actors, at)
	}
	for _, h := range hits {
		var opts []string
		for o := range h.t.Opts {
			opts = append(opts, o)
		}
		if h.t.Intent != "" {
			opts = append(opts, "intent="+h.t.Intent)
		}
		sort.Strings(opts)
		tr.Triggers = append(tr.Triggers, TriggerTrace{Text: event.TokensText(toks[h.start:h.end]), Code: h.t.Code, Rule: h.t.Rule,
			Options: strings.Join(opts, ","), start: h.start})
	}
}

func (tr *SentenceTrace) finish(st *state, s *event.Sentence, evs []event.Event) {
	tr.Date, tr.DateBasis = st.date.String(), st.basis
	if st.place != nil {
		tr.Place = st.place.Name + " (" + st.place.Country + ")"
	}
	tr.Events = evs
	if tr.Events == nil {
		tr.Events = []event.Event{}
	}
	if tr.Tokens == nil {
		tr.Tokens = []TokenTrace{}
	}
	for i := range tr.Triggers {
		t := &tr.Triggers[i]
		if t.Events > 0 {
			t.Outcome = ""
		} else if t.Outcome == "" {
			t.Outcome = "no event"
		}
	}
}
