#!/usr/bin/env bash
# Neovim 0.7.2 (Debian) headless: the LSP smoke test, the plugin's unit tests, and the plugin against the real
# server with a scripted model (ghost text through extmarks, accept, dismiss, explain, code actions), then inline
# completion from a real local model (realmodel_spec.lua).
set -u
cd "$(dirname "$0")/../.."
source editors/nvim/test/env.sh

ensure_apt neovim python3 || { echo "could not install neovim"; echo "0 passed, 1 failed"; exit 1; }
ensure_server || { echo "could not build the server"; echo "0 passed, 1 failed"; exit 1; }
make_scratch
start_model || { echo "the scripted model did not start"; echo "0 passed, 1 failed"; exit 1; }
nvim --version | head -n 1

run_nvim() { # name, timeout, nvim args...
  local name=$1 limit=$2; shift 2
  local out="$scratch/$name.results"
  : > "$out"
  CODEASSIST_TEST_OUT="$out" timeout "$limit" nvim --headless "$@" > "$scratch/$name.log" 2>&1
  local rc=$?
  echo "-- $name (exit $rc)"
  grep -E '^(not )?ok - ' "$out"
  if [ $rc -ne 0 ]; then tail -n 20 "$scratch/$name.log"; fi
  count_results "$out" $rc
  if check_leftovers "$name"; then suite_passed=$((suite_passed + 1)); else suite_failed=$((suite_failed + 1)); fi
}

CODEASSIST_FILE="$CODEASSIST_WORKSPACE/InventoryService.cs" \
  run_nvim smoke 120 -u editors/nvim/test/smoke_init.lua
run_nvim unit 60 -u editors/nvim/test/minimal_init.lua -c 'luafile editors/nvim/test/unit_spec.lua'
for spec in $nvim_specs; do
  rm -rf "$CODEASSIST_WORKSPACE" && cp -r samples/Inventory "$CODEASSIST_WORKSPACE"
  run_nvim "$spec" 300 -u editors/nvim/test/minimal_init.lua -c "luafile editors/nvim/test/${spec}_spec.lua"
done

# A real local model (a chain GGUF in llama.cpp inside the server) instead of the scripted one.
rm -rf "$CODEASSIST_WORKSPACE" && cp -r samples/Inventory "$CODEASSIST_WORKSPACE"
if prepare_chain_model; then
  CODEASSIST_SETTINGS="$CODEASSIST_LOCAL_SETTINGS" \
    run_nvim realmodel 300 -u editors/nvim/test/minimal_init.lua -c 'luafile editors/nvim/test/realmodel_spec.lua'
else
  echo "not ok - the chain GGUF could not be written"; suite_failed=$((suite_failed + 1))
fi

if [ "$suite_failed" -gt 0 ] && [ -s "$scratch/model.log" ]; then
  echo "-- scripted model log"; tail -n 20 "$scratch/model.log"
fi
echo "$suite_passed passed, $suite_failed failed"
[ "$suite_failed" -eq 0 ]
