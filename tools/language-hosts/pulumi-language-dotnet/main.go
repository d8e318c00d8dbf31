// Command pulumi-language-dotnet generates .NET SDKs for `pulumi package gen-sdk --language dotnet` with
// pkg/v3/codegen/dotnet. It runs no program: Pulumi's .NET SDK comes from NuGet and needs the dotnet toolchain,
// neither of which this project's machines have, and the official host (github.com/pulumi/pulumi-dotnet) is
// refused by the Go module proxy. The .NET generator left pkg/v3 after v3.206.0, the version this module pins.
package main

import (
	"fmt"
	"os"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/pulumi-async-invoke/tools/language-hosts/internal/langhost"
)

var version = "dev"

func main() {
	if langhost.ParseArgs("pulumi-language-dotnet", os.Args[1:]).ShowVersion {
		fmt.Println(version)
		return
	}
	langhost.Serve("pulumi-language-dotnet", &langhost.SDKOnly{
		Name:    "pulumi-language-dotnet",
		Version: version,
		Generate: func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, _ schema.ReferenceLoader) (map[string][]byte, error) {
			if pkg.LogoURL == "" {
				pkg.LogoURL = drawnLogoURL
			}
			return dotnetgen.GeneratePackage("pulumi-language-dotnet", pkg, req.GetExtraFiles(), req.GetLocalDependencies())
		},
	})
}
