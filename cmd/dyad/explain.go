package main

import (
	"context"
	"fmt"
)

// runExplain is not written yet; its helper replaces this file.
func runExplain(ctx context.Context, args []string, e *env) error {
	return fmt.Errorf("%w: not available yet", errNotYet)
}
