//go:build ignore

// Command countries prints the generated "name" lines of
// data/actors/countries.tsv: every ISO 3166-1 country (plus XKX Kosovo) with
// its CLDR name in French, English and Spanish, as shipped in
// golang.org/x/text/language/display. Press variants are added by hand in the
// file's later sections, so this output is pasted once, not regenerated over
// the file:
//
//	go run data/gen/countries/main.go > /tmp/names.tsv
package main

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// notISO lists CLDR region codes that are not ISO 3166-1 countries.
var notISO = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "IC": true, "TA": true,
	"EU": true, "EZ": true, "UN": true, "QO": true, "XA": true, "XB": true,
}

func main() {
	langs := []struct {
		code  string
		namer display.Namer
		and   string
	}{
		{"fr", display.French.Regions(), "et"},
		{"en", display.English.Regions(), "and"},
		{"es", display.Spanish.Regions(), "y"},
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			s := string([]rune{a, b})
			r, err := language.ParseRegion(s)
			if err != nil || !r.IsCountry() || notISO[s] || r.Canonicalize().String() != s {
				continue
			}
			iso3 := r.ISO3()
			if s == "XK" {
				iso3 = "XKX"
			}
			if iso3 == "ZZZ" || display.English.Regions().Name(r) == "" {
				continue
			}
			for _, l := range langs {
				fmt.Printf("%s\tname\t%s\t%s\n", iso3, l.code, strings.Join(variants(l.namer.Name(r), l.and), "|"))
			}
		}
	}
	os.Stdout.Sync()
}

// variants splits "Myanmar (Burma)" into both names, spells "&" out and
// unifies apostrophes.
func variants(name, and string) []string {
	name = strings.ReplaceAll(name, "’", "'")
	var out []string
	if i := strings.Index(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		out = append(out, name[:i])
		if alt := name[i+2 : len(name)-1]; alt != "China" {
			out = append(out, alt)
		}
	} else {
		out = append(out, name)
	}
	for _, n := range out {
		if strings.Contains(n, " & ") {
			out = append(out, strings.ReplaceAll(n, " & ", " "+and+" "))
		}
	}
	return out
}
