package main

import (
	"context"
	"fmt"
)

// runDict is not written yet; its helper replaces this file.
func runDict(ctx context.Context, args []string, e *env) error {
	return fmt.Errorf("%w: not available yet", errNotYet)
}
