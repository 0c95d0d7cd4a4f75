package coder

import (
	"fmt"
	"io"

	"dyad/actor"
)

// Trace writes, for each sentence, the actor groups and triggers the coder
// sees. It re-runs the actor resolution on its own document state.
func (c *Coder) Trace(w io.Writer, in *Input) {
	doc := c.KB.NewDoc(in.Lang, in.Ref)
	doc.Prescan(in.Sentences)
	for i := range in.Sentences {
		s := &in.Sentences[i]
		fmt.Fprintf(w, "[%d] %s\n", s.Index, s.Text)
		for _, g := range doc.Groups(s) {
			ents := ""
			for _, e := range g.Entities() {
				ents += fmt.Sprintf(" #%d(%s)", e.ID, actor.ActorOf(e).Code+"/"+e.Name)
			}
			fmt.Fprintf(w, "   group %q kind=%s prep=%q coord=%d ana=%q ->%s\n", text(s.Tokens[g.Start:g.End]), g.Kind, c.prepOf(in.Lang, s.Tokens, g.Start), g.Coord, g.Anaphor, ents)
		}
		for _, h := range c.Triggers.find(s.Tokens, in.Lang) {
			fmt.Fprintf(w, "   trigger %q %s %s\n", text(s.Tokens[h.start:h.end]), h.t.Code, h.t.Rule)
		}
	}
}
