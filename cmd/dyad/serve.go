package main

import (
	"context"
	"fmt"
)

// runServe is not written yet; its helper replaces this file.
func runServe(ctx context.Context, args []string, e *env) error {
	return fmt.Errorf("%w: not available yet", errNotYet)
}
