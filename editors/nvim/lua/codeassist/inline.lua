-- Ghost text for Neovim 0.7-0.11: textDocument/inlineCompletion requested after a pause in typing and drawn
-- with extmarks by ghost.lua.
-- Invariant: at most one request per buffer is in flight; a newer keystroke cancels it, and an answer for an
-- older buffer state or cursor position is dropped, never drawn.
local compat = require('codeassist.compat')
local buffer = require('codeassist.buffer')
local position = require('codeassist.position')
local ghost_text = require('codeassist.ghost')

local M = {}

M.namespace = ghost_text.namespace

-- bufnr -> { client_id, opts, timer, request_id, ghost, last_error, requests }
local buffers = {}

-- LSP 3.18 InlineCompletionTriggerKind.
local TRIGGER_INVOKED, TRIGGER_AUTOMATIC = 1, 2

local current_buf = buffer.resolve
local stop_timer = buffer.stop_timer

local function cancel_request(st)
  if st.request_id then
    local client = vim.lsp.get_client_by_id(st.client_id)
    if client then
      pcall(compat.cancel_request, client, st.request_id)
    end
    st.request_id = nil
  end
end

local function in_insert_mode()
  return vim.api.nvim_get_mode().mode:sub(1, 1) == 'i'
end

--- Removes the ghost text of `bufnr` (it stays requestable).
function M.clear(bufnr)
  bufnr = current_buf(bufnr)
  ghost_text.erase(bufnr)
  local st = buffers[bufnr]
  if st then
    st.ghost = nil
  end
end

--- Drops the suggestion and any pending or in-flight request.
function M.dismiss(bufnr)
  bufnr = current_buf(bufnr)
  local st = buffers[bufnr]
  if not st then
    return
  end
  stop_timer(st)
  cancel_request(st)
  M.clear(bufnr)
end

--- Asks the server for a suggestion at the cursor now (no debounce). `kind`: 1 invoked, 2 automatic.
function M.request(bufnr, kind)
  bufnr = current_buf(bufnr)
  local st = buffers[bufnr]
  if not st or bufnr ~= vim.api.nvim_get_current_buf() then
    return
  end
  stop_timer(st)
  cancel_request(st)
  local client = vim.lsp.get_client_by_id(st.client_id)
  if not client or compat.is_stopped(client) then
    return
  end
  local encoding = compat.offset_encoding(client)
  local row, col = unpack(vim.api.nvim_win_get_cursor(0))
  row = row - 1
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position.position(bufnr, row, col, encoding),
    context = { triggerKind = kind or TRIGGER_AUTOMATIC },
  }
  local request_id
  local ok, id = compat.request(client, 'textDocument/inlineCompletion', params, function(err, result)
    if st.request_id ~= request_id then
      return -- cancelled or superseded
    end
    st.request_id = nil
    if err then
      st.last_error = err
      return
    end
    local cursor = vim.api.nvim_win_get_cursor(0)
    if
      not vim.api.nvim_buf_is_valid(bufnr)
      or vim.api.nvim_get_current_buf() ~= bufnr
      or vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
      or cursor[1] - 1 ~= row
      or cursor[2] ~= col
      or not in_insert_mode()
    then
      return -- the answer is about a buffer state that no longer exists
    end
    local items = result and (result.items or result) or {}
    local ghost = ghost_text.make(bufnr, items, encoding, row, col)
    st.responses = st.responses + 1
    if ghost then
      st.ghost = ghost
      ghost_text.draw(bufnr, ghost)
    end
  end, bufnr)
  if ok then
    request_id = id
    st.request_id = id
    st.requests = st.requests + 1
  end
end

--- Restarts the debounce timer; the request goes out when typing pauses.
function M.schedule(bufnr)
  local st = buffers[bufnr]
  if not st then
    return
  end
  cancel_request(st)
  buffer.restart_timer(st, st.opts.debounce_ms, function()
    if in_insert_mode() and vim.fn.pumvisible() == 0 then
      M.request(bufnr, TRIGGER_AUTOMATIC)
    end
  end)
