package main

import (
	"context"
	"fmt"
)

// runActors is not written yet; its helper replaces this file.
func runActors(ctx context.Context, args []string, e *env) error {
	return fmt.Errorf("%w: not available yet", errNotYet)
}
