// Command countries rewrites the generated section of
// data/actors/countries.tsv: every ISO 3166-1 country (plus XKX Kosovo) with
// its CLDR name in French, English and Spanish, as shipped in
// golang.org/x/text/language/display. The section runs from the line
// "# --- names from CLDR (generated) ---" to the next "# ---" line; the
// hand-written press variants, adjectives, capitals, seats and epithets
// after it are kept as they are.
//
//	go generate ./data/gen/          (or: go run ./data/gen/countries -file data/actors/countries.tsv)
//	go run ./data/gen/countries      prints the section on standard output
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// marker opens the generated section.
const marker = "# --- names from CLDR (generated) ---"

func main() {
	file := flag.String("file", "", "rewrite the generated section of this countries.tsv (default: print it)")
	flag.Parse()
	var sec bytes.Buffer
	if err := write(&sec); err != nil {
		fmt.Fprintln(os.Stderr, "countries:", err)
		os.Exit(1)
	}
	if *file == "" {
		os.Stdout.Write(sec.Bytes())
		return
	}
	old, err := os.ReadFile(*file)
	if err == nil {
		var out []byte
		out, err = splice(old, sec.Bytes())
		if err == nil {
			err = os.WriteFile(*file, out, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "countries: %s: %v\n", *file, err)
		os.Exit(1)
	}
}

// splice replaces the lines after the marker up to the next "# ---" line.
func splice(old, sec []byte) ([]byte, error) {
	start := bytes.Index(old, []byte(marker+"\n"))
	if start < 0 {
		return nil, errors.New("no line " + marker)
	}
	body := start + len(marker) + 1
	end := bytes.Index(old[body:], []byte("\n# ---"))
	if end < 0 {
		return nil, errors.New("the generated section has no end (a later \"# ---\" line)")
	}
	end += body + 1
	var out bytes.Buffer
	out.Write(old[:body])
	out.Write(sec)
	out.WriteString("\n")
	out.Write(old[end:])
	return out.Bytes(), nil
}

// notISO lists CLDR region codes that are not ISO 3166-1 countries.
var notISO = map[string]bool{
	"AC": true, "CP": true, "DG": true, "EA": true, "IC": true, "TA": true,
	"EU": true, "EZ": true, "UN": true, "QO": true, "XA": true, "XB": true,
}

func write(w io.Writer) error {
	langs := []struct {
		code  string
		namer display.Namer
		and   string
	}{
		{"fr", display.French.Regions(), "et"},
		{"en", display.English.Regions(), "and"},
		{"es", display.Spanish.Regions(), "y"},
	}
	n := 0
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
				if _, err := fmt.Fprintf(w, "%s\tname\t%s\t%s\n", iso3, l.code, strings.Join(variants(l.namer.Name(r), l.and), "|")); err != nil {
					return err
				}
			}
			n++
		}
	}
	if n < 240 {
		return fmt.Errorf("only %d countries found in CLDR", n)
	}
	return nil
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
