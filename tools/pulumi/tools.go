//go:build tools

// Package tools pins the Pulumi CLI this project builds: `go build` of the
// imported command below produces the `pulumi` binary at the version in go.mod.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
