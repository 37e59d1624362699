# Shared setup of the Neovim suites (sourced by scripts/suites/3x-nvim*.sh from the repository root):
# Debian's neovim, the built server, a scratch workspace, private XDG folders and the scripted model.
nvim_test_root=$(pwd)
nvim_test_dir="$nvim_test_root/editors/nvim/test"
server_dll="$nvim_test_root/src/CodeAssist.Cli/bin/Debug/net10.0/codeassist.dll"
# The specs that run against the real server, each in a fresh Neovim and server (editors/nvim/test/<name>_spec.lua).
nvim_specs=${NVIM_SPECS:-lsp context inline explain actions stacktrace stats trust health cursor names}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ensure_apt() { # package names...
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >/dev/null 2>&1 && return 0
  apt-get -o DPkg::Lock::Timeout=600 update >/dev/null 2>&1
  apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}" >/dev/null
}

ensure_server() {
  # CODEASSIST_SERVER_CMD (a JSON array) runs the tests against another server command, e.g. an installed tool.
  if [ -n "${CODEASSIST_SERVER_CMD:-}" ]; then export CODEASSIST_CMD="$CODEASSIST_SERVER_CMD"; return 0; fi
  if [ ! -f "$server_dll" ]; then
    dotnet build "$nvim_test_root/src/CodeAssist.Cli" -c Debug -nologo -v q >/dev/null || return 1
  fi
  export CODEASSIST_CMD="[\"dotnet\",\"$server_dll\",\"serve\"]"
}

# A scratch folder with a copy of the sample and private XDG folders, removed on exit along with the model.
make_scratch() {
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/codeassist-nvim.XXXXXX")
  cp -r "$nvim_test_root/samples/Inventory" "$scratch/Inventory"
  cp "$nvim_test_root/samples/Directory.Build.props" "$nvim_test_root/samples/Directory.Packages.props" "$scratch/" 2>/dev/null || true
  export XDG_CONFIG_HOME="$scratch/xdg/config" XDG_DATA_HOME="$scratch/xdg/data" \
    XDG_CACHE_HOME="$scratch/xdg/cache" XDG_STATE_HOME="$scratch/xdg/state"
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
  export CODEASSIST_WORKSPACE="$scratch/Inventory"
  export CODEASSIST_SCRIPT="$nvim_test_dir/model_script.json"
  # The openai provider reads its key from the environment; the scripted model ignores it.
  export OPENAI_API_KEY=test-key-not-secret
  model_pid=""
  trap cleanup_scratch EXIT
}

cleanup_scratch() {
  [ -n "$model_pid" ] && kill "$model_pid" 2>/dev/null
  [ -n "${tmux_socket:-}" ] && tmux -S "$tmux_socket" kill-server 2>/dev/null
  rm -rf "$scratch"
}

start_model() {
  python3 "$nvim_test_dir/fake_model.py" "$CODEASSIST_SCRIPT" "$scratch/model.port" "$scratch/model.log" &
  model_pid=$!
  for _ in $(seq 1 100); do [ -s "$scratch/model.port" ] && break; sleep 0.1; done
  local port
  port=$(cat "$scratch/model.port") || return 1
  export CODEASSIST_MODEL_ENDPOINT="http://127.0.0.1:$port/v1"
  export CODEASSIST_SETTINGS="{\"provider\":\"openai\",\"endpoint\":\"$CODEASSIST_MODEL_ENDPOINT\",\"model\":\"fake-coder\"}"
}

# Adds the counts of a results file (ok / not ok lines) to the totals; a run without any line counts as failed.
suite_passed=0
suite_failed=0
count_results() { # results-file, exit-code
  local p f
  p=$(grep -c '^ok - ' "$1" 2>/dev/null); f=$(grep -c '^not ok - ' "$1" 2>/dev/null)
  p=${p:-0}; f=${f:-0}
  if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "not ok - run exited with $2 without reporting a failure"; fi
  suite_passed=$((suite_passed + p)); suite_failed=$((suite_failed + f))
}

# Writes a chain GGUF (tools/CodeAssist.Gguf chain): a real qwen2 model whose weights continue the FIM middle
# marker and a typed "." with $2, then stop. Builds the tool when its build is missing or predates chain models.
make_chain_model() { # out.gguf text
  local tool="$nvim_test_root/tools/CodeAssist.Gguf/bin/Debug/net10.0/CodeAssist.Gguf.dll"
  local args=(chain "$1" --text "$2" --after "<|fim_middle|>" --after ".")
  [ -f "$tool" ] && dotnet "$tool" "${args[@]}" >/dev/null 2>&1 && return 0
  dotnet build "$nvim_test_root/tools/CodeAssist.Gguf" -c Debug -nologo -v q >/dev/null || return 1
  dotnet "$tool" "${args[@]}" >/dev/null
}

# The chain GGUF for "Count;" in the scratch folder, and in CODEASSIST_LOCAL_SETTINGS the server settings that load it
# as the local model (one thread; a verification budget that a loaded CI machine cannot exceed, where the default
# 150 ms would show the suggestion unverified).
prepare_chain_model() {
  chain_model="$scratch/chain-count.gguf"
  [ -f "$chain_model" ] || make_chain_model "$chain_model" "Count;" || return 1
  CODEASSIST_LOCAL_SETTINGS="{\"provider\":\"local\",\"model\":\"$chain_model\",\"threads\":1,\"contextSize\":2048,\"completion\":{\"verifyBudgetMs\":10000}}"
}

# The CodeAssist processes this suite started and that still run: a server (`codeassist serve`), its watchdog or
# an MSBuild BuildHost. They are told apart from other engineers' and other suites' processes by this suite's
# private XDG_CONFIG_HOME, which everything started from here inherits. Prints "pid command" lines.
suite_leftovers() {
  local file pid cmd
  # One grep over every environ (forking per process is too slow on a loaded machine); -z: NUL-separated entries.
  for file in $(grep -lzxF "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" /proc/[0-9]*/environ 2>/dev/null); do
    pid=${file#/proc/}; pid=${pid%/environ}
    [ "$pid" = "$$" ] && continue
    cmd=$({ tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null)
    case "$cmd" in
      *BuildHost*|*codeassist\ serve*|*codeassist\ watchdog*|*codeassist.dll\ serve*|*codeassist.dll\ watchdog*) echo "$pid $cmd" ;;
    esac
  done
}

# After an editor quit: nothing it started may outlive it by more than 10 s. Prints an ok / not ok line, kills
# what is left (so the next test starts clean) and returns 1 when something was.
check_leftovers() { # test name
  local left="" deadline=$((SECONDS + 10))
  while :; do
    left=$(suite_leftovers)
    [ -z "$left" ] || [ "$SECONDS" -ge "$deadline" ] && break
    sleep 0.5
  done
  if [ -z "$left" ]; then
    echo "ok - $1: no server, watchdog or BuildHost left running"
    return 0
  fi
  echo "not ok - $1: processes left running 10 s after the editor quit:"
  printf '%s\n' "$left" | cut -c1-200 | sed 's/^/    /'
  printf '%s\n' "$left" | awk '{print $1}' | xargs -r kill -9 2>/dev/null
  return 1
}
