package eval

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dyad/cameo"
	"dyad/event"
)

// PRF counts one precision/recall pair. Matched predictions equal matched
// required gold events, since matching is one-to-one.
type PRF struct {
	Matched   int // predictions matched to a required gold event
	Predicted int // scored predictions, less those absorbed by optional events
	Required  int // required gold events
}

// Precision is Matched/Predicted, 0 when nothing was predicted.
func (p PRF) Precision() float64 { return ratio(p.Matched, p.Predicted) }

// Recall is Matched/Required, 0 when nothing is required.
func (p PRF) Recall() float64 { return ratio(p.Matched, p.Required) }

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

// MarshalJSON writes {precision, recall, f1, matched, predicted, required}.
func (p PRF) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
		Matched   int     `json:"matched"`
		Predicted int     `json:"predicted"`
		Required  int     `json:"required"`
	}{p.Precision(), p.Recall(), p.F1(), p.Matched, p.Predicted, p.Required})
}

// Ratio is an accuracy: Correct out of Total.
type Ratio struct {
	Correct, Total int
}

// Value is Correct/Total, 0 when Total is 0.
func (r Ratio) Value() float64 { return ratio(r.Correct, r.Total) }

// MarshalJSON writes {accuracy, correct, total}.
func (r Ratio) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Accuracy float64 `json:"accuracy"`
		Correct  int     `json:"correct"`
		Total    int     `json:"total"`
	}{r.Value(), r.Correct, r.Total})
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Figures are the scores of a set of documents.
type Figures struct {
	Documents int   `json:"documents"`
	DyadRoot  PRF   `json:"dyad_root"`         // source, target and CAMEO root agree
	Code      PRF   `json:"code"`              // ... and the exact code is accepted
	RoleAcc   Ratio `json:"role_accuracy"`     // first role among the gold roles, source and target each
	DateAcc   Ratio `json:"date_accuracy"`     // date among the gold dates
	LocAcc    Ratio `json:"location_accuracy"` // location country equals the gold location
	NameAcc   Ratio `json:"name_accuracy"`     // name equal after folding, or same surname
	SetAside  int   `json:"set_aside"`         // negated or hypothetical predictions, not scored
	Absorbed  int   `json:"absorbed"`          // predictions matched to optional gold events
}

// Add accumulates o into f.
func (f *Figures) Add(o Figures) {
	f.Documents += o.Documents
	f.DyadRoot.add(o.DyadRoot)
	f.Code.add(o.Code)
	f.RoleAcc.add(o.RoleAcc)
	f.DateAcc.add(o.DateAcc)
	f.LocAcc.add(o.LocAcc)
	f.NameAcc.add(o.NameAcc)
	f.SetAside += o.SetAside
	f.Absorbed += o.Absorbed
}

func (p *PRF) add(o PRF) {
	p.Matched += o.Matched
	p.Predicted += o.Predicted
	p.Required += o.Required
}

func (r *Ratio) add(o Ratio) {
	r.Correct += o.Correct
	r.Total += o.Total
}

func (r *Ratio) count(ok bool) {
	r.Total++
	if ok {
		r.Correct++
	}
}

// DocFigures are one document's scores.
type DocFigures struct {
	ID      string  `json:"id"`
	Origin  string  `json:"origin,omitempty"`
	Figures Figures `json:"figures"`
}

// Miss is a required gold event no prediction matched (Gold set), or a
// scored prediction that matched nothing (Pred set), with its sentence.
type Miss struct {
	Doc      string       `json:"doc"`
	Origin   string       `json:"origin,omitempty"`
	Sentence string       `json:"sentence"`
	Gold     *GoldEvent   `json:"gold,omitempty"`
	Pred     *event.Event `json:"predicted,omitempty"`
	Trigger  string       `json:"trigger,omitempty"` // the prediction's trigger words
}

// Report is the outcome of scoring.
type Report struct {
	Overall     Figures      `json:"overall"`
	ByDoc       []DocFigures `json:"by_doc"`
	Misses      []Miss       `json:"misses"`
	FalseAlarms []Miss       `json:"false_alarms"`
	GoldErrors  []error      `json:"-"` // gold events left out of scoring: see GoldDoc.Check
}

