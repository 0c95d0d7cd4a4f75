package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"dyad/data"
	"dyad/pipeline"
)

// errDictProblems is returned when "dyad dict check" found problems; they
// are already printed, one per line.
var errDictProblems = errors.New("dictionary problems")

func runDict(ctx context.Context, args []string, e *env) error {
	fl := flag.NewFlagSet("dict", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	fl.Usage = func() {
		w := fl.Output()
		fmt.Fprintln(w, "usage: dyad dict check [DIR]")
		fmt.Fprintln(w, "\nLoads every dictionary family (actors, triggers, timex, lang, geo, cameo) from")
		fmt.Fprintln(w, "DIR, a folder with the layout of data/ (default: the built-in dictionaries),")
		fmt.Fprintln(w, "and prints every problem as file:line: message, one per line. Exit 1 if there")
		fmt.Fprintln(w, "is any, else it prints \"ok: N files\".")
	}
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	rest := fl.Args()
	if len(rest) == 0 || rest[0] != "check" || len(rest) > 2 {
		fl.Usage()
		return errUsage
	}
	var fsys fs.FS = data.FS
	if len(rest) == 2 {
		dir := rest[1]
		st, err := os.Stat(dir)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			return fmt.Errorf("%s: not a folder", dir)
		}
		fsys = os.DirFS(dir)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := pipeline.New(fsys)
	if err != nil {
		problems := dictProblems(err)
		for _, p := range problems {
			fmt.Fprintln(e.stdout, p)
		}
		return fmt.Errorf("%w: %d", errDictProblems, len(problems))
	}
	n, err := countDictFiles(fsys)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ok: %d files\n", n)
	return nil
}

// dictProblems flattens the joined loading errors into one line per
// problem, in order, without repeats.
func dictProblems(err error) []string {
	var out []string
	seen := map[string]bool{}
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			line = strings.TrimSpace(line)
			if line != "" && !seen[line] {
				seen[line] = true
				out = append(out, line)
			}
		}
	}
	walk(err)
	return out
}

// countDictFiles counts the dictionary files of a data folder: every
// regular file but the READMEs and the Go generators.
func countDictFiles(fsys fs.FS) (int, error) {
	n := 0
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() || strings.HasPrefix(strings.ToUpper(name), "README") || strings.HasSuffix(name, ".go") {
			return nil
		}
		n++
		return nil
	})
	return n, err
}
