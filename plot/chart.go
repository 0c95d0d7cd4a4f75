package plot

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"
)

// Chart is what a timeline file shows.
type Chart struct {
	A, B     string // the two actors, as asked
	Interval string // day, week or month
	From, To string // the dates asked for, possibly empty
	Points   []Point
}

// Point is one period of a timeline: events per quad class and their mean
// Goldstein score. It has the fields and JSON names of the store's and the
// HTTP API's timeline points.
type Point struct {
	Period    string  `json:"period"` // YYYY-MM-DD (day, week's Monday) or YYYY-MM
	Q1        int     `json:"q1"`
	Q2        int     `json:"q2"`
	Q3        int     `json:"q3"`
	Q4        int     `json:"q4"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"`
}

// ErrEmpty is returned when a chart has no events to draw.
var ErrEmpty = errors.New("no events to plot")

// maxFill bounds how many empty periods Fill inserts.
const maxFill = 1000

// Quad class colours, shared with the web page.
var quadColors = [5]color.RGBA{
	{},
	{0x74, 0xc4, 0x76, 0xff}, // verbal cooperation
	{0x23, 0x8b, 0x45, 0xff}, // material cooperation
	{0xfd, 0x8d, 0x3c, 0xff}, // verbal conflict
	{0xcb, 0x18, 0x1d, 0xff}, // material conflict
}

