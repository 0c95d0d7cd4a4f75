// Package event holds dyad's base types (Document, Span, Sentence, Token,
// Date, Actor, Place, Event). It imports nothing of dyad's own.
package event
