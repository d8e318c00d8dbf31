#!/usr/bin/env bash
# Generates the asyncinvoke provider's SDKs from its schema with the real CLI:
#   pulumi package gen-sdk provider/plugin/schema.json --language go|python|dotnet --out sdk
# into sdk/go (a Go module), sdk/python (a pip-installable package) and sdk/dotnet (a .NET project). The SDKs are
# not committed: they are a pure function of the committed schema and of the generators pinned in
# tools/language-hosts/go.mod, so this script regenerates them whenever either changed (a hash stamp in sdk/).
# Usage: bash scripts/gen-sdks.sh [go python dotnet]   (default: all three)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
say() { printf '[gen-sdks] %s\n' "$*"; }
schema="provider/plugin/schema.json"
languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(go python dotnet)

[ -f "$schema" ] || { say "no $schema: nothing to generate from" >&2; exit 1; }
bash scripts/language-hosts.sh >/dev/null
for lang in "${languages[@]}"; do
  case "$lang" in go | python | dotnet) ;; *) say "unknown language '$lang' (go, python, dotnet)" >&2; exit 2 ;; esac
  [ -x "$TOOLS/bin/pulumi-language-$lang" ] || { say "no .tools/bin/pulumi-language-$lang: run scripts/bootstrap.sh (needs Go)" >&2; exit 1; }
done

# Offline, like every other pulumi command here: no update check, no plugin download, a project-local home.
export PULUMI_HOME="$ROOT/.pulumi-state/home" PULUMI_SKIP_UPDATE_CHECK=true \
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true PULUMI_COPILOT=false NO_COLOR=1
mkdir -p "$PULUMI_HOME" sdk
inputs=$( { sha256sum "$schema"; cat "$TOOLS/bin/.language-hosts.sha256" 2>/dev/null; } | sha256sum | cut -d' ' -f1)
for lang in "${languages[@]}"; do
  stamp="sdk/.$lang.sha256"
  if [ -d "sdk/$lang" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$inputs" ]; then
    say "sdk/$lang is up to date"
    continue
  fi
  rm -f "$stamp"
  # gen-sdk empties sdk/<lang> itself before it writes.
  pulumi package gen-sdk "$schema" --language "$lang" --out sdk >/dev/null
  printf '%s\n' "$inputs" > "$stamp"
  say "generated sdk/$lang"
done
