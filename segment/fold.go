package segment

import "dyad/lang"

// Fold returns the form dictionaries match on (Token.Norm): see lang.Fold.
func Fold(s string) string { return lang.Fold(s) }
