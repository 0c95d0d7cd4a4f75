package server

import (
	"context"
	"sort"

	"dyad/coder"
	"dyad/event"
	"dyad/pipeline"
	"dyad/store"
)

// Coder is what the server and the ingest command need of the pipeline.
type Coder interface {
	Code(doc event.Document, opt pipeline.Options) (pipeline.Result, error)
}

// ActorLister also lists the actor mentions of a document.
type ActorLister interface {
	Actors(doc event.Document, opt pipeline.Options) ([]coder.Mention, error)
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

// CodeItem codes doc for the store: its events, the spans of the sentences
// that carry them, and its actor mentions when c can list them.
func CodeItem(c Coder, doc event.Document, opt pipeline.Options) (store.Item, error) {
	res, err := c.Code(doc, opt)
	if err != nil {
		return store.Item{}, err
	}
	it := store.Item{Doc: doc, Lang: res.Lang, Events: res.Events}
	seen := map[int]bool{}
	for i := range it.Events {
		ev := &it.Events[i]
		if ev.Doc == "" {
			ev.Doc = doc.ID
		}
		if ev.Lang == "" {
			ev.Lang = res.Lang
		}
		if !seen[ev.Sentence] {
			seen[ev.Sentence] = true
			it.Sentences = append(it.Sentences, store.SentenceSpan{Index: ev.Sentence, Span: ev.Span})
		}
	}
	sort.Slice(it.Sentences, func(i, j int) bool { return it.Sentences[i].Index < it.Sentences[j].Index })
	if al, ok := c.(ActorLister); ok {
		ms, err := al.Actors(doc, opt)
		if err != nil {
			return store.Item{}, err
		}
		for _, m := range ms {
			it.Actors = append(it.Actors, store.ActorSpan{Span: m.Span, Code: m.Code, Name: m.Name})
		}
	}
	return it, nil
}
