//go:build tools

// Package tools pins the language hosts this project builds beside the Pulumi CLI (tools/pulumi):
//   - pulumi-language-yaml, Pulumi's own, built from the module imported below at the version in go.mod;
//   - pulumi-language-go, -python and -dotnet, ours (the folders beside this file): the official ones are
//     modules the Go module proxy refuses. They generate SDKs with pkg/v3's code generators; the Go one also
//     runs Go programs.
//
// A module of its own, apart from the CLI's: pulumi-yaml v1.25.0 (the newest the Go module proxy serves) is
// written against pkg/v3 v3.206.0, whose plugin API v3.276.0 has changed, so the two do not build together;
// and v3.206.0 still holds the .NET code generator, which later pkg/v3 releases moved out.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
