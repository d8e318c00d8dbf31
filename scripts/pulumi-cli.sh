#!/usr/bin/env bash
# Makes `pulumi` (>= the version of the @pulumi/pulumi dependency) available on PATH:
# an existing one is used as it is; otherwise it is built from Go modules into .tools/bin.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
want="$1"
say() { printf '[pulumi-cli] %s\n' "$*"; }
version_ok() { # $1 = binary; true when its version >= $want
  local v; v=$("$1" version 2>/dev/null | sed 's/^v//; s/[-+].*//') || return 1
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$want" "$v" | sort -V | head -1)" = "$want" ]
}
langhost="$TOOLS/bin/pulumi-language-nodejs"
dynamic="$TOOLS/bin/pulumi-resource-pulumi-nodejs"

existing=$(command -v pulumi || true)
if [ -n "$existing" ] && [ "$existing" != "$TOOLS/bin/pulumi" ] && version_ok "$existing"; then
  say "using $existing ($("$existing" version))"
  exit 0
fi
# Our Node.js language host is built from tools/pulumi's own sources (it answers RunPlugin for policy packs): a change
# there rebuilds it even when the version is the same.
sources=$(cd "$ROOT/tools/pulumi" && cat go.mod go.sum $(find . -name '*.go' | sort) | sha256sum | cut -c1-16)
stamp="$TOOLS/bin/.pulumi-tools-sources"
if [ -x "$TOOLS/bin/pulumi" ] && version_ok "$TOOLS/bin/pulumi" && [ -x "$langhost" ] && \
   [ "$("$langhost" -version 2>/dev/null)" = "$want" ] && [ -e "$dynamic" ] && \
   [ "$(cat "$stamp" 2>/dev/null)" = "$sources" ]; then
  say "pulumi v$want already built in .tools/bin"
  exit 0
fi
if ! command -v go >/dev/null; then
  cat >&2 <<MSG
[pulumi-cli] No Pulumi CLI >= v$want on PATH, and no Go toolchain to build one.
Install the Pulumi CLI (https://www.pulumi.com/docs/install/), e.g.
    curl -fsSL https://get.pulumi.com | sh
or install Go >= 1.25 and run this again to build it from source.
MSG
  exit 1
fi
say "building pulumi v$want and the Node.js language host from Go modules (first time: several minutes)"
cd "$ROOT/tools/pulumi"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$want"
go build -trimpath -ldflags "$ldflags" -o "$TOOLS/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
go build -trimpath -ldflags "-s -w -X main.version=$want" -o "$langhost" ./pulumi-language-nodejs
# The dynamic-provider plugin is a script shipped inside @pulumi/pulumi; the engine looks for it beside `pulumi`.
ln -sfn "$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$dynamic"
echo "$sources" > "$stamp"
say "built: $("$TOOLS/bin/pulumi" version)"
