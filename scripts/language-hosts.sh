#!/usr/bin/env bash
# Builds the language hosts beside the Pulumi CLI in .tools/bin, from the Go module tools/language-hosts/:
#   pulumi-language-yaml   Pulumi's own YAML host (github.com/pulumi/pulumi-yaml, version pinned in go.mod)
#   pulumi-language-go     ours: runs Go programs, generates Go SDKs
#   pulumi-language-python ours: generates Python SDKs
#   pulumi-language-dotnet ours: generates .NET SDKs
# Skipped when .tools/bin holds hosts built from the same sources (a hash of tools/language-hosts/).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
say() { printf '[language-hosts] %s\n' "$*"; }
module="$ROOT/tools/language-hosts"
hosts=(pulumi-language-yaml pulumi-language-go pulumi-language-python pulumi-language-dotnet)
stamp="$TOOLS/bin/.language-hosts.sha256"

sources_hash() {
  (cd "$module" && find . -type f \( -name '*.go' -o -name go.mod -o -name go.sum \) -print0 | LC_ALL=C sort -z |
    xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}
want=$(sources_hash)
all_there=1
for h in "${hosts[@]}"; do [ -x "$TOOLS/bin/$h" ] || all_there=0; done
if [ "$all_there" = 1 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  say "YAML, Go, Python and .NET language hosts already built in .tools/bin"
  exit 0
fi
if ! command -v go >/dev/null; then
  # Not fatal: the demo and the TypeScript programs need none of these. The YAML/Go end-to-end tests and
  # scripts/gen-sdks.sh fail on their own, naming the missing host.
  say "no Go toolchain: skipped (YAML and Go programs and SDK generation need these hosts; install Go >= 1.25)" >&2
  exit 0
fi
yaml_version=$(sed -n 's|^[[:space:]]*github.com/pulumi/pulumi-yaml v\([0-9.]*\)$|\1|p' "$module/go.mod")
pkg_version=$(sed -n 's|^[[:space:]]*github.com/pulumi/pulumi/pkg/v3 v\([0-9.]*\)$|\1|p' "$module/go.mod")
say "building pulumi-language-yaml v$yaml_version and the Go/Python/.NET hosts (pkg/v3 v$pkg_version) from Go modules"
mkdir -p "$TOOLS/bin"
cd "$module"
start=$SECONDS
# Each binary is built to a temporary name and moved into place, so a stopped build never leaves half a host.
tmp=$(mktemp -d "$TOOLS/bin/.language-hosts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$yaml_version" \
  -o "$tmp/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
go build -trimpath -ldflags "-s -w -X main.version=$pkg_version" \
  -o "$tmp/" ./pulumi-language-go ./pulumi-language-python ./pulumi-language-dotnet
for h in "${hosts[@]}"; do mv -f "$tmp/$h" "$TOOLS/bin/$h"; done
printf '%s\n' "$want" > "$stamp"
say "built in $((SECONDS - start))s"
