// Package eval owns the gold file format (shared/gold/README.md) and the
// scoring of predicted events against it: dyad+root and code precision,
// recall and F1, and role, date, location and name accuracy on matched
// events, with the misses and false alarms behind the figures.
package eval