end

function M.visible(bufnr)
  local st = buffers[current_buf(bufnr)]
  return st ~= nil and st.ghost ~= nil
end

--- Inserts the visible suggestion and moves the cursor after it. Returns false when there is none.
function M.accept(bufnr)
  bufnr = current_buf(bufnr)
  local st = buffers[bufnr]
  local ghost = st and st.ghost
  if not ghost then
    return false
  end
  local cursor = vim.api.nvim_win_get_cursor(0)
  if vim.api.nvim_buf_get_changedtick(bufnr) ~= ghost.tick or cursor[1] - 1 ~= ghost.row or cursor[2] ~= ghost.col then
    M.dismiss(bufnr)
    return false
  end
  M.dismiss(bufnr)
  local lines = vim.split(ghost.text, '\n', { plain = true })
  vim.api.nvim_buf_set_text(bufnr, ghost.row, ghost.start_col, ghost.row, ghost.end_col, lines)
  local last_row = ghost.row + #lines - 1
  local last_col = (#lines == 1 and ghost.start_col or 0) + #lines[#lines]
  vim.api.nvim_win_set_cursor(0, { last_row + 1, last_col })
  local client = vim.lsp.get_client_by_id(st.client_id)
  local command = ghost.item.command
  if client and type(command) == 'table' and command.command then
    compat.request(client, 'workspace/executeCommand', { command = command.command, arguments = command.arguments }, function() end, bufnr)
  end
  return true
end

--- What this buffer's ghost text looks like now, read back from its extmarks (for tests and :messages).
function M.info(bufnr)
  bufnr = current_buf(bufnr)
  local st = buffers[bufnr]
  return {
    attached = st ~= nil,
    ghost = st and st.ghost,
    drawn = ghost_text.drawn(bufnr),
    requests = st and st.requests or 0,
    responses = st and st.responses or 0,
    last_error = st and st.last_error,
  }
end

local function map(bufnr, key, on_key)
  if not key or key == '' then
    return
  end
  vim.keymap.set('i', key, function()
    if M.visible(bufnr) then
      return on_key
    end
    return key
  end, { buffer = bufnr, expr = true, silent = true, desc = 'CodeAssist ghost text' })
end

--- Starts showing ghost text in `bufnr` for `client`; calling it again only updates the client.
function M.attach(client, bufnr, opts)
  if buffers[bufnr] then
    buffers[bufnr].client_id = client.id
    return
  end
  buffers[bufnr] = { client_id = client.id, opts = opts, requests = 0, responses = 0 }
  local group = vim.api.nvim_create_augroup('codeassist_inline_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'TextChangedI', 'TextChangedP' }, {
    group = group,
    buffer = bufnr,
    callback = function()
      M.clear(bufnr)
      M.schedule(bufnr)
    end,
  })
  vim.api.nvim_create_autocmd('CursorMovedI', {
    group = group,
    buffer = bufnr,
    callback = function()
      local ghost = buffers[bufnr] and buffers[bufnr].ghost
      local cursor = vim.api.nvim_win_get_cursor(0)
      if ghost and (cursor[1] - 1 ~= ghost.row or cursor[2] ~= ghost.col) then
        M.dismiss(bufnr)
      end
    end,
  })
  vim.api.nvim_create_autocmd({ 'InsertLeave', 'BufLeave' }, {
    group = group,
    buffer = bufnr,
    callback = function()
      M.dismiss(bufnr)
    end,
  })
  buffer.on_unload(group, bufnr, M.detach)
  map(bufnr, opts.accept_key, '<Cmd>lua require("codeassist.inline").accept()<CR>')
  map(bufnr, opts.dismiss_key, '<Cmd>lua require("codeassist.inline").dismiss()<CR>')
end

function M.detach(bufnr)
  buffer.forget(buffers, bufnr, 'codeassist_inline_' .. bufnr, function()
    M.dismiss(bufnr)
  end)
end

return M