// Score matches predictions (keyed by document id) against the gold
// documents as shared/gold/README.md says, taking each document's
// predictions in the order given. Gold events whose anchor is not
// found exactly once (an empty text has none) are left out of every count
// and reported in GoldErrors. Predictions for documents not in docs are ignored.
func Score(docs []GoldDoc, preds map[string][]event.Event) Report {
	rep := Report{ByDoc: []DocFigures{}, Misses: []Miss{}, FalseAlarms: []Miss{}}
	for i := range docs {
		d := &docs[i]
		f := scoreDoc(d, preds[d.ID], &rep)
		rep.ByDoc = append(rep.ByDoc, DocFigures{ID: d.ID, Origin: d.Origin, Figures: f})
		rep.Overall.Add(f)
	}
	return rep
}

// gold is a gold event prepared for matching.
type gold struct {
	ev      *GoldEvent
	anchor  event.Span
	roots   []string
	matched bool
}

func scoreDoc(d *GoldDoc, preds []event.Event, rep *Report) Figures {
	f := Figures{Documents: 1}
	var golds []*gold
	for i := range d.Events {
		e := &d.Events[i]
		sp, err := anchorSpan(d.Text, e.Anchor)
		if err != nil {
			rep.GoldErrors = append(rep.GoldErrors, &GoldError{Origin: d.origin(), Event: i + 1, Msg: err.Error()})
			continue
		}
		g := &gold{ev: e, anchor: event.Span(sp)}
		for _, c := range e.Codes {
			if r := cameo.Root(c); r != "" && !slices.Contains(g.roots, r) {
				g.roots = append(g.roots, r)
			}
		}
		golds = append(golds, g)
		if e.Required {
			f.DyadRoot.Required++
			f.Code.Required++
		}
	}
	for pi := range preds {
		p := &preds[pi]
		if p.Modality == event.Negated || p.Modality == event.Hypothetical {
			f.SetAside++
			continue
		}
		g := bestCandidate(golds, p)
		if g == nil {
			f.DyadRoot.Predicted++
			f.Code.Predicted++
			rep.FalseAlarms = append(rep.FalseAlarms, Miss{Doc: d.ID, Origin: d.Origin,
				Sentence: predSentence(d.Text, p), Pred: p, Trigger: triggerText(d.Text, p)})
			continue
		}
		g.matched = true
		if !g.ev.Required {
			f.Absorbed++
			continue
		}
		f.DyadRoot.Predicted++
		f.Code.Predicted++
		f.DyadRoot.Matched++
		if codeAccepted(g.ev.Codes, p.Code, predRoot(p)) {
			f.Code.Matched++
		}
		accuracies(&f, g.ev, p)
	}
	for _, g := range golds {
		if g.ev.Required && !g.matched {
			rep.Misses = append(rep.Misses, Miss{Doc: d.ID, Origin: d.Origin,
				Sentence: goldSentence(d.Text, g.anchor, preds), Gold: g.ev})
		}
	}
	return f
}

// bestCandidate picks, among the unmatched gold events the prediction can
// match, one with an exact accepted code, then a required one, then the
// first in gold order.
func bestCandidate(golds []*gold, p *event.Event) *gold {
	root := predRoot(p)
	var best *gold
	bestRank := -1
	for _, g := range golds {
		if g.matched || !p.Span.Contains(g.anchor) || !slices.Contains(g.roots, root) ||
			!actorAgrees(&g.ev.Source, &p.Source) || !targetAgrees(g.ev.Target, p.Target) {
			continue
		}
		rank := 0
		if codeAccepted(g.ev.Codes, p.Code, root) {
			rank += 2
		}
		if g.ev.Required {
			rank++
		}
		if rank > bestRank {
			best, bestRank = g, rank
		}
	}
	return best
}

func predRoot(p *event.Event) string {
	if p.Root != "" {
		return p.Root
	}
	return cameo.Root(p.Code)
}

