#!/usr/bin/env bash
# Newer Neovim than Debian 12 ships: 0.10 (trixie) with extmark inline virtual text and 0.12 (sid) with the
# native vim.lsp.inline_completion. Their Debian packages are fetched with a private apt configuration and
# unpacked with their own libc (see editors/nvim/test/newer_nvim.sh); then the plugin's headless tests run.
set -u
cd "$(dirname "$0")/../.."
source editors/nvim/test/env.sh

ensure_apt python3 patchelf || { echo "could not install patchelf"; echo "0 passed, 1 failed"; exit 1; }
ensure_server || { echo "could not build the server"; echo "0 passed, 1 failed"; exit 1; }
make_scratch
start_model || { echo "the scripted model did not start"; echo "0 passed, 1 failed"; exit 1; }

for version in 0.10 0.12; do
  if ! nvim_bin=$(bash editors/nvim/test/newer_nvim.sh "$version" "$nvim_test_root/.tmp/nvim-newer"); then
    echo "not ok - Neovim $version could not be unpacked"; suite_failed=$((suite_failed + 1)); continue
  fi
  "$nvim_bin" --version | head -n 1
  for spec in unit $nvim_specs; do
    out="$scratch/$version-$spec.results"
    : > "$out"
    rm -rf "$CODEASSIST_WORKSPACE" && cp -r "$nvim_test_root/samples/Inventory" "$CODEASSIST_WORKSPACE"
    CODEASSIST_TEST_OUT="$out" timeout 300 "$nvim_bin" --headless -u editors/nvim/test/minimal_init.lua \
      -c "luafile editors/nvim/test/${spec}_spec.lua" > "$scratch/$version-$spec.log" 2>&1
    rc=$?
    echo "-- $version $spec (exit $rc)"
    sed -e "s/^\(\(not \)\?ok - \)/\1$version: /" "$out" | grep -E '^(not )?ok - '
    [ $rc -ne 0 ] && grep -vE '^(not )?ok - ' "$scratch/$version-$spec.log" | tail -n 15
    count_results "$out" $rc
  done
done
echo "$suite_passed passed, $suite_failed failed"
[ "$suite_failed" -eq 0 ]
