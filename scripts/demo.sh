#!/usr/bin/env bash
# The README's demo command: set-up (Node, npm ci, Pulumi CLI, build), then the narrated demo against the
# embedded emulator (demo/run.ts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/bootstrap.sh
exec node -r ts-node/register/transpile-only demo/run.ts
