#!/usr/bin/env bash
# The .NET tool path a user takes: `dotnet pack` the CLI, `dotnet tool install` it (into a temporary --tool-path, so
# nothing is left behind), then run the installed `codeassist`: --version, `explain` on the sample with no model
# (Roslyn-only answer), and `context` on the sample (MSBuildWorkspace: needs the BuildHost-netcore folder in the
# package). Also checks the package carries LLamaSharp's native runtime. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
root=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/codeassist-tool.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The installed tool must not see the machine's settings, model cache or remote provider.
unset CODEASSIST_PROVIDER CODEASSIST_MODEL CODEASSIST_ENDPOINT OPENAI_API_KEY
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"

passed=0
failed=0
pass() { echo "ok   - $1"; passed=$((passed + 1)); }
fail() { echo "FAIL - $1"; [ -n "${2:-}" ] && echo "$2" | tail -n 30 | sed 's/^/       /'; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

sample="$root/samples/Inventory/InventoryService.cs"

if out=$(dotnet pack "$root/src/CodeAssist.Cli" -c Release -o "$tmp/artifacts" -nologo -v q 2>&1); then
  pass "dotnet pack src/CodeAssist.Cli -c Release"
else
  fail "dotnet pack src/CodeAssist.Cli -c Release" "$out"; finish
fi

package=$(ls "$tmp"/artifacts/codeassist.*.nupkg 2>/dev/null | head -n 1)
if [ -z "$package" ]; then fail "the package codeassist.*.nupkg exists" "$(ls -la "$tmp/artifacts")"; finish; fi
contents=$(unzip -Z1 "$package")
for entry in \
  "tools/net10.0/any/codeassist.dll" \
  "tools/net10.0/any/DotnetToolSettings.xml" \
  "tools/net10.0/any/BuildHost-netcore/Microsoft.CodeAnalysis.Workspaces.MSBuild.BuildHost.dll" \
  "tools/net10.0/any/runtimes/linux-x64/native/avx2/libllama.so" \
  "tools/net10.0/any/runtimes/linux-x64/native/noavx/libllama.so"; do
  if echo "$contents" | grep -qxF "$entry"; then pass "package holds $entry"; else fail "package holds $entry"; fi
done

# A private NuGet folder: a codeassist package of the same version from an earlier run must not be reused.
if out=$(NUGET_PACKAGES="$tmp/nuget" dotnet tool install --tool-path "$tmp/tools" --add-source "$tmp/artifacts" --ignore-failed-sources codeassist 2>&1); then
  pass "dotnet tool install --tool-path --add-source artifacts codeassist"
else
  fail "dotnet tool install --tool-path --add-source artifacts codeassist" "$out"; finish
fi
tool="$tmp/tools/codeassist"

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props" | head -n 1)
out=$("$tool" --version 2>&1); status=$?
if [ $status -eq 0 ] && [ "${out%%+*}" = "$version" ]; then pass "codeassist --version prints $version"; else fail "codeassist --version prints $version (exit $status)" "$out"; fi

cd "$tmp"
out=$("$tool" explain "$sample:22-44" 2>&1); status=$?
if [ $status -eq 0 ] && echo "$out" | grep -qF "InventoryService.TryReserveOrder(IReadOnlyDictionary<string, int> lines)" \
   && echo "$out" | grep -qF "codeassist models pull"; then
  pass "codeassist explain InventoryService.cs:22-44 answers from Roslyn and says how to add a model"
else
  fail "codeassist explain InventoryService.cs:22-44 answers from Roslyn and says how to add a model (exit $status)" "$out"
fi

out=$("$tool" context "$sample:47:28" --json 2>"$tmp/context.err"); status=$?
if [ $status -eq 0 ] && echo "$out" | grep -qF '"renderedText"' && echo "$out" | grep -qF "StockLevel"; then
  pass "codeassist context InventoryService.cs:47:28 loads the project with MSBuild"
else
  fail "codeassist context InventoryService.cs:47:28 loads the project with MSBuild (exit $status)" "$out$(cat "$tmp/context.err")"
fi

cd "$root"
finish
