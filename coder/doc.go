// Package coder owns the step from actors to events: trigger patterns
// (data/triggers/<lang>.tsv) matched on a sentence's tokens, the choice of
// source and target from the clause (subject, passive agent, reciprocal
// pairs, prepositions, reported speech), modality (negation, future,
// conditional), and the event's own date and place carried through the
// document.
package coder
