package sink

import (
	"encoding/json"
	"io"

	"dyad/event"
)

// JSONL writes one JSON object per line, as event.schema.json says.
type JSONL struct{ enc *json.Encoder }

// NewJSONL returns a JSON Lines writer.
func NewJSONL(w io.Writer) *JSONL {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONL{enc: enc}
}

// Write writes one event.
func (s *JSONL) Write(_ event.Document, ev event.Event) error {
	ev.Source = schemaActor(ev.Source)
	if ev.Target != nil {
		t := schemaActor(*ev.Target)
		ev.Target = &t
	}
	return s.enc.Encode(ev)
}

// Close does nothing: every line is written whole.
func (s *JSONL) Close() error { return nil }

// schemaActor makes roles an array even when there are none: the schema has
// no null there.
func schemaActor(a event.Actor) event.Actor {
	if a.Roles == nil {
		a.Roles = []string{}
	}
	return a
}
