# Sourced by every script: puts the project's tools first on PATH and makes Pulumi work offline.
# Pulumi's plugins call plain `node`, so the PATH set here reaches them as well.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/node/bin:$TOOLS/bin:$ROOT/node_modules/.bin:$PATH"
# The machine's ~/.npmrc may carry keys that newer npm warns about on every call.
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
