#!/usr/bin/env bash
# Neovim in a real terminal (tmux): type in Insert mode, see the ghost text on screen in its own colour,
# accept it with Tab, save, and find the suggestion in the file on disk. Twice: with the scripted
# OpenAI-compatible model, then with a real local model (a chain GGUF run by llama.cpp inside the server) whose
# suggestion the compiler verified.
set -u
cd "$(dirname "$0")/../.."
source editors/nvim/test/env.sh

ensure_apt neovim tmux python3 || { echo "could not install neovim/tmux"; echo "0 passed, 1 failed"; exit 1; }
ensure_server || { echo "could not build the server"; echo "0 passed, 1 failed"; exit 1; }
make_scratch
start_model || { echo "the scripted model did not start"; echo "0 passed, 1 failed"; exit 1; }

tmux_socket="$scratch/tmux.sock"
file="$CODEASSIST_WORKSPACE/InventoryService.cs"
completion=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["completion"])' "$CODEASSIST_SCRIPT")
passed=0
failed=0
ok() { echo "ok - tmux: $1"; passed=$((passed + 1)); }
not_ok() {
  echo "not ok - tmux: $1"; failed=$((failed + 1))
  echo "---- screen"; tmux -S "$tmux_socket" capture-pane -p -t ca 2>/dev/null | sed -e 's/[[:space:]]*$//' | grep -v '^$' | tail -n 15
}
screen() { tmux -S "$tmux_socket" capture-pane -p "$@" -t ca; }
wait_screen() { # pattern (grep -F), seconds
  local deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    screen | grep -qF -- "$1" && return 0
    sleep 0.2
  done
  return 1
}
keys() { tmux -S "$tmux_socket" send-keys -t ca "$@"; }

# The SGR escape in force on screen where $2 starts, right after $1 (empty when the text is not on screen).
style_at() {
  screen -e | python3 -c '
import re, sys
typed, ghost = sys.argv[1], sys.argv[2]
for raw in sys.stdin.read().splitlines():
    if typed + ghost in re.sub(r"\x1b\[[0-9;:]*m", "", raw):
        text, codes, styles = "", "", []
        for part in re.split(r"(\x1b\[[0-9;:]*m)", raw):
            if part.startswith("\x1b["):
                codes = part
            else:
                for ch in part:
                    styles.append(codes)
                    text += ch
        print(styles[text.index(typed + ghost) + len(typed)])
        break
' "$1" "$2"
}

finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

# Starts Neovim in a fresh tmux session on a fresh copy of the sample, with the server settings $1 (JSON).
start_editor() {
  # A previous editor was told to quit: give it (and its server) a moment, then make sure.
  for _ in $(seq 1 50); do tmux -S "$tmux_socket" has-session -t ca 2>/dev/null || break; sleep 0.1; done
  tmux -S "$tmux_socket" kill-session -t ca 2>/dev/null
  cp "$nvim_test_root/samples/Inventory/InventoryService.cs" "$file"
  tmux -S "$tmux_socket" -f /dev/null new-session -d -s ca -x 110 -y 60 \
    "env TERM=tmux-256color CODEASSIST_SETTINGS='$1' nvim -u '$nvim_test_dir/tmux_init.lua' '$file'"
}

# Types $2 on a new line above StockValue, expects the ghost text $3 after it in its own colour, accepts it with
# Tab and saves; $1 names the model in the test names. Returns 1 when the ghost text never came.
type_accept_save() {
  local model=$1 typed=$2 ghost=$3
  keys ':call search("public decimal StockValue")' Enter
  keys 'O'
  keys -l "$typed"
  if wait_screen "$typed$ghost" 60; then
    ok "$model: the ghost text appears after the typed text"
    # The screen as the user saw it (with colours: `less -R`), for the artifacts.
    mkdir -p "$nvim_test_root/.tmp/artifacts"
    screen -e > "$nvim_test_root/.tmp/artifacts/nvim-tmux-${model// /-}.ansi"
  else
    not_ok "$model: ghost text '$ghost' on screen"; return 1
  fi

  # The suggestion is drawn, not typed: the buffer does not have it yet, and it has its own colour on screen.
  local ghost_style accepted_style
  ghost_style=$(style_at "$typed" "$ghost")
  keys Tab
  if wait_screen "$typed$ghost" 5; then sleep 0.5; fi
  accepted_style=$(style_at "$typed" "$ghost")
  # The same characters, once typed into the buffer, are drawn in another style than the ghost text was.
  if [ -n "$ghost_style" ] && [ "$ghost_style" != "$accepted_style" ]; then
    ok "$model: the ghost text was styled apart from buffer text ($(printf '%q' "$ghost_style") vs $(printf '%q' "$accepted_style"))"
  else
    not_ok "$model: ghost style differs from accepted text style ($(printf '%q' "$ghost_style") vs $(printf '%q' "$accepted_style"))"
  fi
  keys Escape
  keys ':w' Enter
  for _ in $(seq 1 50); do grep -qF "$typed$ghost" "$file" && break; sleep 0.2; done
  if grep -qF "    $typed$ghost" "$file"; then
    ok "$model: Tab accepted the suggestion and the saved file has it"
  else
    not_ok "$model: saved file has the accepted line: $(grep -F "$typed" "$file")"
  fi
}

start_editor "$CODEASSIST_SETTINGS"
if wait_screen "CodeAssist: ready" 90; then ok "the server starts and the statusline says ready"; else not_ok "server ready"; finish; fi
type_accept_save "scripted model" "public int Count => " "$completion"
keys ':qa!' Enter
if check_leftovers "scripted model"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

# A real model: llama.cpp (LLamaSharp) in the server runs a GGUF whose weights continue the FIM middle marker and
# a typed "." with "Count;" (tools/CodeAssist.Gguf chain). Roslyn checks `_stock.Count;` before it is shown.
if ! prepare_chain_model; then
  not_ok "the chain GGUF could not be written"; finish
fi
start_editor "$CODEASSIST_LOCAL_SETTINGS"
if wait_screen "CodeAssist: ready" 90; then
  ok "local model: the server loads the GGUF and the statusline says ready"
else
  not_ok "local model ready"; finish
fi
if type_accept_save "local model" "public int Size => _stock." "Count;"; then
  # The server's counters, read off the :CodeAssistStats float: the accepted suggestion came from the model and
  # passed the compiler (not shown unverified).
  keys ':CodeAssistStats' Enter
  if wait_screen "- accepted: 1" 10 && screen | grep -qF -- "- unverified: 0" && ! screen | grep -qF -- "- modelCalls: 0"; then
    ok "local model: the server counted the suggestion accepted, from a model call, and verified"
  else
    not_ok "local model: stats say accepted 1, unverified 0, model calls > 0"
  fi
fi
keys ':qa!' Enter
if check_leftovers "local model"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
finish
