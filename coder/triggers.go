package coder

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"dyad/dict"
	"dyad/event"
)

// Trigger is one compiled line of a trigger dictionary: a pattern of word
// slots and the CAMEO code it signals.
type Trigger struct {
	Code   string
	Slots  []slot
	Opts   map[string]bool
	Intent string // the code to use when the action is announced, not done
	Rule   string // file:line
	Lang   string
}

// slot matches one token: any of its words, or a word starting with one of
// its prefixes; a gap slot matches up to gap tokens.
type slot struct {
	words    map[string]bool
	prefixes []string
	gap      int
}

func (s slot) match(t event.Token) bool {
	if s.words[t.Norm] {
		return true
	}
	for _, p := range s.prefixes {
		if strings.HasPrefix(t.Norm, p) {
			return true
		}
	}
	return false
}

// triggerOpts are the options a trigger line may carry.
var triggerOpts = map[string]string{
	"meet":    "a meeting: visit (042) or host (043) by where it happens",
	"recip":   "mutual: coded both ways between coordinated actors or with its partner",
	"visit":   "the source visits the place named after it (target: that place's country)",
	"crit":    "criticism: the target is the agent of what is criticised, never its victim",
	"passive": "the source is the agent after par/by/por, the target the subject",
	"from":    "the source follows de/from/de (a call received from X), the target is the subject",
	"frame":   "a framing noun (lors de la rencontre): its participants are the last pair",
	"speech":  "a verb of saying: not an event, it introduces reported content",
	"neg":     "a word of negative valence: in reported speech, the speaker criticises its agent",
	"pos":     "praise in reported speech: the speaker praises the clause's subject (Cuba est un partenaire prioritaire)",
	"notgt":   "coded without a target when none is found",
	"needtgt": "coded only with a target",
	"noun":    "a nominal trigger: needs an actor argument after it",
	"intent":  "an announcement: the action is intended, not done",
}

// Triggers is the compiled trigger dictionary of all languages.
type Triggers struct {
	byFirst map[string]map[string][]*Trigger // lang -> first word -> triggers
	byPre   map[string]map[string][]*Trigger // lang -> first two bytes of a prefix -> triggers whose first slot has it
	Grammar *Grammar
}

// Forms gives the folded inflected forms of a verb lemma in a language, or
// nil when the lemma is unknown: (*lang.Data).Forms.
type Forms func(lang, lemma string) []string

