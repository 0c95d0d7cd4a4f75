package plot

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
)

// fixture reads a timeline as the HTTP API answers it.
func fixture(t *testing.T) Chart {
	t.Helper()
	b, err := os.ReadFile("../testdata/plot/rus-cub-month.json")
	if err != nil {
		t.Fatal(err)
	}
	var c Chart
	var raw struct {
		A, B, Interval string
		Points         []Point
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	c.A, c.B, c.Interval, c.Points = raw.A, raw.B, raw.Interval, raw.Points
	return c
}

func periods(ps []Point) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Period)
	}
	return out
}

func TestFill(t *testing.T) {
	pt := func(period string, n int) Point { return Point{Period: period, Q1: n, Events: n} }
	tests := []struct {
		name, interval, from, to string
		in                       []Point
		want                     []string
	}{
		{"month gaps", "month", "", "", []Point{pt("2021-11", 1), pt("2022-02", 2)},
			[]string{"2021-11", "2021-12", "2022-01", "2022-02"}},
		{"week gaps", "week", "", "", []Point{pt("2021-11-15", 1), pt("2021-11-29", 1)},
			[]string{"2021-11-15", "2021-11-22", "2021-11-29"}},
		{"day widened by from and to", "day", "2021-11-17", "2021-11-20", []Point{pt("2021-11-18", 1)},
			[]string{"2021-11-17", "2021-11-18", "2021-11-19", "2021-11-20"}},
		{"week from a Thursday starts on its Monday", "week", "2021-11-18", "", []Point{pt("2021-11-29", 1)},
			[]string{"2021-11-15", "2021-11-22", "2021-11-29"}},
		{"unparseable periods kept", "month", "", "", []Point{pt("late 2021", 1)},
			[]string{"late 2021"}},
		{"empty", "day", "", "", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Fill(tc.interval, tc.in, tc.from, tc.to)
			if !slices.Equal(periods(got), tc.want) {
				t.Errorf("periods = %v, want %v", periods(got), tc.want)
			}
			n := 0
			for _, p := range got {
				n += p.Events
			}
			m := 0
			for _, p := range tc.in {
				m += p.Events
			}
			if n != m {
				t.Errorf("events = %d after filling, %d before", n, m)
			}
		})
	}
}

func TestSVG(t *testing.T) {
	c := fixture(t)
	c.Points = Fill(c.Interval, c.Points, "", "")
	hostile := c
	hostile.A = `<script>alert("x")</script>`
	tests := []struct {
		name    string
		chart   Chart
		want    []string
		bars    int // rects with a title: one per non-empty quad class and period
		wantErr error
	}{
		{"fixture", c, []string{"RUS ↔ CUB: events per month", "15 events: 11 cooperation (8 verbal, 3 material), 4 conflict (3 verbal, 1 material)", ">2021-12<", "mean Goldstein"}, 8, nil},
		{"names are escaped", hostile, []string{"&lt;script&gt;"}, 8, nil},
		{"nothing to draw", Chart{A: "RUS", B: "CUB", Interval: "day", Points: []Point{{Period: "2021-11-18"}}}, nil, 0, ErrEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			err := SVG(&b, tc.chart)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			out := b.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("SVG lacks %q", w)
				}
			}
			if strings.Contains(out, "<script") {
				t.Error("SVG contains a script element")
			}
			// well-formed XML, counting titled bars
			dec := xml.NewDecoder(&b)
			bars, inRect := 0, false
			for {
				tok, err := dec.Token()
				if err != nil {
					if !errors.Is(err, io.EOF) {
						t.Fatalf("SVG is not well-formed: %v", err)
					}
					break
				}
				switch e := tok.(type) {
				case xml.StartElement:
					if e.Name.Local == "rect" {
						inRect = true
					}
					if e.Name.Local == "title" && inRect {
						bars++
					}
				case xml.EndElement:
					if e.Name.Local == "rect" {
						inRect = false
					}
				}
			}
			if bars != tc.bars {
				t.Errorf("%d bars, want %d", bars, tc.bars)
			}
		})
	}
}

func TestPNG(t *testing.T) {
	c := fixture(t)
	var b bytes.Buffer
	if err := PNG(&b, c); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if got := img.Bounds().Size(); got.X != width*pngScale || got.Y != height*pngScale {
		t.Errorf("size %v, want %vx%v", got, width*pngScale, height*pngScale)
	}
	// Each quad colour that has events is painted somewhere; the corner is
	// the white background.
	seen := map[[3]uint32]bool{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y += 2 {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	for q := 1; q <= 4; q++ {
		c := quadColors[q]
		if !seen[[3]uint32{uint32(c.R), uint32(c.G), uint32(c.B)}] {
			t.Errorf("no pixel of quad %d's colour %v", q, c)
		}
	}
	if r, g, bl, _ := img.At(1, 1).RGBA(); r>>8 != 0xff || g>>8 != 0xff || bl>>8 != 0xff {
		t.Errorf("background is not white")
	}
	if err := PNG(&b, Chart{A: "RUS", B: "CUB"}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty chart: err = %v, want ErrEmpty", err)
	}
}
