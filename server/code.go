package server

import (
	"context"

	"dyad/event"
	"dyad/pipeline"
	"dyad/store"
)

// Coder is what the server and the ingest command need of the pipeline.
type Coder interface {
	Code(doc event.Document, opt pipeline.Options) (pipeline.Result, error)
}

// CodeNew is CodeItem for a document st does not hold yet; a document whose
// text is stored is not coded again, and its item (without events) is
// counted as a duplicate when added.
func CodeNew(ctx context.Context, st store.Store, c Coder, doc event.Document, opt pipeline.Options) (store.Item, error) {
	seen, err := st.HasText(ctx, doc.Text)
	if err != nil {
		return store.Item{}, err
	}
	if seen {
		return store.Item{Doc: doc}, nil
	}
	return CodeItem(c, doc, opt)
}

// CodeItem codes doc for the store: its events, the spans of its sentences
// and its actor mentions, in one pass of the pipeline.
func CodeItem(c Coder, doc event.Document, opt pipeline.Options) (store.Item, error) {
	opt.Actors = true
	res, err := c.Code(doc, opt)
	if err != nil {
		return store.Item{}, err
	}
	it := store.Item{Doc: doc, Lang: res.Lang, Events: res.Events}
	for i := range it.Events {
		ev := &it.Events[i]
		if ev.Doc == "" {
			ev.Doc = doc.ID
		}
		if ev.Lang == "" {
			ev.Lang = res.Lang
		}
	}
	for i, sp := range res.SentenceSpans {
		it.Sentences = append(it.Sentences, store.SentenceSpan{Index: i, Span: sp})
	}
	for _, m := range res.Actors {
		it.Actors = append(it.Actors, store.ActorSpan{Span: m.Span, Code: m.Code, Name: m.Name})
	}
	return it, nil
}
