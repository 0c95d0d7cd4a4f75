package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"dyad/eval"
	"dyad/event"
	"dyad/pipeline"
)

// evalConfig is a parsed "dyad eval" command line.
type evalConfig struct {
	files   []string
	dataDir string
	byDoc   bool
	json    bool
	misses  bool
}

// evalFile is one gold file with its scores.
type evalFile struct {
	name   string
	report eval.Report
}

func runEval(ctx context.Context, args []string, e *env) error {
	cfg, err := parseEvalArgs(args, e)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	// Read every gold file first: a malformed one stops the run before any
	// coding is done.
	golds := make([][]eval.GoldDoc, len(cfg.files))
	var errs []error
	for i, name := range cfg.files {
		docs, err := evalReadGold(name)
		if err != nil {
			errs = append(errs, err)
		}
		golds[i] = docs
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	p, err := loadPipeline(cfg.dataDir)
	if err != nil {
		return err
	}
	files := make([]evalFile, len(cfg.files))
	for i, name := range cfg.files {
		preds := make(map[string][]event.Event, len(golds[i]))
		for _, d := range golds[i] {
			if err := ctx.Err(); err != nil {
				return err
			}
			res, err := p.Code(event.Document{ID: d.ID, Text: d.Text, Published: d.Published, Lang: d.Lang, Origin: d.Origin}, pipeline.Options{})
			if err != nil {
				fmt.Fprintf(e.stderr, "dyad eval: warning: %s (%s): not coded: %v\n", d.Origin, d.ID, err)
				continue
			}
			preds[d.ID] = res.Events
		}
		rep := eval.Score(golds[i], preds)
		for _, ge := range rep.GoldErrors {
			fmt.Fprintf(e.stderr, "dyad eval: warning: %v (event left out)\n", ge)
		}
		files[i] = evalFile{name: name, report: rep}
	}
	if cfg.json {
		return writeEvalJSON(e.stdout, files, cfg)
	}
	return writeEvalTable(e.stdout, files, cfg)
}

// parseEvalArgs reads the flags, which may come before, between or after the
// gold files ("--" ends them). Problems are reported on stderr and give
// errUsage.
func parseEvalArgs(args []string, e *env) (evalConfig, error) {
	var cfg evalConfig
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	fl.StringVar(&cfg.dataDir, "data", "", "read the dictionaries from `DIR` instead of the built-in ones")
	fl.BoolVar(&cfg.byDoc, "by-doc", false, "also give the figures of each document")
	fl.BoolVar(&cfg.json, "json", false, "write the figures as one JSON object")
	fl.BoolVar(&cfg.misses, "misses", false, "list every missed required gold event and every false alarm, with its sentence")
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad eval [flags] GOLD.jsonl...")
		fmt.Fprintln(w, "\nCodes every document of the gold files and scores the events against the gold")
		fmt.Fprintln(w, "ones (shared/gold/README.md): dyad+root and code precision, recall and F1, and")
		fmt.Fprintln(w, "role, date, location and name accuracy on matched events; figures per file and,")
		fmt.Fprintln(w, "for several files, overall. A malformed gold file stops the run (exit 1).")
		fmt.Fprintln(w, "\nflags:")
		fl.PrintDefaults()
	}
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return cfg, flag.ErrHelp
			}
			return cfg, errUsage
		}
		rest := fl.Args()
		if len(rest) == 0 {
			break
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			cfg.files = append(cfg.files, rest...)
			break
		}
		cfg.files = append(cfg.files, rest[0])
		args = rest[1:]
	}
	if len(cfg.files) == 0 {
		fmt.Fprintln(e.stderr, "dyad eval: no gold file given")
		fl.Usage()
		return cfg, errUsage
	}
	return cfg, nil
}

func evalReadGold(name string) ([]eval.GoldDoc, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.ReadGold(f, name)
}

func evalOverall(files []evalFile) eval.Figures {
	var all eval.Figures
	for _, f := range files {
		all.Add(f.report.Overall)
	}
	return all
}

// evalJSONFigures is one row of the JSON output: a file or a document.
type evalJSONFigures struct {
	File   string `json:"file,omitempty"`
	ID     string `json:"id,omitempty"`
	Origin string `json:"origin,omitempty"`
	eval.Figures
	ByDoc       []evalJSONFigures `json:"by_doc,omitempty"`
	Misses      *[]eval.Miss      `json:"misses,omitempty"`
	FalseAlarms *[]eval.Miss      `json:"false_alarms,omitempty"`
}