// codeAccepted: the code is listed, or a listed root-only code is its root.
func codeAccepted(codes []string, code, root string) bool {
	for _, c := range codes {
		if c == code || (len(c) == 2 && c == root) {
			return true
		}
	}
	return false
}

// actorAgrees: "any" accepts anything; a gold org wants that org; a gold
// country wants that country and no org; a gold actor with neither accepts
// any actor.
func actorAgrees(g *GoldActor, p *event.Actor) bool {
	switch {
	case g.Any:
		return true
	case p == nil:
		return false
	case g.Org != "":
		return p.Org == g.Org
	case g.Country != "":
		return p.Org == "" && p.Country == g.Country
	default:
		return true
	}
}

// targetAgrees: a null gold target accepts any target or none.
func targetAgrees(g *GoldActor, p *event.Actor) bool {
	if g == nil {
		return true
	}
	return actorAgrees(g, p)
}

func accuracies(f *Figures, g *GoldEvent, p *event.Event) {
	roleOK := func(ga *GoldActor, pa *event.Actor) {
		if ga == nil || len(ga.Roles) == 0 {
			return
		}
		f.RoleAcc.count(pa != nil && len(pa.Roles) > 0 && slices.Contains(ga.Roles, pa.Roles[0]))
	}
	nameOK := func(ga *GoldActor, pa *event.Actor) {
		if ga == nil || ga.Name == "" {
			return
		}
		f.NameAcc.count(pa != nil && SameName(pa.Name, ga.Name))
	}
	roleOK(&g.Source, &p.Source)
	roleOK(g.Target, p.Target)
	nameOK(&g.Source, &p.Source)
	nameOK(g.Target, p.Target)
	if len(g.Dates) > 0 {
		f.DateAcc.count(slices.Contains(g.Dates, p.Date))
	}
	if g.Location != "" {
		f.LocAcc.count(p.Location != nil && p.Location.Country == g.Location)
	}
}

// SameName reports whether a predicted name is the gold name: equal after
// folding accents and case, or with the same surname (last word).
func SameName(pred, gold string) bool {
	p, g := strings.Fields(fold(pred)), strings.Fields(fold(gold))
	if len(p) == 0 || len(g) == 0 {
		return false
	}
	return slices.Equal(p, g) || p[len(p)-1] == g[len(g)-1]
}

// fold lowers case and removes accents.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func inText(text string, sp event.Span) (string, bool) {
	if sp[0] < 0 || sp[0] > sp[1] || sp[1] > len(text) {
		return "", false
	}
	return text[sp[0]:sp[1]], true
}

func predSentence(text string, p *event.Event) string {
	if p.Text != "" {
		return p.Text
	}
	s, _ := inText(text, p.Span)
	return oneLine(s)
}

func triggerText(text string, p *event.Event) string {
	if p.Trigger == nil {
		return ""
	}
	s, _ := inText(text, *p.Trigger)
	return oneLine(s)
}

// goldSentence is the sentence holding the anchor: a prediction's sentence
// when one covers it, else the text between the nearest sentence breaks.
func goldSentence(text string, anchor event.Span, preds []event.Event) string {
	for i := range preds {
		if preds[i].Span.Contains(anchor) {
			return predSentence(text, &preds[i])
		}
	}
	// A single line break may be a broken line (PDF extraction); a blank
	// line ends a paragraph.
	start := 0
	for i := anchor[0] - 1; i > 0; i-- {
		if (text[i] == '\n' && text[i-1] == '\n') || (isStop(text[i-1]) && isSpace(text[i])) {
			start = i + 1
			break
		}
	}
	end := len(text)
	for i := anchor[1]; i < len(text); i++ {
		if text[i] == '\n' && i+1 < len(text) && text[i+1] == '\n' {
			end = i
			break
		}
		if isStop(text[i]) && (i+1 == len(text) || isSpace(text[i+1])) {
			end = i + 1
			break
		}
	}
	return oneLine(text[start:end])
}

func isStop(c byte) bool  { return c == '.' || c == '!' || c == '?' }
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
