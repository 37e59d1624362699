-- Fixes and refactorings as standard code actions from the real server.
local H = require('helpers')
local S = require('session')
local compat = require('codeassist.compat')

H.test('the server starts and offers code actions', function()
  local client = S.start()
  S.wait_workspace()
  H.truthy(client.server_capabilities.codeActionProvider, 'codeActionProvider capability')
end)

-- Applies a code action as vim.lsp.buf.code_action() would: resolve it if it has no edit yet, apply its edit,
-- run its command (the server may answer with workspace/applyEdit, which Neovim applies itself).
local function apply_action(client, action)
  if not action.edit and not action.command and action.data ~= nil then
    local err, resolved = S.request('codeAction/resolve', action)
    H.truthy(not err, 'codeAction/resolve: ' .. vim.inspect(err))
    action = resolved
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, compat.offset_encoding(client))
  end
  local command = type(action.command) == 'table' and action.command or (type(action.command) == 'string' and action)
  if command then
    local err = S.request('workspace/executeCommand', { command = command.command, arguments = command.arguments })
    H.truthy(not err, 'workspace/executeCommand: ' .. vim.inspect(err))
  end
end

H.test('a compiler error gets a code action that fixes it (missing using)', function()
  local client = S.client()
  local bufnr = vim.api.nvim_get_current_buf()
  local row = S.line_of('public sealed class InventoryService') + 1 -- the line after the opening brace
  vim.api.nvim_buf_set_lines(bufnr, row, row, false, { '    private readonly StringBuilder _log = new();' })
  local column = #'    private readonly '
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = row, character = column }, ['end'] = { line = row, character = column + #'StringBuilder' } },
    context = { diagnostics = {} },
  }
  local err, actions
  -- The server may still be loading the workspace: ask again until an action names the missing using.
  local chosen
  for _ = 1, 60 do
    err, actions = S.request('textDocument/codeAction', params, 60000)
    H.truthy(not err, 'textDocument/codeAction: ' .. vim.inspect(err))
    for _, action in ipairs(actions or {}) do
      if action.title:find('System.Text', 1, true) then
        chosen = action
      end
    end
    if chosen then
      break
    end
    H.sleep(500)
  end
  H.truthy(chosen, 'an action for System.Text among: ' .. vim.inspect(vim.tbl_map(function(a)
    return a.title
  end, actions or {})))
  apply_action(client, chosen)
  H.wait(function()
    return vim.tbl_contains(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), 'using System.Text;')
  end, 10000, 'using System.Text; in the buffer')
  vim.cmd('silent! edit!')
end)

H.run(180000)
