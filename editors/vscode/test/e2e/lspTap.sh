#!/bin/sh
# codeassist.server.path of the cursorReports scenario: the LSP tap (lspTap.mjs) in front of the real server.
exec node "$(dirname "$0")/lspTap.mjs" "$@"