func writeEvalJSON(w io.Writer, files []evalFile, cfg evalConfig) error {
	out := struct {
		Overall eval.Figures      `json:"overall"`
		Files   []evalJSONFigures `json:"files"`
	}{Overall: evalOverall(files)}
	for _, f := range files {
		jf := evalJSONFigures{File: f.name, Figures: f.report.Overall}
		if cfg.byDoc {
			jf.ByDoc = []evalJSONFigures{}
			for _, d := range f.report.ByDoc {
				jf.ByDoc = append(jf.ByDoc, evalJSONFigures{ID: d.ID, Origin: d.Origin, Figures: d.Figures})
			}
		}
		if cfg.misses {
			jf.Misses, jf.FalseAlarms = &f.report.Misses, &f.report.FalseAlarms
		}
		out.Files = append(out.Files, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeEvalTable(w io.Writer, files []evalFile, cfg evalConfig) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GOLD\tDOCS\tREQUIRED\tPREDICTED\tMATCHED\tDYAD+ROOT P\tR\tF1\tCODE MATCHED\tCODE P\tR\tF1\tROLE\tDATE\tLOCATION\tNAME")
	row := func(label string, f eval.Figures) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t%d\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\t%s\n",
			label, f.Documents, f.DyadRoot.Required, f.DyadRoot.Predicted, f.DyadRoot.Matched,
			f.DyadRoot.Precision(), f.DyadRoot.Recall(), f.DyadRoot.F1(),
			f.Code.Matched, f.Code.Precision(), f.Code.Recall(), f.Code.F1(),
			evalAcc(f.RoleAcc), evalAcc(f.DateAcc), evalAcc(f.LocAcc), evalAcc(f.NameAcc))
	}
	for _, f := range files {
		row(f.name, f.report.Overall)
		if cfg.byDoc {
			for _, d := range f.report.ByDoc {
				row("  "+d.ID, d.Figures)
			}
		}
	}
	all := evalOverall(files)
	if len(files) > 1 {
		row("overall", all)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d negated or hypothetical predictions set aside; %d absorbed by optional gold events.\n",
		all.SetAside, all.Absorbed)
	if !cfg.misses {
		return nil
	}
	fmt.Fprintln(w, "\nMissed required gold events:")
	n := 0
	for _, f := range files {
		for _, m := range f.report.Misses {
			n++
			g := m.Gold
			fmt.Fprintf(w, "  %s %s: anchor %q: %s -> %s, codes %s\n      %s\n",
				m.Origin, m.Doc, g.Anchor, evalGoldActor(&g.Source), evalGoldActor(g.Target), strings.Join(g.Codes, "|"), m.Sentence)
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "  none")
	}
	fmt.Fprintln(w, "\nFalse alarms (scored predictions that matched no gold event):")
	n = 0
	for _, f := range files {
		for _, m := range f.report.FalseAlarms {
			n++
			p := m.Pred
			fmt.Fprintf(w, "  %s %s: %s %s %s, trigger %q\n      %s\n",
				m.Origin, m.Doc, evalActorCode(&p.Source), p.Code, evalActorCode(p.Target), m.Trigger, m.Sentence)
		}
	}
	if n == 0 {
		fmt.Fprintln(w, "  none")
	}
	return nil
}

// evalAcc formats an accuracy, "-" when nothing was checked.
func evalAcc(r eval.Ratio) string {
	if r.Total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f (%d/%d)", r.Value(), r.Correct, r.Total)
}

// evalGoldActor describes an acceptable gold actor: "RUS/GOV (Sergei
// Ryabkov)", "IGOEU", "any", or "-" for a null target.
func evalGoldActor(a *eval.GoldActor) string {
	switch {
	case a == nil:
		return "-"
	case a.Any:
		return "any"
	}
	s := a.Country
	if a.Org != "" {
		s = "IGO" + a.Org
	}
	if s == "" {
		s = "any"
	}
	if len(a.Roles) > 0 {
		s += "/" + strings.Join(a.Roles, "|")
	}
	if a.Name != "" {
		s += " (" + a.Name + ")"
	}
	return s
}

func evalActorCode(a *event.Actor) string {
	switch {
	case a == nil:
		return "-"
	case a.Code != "":
		return a.Code
	default:
		return event.ComposeCode(a.Country, a.Org, a.Roles)
	}
}
