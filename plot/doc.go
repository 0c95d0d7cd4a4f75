// Package plot draws the timeline of a dyad (events between two actors per
// period, stacked by CAMEO quad class, with the mean Goldstein score as a
// line) as an SVG or PNG file for reports. It is the chart the web page
// shows, drawn in Go: the layout is computed once as a list of shapes and
// then written either as SVG text or rasterised with image/draw.
package plot
