package eval

import (
	"strings"
	"testing"

	"dyad/event"
)

// FuzzReadGold: any input gives documents or an error, never a panic, and
// documents read without error score without panicking.
func FuzzReadGold(f *testing.F) {
	f.Add(goodLine)
	f.Add(goodLine + "\n" + strings.Replace(goodLine, `"id": "a"`, `"id": "b"`, 1))
	f.Add(`{"id": "x", "text": "", "events": [{"anchor": "", "source": {}, "target": null, "codes": ["01"], "dates": [], "required": true}]}`)
	f.Add("{}\n\n[1,2]\nnull")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadGold(strings.NewReader(in), "f.jsonl")
		if err != nil {
			if docs != nil {
				t.Fatal("documents returned with an error")
			}
			return
		}
		preds := map[string][]event.Event{}
		for _, d := range docs {
			if d.Origin == "" || d.ID == "" {
				t.Fatalf("document without origin or id: %+v", d)
			}
			preds[d.ID] = []event.Event{{Span: event.Span{0, len(d.Text)}, Code: "042", Modality: event.Asserted}}
		}
		rep := Score(docs, preds)
		if rep.Overall.Documents != len(docs) {
			t.Fatalf("%d documents scored, %d read", rep.Overall.Documents, len(docs))
		}
	})
}
