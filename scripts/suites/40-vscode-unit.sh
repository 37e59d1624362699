#!/usr/bin/env bash
# VS Code extension: type-check, then node's test runner over the extension's own logic (settings mapping, server
# path resolution, restart backoff, protocol helpers) and the tidy test that keeps package.json's settings in sync
# with CodeAssistOptions.cs and with `codeassist config --json`. Last line: "N passed, N failed".
set -u
cd "$(dirname "$0")/../../editors/vscode"

# --prefix keeps the install in editors/vscode (the root package.json is a workspace root).
if ! npm ci --prefix . --no-audit --no-fund >/tmp/codeassist-vscode-npm.log 2>&1; then
  cat /tmp/codeassist-vscode-npm.log
  echo "0 passed, 1 failed"
  exit 1
fi

# The tidy test runs `codeassist config --json`; scripts/test.sh has built it already, a lone run builds it here.
dll=../../src/CodeAssist.Cli/bin/Debug/net10.0/codeassist.dll
if [ ! -f "$dll" ]; then
  dotnet build ../../src/CodeAssist.Cli -nologo -v q >/tmp/codeassist-vscode-build.log 2>&1 || tail -n 20 /tmp/codeassist-vscode-build.log
fi

failed=0
if ! npx tsc --noEmit -p .; then
  echo "type check failed"
  failed=1
fi

rm -rf out
if ! npx tsc -p tsconfig.test.json; then
  echo "0 passed, $((failed + 1)) failed"
  exit 1
fi
node --test --test-reporter=spec out/test/unit/ 2>&1 | tee out/unit.log
passed=$(grep -Eo '^ℹ pass [0-9]+' out/unit.log | awk '{print $3}')
tests_failed=$(grep -Eo '^ℹ fail [0-9]+' out/unit.log | awk '{print $3}')
passed=${passed:-0}
tests_failed=${tests_failed:-1}
failed=$((failed + tests_failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
