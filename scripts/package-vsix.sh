#!/usr/bin/env bash
# Builds a platform-specific .vsix that holds the server, so that installing it is the whole install:
#   scripts/package-vsix.sh linux-x64        (any .NET RID: linux-x64, linux-arm64, linux-musl-x64, osx-x64, osx-arm64, win-x64, win-arm64)
# The server is published self-contained (no .NET runtime needed on the user's machine) into editors/vscode/server/,
# keeping only that RID's native llama.cpp libraries, then `vsce package --target` writes
# editors/vscode/dist/codeassist-<vsce target>.vsix. Offline: the runtime pack comes from the configured NuGet feed.
# Last line: the path of the .vsix and its size.
set -euo pipefail
rid="${1:-}"
case "$rid" in
  linux-x64 | linux-arm64) target="$rid" ;;
  linux-musl-x64) target=alpine-x64 ;;
  linux-musl-arm64) target=alpine-arm64 ;;
  osx-x64) target=darwin-x64 ;;
  osx-arm64) target=darwin-arm64 ;;
  win-x64) target=win32-x64 ;;
  win-arm64) target=win32-arm64 ;;
  *) echo "usage: $0 <rid>   (linux-x64, linux-arm64, linux-musl-x64, osx-x64, osx-arm64, win-x64, win-arm64)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
ext="$root/editors/vscode"
server="$ext/server"
rm -rf "$server"
dotnet publish "$root/src/CodeAssist.Cli" -c Release -r "$rid" --self-contained -nologo -v q \
  -p:DebugType=none -p:GenerateDocumentationFile=false -o "$server"

# LLamaSharp ships every platform's llama.cpp; the package is for one. The .NET Framework BuildHost runs on Windows only.
find "$server/runtimes" -mindepth 1 -maxdepth 1 -type d ! -name "$rid" -exec rm -rf {} +
case "$rid" in win-*) ;; *) rm -rf "$server/BuildHost-net472" ;; esac
case "$rid" in win-*) exe="$server/codeassist.exe" ;; *) exe="$server/codeassist"; chmod 755 "$exe" ;; esac
[ -f "$exe" ] || { echo "the publish produced no $exe" >&2; exit 1; }

cd "$ext"
if [ ! -d node_modules/@vscode/vsce ] || [ ! -d node_modules/vscode-languageclient ]; then
  # --prefix keeps the install here (the root package.json is a workspace root).
  npm ci --prefix . --no-audit --no-fund >&2
fi
node esbuild.mjs --production
vsix="$ext/dist/codeassist-$target.vsix"
npx vsce package --no-dependencies --allow-missing-repository --skip-license --target "$target" -o "$vsix" >&2
echo "$vsix $(du -h "$vsix" | cut -f1)"
