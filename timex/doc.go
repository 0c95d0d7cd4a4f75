// Package timex finds dates and relative dates in tokenised sentences in
// French, English and Spanish, and resolves them against the dispatch date:
// "le 13 octobre dernier", "October 13, 2021", "el pasado 13 de octubre",
// "en mars", "en 2018", "hier", "la veille", "mardi soir", "last Tuesday",
// "la semana pasada".
//
// It owns the temporal vocabulary files data/timex/{fr,en,es}.tsv (month and
// weekday names, relative words, modifiers; the format is written at the top
// of data/timex/fr.tsv) through Lexicon, which the dateline package shares,
// and the resolution rules of CODING_GUIDE.md §5 through Resolver.
//
// Resolution conventions:
//   - an explicit day and month without a year is the most recent such date on
//     or before the dispatch date ("prochain"/"next": on or after it); a bare
//     month likewise; a written year is taken as written;
//   - weekdays are the most recent such day on or before the dispatch date
//     (the same day when it is that weekday); with "dernier"/"last"/"pasado"
//     strictly before, with "prochain"/"next"/"próximo" strictly after;
//   - relative words move the dispatch date by the offset in the data:
//     "la semaine dernière"/"last week"/"la semana pasada" is seven days back,
//     since the coder needs a day and seven days back falls inside that week;
//   - a dispatch date without a day skips weekday and relative expressions; a
//     dispatch date without a year keeps the year unknown (0), and relative
//     arithmetic is skipped when its result would depend on a leap year.
package timex
