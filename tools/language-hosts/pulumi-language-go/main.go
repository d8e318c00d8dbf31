// Command pulumi-language-go is the Go language host the Pulumi engine starts to run a Go program and that
// `pulumi package gen-sdk --language go` asks for a Go SDK.
//
// Why it is ours: the official host is the module github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3, and
// the Go module proxy this project builds from refuses every version of it (403), while pkg/v3 (with the Go
// code generator) and sdk/v3 are served. What the host does is small: `go build` the program, run the binary
// with the engine's addresses and the stack config in the variables sdk/v3/go/pulumi reads (run.go), report
// how it ended; `go mod tidy` when asked to install dependencies; and generate SDKs with pkg/v3/codegen/go.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/constant"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi-async-invoke/tools/language-hosts/internal/langhost"
)

// version is stamped at build time (-ldflags "-X main.version=…") with the pkg/v3 version of the generator.
var version = "dev"

func main() {
	args := langhost.ParseArgs("pulumi-language-go", os.Args[1:])
	if args.ShowVersion {
		fmt.Println(version)
		return
	}
	langhost.Serve("pulumi-language-go", &goHost{engineAddress: args.EngineAddress})
}

type goHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string

	mu      sync.Mutex
	running []*os.Process
}

func (h *goHost) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *goHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Plugins are never downloaded in this project's offline set-up: a program's providers are installed with
// `pulumi plugin install` or named in Pulumi.yaml, and the engine loads each when its first resource registers.
func (h *goHost) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *goHost) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *goHost) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *goHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range h.running {
		_ = p.Signal(os.Interrupt)
	}
	return &emptypb.Empty{}, nil
}

// Run compiles the program (or takes the prebuilt binary named by the `binary` runtime option) and runs it.
func (h *goHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir, rootDir := req.GetPwd(), ""
	var options map[string]any
	if info != nil {
		programDir, rootDir = info.GetProgramDirectory(), info.GetRootDirectory()
		options = info.GetOptions().AsMap()
	}
	bin := ""
	if name, ok := options["binary"].(string); ok && name != "" {
		path, err := exec.LookPath(name)
		if err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("runtime option binary: %q is not an executable on PATH or a path: %v", name, err)}, nil
		}
		bin = path
	} else {
		built, output, err := compile(ctx, programDir)
		if err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("go build in %s failed: %v\n%s", programDir, err, output)}, nil
		}
		defer os.Remove(built)
		bin = built
	}

	env, err := programEnv(req, h.engineAddress, rootDir)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	// The engine shows the program's output to the user as it comes.
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: "could not start the program: " + err.Error()}, nil
	}
	h.track(cmd.Process, true)
	err = cmd.Wait()
	h.track(cmd.Process, false)

	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == constant.ExitStatusLoggedError:
		// The program already told the engine what went wrong.
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: "problem executing the program: " + err.Error()}, nil
	}
}

// compile runs `go build` in the program's folder into a temporary file and returns its path.
func compile(ctx context.Context, dir string) (string, []byte, error) {
	if matches, _ := filepath.Glob(filepath.Join(dir, "*.go")); len(matches) == 0 {
		return "", nil, fmt.Errorf("no .go files in %s", dir)
	}
	out, err := os.CreateTemp("", "pulumi-go-program-*")
	if err != nil {
		return "", nil, err
	}
	_ = out.Close()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out.Name(), ".")
	cmd.Dir = dir
	output, err := cmd.CombinedOutput()
	if err != nil {
		_ = os.Remove(out.Name())
		return "", output, err
	}
	return out.Name(), nil, nil
}

// programEnv passes the run's settings in the variables sdk/v3/go/pulumi/run.go reads.
func programEnv(req *pulumirpc.RunRequest, engineAddress, rootDir string) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := os.Environ()
	set := func(key, value string) {
		if value != "" {
			env = append(env, key+"="+value)
		}
	}
	set("PULUMI_ORGANIZATION", req.GetOrganization())
	set("PULUMI_PROJECT", req.GetProject())
	set("PULUMI_STACK", req.GetStack())
	set("PULUMI_ROOT_DIRECTORY", rootDir)
	set("PULUMI_CONFIG", string(configJSON))
	set("PULUMI_CONFIG_SECRET_KEYS", string(secretJSON))
	set("PULUMI_DRY_RUN", strconv.FormatBool(req.GetDryRun()))
	set("PULUMI_PARALLEL", strconv.Itoa(int(req.GetParallel())))
	set("PULUMI_MONITOR", req.GetMonitorAddress())
	set("PULUMI_ENGINE", engineAddress)
	return env, nil
}

// InstallDependencies runs `go mod tidy` for `pulumi new` and `pulumi install`, streaming its output.
func (h *goHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetDirectory()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	cmd := exec.CommandContext(stream.Context(), "go", "mod", "tidy")
	cmd.Dir = dir
	cmd.Stdout = streamWriter{send: func(b []byte) error { return stream.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b}) }}
	cmd.Stderr = streamWriter{send: func(b []byte) error { return stream.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b}) }}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go mod tidy in %s failed: %w", dir, err)
	}
	return nil
}

func (h *goHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("go is not on PATH: %w", err)
	}
	out, err := exec.Command(gobin, "env", "GOVERSION").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOVERSION: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: gobin, Version: strings.TrimPrefix(strings.TrimSpace(string(out)), "go")}, nil
}

// GetProgramDependencies lists the modules the program's go.mod requires (direct ones unless transitive are
// asked for); a module replaced by a local folder has no version.
func (h *goHost) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetPwd()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	path := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	mod, err := modfile.Parse(path, data, nil)
	if err != nil {
		return nil, err
	}
	replaced := map[string]bool{}
	for _, r := range mod.Replace {
		replaced[r.Old.Path] = r.New.Version == ""
	}
	deps := []*pulumirpc.DependencyInfo{}
	for _, r := range mod.Require {
		if r.Indirect && !req.GetTransitiveDependencies() {
			continue
		}
		v := r.Mod.Version
		if replaced[r.Mod.Path] {
			v = ""
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: r.Mod.Path, Version: v})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// GeneratePackage writes a Go SDK (a module with one package per schema module) into the request's folder.
func (h *goHost) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	if len(req.GetExtraFiles()) > 0 {
		return nil, errors.New("overlays are not supported for Go SDKs")
	}
	return langhost.GeneratePackage(ctx, req, func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader) (map[string][]byte, error) {
		return gogen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	})
}

func (h *goHost) track(p *os.Process, add bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if add {
		h.running = append(h.running, p)
		return
	}
	for i, q := range h.running {
		if q == p {
			h.running = append(h.running[:i], h.running[i+1:]...)
			return
		}
	}
}

type streamWriter struct{ send func([]byte) error }

func (w streamWriter) Write(p []byte) (int, error) {
	// gRPC may hold on to the slice after Send returns; the writer's caller reuses it.
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}
