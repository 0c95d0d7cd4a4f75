package pipeline_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"dyad/event"
	"dyad/pipeline"
)

// goldDocs reads the documents of the shared gold files (outside the
// repository: ../../shared/gold from this package), or skips.
func goldDocs(b *testing.B) []event.Document {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "gold", "*.jsonl"))
	if len(files) == 0 {
		b.Skip("no shared gold files at ../../shared/gold")
	}
	var docs []event.Document
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			var d struct {
				ID, Lang, Published, Text string
			}
			if len(sc.Bytes()) == 0 {
				continue
			}
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				b.Fatalf("%s: %v", f, err)
			}
			if pipeline.Check(d.Text) != nil {
				continue // the gold's deliberately uncodable documents
			}
			docs = append(docs, event.Document{ID: d.ID, Lang: d.Lang, Published: d.Published, Text: d.Text})
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			b.Fatalf("%s: %v", f, err)
		}
	}
	return docs
}

// benchDocs codes docs b.N times and reports sentences and events per
// second of wall time.
func benchDocs(b *testing.B, p *pipeline.Pipeline, docs []event.Document, opt pipeline.Options) {
	b.Helper()
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	sents, evs := 0, 0
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			r, err := p.Code(d, opt)
			if err != nil {
				b.Fatalf("%s: %v", d.ID, err)
			}
			sents += r.Sentences
			evs += len(r.Events)
		}
	}
	secs := b.Elapsed().Seconds()
	if secs > 0 {
		b.ReportMetric(float64(sents)/secs, "sentences/s")
		b.ReportMetric(float64(evs)/secs, "events/s")
	}
}

func BenchmarkCode(b *testing.B) {
	docs := goldDocs(b)
	benchDocs(b, newPipeline(b), docs, pipeline.Options{})
}

func BenchmarkCodeExample(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("..", "examples", "rhc-2021-11-19-russie-cuba.txt"))
	if err != nil {
		b.Fatal(err)
	}
	doc := event.Document{ID: "rhc-2021-11-19-russie-cuba", Text: string(text), Published: "2021-11-19"}
	benchDocs(b, newPipeline(b), []event.Document{doc}, pipeline.Options{})
}
