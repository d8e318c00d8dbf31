// Package langhost holds what this project's language hosts share: serving the engine's LanguageRuntime gRPC
// interface on a free port, and generating an SDK from a schema with one of pkg/v3's code generators.
//
// The engine starts `pulumi-language-<name> [flags] <engine address>` and reads the port from the first line
// the host prints. `pulumi package gen-sdk --language <name>` reaches a language's generator only through that
// host's GeneratePackage call, so every language whose SDK this project generates needs a host here.
package langhost

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Args are the command line the engine passes: flags that differ between CLI versions (only -tracing and
// -version are used; an unknown flag must not stop a deployment) and the engine's address.
type Args struct {
	EngineAddress string
	Tracing       string
	ShowVersion   bool
}

// ParseArgs reads the command line without failing on flags this host does not know.
func ParseArgs(name string, argv []string) Args {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	tracing := fs.String("tracing", "", "Zipkin-compatible tracing endpoint")
	showVersion := fs.Bool("version", false, "print the version and exit")
	var positional []string
	for _, arg := range argv {
		if strings.HasPrefix(arg, "-") {
			_ = fs.Parse([]string{arg})
		} else {
			positional = append(positional, arg)
		}
	}
	args := Args{Tracing: *tracing, ShowVersion: *showVersion}
	if len(positional) > 0 {
		args.EngineAddress = positional[0]
	}
	return args
}

// Serve registers the host, prints its port for the engine and serves until the engine hangs up.
func Serve(name string, host pulumirpc.LanguageRuntimeServer) {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not start the language host: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: language host stopped: %v\n", name, err)
		os.Exit(1)
	}
}

// Generator turns a bound package into files (path relative to the SDK's folder → contents).
type Generator func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error)

// GeneratePackage binds the request's schema with the engine's schema loader (for references to other
// packages), runs the generator and writes its files under the request's directory. Schema errors come back
// as diagnostics, which the CLI prints with their place in the schema.
func GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest, generate Generator) (*pulumirpc.GeneratePackageResponse, error) {
	if req.GetDirectory() == "" {
		return nil, errors.New("GeneratePackage: no output directory in the request")
	}
	client, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, fmt.Errorf("connect to the engine's schema loader: %w", err)
	}
	defer client.Close()
	loader := schema.NewCachedLoader(client)

	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, fmt.Errorf("the schema is not valid JSON: %w", err)
	}
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	rpcDiags := plugin.HclDiagnosticsToRPCDiagnostics(diags)
	if diags.HasErrors() {
		return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiags}, nil
	}
	files, err := generate(pkg, req, loader)
	if err != nil {
		return nil, err
	}
	if err := WriteFiles(req.GetDirectory(), files); err != nil {
		return nil, err
	}
	return &pulumirpc.GeneratePackageResponse{Diagnostics: rpcDiags}, nil
}

// WriteFiles writes generated files below dir, refusing any path that would land outside it.
func WriteFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		clean := filepath.Clean(filepath.FromSlash(name))
		if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
			return fmt.Errorf("generated file %q is outside the SDK folder", name)
		}
		out := filepath.Join(dir, clean)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", filepath.Dir(out), err)
		}
		if err := os.WriteFile(out, files[name], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", out, err)
		}
	}
	return nil
}
