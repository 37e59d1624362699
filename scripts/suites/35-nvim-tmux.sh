#!/usr/bin/env bash
# Neovim in a real terminal (tmux): type in Insert mode, see the ghost text on screen in its own colour,
# accept it with Tab, save, and find the suggestion in the file on disk.
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

tmux -S "$tmux_socket" -f /dev/null new-session -d -s ca -x 110 -y 30 \
  "env TERM=tmux-256color nvim -u '$nvim_test_dir/tmux_init.lua' '$file'"
if wait_screen "CodeAssist: ready" 90; then ok "the server starts and the statusline says ready"; else not_ok "server ready"; finish; fi

keys ':call search("public decimal StockValue")' Enter
keys 'O'
keys -l 'public int Count => '
if wait_screen "public int Count => $completion" 30; then
  ok "the ghost text appears after the typed text"
else
  not_ok "ghost text on screen"; finish
fi

# The suggestion is drawn, not typed: the buffer does not have it yet, and it has its own colour on screen.
ghost_style=$(style_at "public int Count => " "$completion")
keys Tab
if wait_screen "public int Count => $completion" 5; then sleep 0.5; fi
accepted_style=$(style_at "public int Count => " "$completion")
# The same characters, once typed into the buffer, are drawn in another style than the ghost text was.
if [ -n "$ghost_style" ] && [ "$ghost_style" != "$accepted_style" ]; then
  ok "the ghost text was styled apart from buffer text ($(printf '%q' "$ghost_style") vs $(printf '%q' "$accepted_style"))"
else
  not_ok "ghost style differs from accepted text style ($(printf '%q' "$ghost_style") vs $(printf '%q' "$accepted_style"))"
fi
keys Escape
keys ':w' Enter
for _ in $(seq 1 50); do grep -qF "public int Count => $completion" "$file" && break; sleep 0.2; done
if grep -qF "    public int Count => $completion" "$file"; then
  ok "Tab accepted the suggestion and the saved file has it"
else
  not_ok "saved file has the accepted line: $(grep -F 'public int Count' "$file")"
fi
keys ':qa!' Enter
finish
