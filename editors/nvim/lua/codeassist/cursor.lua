-- codeAssist/didChangeCursor (client -> server): where the cursor rests, so that the server can prepare the
-- context of the next request (issue #15). Sent once the cursor has stayed put for `debounce_ms` at a position
-- other than the last one sent for that buffer, never per keystroke, and only to a server that lists the method in
-- capabilities.experimental.codeAssist.methods (an older server would just ignore it, but need not hear it).
local compat = require('codeassist.compat')
local buffer = require('codeassist.buffer')
local position = require('codeassist.position')

local M = {}

M.method = 'codeAssist/didChangeCursor'

-- bufnr -> { client_id, debounce_ms, timer, last = { uri, line, character } }
local buffers = {}

--- True when `client`'s server advertises codeAssist/didChangeCursor.
function M.supported(client)
  local caps = client and client.server_capabilities
  local custom = type(caps) == 'table' and type(caps.experimental) == 'table' and caps.experimental.codeAssist
  local methods = type(custom) == 'table' and custom.methods
  return type(methods) == 'table' and vim.tbl_contains(methods, M.method)
end

local function same(a, b)
  return a and b and a.uri == b.uri and a.line == b.line and a.character == b.character
end

-- Sends the cursor of the current window if it shows `bufnr` and the position is new.
local function report(bufnr)
  local st = buffers[bufnr]
  if not st or vim.api.nvim_get_current_buf() ~= bufnr then
    return
  end
  local client = vim.lsp.get_client_by_id(st.client_id)
  if not client or compat.is_stopped(client) or not M.supported(client) then
    return
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local pos = position.cursor_position(0, compat.offset_encoding(client))
  local here = { uri = uri, line = pos.line, character = pos.character }
  if same(here, st.last) then
    return
  end
  st.last = here
  st.sent = st.sent + 1
  compat.notify(client, M.method, { textDocument = { uri = uri }, position = { line = pos.line, character = pos.character } })
end

local function schedule(bufnr)
  local st = buffers[bufnr]
  if st then
    buffer.restart_timer(st, st.debounce_ms, function()
      report(bufnr)
    end)
  end
end

--- Reports the cursor of `bufnr` to `client` from now on; calling it again only updates the client.
function M.attach(client, bufnr, opts)
  if buffers[bufnr] then
    buffers[bufnr].client_id = client.id
    return
  end
  buffers[bufnr] = { client_id = client.id, debounce_ms = opts.debounce_ms or 250, sent = 0 }
  local group = vim.api.nvim_create_augroup('codeassist_cursor_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'CursorMoved', 'CursorMovedI' }, {
    group = group,
    buffer = bufnr,
    callback = function()
      schedule(bufnr)
    end,
  })
  -- Opening or returning to a file is a jump too: the server prepares the member under the cursor before the first
  -- keystroke there (CursorMoved does not fire for a window that merely shows the buffer).
  vim.api.nvim_create_autocmd('BufEnter', {
    group = group,
    buffer = bufnr,
    callback = function()
      schedule(bufnr)
    end,
  })
  if vim.api.nvim_get_current_buf() == bufnr then
    schedule(bufnr)
  end
  vim.api.nvim_create_autocmd('BufLeave', {
    group = group,
    buffer = bufnr,
    callback = function()
      local st = buffers[bufnr]
      if st then
        buffer.stop_timer(st)
      end
    end,
  })
  buffer.on_unload(group, bufnr, M.detach)
end

function M.detach(bufnr)
  buffer.forget(buffers, bufnr, 'codeassist_cursor_' .. bufnr, buffer.stop_timer)
end

--- What was sent for `bufnr` (for tests and :lua print(vim.inspect(...))).
function M.info(bufnr)
  local st = buffers[buffer.resolve(bufnr)]
  return { attached = st ~= nil, sent = st and st.sent or 0, last = st and st.last, pending = st ~= nil and st.timer ~= nil }
end

return M
