-- codeAssist/didChangeCursor against the real server: what the client sends, read off the client's own notify
-- (the messages that go to the server's stdin). Until the server advertises the method, the test adds it to the
-- capabilities the client received, as a server that serves it would; the server ignores a method it does not know.
local H = require('helpers')
local S = require('session')
local cursor = require('codeassist.cursor')

local sent = {}
local advertised

-- Records every notification the client sends, in order, then sends it as before.
local function record(client)
  local original = client.notify
  client.notify = function(...)
    local args = { ... }
    -- 0.11+ calls client:notify(method, params), older versions client.notify(method, params).
    local method, params = args[1], args[2]
    if type(method) == 'table' then
      method, params = args[2], args[3]
    end
    table.insert(sent, { method = method, params = params })
    return original(...)
  end
end

local function cursor_reports()
  local found = {}
  for _, message in ipairs(sent) do
    if message.method == cursor.method then
      table.insert(found, message.params)
    end
  end
  return found
end

-- Waits until the debounce after the last cursor move has run out (the report is sent or deliberately not).
local function settled()
  H.wait(function()
    return not cursor.info(0).pending
  end, 10000, 'the cursor debounce to run out')
end

local function set_methods(client, methods)
  client.server_capabilities.experimental = client.server_capabilities.experimental or {}
  client.server_capabilities.experimental.codeAssist = client.server_capabilities.experimental.codeAssist or {}
  client.server_capabilities.experimental.codeAssist.methods = methods
end

H.test('the server starts', function()
  require('codeassist').setup({ cmd = S.cmd, settings = S.settings, cursor = { debounce_ms = 100 } })
  vim.cmd('edit ' .. vim.fn.fnameescape(S.service_file))
  H.wait(function()
    local ok, c = pcall(require('codeassist').client, 0)
    return ok and c and c.initialized
  end, 60000, 'the server to initialize')
  local client = S.client()
  local custom = client.server_capabilities.experimental and client.server_capabilities.experimental.codeAssist
  advertised = vim.deepcopy(custom and custom.methods or {})
  record(client)
  H.truthy(cursor.info(0).attached, 'cursor reports attached to the buffer')
  -- Opening the file reports where the cursor starts, so the server can prepare that member before any keystroke.
  settled()
  H.eq(1, cursor.info(0).sent, 'reports sent for opening the file')
  sent = {}
end)

H.test('nothing is sent to a server that does not advertise codeAssist/didChangeCursor', function()
  local client = S.client()
  set_methods(client, vim.tbl_filter(function(m)
    return m ~= cursor.method
  end, advertised))
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  H.type('5j')
  settled()
  H.eq(0, #cursor_reports(), 'cursor notifications')
end)

H.test('a resting cursor is reported once, at its final position, in the negotiated encoding', function()
  local client = S.client()
  set_methods(client, vim.list_extend(vim.deepcopy(advertised), { cursor.method }))
  local row = S.line_of('public decimal StockValue()')
  vim.api.nvim_buf_set_lines(0, row - 1, row - 1, false, { '    // naïve € 😀 note' })
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  -- One burst of keys: several moves, one resting place (the space after "😀": byte 22, UTF-16 unit 17).
  H.type(row .. 'G0f😀l')
  settled()
  local reports = cursor_reports()
  H.eq(1, #reports, 'cursor notifications after one burst of moves: ' .. vim.inspect(reports))
  local encoding = client.offset_encoding or 'utf-16'
  local expected = ({ ['utf-8'] = 22, ['utf-16'] = 17, ['utf-32'] = 16 })[encoding]
  H.eq({ textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = row - 1, character = expected } }, reports[1], 'params')
end)

H.test('the same position is not sent again; a new one is', function()
  -- The cursor "moves" without leaving its place: the debounce runs, nothing new is sent.
  vim.cmd('doautocmd <nomodeline> CursorMoved')
  settled()
  H.eq(1, #cursor_reports(), 'cursor notifications after a move to the same place')
  H.type('j')
  settled()
  local reports = cursor_reports()
  H.eq(2, #reports, 'cursor notifications after a move to a new line')
  H.eq(S.line_of('public decimal StockValue()') - 1, reports[2].position.line, 'reported line')
end)

H.test('typing in Insert mode reports where typing stopped, not each keystroke', function()
  H.type('A // abc<Esc>')
  H.wait(S.in_normal_mode, 5000, 'normal mode')
  settled()
  -- Keys typed in one burst move the cursor without a pause: one report, where the cursor came to rest.
  local reports = cursor_reports()
  H.eq(3, #reports, 'cursor notifications after typing 7 characters and <Esc>')
  local line = vim.api.nvim_get_current_line()
  H.eq(#line - 1, reports[#reports].position.character, 'the last report is at the last typed character')
end)

H.test('the server still answers after the notifications', function()
  local err, result = S.request('codeAssist/serverStatus', { textDocument = { uri = vim.uri_from_bufnr(0) } })
  H.truthy(not err and result, 'serverStatus: ' .. vim.inspect(err))
end)

H.run(180000)
