package ingest

import (
	"bytes"
	"context"
	"os"
	"testing"
)

// BenchmarkExtractHTML reads the French page fixture: readability, metadata
// and dates.
func BenchmarkExtractHTML(b *testing.B) {
	page, err := os.ReadFile(td + "/web/rencontre.html")
	if err != nil {
		b.Fatal(err)
	}
	x := &pageExtractor{}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := x.extract(bytes.NewReader(page), "", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadWARC reads the WARC.gz fixture: gzip members, records, pages.
func BenchmarkReadWARC(b *testing.B) {
	st, err := os.Stat(td + "/crawl/news.warc.gz")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	for b.Loop() {
		for _, err := range Read(context.Background(), []string{td + "/crawl/news.warc.gz"}, nil, Options{}) {
			_ = err
		}
	}
}

// BenchmarkReadJSONL reads a gzipped JSON Lines fixture.
func BenchmarkReadJSONL(b *testing.B) {
	st, err := os.Stat(td + "/news.jsonl.gz")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	for b.Loop() {
		for _, err := range Read(context.Background(), []string{td + "/news.jsonl.gz"}, nil, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
