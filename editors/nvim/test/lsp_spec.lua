-- The plugin's client against the real server: start, reuse, status, exact document sync.
local H = require('helpers')
local S = require('session')
local compat = require('codeassist.compat')

H.test('setup() starts the server for a C# buffer and it initializes', function()
  local client = S.start()
  H.eq('codeassist', client.server_info and client.server_info.name or 'codeassist', 'server name')
end)

H.test('setup() again and a second file reuse the one client', function()
  require('codeassist').setup({ cmd = S.cmd, settings = S.settings, inline = { debounce_ms = 50 } })
  vim.cmd('edit ' .. vim.fn.fnameescape(S.workspace .. '/Product.cs'))
  H.wait(function()
    return require('codeassist').client(0) ~= nil
  end, 10000, 'Product.cs to attach')
  H.eq(1, #compat.clients('codeassist'), 'running codeassist clients')
  vim.cmd('edit ' .. vim.fn.fnameescape(S.service_file))
end)

H.test('codeAssist/status reaches the plugin and the statusline', function()
  H.wait(function()
    return require('codeassist').status() ~= nil
  end, 60000, 'a codeAssist/status notification')
  local status = require('codeassist').status()
  H.truthy(type(status.state) == 'string' and status.message, 'status has state and message: ' .. vim.inspect(status))
  H.eq('CodeAssist: ' .. status.state, require('codeassist').statusline(), 'statusline')
end)

H.test('typed UTF-16 text reaches the server exactly (incremental sync, positions in UTF-16)', function()
  S.client()
  vim.api.nvim_win_set_cursor(0, { S.line_of('public decimal StockValue()'), 0 })
  H.type('O// naïve € 😀 check<Esc>')
  H.wait(S.in_normal_mode, 5000, 'normal mode')
  H.type('0f😀a!<Esc>')
  H.wait(S.in_normal_mode, 5000, 'normal mode')
  H.eq('    // naïve € 😀! check', vim.api.nvim_get_current_line(), 'buffer line')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n') .. '\n'
  -- didChange is debounced by the client: ask until the server's copy catches up (or 10 s pass).
  local document
  for _ = 1, 50 do
    local err, result = S.request('codeAssist/serverStatus', { textDocument = { uri = vim.uri_from_bufnr(0) }, includeText = true })
    H.truthy(not err, 'serverStatus error: ' .. vim.inspect(err))
    document = result and result.document
    if document and document.text == text then
      break
    end
    H.sleep(200)
  end
  H.eq(text, document and document.text, 'the server text')
  vim.cmd('silent! undo')
  vim.cmd('silent! undo')
end)

H.run(180000)
