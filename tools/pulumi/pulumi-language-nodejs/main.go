// Command pulumi-language-nodejs is the Node.js language host the Pulumi engine starts to run a program.
//
// Why it is ours: the official host is the untagged Go module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, and the Go module proxy this project
// builds from refuses every version of it (403 "This module version is not available"), while the CLI
// (pkg/v3) and the SDK (sdk/v3) it needs are served. The work a language host does for `preview`, `up`,
// `refresh`, `destroy` and `new` is small: start `@pulumi/pulumi/cmd/run` (which ships in the program's
// node_modules and does everything else) with the engine's addresses and the stack config, report how it
// ended, and run `npm install` when asked. That is all this host does; it implements the engine's
// LanguageRuntime gRPC interface from sdk/v3, so the engine cannot tell it from the official one for
// those commands. Code generation, packing and linking are left unimplemented (the engine reports it).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
)

// version is stamped at build time with -ldflags "-X main.version=…" to the @pulumi/pulumi version it serves.
var version = "dev"

// bailExitCode is what @pulumi/pulumi's cmd/run exits with after it has already shown the user the error;
// the engine is then told to stop without adding a message of its own.
const bailExitCode = 32

func main() {
	// The engine passes flags that differ between CLI versions; take the ones we use and ignore the rest,
	// since an unknown flag must not stop a deployment.
	fs := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	tracing := fs.String("tracing", "", "Zipkin-compatible tracing endpoint")
	showVersion := fs.Bool("version", false, "print the version and exit")
	var positional []string
	for _, arg := range os.Args[1:] {
		if strings.HasPrefix(arg, "-") {
			_ = fs.Parse([]string{arg})
		} else {
			positional = append(positional, arg)
		}
	}
	if *showVersion {
		fmt.Println(version)
		return
	}
	engineAddress := ""
	if len(positional) > 0 {
		engineAddress = positional[0]
	}

	host := &languageHost{engineAddress: engineAddress, tracing: *tracing}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not start the language host: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from our first line of output.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "language host stopped: %v\n", err)
		os.Exit(1)
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	tracing       string

	mu      sync.Mutex
	running []*os.Process
}

func (h *languageHost) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Plugins are never downloaded in this project's offline set-up, and a dynamic provider is served by the
// `pulumi-resource-pulumi-nodejs` script beside the CLI, so a program needs no plugin to be announced.
func (h *languageHost) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *languageHost) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *languageHost) RuntimeOptionsPrompts(context.Context, *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *languageHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range h.running {
		_ = p.Signal(os.Interrupt)
	}
	return &emptypb.Empty{}, nil
}

// Run executes the program through @pulumi/pulumi's own runner, found in the program's node_modules.
func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := req.GetPwd()
	entryPoint := req.GetProgram()
	rootDir := ""
	var options map[string]any
	if info != nil {
		programDir = info.GetProgramDirectory()
		entryPoint = info.GetEntryPoint()
		rootDir = info.GetRootDirectory()
		options = info.GetOptions().AsMap()
	}
	if entryPoint == "" {
		entryPoint = "."
	}
	runPath, err := findUp(programDir, filepath.Join("node_modules", "@pulumi", "pulumi", "cmd", "run"))
	if err != nil {
		return &pulumirpc.RunResponse{Error: "It looks like the Pulumi SDK has not been installed: " +
			"no node_modules/@pulumi/pulumi above " + programDir + ". Run `npm install`."}, nil
	}

	args := []string{runPath}
	flagIf := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagIf("monitor", req.GetMonitorAddress())
	flagIf("engine", h.engineAddress)
	flagIf("organization", req.GetOrganization())
	flagIf("project", req.GetProject())
	flagIf("stack", req.GetStack())
	flagIf("pwd", programDir)
	flagIf("root-directory", rootDir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		flagIf("parallel", strconv.Itoa(int(req.GetParallel())))
	}
	flagIf("tracing", h.tracing)
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	env, err := programEnv(req, options)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDir
	cmd.Env = env
	// The engine shows the program's output to the user as it comes.
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return &pulumirpc.RunResponse{Error: "could not start node (is Node.js >= 22 on PATH?): " + err.Error()}, nil
	}
	h.track(cmd.Process, true)
	err = cmd.Wait()
	h.track(cmd.Process, false)

	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == bailExitCode:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
	default:
		return &pulumirpc.RunResponse{Error: "Problem executing program: " + err.Error()}, nil
	}
}

