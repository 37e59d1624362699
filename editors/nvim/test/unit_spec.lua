-- Plugin tests that need no server: position conversion, root detection, configuration, idempotent setup.
local H = require('helpers')
local position = require('codeassist.position')
local config = require('codeassist.config')

H.test('byte columns become UTF-16 code units', function()
  -- 'é' is 2 bytes / 1 unit, '€' 3 bytes / 1 unit, '😀' 4 bytes / 2 units (a surrogate pair).
  local line = 'aé€😀b'
  H.eq(0, position.to_lsp(line, 0), 'start')
  H.eq(1, position.to_lsp(line, 1), 'after a')
  H.eq(2, position.to_lsp(line, 3), 'after é')
  H.eq(3, position.to_lsp(line, 6), 'after €')
  H.eq(5, position.to_lsp(line, 10), 'after the emoji')
  H.eq(6, position.to_lsp(line, 11), 'end of line')
  H.eq(6, position.to_lsp(line, 99), 'past the end clamps')
  H.eq(10, position.to_lsp(line, 10, 'utf-8'), 'utf-8 is bytes')
  H.eq(4, position.to_lsp(line, 10, 'utf-32'), 'utf-32 counts code points')
end)

H.test('UTF-16 code units become byte columns', function()
  local line = 'aé€😀b'
  H.eq(0, position.to_byte(line, 0), 'start')
  H.eq(3, position.to_byte(line, 2), 'after é')
  H.eq(6, position.to_byte(line, 3), 'after €')
  H.eq(10, position.to_byte(line, 5), 'after the emoji')
  H.eq(11, position.to_byte(line, 6), 'end')
  H.eq(11, position.to_byte(line, 60), 'past the end clamps')
  for col = 0, #line do
    local units = position.to_lsp(line, col)
    local back = position.to_byte(line, units)
    H.truthy(back >= col, 'round trip from byte ' .. col)
  end
end)

