#!/usr/bin/env bash
# The independent node LSP client (vscode-languageserver-protocol 3.18.5 + vscode-jsonrpc 10.0.0) against the real
# `codeassist serve`. Installs its npm packages if missing, builds the server if missing, and ends with
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
root=$(pwd)
dll="$root/src/CodeAssist.Cli/bin/Debug/net10.0/codeassist.dll"
suite="$root/tests/lsp-client-node"

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

command -v node >/dev/null || fail "node is not installed"
if [ ! -f "$dll" ]; then
  echo "building the server (missing $dll)"
  dotnet build "$root/src/CodeAssist.Cli" -c Debug -nologo -v q >/dev/null || fail "dotnet build failed"
fi

# npm workspaces hoist the packages to the root node_modules; install only when they cannot be resolved.
if ! (cd "$suite" && node -e "require.resolve('vscode-languageserver-protocol/node'); require.resolve('vscode-jsonrpc')" 2>/dev/null); then
  (cd "$suite" && npm install --no-audit --no-fund --loglevel=error) || fail "npm install failed"
fi

output=$(cd "$suite" && CODEASSIST_DLL="$dll" node --test --test-reporter=tap lsp-client.test.js 2>&1)
status=$?
echo "$output" | grep -E "^(not )?ok |^# (tests|pass|fail)" 
if [ $status -ne 0 ]; then echo "$output" | tail -n 40; fi
passed=$(echo "$output" | sed -n 's/^# pass \([0-9]*\)$/\1/p' | tail -n 1)
failed=$(echo "$output" | sed -n 's/^# fail \([0-9]*\)$/\1/p' | tail -n 1)
[ -z "$passed" ] && passed=0
[ -z "$failed" ] && failed=1
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
