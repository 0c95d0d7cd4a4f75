package main

import (
	"context"
	"fmt"
)

// runIngest is not written yet; its helper replaces this file.
func runIngest(ctx context.Context, args []string, e *env) error {
	return fmt.Errorf("%w: not available yet", errNotYet)
}