H.test('the cursor position is sent in UTF-16', function()
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_set_current_buf(buf)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, { 'x', '  var s = "😀"; s.' })
  -- Normal mode keeps the cursor on the last character, the '.'; insert mode may stand after it.
  vim.api.nvim_win_set_cursor(0, { 2, #'  var s = "😀"; s' })
  H.eq({ line = 1, character = 17 }, position.cursor_position(0, 'utf-16'), 'position')
  H.eq({ line = 1, character = 19 }, position.cursor_position(0, 'utf-8'), 'utf-8 position')
  H.eq({ line = 1, character = 18 }, position.position(buf, 1, #'  var s = "😀"; s.', 'utf-16'), 'end of line')
  vim.api.nvim_buf_delete(buf, { force = true })
end)

H.test('the root is the nearest solution, else project, else repository', function()
  local tmp = vim.fn.tempname()
  vim.fn.mkdir(tmp .. '/repo/.git', 'p')
  vim.fn.mkdir(tmp .. '/repo/src/App', 'p')
  vim.fn.writefile({}, tmp .. '/repo/src/App/App.csproj')
  vim.fn.writefile({}, tmp .. '/repo/src/App/Program.cs')
  local root = vim.fn.resolve(tmp .. '/repo')
  H.eq(vim.fn.resolve(tmp .. '/repo/src/App'), vim.fn.resolve(config.find_root(tmp .. '/repo/src/App/Program.cs')), 'project')
  vim.fn.writefile({}, tmp .. '/repo/All.slnx')
  H.eq(root, vim.fn.resolve(config.find_root(tmp .. '/repo/src/App/Program.cs')), 'solution wins')
  vim.fn.mkdir(tmp .. '/loose', 'p')
  H.eq(vim.fn.resolve(tmp .. '/loose'), vim.fn.resolve(config.find_root(tmp .. '/loose/A.cs')), 'no markers: the folder')
  vim.fn.delete(tmp, 'rf')
end)

H.test('lsp/codeassist.lua is a vim.lsp.Config for 0.11+', function()
  local files = vim.api.nvim_get_runtime_file('lsp/codeassist.lua', false)
  H.eq(1, #files, 'found on the runtimepath')
  local cfg = dofile(files[1])
  H.eq({ 'codeassist', 'serve' }, cfg.cmd, 'cmd')
  H.eq({ 'cs' }, cfg.filetypes, 'filetypes')
  H.eq('function', type(cfg.root_dir), 'root_dir')
  H.truthy(cfg.settings and cfg.settings.codeassist, 'settings.codeassist')
  H.truthy(cfg.capabilities.textDocument.inlineCompletion, 'announces inline completion')
end)

H.test('options merge over the defaults; cmd and settings pass through', function()
  local opts = config.set({ cmd = { 'dotnet', 'x.dll', 'serve' }, settings = { provider = 'ollama' }, inline = { accept_key = '<C-l>' } })
  H.eq({ 'dotnet', 'x.dll', 'serve' }, opts.cmd, 'cmd replaced, not merged')
  H.eq('<C-l>', opts.inline.accept_key, 'accept key')
  H.eq(75, opts.inline.debounce_ms, 'debounce default kept')
  local client_config = require('codeassist').client_config('/tmp')
  H.eq({ codeassist = { provider = 'ollama' } }, client_config.settings, 'settings sent under codeassist')
  H.eq({ provider = 'ollama' }, client_config.init_options, 'settings as initializationOptions')
  H.eq({ 'dotnet', 'x.dll', 'serve' }, client_config.cmd, 'client cmd')
  config.set({})
end)

H.test('the commands and the ghost highlight exist once the plugin is loaded', function()
  local commands = vim.api.nvim_get_commands({})
  for _, name in ipairs({ 'CodeAssistExplain', 'CodeAssistStackTrace', 'CodeAssistContext', 'CodeAssistStats' }) do
    H.truthy(commands[name], name)
  end
  H.truthy(vim.fn.hlexists('CodeAssistGhost') == 1, 'CodeAssistGhost')
  H.truthy(vim.fn.hlexists('CodeAssistGhostUnverified') == 1, 'CodeAssistGhostUnverified')
end)

H.test('a command without a server says so instead of failing', function()
  local messages = {}
  local notify = vim.notify
  vim.notify = function(msg)
    table.insert(messages, msg)
  end
  vim.cmd('CodeAssistStats')
  vim.notify = notify
  H.truthy(messages[1] and messages[1]:find('no CodeAssist server', 1, true), 'message: ' .. vim.inspect(messages))
end)

if vim.fn.has('nvim-0.11') == 1 then
  H.test('0.11+: setup() feeds vim.lsp.config and enables the server, idempotently', function()
    require('codeassist').setup({ cmd = { 'true' }, settings = { provider = 'ollama' } })
    require('codeassist').setup({ cmd = { 'true' }, settings = { provider = 'ollama' } })
    local resolved = vim.lsp.config.codeassist
    H.eq({ 'true' }, resolved.cmd, 'cmd')
    H.eq({ codeassist = { provider = 'ollama' } }, resolved.settings, 'settings')
    H.eq({ 'cs' }, resolved.filetypes, 'filetypes from lsp/codeassist.lua')
    H.eq('function', type(resolved.root_dir), 'root_dir from lsp/codeassist.lua')
    if vim.lsp.is_enabled then
      H.truthy(vim.lsp.is_enabled('codeassist'), 'enabled')
    end
    vim.lsp.enable('codeassist', false)
    config.set({})
  end)
else
  H.test('setup() twice leaves one start autocmd and the latest options', function()
    require('codeassist').setup({ cmd = { 'true' } })
    require('codeassist').setup({ cmd = { 'true' } })
    local autocmds = vim.api.nvim_get_autocmds({ group = 'codeassist_start' })
    H.eq(1, #autocmds, 'FileType autocmds')
    H.eq({ 'true' }, config.options.cmd, 'latest options win')
    vim.api.nvim_clear_autocmds({ group = 'codeassist_start' })
    config.set({})
  end)
end

H.test('checked names: links under the cursor and the quickfix list', function()
  local names = require('codeassist.names')
  local line = 'It raises [`Reserved`](file:///w/StockLevel.cs#L16) and [`OnHand`](file:///w/StockLevel.cs#L14).'
  H.eq({ path = '/w/StockLevel.cs', lnum = 16 }, names.link_at(line, 12), 'link under the cursor')
  H.eq({ path = '/w/StockLevel.cs', lnum = 14 }, names.link_at(line, 60), 'the next link after the cursor')
  H.eq(nil, names.link_at('no links here', 0), 'no link')
  local items = names.quickfix_items({
    names = {
      { name = 'Reserved', resolved = true, location = { uri = 'file:///w/StockLevel.cs', range = { start = { line = 15, character = 0 } } } },
      { name = 'System.Math.Max', resolved = true, assembly = 'System.Runtime' },
      { name = 'Replenish', resolved = false },
    },
  })
  H.eq(3, #items, 'one item per name')
  H.eq(16, items[1].lnum, 'found name at its line')
  H.eq('Replenish (not found in this workspace)', items[3].text, 'unknown name flagged')
end)

H.test('the provider line names the chain link and its model, and nothing without a chain', function()
  local results = require('codeassist.results')
  H.eq('_answered by team (qwen-7b)_', results.provider_line({ provider = 'team', modelId = 'qwen-7b' }), 'with a model')
  H.eq('_answered by local_', results.provider_line({ provider = 'local', modelId = vim.NIL }), 'without a model')
  H.eq(nil, results.provider_line({ markdown = 'x', modelId = 'qwen-7b' }), 'no chain')
  H.eq(nil, results.provider_line('plain'), 'a plain string')
end)

H.test('cursor reports go only to a server that lists codeAssist/didChangeCursor', function()
  local cursor = require('codeassist.cursor')
  local with = { server_capabilities = { experimental = { codeAssist = { methods = { 'codeAssist/explain', 'codeAssist/didChangeCursor' } } } } }
  H.eq(true, cursor.supported(with), 'advertised')
  H.eq(false, cursor.supported({ server_capabilities = { experimental = { codeAssist = { methods = { 'codeAssist/explain' } } } } }), 'not listed')
  H.eq(false, cursor.supported({ server_capabilities = {} }), 'no experimental capabilities')
  H.eq(false, cursor.supported(nil), 'no client')
end)

H.test('buffer state: a restarted timer fires once after the quiet period; forget cleans up once', function()
  local buffer = require('codeassist.buffer')
  local st, fired = {}, 0
  for _ = 1, 5 do
    buffer.restart_timer(st, 30, function()
      fired = fired + 1
    end)
  end
  H.wait(function()
    return fired > 0
  end, 5000, 'the timer to fire')
  H.sleep(100)
  H.eq(1, fired, 'fired for five restarts')
  H.eq(nil, st.timer, 'timer freed after firing')

  local bufnr = vim.api.nvim_create_buf(false, true)
  local group = vim.api.nvim_create_augroup('codeassist_test_' .. bufnr, { clear = true })
  local states, cleaned = { [bufnr] = { id = 1 } }, 0
  buffer.forget(states, bufnr, 'codeassist_test_' .. bufnr, function(state)
    cleaned = cleaned + state.id
  end)
  buffer.forget(states, bufnr, 'codeassist_test_' .. bufnr, function()
    cleaned = cleaned + 10
  end)
  H.eq(1, cleaned, 'cleanup ran once')
  H.eq(nil, states[bufnr], 'state dropped')
  H.eq(false, pcall(vim.api.nvim_get_autocmds, { group = group }), 'augroup deleted')
  H.eq(vim.api.nvim_get_current_buf(), buffer.resolve(0), '0 is the current buffer')
end)

H.run(60000)