var quadNames = [5]string{"", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

var (
	ink       = color.RGBA{0x1d, 0x23, 0x2a, 0xff}
	muted     = color.RGBA{0x5f, 0x6b, 0x76, 0xff}
	gridColor = color.RGBA{0xe4, 0xe8, 0xeb, 0xff}
	axis      = color.RGBA{0x9a, 0xa4, 0xad, 0xff}
	white     = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// Fill returns the points with the periods between the first and the last
// (or From and To when set) that have no events added as empty points, so
// the time axis is even. Periods it cannot parse are left as they are.
func Fill(interval string, points []Point, from, to string) []Point {
	if len(points) == 0 {
		return points
	}
	have := make(map[string]Point, len(points))
	for _, p := range points {
		have[p.Period] = p
	}
	first, ok1 := periodStart(interval, points[0].Period)
	last, ok2 := periodStart(interval, points[len(points)-1].Period)
	if !ok1 || !ok2 {
		return points
	}
	if t, err := time.Parse(time.DateOnly, from); err == nil && t.Before(first) {
		first = truncate(interval, t)
	}
	if t, err := time.Parse(time.DateOnly, to); err == nil && t.After(last) {
		last = truncate(interval, t)
	}
	var out []Point
	for t := first; !t.After(last); t = next(interval, t) {
		if len(out) > maxFill {
			return points
		}
		k := periodName(interval, t)
		if p, ok := have[k]; ok {
			out = append(out, p)
		} else {
			out = append(out, Point{Period: k})
		}
	}
	if len(out) < len(points) { // unsorted or unexpected names: keep as given
		return points
	}
	return out
}

func periodStart(interval, s string) (time.Time, bool) {
	layout := time.DateOnly
	if interval == "month" {
		layout = "2006-01"
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}

func truncate(interval string, t time.Time) time.Time {
	switch interval {
	case "month":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "week":
		wd := (int(t.Weekday()) + 6) % 7 // Monday is 0
		return t.AddDate(0, 0, -wd)
	}
	return t
}

func next(interval string, t time.Time) time.Time {
	switch interval {
	case "month":
		return t.AddDate(0, 1, 0)
	case "week":
		return t.AddDate(0, 0, 7)
	}
	return t.AddDate(0, 0, 1)
}

func periodName(interval string, t time.Time) string {
	if interval == "month" {
		return t.Format("2006-01")
	}
	return t.Format(time.DateOnly)
}

// Shapes of the layout, in pixels of a W x H canvas.
type (
	rect struct {
		x, y, w, h float64
		fill       color.RGBA
		title      string
	}
	line struct {
		pts   [][2]float64
		width float64
		col   color.RGBA
		dash  bool
	}
	dot struct {
		x, y, r float64
		fill    color.RGBA
	}
	label struct {
		x, y   float64
		s      string
		anchor int // -1 start, 0 middle, 1 end
		col    color.RGBA
		big    bool
	}
	layout struct {
		w, h   float64
		grid   []line // drawn under the bars
		rects  []rect
		lines  []line
		dots   []dot
		labels []label
	}
)

// Canvas size, in pixels.
const (
	width  = 900.0
	height = 400.0
)

// build lays the chart out.
func build(c Chart) (layout, error) {
	pts := c.Points
	total := 0
	for _, p := range pts {
		total += p.Events
	}
	if total == 0 {
		return layout{}, fmt.Errorf("%w between %s and %s", ErrEmpty, c.A, c.B)
	}
	const left, right, top, bottom = 48.0, 52.0, 64.0, 56.0
	l := layout{w: width, h: height}

	var tq [5]int
	gsum := 0.0
	maxN := 0
	for _, p := range pts {
		for q, n := range [...]int{0, p.Q1, p.Q2, p.Q3, p.Q4} {
			tq[q] += n
		}
		gsum += p.Goldstein * float64(p.Events)
		maxN = max(maxN, p.Events, p.Q1+p.Q2+p.Q3+p.Q4)
	}
	title := fmt.Sprintf("%s ↔ %s: events per %s", c.A, c.B, c.Interval)
	if c.From != "" || c.To != "" {
		title += fmt.Sprintf(" (%s to %s)", or(c.From, "start"), or(c.To, "end"))
	}
	l.labels = append(l.labels, label{left, 22, title, -1, ink, true})
	sum := fmt.Sprintf("%d events: %d cooperation (%d verbal, %d material), %d conflict (%d verbal, %d material); mean Goldstein %s",
		total, tq[1]+tq[2], tq[1], tq[2], tq[3]+tq[4], tq[3], tq[4], signed(gsum/float64(total)))
	l.labels = append(l.labels, label{left, 42, sum, -1, muted, false})

	step := niceStep(maxN)
	ceil := int(math.Ceil(float64(maxN)/float64(step))) * step
	plotH := height - top - bottom
	y := func(v float64) float64 { return top + plotH*(1-v/float64(ceil)) }
	g := func(v float64) float64 { return top + plotH*(1-(v+10)/20) }
	for v := 0; v <= ceil; v += step {
		l.grid = append(l.grid, line{[][2]float64{{left, y(float64(v))}, {width - right, y(float64(v))}}, 1, gridColor, false})
		l.labels = append(l.labels, label{left - 6, y(float64(v)) + 4, strconv.Itoa(v), 1, muted, false})
	}
	for _, v := range []float64{-10, -5, 0, 5, 10} {
		l.labels = append(l.labels, label{width - right + 6, g(v) + 4, signedInt(v), -1, muted, false})
	}
	l.grid = append(l.grid, line{[][2]float64{{left, g(0)}, {width - right, g(0)}}, 1, axis, true})

	pw := (width - left - right) / float64(len(pts))
	bw := math.Max(1, math.Min(48, pw*0.7))
	every := (len(pts) + 9) / 10
	var gold [][2]float64
	for i, p := range pts {
		x := left + float64(i)*pw
		bx := x + (pw-bw)/2
		acc := 0
		for q, n := range [...]int{0, p.Q1, p.Q2, p.Q3, p.Q4} {
			if q == 0 || n == 0 {
				continue
			}
			y0, y1 := y(float64(acc+n)), y(float64(acc))
			l.rects = append(l.rects, rect{bx, y0, bw, y1 - y0, quadColors[q], fmt.Sprintf("%s: %d %s", p.Period, n, quadNames[q])})
			acc += n
		}
		if i%every == 0 {
			l.labels = append(l.labels, label{x + pw/2, height - bottom + 16, p.Period, 0, muted, false})
		}
		if p.Events > 0 {
			gold = append(gold, [2]float64{x + pw/2, g(p.Goldstein)})
		}
	}
	l.lines = append(l.lines, line{[][2]float64{{left, y(0)}, {width - right, y(0)}}, 1, axis, false})
	if len(gold) > 1 {
		l.lines = append(l.lines, line{gold, 2, ink, false})
	}
	for _, p := range gold {
		l.dots = append(l.dots, dot{p[0], p[1], 3.5, ink})
	}

	// legend
	lx := left
	ly := height - 14.0
	for q := 1; q <= 4; q++ {
		l.rects = append(l.rects, rect{lx, ly - 9, 10, 10, quadColors[q], ""})
		l.labels = append(l.labels, label{lx + 14, ly, quadNames[q], -1, muted, false})
		lx += 14 + 7*float64(len(quadNames[q])) + 16
	}
	l.lines = append(l.lines, line{[][2]float64{{lx, ly - 4}, {lx + 16, ly - 4}}, 2, ink, false})
	l.labels = append(l.labels, label{lx + 20, ly, "mean Goldstein (right axis)", -1, muted, false})
	return l, nil
}

func niceStep(max int) int {
	for _, s := range []int{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000} {
		if max <= 6*s {
			return s
		}
	}
	return (max + 5) / 6
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

func signed(v float64) string {
	if v > 0 {
		return "+" + strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func signedInt(v float64) string {
	if v > 0 {
		return "+" + strconv.Itoa(int(v))
	}
	return strconv.Itoa(int(v))
}
