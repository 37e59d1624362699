#!/usr/bin/env bash
# The one test command: builds, runs every suite (.NET, then each script in scripts/suites/ in name order),
# and ends with one line "N passed, N failed" over all suites.
# Each suite script installs what it needs (idempotently) and prints "N passed, N failed" as its last such line.
set -u
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/.tmp/test-results"
rm -rf "$results" && mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

total_passed=0
total_failed=0
status=0

add_counts() { # suite-name, log-file: reads the last "N passed, N failed" line
  local line
  line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
  if [ -z "$line" ]; then
    echo "!! suite $1 reported no result line: counted as 1 failure"
    total_failed=$((total_failed + 1)); status=1; return
  fi
  local p f
  p=$(echo "$line" | awk '{print $1}'); f=$(echo "$line" | awk '{print $3}')
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
  echo "== $1: $line"
}

echo "== building"
if ! dotnet build CodeAssist.sln -c Debug -nologo -v q 2>&1 | tee "$results/build.log" | tail -n 5; then status=1; fi
if grep -q "Build FAILED" "$results/build.log"; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

echo "== .NET tests"
# Minimal console verbosity prints each failed test with its message and stack, and the per-assembly totals.
dotnet test CodeAssist.sln --no-build -nologo --logger "console;verbosity=minimal" > "$results/dotnet.log" 2>&1
grep -E "^(Passed|Failed)!|^\s+Failed |Error Message" -A3 "$results/dotnet.log" | head -n 200 || true
p=$(grep -Eo 'Passed: +[0-9]+' "$results/dotnet.log" | awk '{s+=$2} END {print s+0}')
f=$(grep -Eo 'Failed: +[0-9]+' "$results/dotnet.log" | awk '{s+=$2} END {print s+0}')
if ! grep -qE '^(Passed|Failed)!' "$results/dotnet.log"; then f=$((f + 1)); fi
echo "$p passed, $f failed" > "$results/dotnet.count"
add_counts dotnet "$results/dotnet.count"

for suite in scripts/suites/*.sh; do
  [ -e "$suite" ] || continue
  name=$(basename "$suite" .sh)
  echo "== suite $name"
  bash "$suite" > "$results/$name.log" 2>&1
  rc=$?
  tail -n 15 "$results/$name.log"
  add_counts "$name" "$results/$name.log"
  if [ $rc -ne 0 ]; then status=1; fi
done

[ "$total_failed" -gt 0 ] && status=1
echo "$total_passed passed, $total_failed failed"
exit $status
