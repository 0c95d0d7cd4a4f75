package actor

import "strings"

// translitRules rewrite a folded name word into a key shared by the usual
// French, English and Spanish transliterations and spellings of one name:
// Riabkov/Ryabkov, Zakharova/Zajárova, Borissov/Borisov, Sergueï/Sergey,
// Losada/Lozada, Gouskov/Guskov. Order matters: longer patterns first.
var translitRules = strings.NewReplacer(
	"tch", "ch", "sch", "ch", "sh", "ch", "kh", "j", "zh", "j",
	"gue", "ge", "gui", "gi", "ou", "u", "ck", "k", "ph", "f",
	"ss", "s", "z", "s", "y", "i", "w", "v", "ii", "i", "ie", "ie",
	"ë", "e", "ï", "i",
)

// Key returns the transliteration key of a folded (lower-case, accent-free)
// word. Keys only ever compare whole words of names; they never decide
// alone that two different words are one name unless the keys are equal.
func Key(folded string) string {
	k := translitRules.Replace(folded)
	// collapse doubled letters left by the rules ("ll" stays: Spanish)
	var b strings.Builder
	var prev rune
	for _, r := range k {
		if r == prev && r != 'l' {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}
