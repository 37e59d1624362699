-- The plugin against the real `codeassist serve`, with a scripted model answering on 127.0.0.1.
-- Env: CODEASSIST_CMD (JSON array), CODEASSIST_WORKSPACE (a copy of samples/Inventory),
-- CODEASSIST_SETTINGS (JSON settings for the server), CODEASSIST_SCRIPT (the model's script: expected answers).
local H = require('helpers')
local compat = require('codeassist.compat')
local inline = require('codeassist.inline')
local commands = require('codeassist.commands')

local workspace = os.getenv('CODEASSIST_WORKSPACE')
local cmd = vim.fn.json_decode(os.getenv('CODEASSIST_CMD'))
local settings = vim.fn.json_decode(os.getenv('CODEASSIST_SETTINGS') or '{}')
local script = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('CODEASSIST_SCRIPT')), '\n'))
local service_file = workspace .. '/InventoryService.cs'

-- The buffer's initialized client; fails the test at once when the server never came up.
local function client()
  local c = require('codeassist').client(0)
  if not (c and c.initialized) then
    error('no initialized CodeAssist client for this buffer')
  end
  return c
end

-- The 1-based number of the first line of the current buffer containing `text`.
local function line_of(text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    if line:find(text, 1, true) then
      return i
    end
  end
  error('no line contains ' .. text)
end

-- The ghost-text tests of the extmark path (0.7-0.11); 0.12 uses vim.lsp.inline_completion (native tests).
local function extmark_test(name, fn)
  if not compat.nvim_0_12 then
    H.test(name, fn)
  end
end

local function native_test(name, fn)
  if compat.nvim_0_12 then
    H.test(name, fn)
  end
end

local function in_normal_mode()
  return vim.api.nvim_get_mode().mode == 'n'
end

H.test('setup() starts the server for a C# buffer and it initializes', function()
  require('codeassist').setup({ cmd = cmd, settings = settings, inline = { debounce_ms = 50 } })
  vim.cmd('edit ' .. vim.fn.fnameescape(service_file))
  H.eq('cs', vim.bo.filetype, 'filetype')
  H.wait(function()
    local c = require('codeassist').client(0)
    return c and c.initialized
  end, 60000, 'the server to initialize')
  local caps = client().server_capabilities
  H.truthy(caps.inlineCompletionProvider, 'inlineCompletionProvider capability')
  H.truthy(caps.codeActionProvider, 'codeActionProvider capability')
end)

H.test('setup() again and a second file reuse the one client', function()
  require('codeassist').setup({ cmd = cmd, settings = settings, inline = { debounce_ms = 50 } })
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/Product.cs'))
  H.wait(function()
    return require('codeassist').client(0) ~= nil
  end, 10000, 'Product.cs to attach')
  H.eq(1, #compat.clients('codeassist'), 'running codeassist clients')
  vim.cmd('edit ' .. vim.fn.fnameescape(service_file))
end)

extmark_test('typing shows the suggestion as ghost text (extmarks), requested once after the pause', function()
  client()
  vim.api.nvim_win_set_cursor(0, { line_of('public decimal StockValue()'), 0 })
  local before = inline.info().requests
  H.type('Opublic int Count => ')
  H.wait(function()
    return #inline.info().drawn > 0
  end, 30000, 'ghost text to appear')
  local info = inline.info()
  H.eq(script.completion, info.drawn[1].lines[1], 'ghost text drawn')
  H.eq(compat.nvim_0_10 and 'inline' or 'overlay', info.drawn[1].pos, 'virtual text position')
  H.eq(1, info.requests - before, 'requests sent for one burst of typing (debounced)')
  H.eq('    public int Count => ', vim.api.nvim_get_current_line(), 'the buffer holds only what was typed')
end)

extmark_test('Tab accepts the suggestion into the buffer', function()
  H.truthy(inline.visible(), 'a suggestion is shown')
  H.type('<Tab>')
  H.wait(function()
    return vim.api.nvim_get_current_line() == '    public int Count => ' .. script.completion
  end, 5000, 'the accepted line')
  H.eq(#vim.api.nvim_get_current_line(), vim.api.nvim_win_get_cursor(0)[2], 'cursor after the inserted text')
end)

extmark_test('leaving insert mode dismisses the ghost text', function()
  client()
  H.type('<CR>public int Total => ')
  H.wait(function()
    return #inline.info().drawn > 0
  end, 30000, 'ghost text on the next line')
  H.type('<Esc>')
  H.wait(in_normal_mode, 5000, 'normal mode')
  H.eq(0, #inline.info().drawn, 'extmarks left after <Esc>')
  H.eq('    public int Total => ', vim.api.nvim_get_current_line(), 'nothing inserted by <Esc>')
  -- Undo the second line so the file compiles again.
  vim.api.nvim_del_current_line()
  vim.cmd('write')
  local saved = table.concat(vim.fn.readfile(service_file), '\n')
  H.truthy(saved:find('public int Count => ' .. script.completion, 1, true), 'the accepted suggestion is saved')
end)

-- What vim.lsp.inline_completion draws: the first line of the visible text of its extmarks.
local function native_ghost()
  local ns = vim.api.nvim_create_namespace('nvim.lsp.inline_completion')
  for _, mark in ipairs(vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, { details = true })) do
    local chunks = {}
    for _, chunk in ipairs(mark[4].virt_text or {}) do
      table.insert(chunks, chunk[1])
    end
    return table.concat(chunks)
  end
  return nil
end

native_test('0.12: vim.lsp.inline_completion is enabled for the buffer and shows the suggestion', function()
  client()
  H.truthy(vim.lsp.inline_completion.is_enabled({ bufnr = 0 }), 'enabled for the buffer')
  vim.api.nvim_win_set_cursor(0, { line_of('public decimal StockValue()'), 0 })
  H.type('Opublic int Count => ')
  -- The native client may briefly show an item for an earlier keystroke: wait for the final text.
  H.wait(function()
    return native_ghost() == script.completion
  end, 30000, 'the native ghost text')
  H.eq('    public int Count => ', vim.api.nvim_get_current_line(), 'the buffer holds only what was typed')
end)

native_test('0.12: Tab accepts through vim.lsp.inline_completion.get()', function()
  H.type('<Tab>')
  H.wait(function()
    return vim.api.nvim_get_current_line() == '    public int Count => ' .. script.completion
  end, 5000, 'the accepted line')
  H.type('<Esc>')
  H.wait(in_normal_mode, 5000, 'normal mode')
  vim.cmd('write')
  local saved = table.concat(vim.fn.readfile(service_file), '\n')
  H.truthy(saved:find('public int Count => ' .. script.completion, 1, true), 'the accepted suggestion is saved')
end)

H.test(':CodeAssistExplain streams the answer into a markdown float', function()
  client()
  local first = line_of('public decimal StockValue()')
  vim.cmd(string.format('%d,%dCodeAssistExplain', first, first + 9))
  local run = commands.last.explain
  H.truthy(run and run.float and run.float:is_open(), 'float opened at once')
  H.truthy(vim.bo[run.float.buf].filetype == 'markdown' or vim.bo[run.float.buf].syntax == 'markdown', 'markdown float')
  H.wait(function()
    return run.done
  end, 60000, 'the explanation')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.truthy(run.text:find(script.chat, 1, true), 'final text contains the model answer: ' .. run.text)
  H.eq(run.text, run.float:text(), 'float shows the final text')
  H.truthy(run.chunks >= 2, 'streamed pieces: ' .. run.chunks)
  H.truthy(#run.snapshots[1] < #run.text, 'the float showed a partial answer first')
  run.float:close()
end)

H.test('code actions come back and apply', function()
  -- TODO(real server): pick the action the server offers for the sample.
  local c = client()
  local bufnr = vim.api.nvim_get_current_buf()
  local row = line_of('public decimal StockValue()') - 1
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = row, character = 4 }, ['end'] = { line = row, character = 4 } },
    context = { diagnostics = {} },
  }
  local done, err, result = false, nil, nil
  compat.request(c, 'textDocument/codeAction', params, function(e, r)
    done, err, result = true, e, r
  end, bufnr)
  H.wait(function()
    return done
  end, 30000, 'code actions')
  H.truthy(not err, vim.inspect(err))
  H.truthy(result and #result > 0, 'at least one action')
  local action = result[1]
  local before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  vim.lsp.util.apply_workspace_edit(action.edit, compat.offset_encoding(c))
  H.truthy(not vim.deep_equal(before, vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)), 'the edit changed the buffer')
  vim.cmd('silent! undo')
end)

H.run(240000)
