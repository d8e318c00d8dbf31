// Command pulumi-language-python generates Python SDKs for `pulumi package gen-sdk --language python` with
// pkg/v3/codegen/python. It runs no program: Pulumi's Python SDK comes from PyPI, which this project's machines
// do not reach, and the official host (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) is
// refused by the Go module proxy.
package main

import (
	"fmt"
	"os"

	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"

	"github.com/pulumi-async-invoke/tools/language-hosts/internal/langhost"
)

var version = "dev"

func main() {
	if langhost.ParseArgs("pulumi-language-python", os.Args[1:]).ShowVersion {
		fmt.Println(version)
		return
	}
	langhost.Serve("pulumi-language-python", &langhost.SDKOnly{
		Name:    "pulumi-language-python",
		Version: version,
		Generate: func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest, loader schema.ReferenceLoader) (map[string][]byte, error) {
			return pygen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
		},
	})
}
