// Package pipeline wires the stages into one coder of documents: normalise
// (textnorm), language (lang), dateline, sentences and tokens (segment),
// dates (timex), actors (actor), events (coder), with the CAMEO ontology
// (cameo) and the gazetteer (geo). It is what a Go program embeds.
package pipeline
