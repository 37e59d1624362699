-- Inline completion against the real server and the scripted model: extmark ghost text on 0.7-0.11,
-- Neovim's own vim.lsp.inline_completion on 0.12+.
local H = require('helpers')
local S = require('session')
local compat = require('codeassist.compat')
local inline = require('codeassist.inline')

H.test('the server starts and offers inline completion', function()
  local client = S.start()
  S.wait_workspace()
  H.truthy(client.server_capabilities.inlineCompletionProvider, 'inlineCompletionProvider capability')
end)

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

extmark_test('typing shows the suggestion as ghost text (extmarks), requested once after the pause', function()
  S.client()
  vim.api.nvim_win_set_cursor(0, { S.line_of('public decimal StockValue()'), 0 })
  local before = inline.info().requests
  H.type('Opublic int Count => ')
  H.wait(function()
    return #inline.info().drawn > 0
  end, 30000, 'ghost text to appear')
  local info = inline.info()
  H.eq(S.script.completion, info.drawn[1].lines[1], 'ghost text drawn')
  H.eq(compat.nvim_0_10 and 'inline' or 'overlay', info.drawn[1].pos, 'virtual text position')
  H.eq(1, info.requests - before, 'requests sent for one burst of typing (debounced)')
  H.eq('    public int Count => ', vim.api.nvim_get_current_line(), 'the buffer holds only what was typed')
end)

extmark_test('Tab accepts the suggestion into the buffer', function()
  H.truthy(inline.visible(), 'a suggestion is shown')
  H.type('<Tab>')
  H.wait(function()
    return vim.api.nvim_get_current_line() == '    public int Count => ' .. S.script.completion
  end, 5000, 'the accepted line')
  H.eq(#vim.api.nvim_get_current_line(), vim.api.nvim_win_get_cursor(0)[2], 'cursor after the inserted text')
end)

extmark_test('leaving insert mode dismisses the ghost text', function()
  S.client()
  H.type('<CR>public int Total => ')
  H.wait(function()
    return #inline.info().drawn > 0
  end, 30000, 'ghost text on the next line')
  H.type('<Esc>')
  H.wait(S.in_normal_mode, 5000, 'normal mode')
  H.eq(0, #inline.info().drawn, 'extmarks left after <Esc>')
  H.eq('    public int Total => ', vim.api.nvim_get_current_line(), 'nothing inserted by <Esc>')
  -- Undo the second line so the file compiles again.
  vim.api.nvim_del_current_line()
  vim.cmd('write')
  local saved = table.concat(vim.fn.readfile(S.service_file), '\n')
  H.truthy(saved:find('public int Count => ' .. S.script.completion, 1, true), 'the accepted suggestion is saved')
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
  S.client()
  H.truthy(vim.lsp.inline_completion.is_enabled({ bufnr = 0 }), 'enabled for the buffer')
  vim.api.nvim_win_set_cursor(0, { S.line_of('public decimal StockValue()'), 0 })
  H.type('Opublic int Count => ')
  -- The native client may briefly show an item for an earlier keystroke: wait for the final text.
  H.wait(function()
    return native_ghost() == S.script.completion
  end, 30000, 'the native ghost text')
  H.eq('    public int Count => ', vim.api.nvim_get_current_line(), 'the buffer holds only what was typed')
end)

native_test('0.12: Tab accepts through vim.lsp.inline_completion.get()', function()
  H.type('<Tab>')
  H.wait(function()
    return vim.api.nvim_get_current_line() == '    public int Count => ' .. S.script.completion
  end, 5000, 'the accepted line')
  H.type('<Esc>')
  H.wait(S.in_normal_mode, 5000, 'normal mode')
  vim.cmd('write')
  local saved = table.concat(vim.fn.readfile(S.service_file), '\n')
  H.truthy(saved:find('public int Count => ' .. S.script.completion, 1, true), 'the accepted suggestion is saved')
end)

extmark_test('<C-]> dismisses the suggestion, and Tab then keeps its own meaning', function()
  S.client()
  vim.api.nvim_win_set_cursor(0, { S.line_of('public decimal StockValue()'), 0 })
  H.type('Opublic int Size => ')
  H.wait(function()
    return #inline.info().drawn > 0
  end, 30000, 'ghost text to appear')
  H.type('<C-]>')
  H.wait(function()
    return #inline.info().drawn == 0
  end, 5000, 'the ghost text to go')
  H.eq(false, inline.visible(), 'visible after dismiss')
  H.type('<Tab>')
  H.wait(function()
    return vim.api.nvim_get_current_line() ~= '    public int Size => '
  end, 5000, 'Tab to insert')
  H.truthy(vim.api.nvim_get_current_line():match('^    public int Size => %s+$'), 'Tab inserted white space: ' .. vim.api.nvim_get_current_line())
  H.type('<Esc>')
  H.wait(S.in_normal_mode, 5000, 'normal mode')
  vim.api.nvim_del_current_line()
end)

H.run(180000)
