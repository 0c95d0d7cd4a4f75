package pipeline_test

import (
	"os"
	"path/filepath"
	"testing"

	"dyad/eval"
	"dyad/event"
	"dyad/pipeline"
)

// goldFloor is what the coder reached on the shared gold files when this
// guard was written: a regression guard, not a tuning target. The figures
// are measured with `dyad eval` (see docs/performance.md and the issue
// notes); raise a floor when the coder gets better.
var goldFloor = map[string]struct {
	precision, recall, f1 float64
	date, location, name  float64 // accuracies on matched events; 0: not guarded
}{
	"fr-seed.jsonl": {precision: 0.9, recall: 1.0, f1: 0.95, date: 1, location: 1, name: 1},
	"fr-dev.jsonl":  {precision: 0.84, recall: 0.87, f1: 0.86, date: 0.95, location: 0.9, name: 0.75},
	"en-dev.jsonl":  {f1: 0.26},     // a loose reference (PETRARCH-2 codings)
	"es-dev.jsonl":  {recall: 0.10}, // only the events its annotators chose: recall matters
}

// TestSharedGold codes the shared gold files (when ../shared is there) and
// fails if a figure falls below its floor.
func TestSharedGold(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "gold")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no shared gold files at %s: %v", dir, err)
	}
	p := newPipeline(t)
	for name, floor := range goldFloor {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, name))
			if err != nil {
				t.Skipf("%v", err)
			}
			defer f.Close()
			docs, err := eval.ReadGold(f, name)
			if err != nil {
				t.Fatal(err)
			}
			preds := map[string][]event.Event{}
			for _, d := range docs {
				res, err := p.Code(event.Document{ID: d.ID, Text: d.Text, Published: d.Published, Lang: d.Lang}, pipeline.Options{})
				if err != nil {
					continue // the gold's deliberately uncodable documents
				}
				preds[d.ID] = res.Events
			}
			fig := eval.Score(docs, preds).Overall
			dr := fig.DyadRoot
			t.Logf("%s: dyad+root P %.3f R %.3f F1 %.3f; date %.3f location %.3f name %.3f",
				name, dr.Precision(), dr.Recall(), dr.F1(), fig.DateAcc.Value(), fig.LocAcc.Value(), fig.NameAcc.Value())
			check := func(what string, got, min float64) {
				if min > 0 && got < min-1e-9 {
					t.Errorf("%s %s = %.3f, below the floor %.3f", name, what, got, min)
				}
			}
			check("precision", dr.Precision(), floor.precision)
			check("recall", dr.Recall(), floor.recall)
			check("F1", dr.F1(), floor.f1)
			check("date accuracy", fig.DateAcc.Value(), floor.date)
			check("location accuracy", fig.LocAcc.Value(), floor.location)
			check("name accuracy", fig.NameAcc.Value(), floor.name)
		})
	}
}
