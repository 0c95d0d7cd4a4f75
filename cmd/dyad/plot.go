package main

import (
	"context"
	"fmt"
)

// runPlot is not written yet; its helper replaces this file.
func runPlot(ctx context.Context, args []string, e *env) error {
	return fmt.Errorf("%w: not available yet", errNotYet)
}
