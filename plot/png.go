package plot

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// pngScale renders the PNG at twice the layout's size, for sharp prints.
const pngScale = 2

// PNG writes the chart as a PNG image, rasterised from the same layout as
// SVG.
func PNG(w io.Writer, c Chart) error {
	l, err := build(c)
	if err != nil {
		return err
	}
	const s = pngScale
	img := image.NewRGBA(image.Rect(0, 0, int(l.w*s), int(l.h*s)))
	draw.Draw(img, img.Rect, image.NewUniform(white), image.Point{}, draw.Src)
	for _, ln := range l.grid {
		for i := 1; i < len(ln.pts); i++ {
			stroke(img, ln.pts[i-1][0]*s, ln.pts[i-1][1]*s, ln.pts[i][0]*s, ln.pts[i][1]*s, ln.width*s, ln.col, ln.dash)
		}
	}
	for _, r := range l.rects {
		rr := image.Rect(int(math.Round(r.x*s)), int(math.Round(r.y*s)), int(math.Round((r.x+r.w)*s)), int(math.Round((r.y+r.h)*s)))
		draw.Draw(img, rr, image.NewUniform(r.fill), image.Point{}, draw.Src)
	}
	for _, ln := range l.lines {
		for i := 1; i < len(ln.pts); i++ {
			stroke(img, ln.pts[i-1][0]*s, ln.pts[i-1][1]*s, ln.pts[i][0]*s, ln.pts[i][1]*s, ln.width*s, ln.col, ln.dash)
		}
	}
	for _, d := range l.dots {
		disc(img, d.x*s, d.y*s, d.r*s, d.fill)
	}
	for _, t := range l.labels {
		text(img, t, s)
	}
	return png.Encode(w, img)
}

// stroke draws a thick line segment by stamping discs along it.
func stroke(img *image.RGBA, x0, y0, x1, y1, width float64, col color.RGBA, dash bool) {
	n := int(math.Hypot(x1-x0, y1-y0)*2) + 1
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		if dash && int(f*math.Hypot(x1-x0, y1-y0)/(6*pngScale))%2 == 1 {
			continue
		}
		disc(img, x0+(x1-x0)*f, y0+(y1-y0)*f, width/2, col)
	}
}

// disc fills a circle, with a soft edge.
func disc(img *image.RGBA, cx, cy, r float64, col color.RGBA) {
	for y := int(cy - r - 1); y <= int(cy+r+1); y++ {
		for x := int(cx - r - 1); x <= int(cx+r+1); x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			a := math.Min(1, math.Max(0, r+0.5-d))
			if a <= 0 || !(image.Point{x, y}.In(img.Rect)) {
				continue
			}
			blend(img, x, y, col, a)
		}
	}
}

func blend(img *image.RGBA, x, y int, c color.RGBA, a float64) {
	o := img.RGBAAt(x, y)
	mix := func(f, b uint8) uint8 { return uint8(math.Round(float64(f)*a + float64(b)*(1-a))) }
	img.SetRGBA(x, y, color.RGBA{mix(c.R, o.R), mix(c.G, o.G), mix(c.B, o.B), 0xff})
}

// text draws a label with the fixed 7x13 face, scaled up smoothly. The face
// covers Latin-1; the arrow of the title is written as ASCII.
func text(img *image.RGBA, t label, s float64) {
	str := strings.ReplaceAll(t.s, "↔", "<->")
	face := basicfont.Face7x13
	adv := font.MeasureString(face, str).Ceil()
	tmp := image.NewRGBA(image.Rect(0, 0, adv+2, 16))
	d := font.Drawer{Dst: tmp, Src: image.NewUniform(t.col), Face: face, Dot: fixed.P(1, 12)}
	d.DrawString(str)
	if t.big {
		d.Dot = fixed.P(2, 12) // a second pass one pixel right makes it bold
		d.DrawString(str)
	}
	scale := s
	if t.big {
		scale = s * 1.3
	}
	w := float64(tmp.Rect.Dx()) * scale
	x := t.x * s
	switch t.anchor {
	case 0:
		x -= w / 2
	case 1:
		x -= w
	}
	y := t.y*s - 12*scale
	dst := image.Rect(int(x), int(y), int(x+w), int(y+16*scale))
	xdraw.BiLinear.Scale(img, dst, tmp, tmp.Rect, xdraw.Over, nil)
}
