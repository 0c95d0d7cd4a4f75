package geo

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"dyad/dict"
)

const fixture = `# source: test fixture
Moscow	RUS	55.7558	37.6173	Moscou|Moscú
Havana	CUB	23.1136	-82.3666	La Havane|La Habana
Port-au-Prince	HTI	18.5944	-72.3074
N'Djamena	TCD	12.1348	15.0557	Ndjamena|Yamena
Santiago de Cuba	CUB	20.0247	-75.8219
Santiago	CHL	-33.4489	-70.6693	Santiago du Chili|Santiago de Chile
`

func loadFixture(t *testing.T, text string) (*Gazetteer, error) {
	t.Helper()
	return Load(fstest.MapFS{File: {Data: []byte(text)}})
}

func TestLookup(t *testing.T) {
	g, err := loadFixture(t, fixture)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, name, country string
		lat               float64
		ok                bool
	}{
		{"Moscow", "Moscow", "RUS", 55.7558, true},
		{"moscou", "Moscow", "RUS", 55.7558, true},
		{"MOSCÚ", "Moscow", "RUS", 55.7558, true},
		{"la havane", "Havana", "CUB", 23.1136, true},
		{"La  Habana", "Havana", "CUB", 23.1136, true},
		{"port au prince", "Port-au-Prince", "HTI", 18.5944, true},
		{"N’Djaména", "N'Djamena", "TCD", 12.1348, true},
		{"Santiago de Cuba", "Santiago de Cuba", "CUB", 20.0247, true},
		{"Santiago", "Santiago", "CHL", -33.4489, true},
		{"santiago de chile", "Santiago", "CHL", -33.4489, true},
		{"Havane", "", "", 0, false},
		{"", "", "", 0, false},
		{"Paris", "", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, ok := g.Lookup(tt.in)
			if ok != tt.ok {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			}
			if !ok {
				return
			}
			if p.Name != tt.name || p.Country != tt.country || p.Text != "" {
				t.Errorf("Lookup(%q) = %+v, want name %q country %q", tt.in, p, tt.name, tt.country)
			}
			if p.Lat == nil || p.Lon == nil || *p.Lat != tt.lat {
				t.Errorf("Lookup(%q) lat = %v, want %v", tt.in, p.Lat, tt.lat)
			}
		})
	}
}

func TestLookupReturnsCopies(t *testing.T) {
	g, err := loadFixture(t, fixture)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := g.Lookup("Moscow")
	*p.Lat = 0
	q, _ := g.Lookup("Moscow")
	if *q.Lat != 55.7558 {
		t.Fatalf("gazetteer was mutated through a returned Place: lat %v", *q.Lat)
	}
}

func TestMaxWords(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{fixture, 3}, // Port-au-Prince, Santiago de Chile
		{"# source: t\nRome\tITA\t41.9\t12.5\n", 1},
		{"# source: t\nRome\tITA\t41.9\t12.5\tCité  éternelle  de Rome\n", 4},
	}
	for _, tt := range tests {
		g, err := loadFixture(t, tt.text)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.MaxWords(); got != tt.want {
			t.Errorf("MaxWords = %d, want %d for %q", got, tt.want, tt.text)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"no source", "Rome\tITA\t41.9\t12.5\n", "source"},
		{"too few fields", "# source: t\nRome\tITA\t41.9\n", "geo/places.tsv:2"},
		{"bad lat", "# source: t\nRome\tITA\tx\t12.5\n", "bad latitude"},
		{"lat out of range", "# source: t\nRome\tITA\t91\t12.5\n", "bad latitude"},
		{"bad lon", "# source: t\nRome\tITA\t41.9\t190\n", "bad longitude"},
		{"bad country", "# source: t\nRome\tIT\t41.9\t12.5\n", "ISO 3166-1"},
		{"duplicate", "# source: t\nRome\tITA\t41.9\t12.5\nrome\tITA\t41.9\t12.5\n", "geo/places.tsv:3: duplicate place"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadFixture(t, tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	var de *dict.Error
	_, err := loadFixture(t, "# source: t\nRome\tITA\tx\t12.5\n")
	if !errors.As(err, &de) || de.Line != 2 {
		t.Fatalf("err = %v, want a *dict.Error at line 2", err)
	}
	if _, err := Load(fstest.MapFS{}); err == nil {
		t.Fatal("Load of an empty FS succeeded")
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Moscú", "moscu"},
		{"  Port-au-Prince ", "port au prince"},
		{"N’Djaména", "n'djamena"},
		{"ÉTATS-UNIS", "etats unis"},
		{"Chișinău", "chisinau"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
