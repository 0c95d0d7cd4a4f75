// Package dateline finds the dateline that opens a wire dispatch — "Moscou,
// 19 novembre (RHC)", "WASHINGTON, Nov 19 (Reuters) -", "LA HABANA, 19 nov
// (PL)", "PARIS (AFP) -", "SANTIAGO DE CUBA. –" — and splits it into place,
// date and agency with byte offsets.
//
// It owns the dateline grammar only; month names, abbreviations and the small
// words of dates ("de", "1er", "19th") come from the timex vocabulary
// (data/timex), shared with package timex, in every language at once since a
// dateline is read before the document's language is known.
//
// The grammar, at the start of the text or after one short headline line:
//
//	PLACE [ (QUALIFIER) ] [, DATE ] [,] [ (AGENCY) ] [SEPARATOR]
//
// PLACE is one to four capitalised words (all capitals allowed), possibly
// joined by short lower-case words ("Santiago de Cuba"); DATE is "19
// novembre", "19 nov", "5 de marzo", "Nov. 19", "2 décembre 2020"; AGENCY is
// a short capitalised name in parentheses; SEPARATOR is a dash ("-", "--",
// "–", "—", ".-", ". –"). A dateline needs a date or an agency; a place alone
// counts only before a dash, and only when written in capitals or followed by
// a full stop ("SANTIAGO DE CUBA. –"). Without a separator, the text after an
// agency-only or date-only dateline must start with a capital.
package dateline
