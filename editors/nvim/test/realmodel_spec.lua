-- Inline completion from a real local model: the server runs a chain GGUF (tools/CodeAssist.Gguf chain) in
-- llama.cpp through LLamaSharp. Its weights continue the FIM middle marker and a typed "." with "Count;", so the
-- ghost text is exact, and the compiler checked it before it was shown. Settings come from CODEASSIST_SETTINGS
-- (provider local, model = the GGUF; see prepare_chain_model in env.sh).
local H = require('helpers')
local S = require('session')
local compat = require('codeassist.compat')

local typed = 'public int Size => _stock.'
local expected = 'Count;'

-- The ghost text on screen: Neovim's own vim.lsp.inline_completion on 0.12+, the plugin's extmarks before.
local function ghost()
  if compat.nvim_0_12 then
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
  local drawn = require('codeassist.inline').info().drawn
  return drawn[1] and drawn[1].lines[1]
end

H.test('the server loads the local GGUF and says ready', function()
  S.start()
  H.eq('local', S.settings.provider, 'provider in the settings under test')
  H.wait(function()
    return require('codeassist').statusline() == 'CodeAssist: ready'
  end, 90000, 'codeAssist/status ready')
end)

H.test('typing after a dot shows the model\'s suggestion as ghost text', function()
  S.client()
  vim.api.nvim_win_set_cursor(0, { S.line_of('public decimal StockValue()'), 0 })
  H.type('O' .. typed)
  -- Earlier keystrokes may briefly have had other suggestions: wait for the one at the final caret.
  H.wait(function()
    return ghost() == expected
  end, 30000, 'the ghost text ' .. expected)
  H.eq('    ' .. typed, vim.api.nvim_get_current_line(), 'the buffer holds only what was typed')
end)

H.test('Tab accepts it, the file is saved with it, and the server counted it verified', function()
  H.type('<Tab>')
  H.wait(function()
    return vim.api.nvim_get_current_line() == '    ' .. typed .. expected
  end, 5000, 'the accepted line')
  H.type('<Esc>')
  H.wait(S.in_normal_mode, 5000, 'normal mode')
  vim.cmd('write')
  local saved = table.concat(vim.fn.readfile(S.service_file), '\n')
  H.truthy(saved:find(typed .. expected, 1, true), 'the accepted suggestion is saved')

  -- The client sends codeAssist.accepted when Tab takes the item; poll until the server has counted it.
  local stats
  local deadline = vim.loop.now() + 10000
  repeat
    local err, result = S.request('codeAssist/stats', vim.empty_dict())
    stats = not err and result or nil
    if stats and stats.accepted == 1 then
      break
    end
    H.sleep(100)
  until vim.loop.now() > deadline
  H.eq(1, stats and stats.accepted, 'accepted suggestions counted by the server')
  H.truthy(stats.modelCalls >= 1, 'model calls: ' .. tostring(stats.modelCalls))
  H.eq(0, stats.unverified, 'suggestions shown unverified')
  H.eq(0, stats.modelFailures, 'model failures')
end)

H.run(180000)