// RunPlugin runs a plugin written for Node.js from its folder: a policy pack (kind "analyzer", through
// @pulumi/pulumi's cmd/run-policy-pack) or a provider (through cmd/run-plugin), found in the node_modules above
// the plugin. The engine reads the plugin's port from its first line of stdout, so stdout and stderr are streamed
// back as they come, then the exit code.
func (h *languageHost) RunPlugin(req *pulumirpc.RunPluginRequest, server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	programDir := req.GetPwd()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		programDir = info.GetProgramDirectory()
	}
	runner := "run-plugin"
	if req.GetKind() == "analyzer" {
		runner = "run-policy-pack"
	}
	runPath, err := findUp(programDir, filepath.Join("node_modules", "@pulumi", "pulumi", "cmd", runner))
	if err != nil {
		return fmt.Errorf("it looks like the Pulumi SDK has not been installed: no node_modules/@pulumi/pulumi above %s", programDir)
	}
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	// run-plugin and run-policy-pack both take `<engine-address> <program>`: the engine gives the address in Args.
	args := append([]string{runPath}, req.GetArgs()...)
	args = append(args, programDir)
	cmd := exec.Command("node", args...)
	cmd.Dir = programDir
	cmd.Env = append(os.Environ(), req.GetEnv()...)
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start node (is Node.js >= 22 on PATH?): %w", err)
	}
	h.track(cmd.Process, true)
	err = cmd.Wait()
	h.track(cmd.Process, false)
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		return err
	}
	if err := closer.Close(); err != nil {
		return err
	}
	return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

// programEnv passes the stack config the way @pulumi/pulumi reads it (runtime/config.ts) and turns the
// Pulumi.yaml runtime options into the variables cmd/run looks at.
func programEnv(req *pulumirpc.RunRequest, options map[string]any) ([]string, error) {
	config, err := json.Marshal(nonNil(req.GetConfig()))
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(nonNilSlice(req.GetConfigSecretKeys()))
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
	)
	typescript := true // the official host's default
	if v, ok := options["typescript"].(bool); ok {
		typescript = v
	}
	env = append(env, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(typescript))
	if v, ok := options["tsconfig"].(string); ok && v != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+v)
	}
	if v, ok := options["nodeargs"].(string); ok && v != "" {
		env = append(env, "NODE_OPTIONS="+strings.TrimSpace(os.Getenv("NODE_OPTIONS")+" "+v))
	}
	return env, nil
}

// InstallDependencies runs `npm install` for `pulumi new` and `pulumi install`, streaming its output.
func (h *languageHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetDirectory()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	cmd := exec.CommandContext(stream.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout = streamWriter{send: func(b []byte) error { return stream.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b}) }}
	cmd.Stderr = streamWriter{send: func(b []byte) error { return stream.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b}) }}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s failed: %w", dir, err)
	}
	return nil
}

func (h *languageHost) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("node is not on PATH: %w", err)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: node, Version: strings.TrimPrefix(strings.TrimSpace(string(out)), "v")}, nil
}

// GetProgramDependencies lists the program's direct dependencies at their installed versions.
func (h *languageHost) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetPwd()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	var manifest struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	if err := readJSON(filepath.Join(dir, "package.json"), &manifest); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(manifest.Dependencies)+len(manifest.DevDependencies))
	for name := range manifest.Dependencies {
		names = append(names, name)
	}
	if req.GetTransitiveDependencies() {
		for name := range manifest.DevDependencies {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	deps := make([]*pulumirpc.DependencyInfo, 0, len(names))
	for _, name := range names {
		var installed struct {
			Version string `json:"version"`
		}
		if path, err := findUp(dir, filepath.Join("node_modules", name, "package.json")); err == nil {
			_ = readJSON(path, &installed)
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: installed.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *languageHost) track(p *os.Process, add bool) {
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

// findUp looks for rel in dir and its parents, as Node's module resolution would.
func findUp(dir, rel string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		candidate := filepath.Join(abs, rel)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", os.ErrNotExist
		}
		abs = parent
	}
}

func readJSON(path string, into any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, into)
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func nonNilSlice(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

type streamWriter struct{ send func([]byte) error }

func (w streamWriter) Write(p []byte) (int, error) {
	// gRPC may hold on to the slice after Send returns; the writer's caller reuses it.
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}