// LoadTriggers reads triggers/<lang>.tsv and triggers/grammar.tsv from an FS
// rooted at data/. A slot alternative written "@lemma" stands for every form
// forms gives for the lemma in the file's language; forms may be nil when no
// file uses "@".
func LoadTriggers(fsys fs.FS, valid func(code string) bool, fold func(string) []string, forms Forms) (*Triggers, error) {
	ts := &Triggers{byFirst: map[string]map[string][]*Trigger{}, byPre: map[string]map[string][]*Trigger{}}
	var errs []error
	g, err := loadGrammar(fsys, fold)
	if err != nil {
		errs = append(errs, err)
	}
	ts.Grammar = g
	entries, err := fs.ReadDir(fsys, "triggers")
	if err != nil {
		return nil, fmt.Errorf("triggers: %w", err)
	}
	for _, de := range entries {
		name := de.Name()
		if de.IsDir() || !strings.HasSuffix(name, ".tsv") || name == "grammar.tsv" {
			continue
		}
		lang := strings.TrimSuffix(name, ".tsv")
		lines, err := dict.ReadTSV(fsys, "triggers/"+name, 2, 3)
		if err != nil {
			errs = append(errs, err)
		}
		for _, l := range lines {
			t, err := compileTrigger(l, lang, valid, fold, forms)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ts.add(t)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return ts, nil
}

func compileTrigger(l dict.Line, lang string, valid func(string) bool, fold func(string) []string, forms Forms) (*Trigger, error) {
	t := &Trigger{Code: l.Fields[0], Rule: l.Rule(), Lang: lang, Opts: map[string]bool{}}
	if !valid(t.Code) {
		return nil, dict.Errorf(l, "unknown CAMEO code %q", t.Code)
	}
	for _, w := range strings.Fields(l.Fields[1]) {
		if w == "..." {
			t.Slots = append(t.Slots, slot{gap: 3})
			continue
		}
		s := slot{words: map[string]bool{}}
		for _, alt := range strings.Split(w, "|") {
			if alt == "" {
				continue
			}
			pre := strings.HasSuffix(alt, "*")
			if lemma, ok := strings.CutPrefix(alt, "@"); ok {
				if pre || lemma == "" {
					return nil, dict.Errorf(l, "slot %q: %q: want @ and a lemma, without *", w, alt)
				}
				var inflected []string
				if forms != nil {
					inflected = forms(lang, lemma)
				}
				if len(inflected) == 0 {
					return nil, dict.Errorf(l, "unknown lemma %q (not in lang/%s/verbs.tsv.gz)", lemma, lang)
				}
				for _, f := range inflected {
					// The forms are folded already; fold again so that they
					// meet token norms exactly as written words do.
					if parts := fold(f); len(parts) == 1 {
						s.words[parts[0]] = true
					}
				}
				continue
			}
			alt = strings.TrimSuffix(alt, "*")
			parts := fold(alt)
			if len(parts) != 1 {
				return nil, dict.Errorf(l, "slot %q: %q is not one word (use spaces between slots)", w, alt)
			}
			if pre {
				s.prefixes = append(s.prefixes, parts[0])
			} else {
				s.words[parts[0]] = true
			}
		}
		if len(s.words) == 0 && len(s.prefixes) == 0 {
			return nil, dict.Errorf(l, "empty slot %q", w)
		}
		t.Slots = append(t.Slots, s)
	}
	if len(t.Slots) == 0 || t.Slots[0].gap > 0 || t.Slots[len(t.Slots)-1].gap > 0 {
		return nil, dict.Errorf(l, "a pattern must start and end with a word")
	}
	if len(l.Fields) == 3 {
		for _, o := range strings.Split(l.Fields[2], ",") {
			o = strings.TrimSpace(o)
			if o == "" {
				continue
			}
			if code, ok := strings.CutPrefix(o, "intent="); ok {
				if !valid(code) {
					return nil, dict.Errorf(l, "unknown CAMEO code %q in intent=", code)
				}
				t.Intent = code
				continue
			}
			if _, ok := triggerOpts[o]; !ok {
				return nil, dict.Errorf(l, "unknown option %q", o)
			}
			t.Opts[o] = true
		}
	}
	return t, nil
}

func (ts *Triggers) add(t *Trigger) {
	if ts.byFirst[t.Lang] == nil {
		ts.byFirst[t.Lang] = map[string][]*Trigger{}
	}
	first := t.Slots[0]
	for w := range first.words {
		ts.byFirst[t.Lang][w] = append(ts.byFirst[t.Lang][w], t)
	}
	if ts.byPre[t.Lang] == nil {
		ts.byPre[t.Lang] = map[string][]*Trigger{}
	}
	seen := map[string]bool{}
	for _, p := range first.prefixes {
		k := preKey(p)
		if !seen[k] {
			seen[k] = true
			ts.byPre[t.Lang][k] = append(ts.byPre[t.Lang][k], t)
		}
	}
}

// hit is a trigger found in a sentence.
type hit struct {
	t          *Trigger
	start, end int // token indices [start, end)
	head       int // index of the first token (the verb or noun)
}

// find returns the triggers matched in toks, longest first at each start,
// without overlaps.
func (ts *Triggers) find(toks []event.Token, lang string) []hit {
	var hits []hit
	for i := 0; i < len(toks); {
		var best *hit
		try := func(t *Trigger) {
			if end, ok := matchSlots(t.Slots, toks, i); ok {
				if best == nil || end-i > best.end-best.start {
					best = &hit{t: t, start: i, end: end, head: i}
				}
			}
		}
		for _, t := range ts.byFirst[lang][toks[i].Norm] {
			try(t)
		}
		// prefix patterns are bucketed by their first two bytes; a
		// prefix shorter than that is in the "" bucket
		pre := ts.byPre[lang]
		for _, t := range pre[preKey(toks[i].Norm)] {
			try(t)
		}
		for _, t := range pre[""] {
			try(t)
		}
		if best != nil {
			hits = append(hits, *best)
			i = best.end
			continue
		}
		i++
	}
	return hits
}

// preKey is the bucket of a prefix or word: its first two bytes ("" when
// shorter).
func preKey(s string) string {
	if len(s) < 2 {
		return ""
	}
	return s[:2]
}

func matchSlots(slots []slot, toks []event.Token, i int) (int, bool) {
	if len(slots) == 0 {
		return i, true
	}
	s := slots[0]
	if s.gap > 0 {
		for g := 0; g <= s.gap && i+g <= len(toks); g++ {
			if g > 0 && isBoundary(toks[i+g-1]) {
				break
			}
			if end, ok := matchSlots(slots[1:], toks, i+g); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i >= len(toks) || !s.match(toks[i]) {
		return 0, false
	}
	return matchSlots(slots[1:], toks, i+1)
}

func isBoundary(t event.Token) bool {
	return t.Kind == event.Punct && (t.Text == "." || t.Text == ";")
}
