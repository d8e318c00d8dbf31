package langhost

import (
	"context"
	"fmt"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// SDKOnly is a language host that generates SDKs and runs no program: for languages whose runtime (the
// language's own Pulumi SDK from its registry) this project cannot install, it still lets
// `pulumi package gen-sdk --language <name>` produce that language's SDK. Run says so instead of failing later.
type SDKOnly struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	Name     string
	Version  string
	Generate Generator
}

func (h *SDKOnly) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *SDKOnly) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: h.Version}, nil
}

func (h *SDKOnly) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *SDKOnly) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *SDKOnly) Run(context.Context, *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return &pulumirpc.RunResponse{Error: fmt.Sprintf(
		"this %s only generates SDKs (pulumi package gen-sdk); to run a program, install Pulumi's own %s language host "+
			"(it ships with the Pulumi CLI's release archives) and put it first on PATH", h.Name, h.Name)}, nil
}

func (h *SDKOnly) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	return GeneratePackage(ctx, req, h.Generate)
}
