package plot

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"image/color"
	"io"
	"strconv"
	"strings"
)

// SVG writes the chart as a standalone SVG document.
func SVG(w io.Writer, c Chart) error {
	l, err := build(c)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11">`+"\n",
		num(l.w), num(l.h), num(l.w), num(l.h))
	fmt.Fprintf(b, "<title>%s</title>\n", esc(l.labels[0].s))
	fmt.Fprintf(b, `<rect width="100%%" height="100%%" fill="%s"/>`+"\n", hex(white))
	lines := func(ls []line) {
		for _, ln := range ls {
			var pts []string
			for _, p := range ln.pts {
				pts = append(pts, num(p[0])+","+num(p[1]))
			}
			dash := ""
			if ln.dash {
				dash = ` stroke-dasharray="3 3"`
			}
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%s"%s/>`+"\n", strings.Join(pts, " "), hex(ln.col), num(ln.width), dash)
		}
	}
	lines(l.grid)
	for _, r := range l.rects {
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"`, num(r.x), num(r.y), num(r.w), num(r.h), hex(r.fill))
		if r.title != "" {
			fmt.Fprintf(b, "><title>%s</title></rect>\n", esc(r.title))
		} else {
			b.WriteString("/>\n")
		}
	}
	lines(l.lines)
	for _, d := range l.dots {
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n", num(d.x), num(d.y), num(d.r), hex(d.fill))
	}
	for _, t := range l.labels {
		anchor := [...]string{"start", "middle", "end"}[t.anchor+1]
		extra := ""
		if t.big {
			extra = ` font-size="15" font-weight="bold"`
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="%s" fill="%s"%s>%s</text>`+"\n", num(t.x), num(t.y), anchor, hex(t.col), extra, esc(t.s))
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func esc(s string) string {
	var sb strings.Builder
	_ = xml.EscapeText(&sb, []byte(s)) // a strings.Builder never fails
	return sb.String()
}
