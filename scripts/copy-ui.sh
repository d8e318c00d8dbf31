#!/usr/bin/env bash
# Copies the emulator dashboard's static files (HTML, CSS, browser JS) into dist/, beside the compiled
# emulator/core/control/dashboard.js that serves them. tsc copies none of them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p dist/emulator/core/control/ui
cp emulator/core/control/ui/index.html emulator/core/control/ui/dashboard.js emulator/core/control/ui/dashboard.css dist/emulator/core/control/ui/
