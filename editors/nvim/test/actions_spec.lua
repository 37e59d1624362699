-- Fixes and refactorings as standard code actions from the real server.
local H = require('helpers')
local S = require('session')
local compat = require('codeassist.compat')
local commands = require('codeassist.commands')

H.test('the server starts and offers code actions', function()
  local client = S.start()
  S.wait_workspace()
  H.truthy(client.server_capabilities.codeActionProvider, 'codeActionProvider capability')
end)

-- Applies a code action as vim.lsp.buf.code_action() does: resolve it when it has no edit yet, apply its edit,
-- run its command through vim.lsp.commands (client-side) or workspace/executeCommand.
local function apply_action(client, action)
  if not action.edit and not action.command and action.data ~= nil then
    local err, resolved = S.request('codeAction/resolve', action, 60000)
    H.truthy(not err, 'codeAction/resolve: ' .. vim.inspect(err))
    action = resolved
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, compat.offset_encoding(client))
  end
  local command = type(action.command) == 'table' and action.command or (type(action.command) == 'string' and action)
  if command then
    local fn = vim.lsp.commands[command.command]
    if fn then
      fn(command, { client_id = client.id, bufnr = vim.api.nvim_get_current_buf() })
    else
      local err = S.request('workspace/executeCommand', { command = command.command, arguments = command.arguments })
      H.truthy(not err, 'workspace/executeCommand: ' .. vim.inspect(err))
    end
  end
end

local function titles(actions)
  return vim.tbl_map(function(a)
    return a.title
  end, actions or {})
end

H.test('a compiler error reported by a C# server gets the Roslyn fix as a code action (missing using)', function()
  local client = S.client()
  local bufnr = vim.api.nvim_get_current_buf()
  local row = S.line_of('public sealed class InventoryService') + 1 -- the line after the opening brace
  vim.api.nvim_buf_set_lines(bufnr, row, row, false, { '    private readonly StringBuilder _log = new();' })
  local column = #'    private readonly '
  local range = { start = { line = row, character = column }, ['end'] = { line = row, character = column + #'StringBuilder' } }
  -- CodeAssist publishes no diagnostics of its own: the context carries the one a C# language server reports.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = {
      diagnostics = {
        { range = range, severity = 1, code = 'CS0246', source = 'csharp',
          message = "The type or namespace name 'StringBuilder' could not be found" },
      },
    },
  }
  local err, actions = S.request('textDocument/codeAction', params, 60000)
  H.truthy(not err, 'textDocument/codeAction: ' .. vim.inspect(err))
  local chosen
  for _, action in ipairs(actions or {}) do
    if action.title:find('using System.Text', 1, true) then
      chosen = action
      break
    end
  end
  H.truthy(chosen, 'an action adding using System.Text among: ' .. vim.inspect(titles(actions)))
  apply_action(client, chosen)
  H.wait(function()
    return vim.tbl_contains(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), 'using System.Text;')
  end, 10000, 'using System.Text; in the buffer')
  vim.cmd('silent! edit!')
end)

H.test('the "Explain with CodeAssist" action runs on the client and streams into a float', function()
  local client = S.client()
  local first = S.line_of('public decimal StockValue()') - 1
  local range = { start = { line = first, character = 0 }, ['end'] = { line = first + 9, character = 0 } }
  local err, actions = S.request('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = range,
    context = { diagnostics = {} },
  }, 60000)
  H.truthy(not err, 'textDocument/codeAction: ' .. vim.inspect(err))
  local chosen
  for _, action in ipairs(actions or {}) do
    if action.title == 'Explain with CodeAssist' then
      chosen = action
    end
  end
  H.truthy(chosen, 'the explain action among: ' .. vim.inspect(titles(actions)))
  apply_action(client, chosen)
  local run = commands.last.explain
  H.truthy(run and run.float:is_open(), 'a float opened')
  H.wait(function()
    return run.done
  end, 60000, 'the explanation')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.truthy(run.text:find(S.script.chat, 1, true), 'the model answer: ' .. run.text)
  run.float:close()
end)

H.run(180000)
