#!/usr/bin/env bash
# Newer Neovim than Debian 12 ships: 0.10 (trixie) with extmark inline virtual text and 0.12 (sid) with the
# native vim.lsp.inline_completion. Their Debian packages are fetched with a private apt configuration and
# unpacked with their own libc (see editors/nvim/test/newer_nvim.sh); then the plugin's headless tests run, the
# last one with a real local model (realmodel_spec.lua).
set -u
cd "$(dirname "$0")/../.."
source editors/nvim/test/env.sh

ensure_apt python3 patchelf || { echo "could not install patchelf"; echo "0 passed, 1 failed"; exit 1; }
ensure_server || { echo "could not build the server"; echo "0 passed, 1 failed"; exit 1; }
make_scratch
start_model || { echo "the scripted model did not start"; echo "0 passed, 1 failed"; exit 1; }

run_spec() { # version, spec; the server settings come from CODEASSIST_SETTINGS
  local version=$1 spec=$2
  local out="$scratch/$version-$spec.results"
  : > "$out"
  rm -rf "$CODEASSIST_WORKSPACE" && cp -r "$nvim_test_root/samples/Inventory" "$CODEASSIST_WORKSPACE"
  CODEASSIST_TEST_OUT="$out" timeout 300 "$nvim_bin" --headless -u editors/nvim/test/minimal_init.lua \
    -c "luafile editors/nvim/test/${spec}_spec.lua" > "$scratch/$version-$spec.log" 2>&1
  local rc=$?
  echo "-- $version $spec (exit $rc)"
  sed -e "s/^\(\(not \)\?ok - \)/\1$version: /" "$out" | grep -E '^(not )?ok - '
  [ $rc -ne 0 ] && grep -vE '^(not )?ok - ' "$scratch/$version-$spec.log" | tail -n 15
  count_results "$out" $rc
  if check_leftovers "$version $spec"; then suite_passed=$((suite_passed + 1)); else suite_failed=$((suite_failed + 1)); fi
}

for version in 0.10 0.12; do
  if ! nvim_bin=$(bash editors/nvim/test/newer_nvim.sh "$version" "$nvim_test_root/.tmp/nvim-newer"); then
    echo "not ok - Neovim $version could not be unpacked"; suite_failed=$((suite_failed + 1)); continue
  fi
  "$nvim_bin" --version | head -n 1
  for spec in unit $nvim_specs; do
    run_spec "$version" "$spec"
  done
  # A real local model (a chain GGUF in llama.cpp inside the server); on 0.12 Neovim's own inline completion shows it.
  if prepare_chain_model; then
    CODEASSIST_SETTINGS="$CODEASSIST_LOCAL_SETTINGS" run_spec "$version" realmodel
  else
    echo "not ok - $version: the chain GGUF could not be written"; suite_failed=$((suite_failed + 1))
  fi
done
echo "$suite_passed passed, $suite_failed failed"
[ "$suite_failed" -eq 0 ]
