#!/usr/bin/env bash
# The README's test command: set-up (Node, npm ci, Pulumi CLI, build), type-check, then every test.
# Extra arguments go to vitest (e.g. `bash scripts/test.sh test/provider`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/bootstrap.sh
echo "[test] tsc --noEmit"
npx tsc -p tsconfig.json --noEmit
report="$ROOT/.pulumi-state/vitest-report.json"
mkdir -p "$(dirname "$report")"
rm -f "$report"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# A one-line summary in the plain form CI reads, whatever vitest's own formatting does.
if [ -f "$report" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  ' "$report"
fi
exit "$status"
