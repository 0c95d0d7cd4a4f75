package main

import (
	"context"
	"fmt"
)

// runActor is not written yet; its helper replaces this file.
func runActor(ctx context.Context, args []string, e *env) error {
	return fmt.Errorf("%w: not available yet", errNotYet)
}
