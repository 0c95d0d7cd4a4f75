package main

import (
	"context"
	"dyad/sink"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	dcoder "dyad/coder"
	"dyad/event"
	"dyad/pipeline"
)

// runExplain shows, for each sentence of a text, what the coder saw:
// tokens, actors (with the dictionary line that named them), every trigger
// considered with the pattern's file:line and what became of it, and the
// events coded.
func runExplain(ctx context.Context, args []string, e *env) error {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	lang := fl.String("lang", "auto", "language: auto, fr, en or es")
	date := fl.String("date", "", "the dispatch's publication date, `YYYY-MM-DD`")
	asJSON := fl.Bool("json", false, "write JSON instead of text")
	dataDir := fl.String("data", "", "read the dictionaries from `DIR` instead of the built-in ones")
	tokens := fl.Bool("tokens", false, "list every token with the form dictionaries match")
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: dyad explain [flags] \"a sentence\" | PATH | -")
		fl.PrintDefaults()
	}
	// Flags may come before or after the text or path.
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return errUsage
		}
		args = fl.Args()
		if len(args) == 0 {
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	if len(pos) == 0 {
		fl.Usage()
		return errUsage
	}
	if *lang != "auto" && *lang != "fr" && *lang != "en" && *lang != "es" {
		fmt.Fprintf(e.stderr, "dyad explain: --lang %q: want auto, fr, en or es\n", *lang)
		return errUsage
	}
	p, err := loadPipeline(*dataDir)
	if err != nil {
		return err
	}
	id, text, err := explainInput(pos, e.stdin)
	if err != nil {
		return err
	}
	opt := pipeline.Options{Lang: *lang, Published: *date}
	exp, err := p.Explain(event.Document{ID: id, Text: text}, opt)
	if err != nil {
		return fmt.Errorf("%s: %w", id, err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(exp)
	}
	writeExplanation(e.stdout, exp, *tokens)
	return nil
}

// explainInput reads a file, standard input ("-"), or takes the arguments
// as the text itself.
func explainInput(args []string, stdin io.Reader) (id, text string, err error) {
	if len(args) == 1 && args[0] == "-" {
		b, err := io.ReadAll(stdin)
		return "-", string(b), err
	}
	if len(args) == 1 {
		if st, err := os.Stat(args[0]); err == nil && !st.IsDir() {
			b, err := os.ReadFile(args[0])
			return args[0], string(b), err
		}
	}
	return "sentence", strings.Join(args, " "), nil
}

func writeExplanation(w io.Writer, exp *dcoder.Explanation, tokens bool) {
	fmt.Fprintf(w, "document %s: language %s, dispatch date %s (%s)", exp.Doc, exp.Lang, sink.OrDash(exp.Ref), exp.RefBasis)
	if exp.DatelinePlace != "" {
		fmt.Fprintf(w, ", dateline %s", exp.DatelinePlace)
	}
	fmt.Fprintln(w)
	for _, s := range exp.Sentences {
		fmt.Fprintf(w, "\n[%d] %s\n", s.Index, s.Text)
		fmt.Fprintf(w, "    date %s (%s), place %s\n", sink.OrDash(s.Date), s.DateBasis, sink.OrDash(s.Place))
		if tokens {
			var b strings.Builder
			for i, t := range s.Tokens {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(t.Text)
				if t.Norm != t.Text {
					b.WriteString("/" + t.Norm)
				}
			}
			fmt.Fprintf(w, "    tokens: %s\n", b.String())
		}
		if len(s.Actors) == 0 {
			fmt.Fprintln(w, "    actors: none")
		}
		for _, a := range s.Actors {
			who := strings.Join(a.Codes, "+")
			if who == "" {
				who = "(unresolved: no country or organisation)"
			}
			if len(a.Names) > 0 {
				who += " " + strings.Join(a.Names, ", ")
			}
			extra := ""
			if a.Anaphor != "" {
				extra = " anaphor=" + a.Anaphor
			}
			if a.Rule != "" {
				extra += " " + a.Rule
			}
			fmt.Fprintf(w, "    actor %q %s -> %s [%s]%s\n", a.Text, a.Kind, who, a.Position, extra)
		}
		if len(s.Triggers) == 0 {
			fmt.Fprintln(w, "    triggers: none (no pattern of data/triggers matches: add one to code this sentence)")
		}
		for _, t := range s.Triggers {
			res := fmt.Sprintf("%d event(s)", t.Events)
			if t.Events == 0 {
				res = "no event: " + t.Outcome
			}
			opts := ""
			if t.Options != "" {
				opts = " (" + t.Options + ")"
			}
			fmt.Fprintf(w, "    trigger %q %s %s%s: %s\n", t.Text, t.Code, t.Rule, opts, res)
		}
		for _, ev := range s.Events {
			tgt := "-"
			if ev.Target != nil {
				tgt = ev.Target.Code
				if ev.Target.Name != "" {
					tgt += " (" + ev.Target.Name + ")"
				}
			}
			src := ev.Source.Code
			if ev.Source.Name != "" {
				src += " (" + ev.Source.Name + ")"
			}
			fmt.Fprintf(w, "    => %s %s %s  %s, %s, %s\n", src, ev.Code, tgt, ev.Modality, sink.OrDash(ev.Date), ev.Rule)
		}
	}
}
