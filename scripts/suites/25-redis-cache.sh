#!/usr/bin/env bash
# The shared response cache against a real redis-server: installs the Debian package redis-server if it is missing
# (idempotent; CI starts from a fresh machine), builds tests/CodeAssist.Redis.Tests (kept out of CodeAssist.sln so the
# default .NET run needs no Redis) and runs it. Each test starts its own redis-server on a free loopback port with
# persistence off and kills it. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
root=$(pwd)
project="$root/tests/CodeAssist.Redis.Tests"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

server=${CODEASSIST_REDIS_SERVER:-$(command -v redis-server || true)}
if [ -z "$server" ] || [ ! -x "$server" ]; then
  echo "installing redis-server"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null \
    || fail "apt-get install redis-server failed"
  server=$(command -v redis-server || true)
  [ -n "$server" ] || fail "redis-server is still missing after installing it"
fi
export CODEASSIST_REDIS_SERVER="$server"
echo "using $("$server" --version | head -n 1)"

dotnet build "$project" -c Debug -nologo -v q 2>&1 | tail -n 3
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "dotnet build tests/CodeAssist.Redis.Tests failed"

output=$(dotnet test "$project" --no-build -nologo --logger "console;verbosity=normal" 2>&1)
status=$?
echo "$output" | grep -E "^\s+(Passed|Failed) |Error Message" -A3 | head -n 120
passed=$(echo "$output" | grep -Eo 'Passed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
failed=$(echo "$output" | grep -Eo 'Failed: +[0-9]+' | awk '{s+=$2} END {print s+0}')
if ! echo "$output" | grep -qE '^(Passed|Failed)!|^Test Run (Successful|Failed|Aborted)'; then echo "$output" | tail -n 40; failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
