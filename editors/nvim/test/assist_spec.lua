-- The assistant commands and code actions against the real server and the scripted model.
local H = require('helpers')
local S = require('session')
local compat = require('codeassist.compat')
local commands = require('codeassist.commands')

H.test('the server starts and offers code actions', function()
  local client = S.start()
  H.truthy(client.server_capabilities.codeActionProvider, 'codeActionProvider capability')
end)

H.test(':CodeAssistExplain streams the answer into a markdown float', function()
  S.client()
  local first = S.line_of('public decimal StockValue()')
  vim.cmd(string.format('%d,%dCodeAssistExplain', first, first + 9))
  local run = commands.last.explain
  H.truthy(run and run.float and run.float:is_open(), 'float opened at once')
  H.truthy(vim.bo[run.float.buf].filetype == 'markdown' or vim.bo[run.float.buf].syntax == 'markdown', 'markdown float')
  H.wait(function()
    return run.done
  end, 60000, 'the explanation')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.truthy(run.text:find(S.script.chat, 1, true), 'final text contains the model answer: ' .. run.text)
  H.eq(run.text, run.float:text(), 'float shows the final text')
  H.truthy(run.chunks >= 2, 'streamed pieces: ' .. run.chunks)
  H.truthy(#run.snapshots[1] < #run.text, 'the float showed a partial answer first')
  run.float:close()
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

H.test(':CodeAssistStackTrace maps frames to the workspace files in the quickfix list', function()
  S.client()
  local file = S.service_file
  local trace = table.concat({
    'Unhandled exception. System.InvalidOperationException: Sequence contains no elements',
    '   at Inventory.InventoryService.StockValue() in ' .. file .. ':line 45',
    '   at Program.<Main>$(String[] args) in ' .. S.workspace .. '/Program.cs:line 7',
  }, '\n')
  vim.fn.setreg('a', trace)
  vim.cmd('CodeAssistStackTrace a')
  local run = commands.last.stack_trace
  H.wait(function()
    return run.done
  end, 60000, 'the analysis')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.truthy(#run.qf >= 2, 'workspace frames: ' .. vim.inspect(run.result))
  local qf = vim.fn.getqflist()
  H.truthy(#qf >= 1, 'quickfix entries')
  H.eq(vim.fn.resolve(file), vim.fn.resolve(vim.fn.fnamemodify(vim.fn.bufname(qf[1].bufnr), ':p')), 'first frame file')
  H.eq(45, qf[1].lnum, 'first frame line')
  H.truthy(run.text ~= '' and run.float:is_open(), 'an explanation in a float')
  run.float:close()
end)

H.test(':CodeAssistContext shows the Roslyn context at the cursor', function()
  S.client()
  vim.api.nvim_win_set_cursor(0, { S.line_of('total += level.OnHand'), 12 })
  vim.cmd('CodeAssistContext 512')
  local run = commands.last.context
  H.wait(function()
    return run.done
  end, 60000, 'the context')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.truthy(run.result.items and #run.result.items > 0, 'context items')
  H.truthy(run.text:find('StockLevel', 1, true), 'the context names StockLevel: ' .. run.text)
  run.float:close()
end)

H.test(':CodeAssistStats shows the server counters', function()
  S.client()
  vim.cmd('CodeAssistStats')
  local run = commands.last.stats
  H.wait(function()
    return run.done
  end, 30000, 'the stats')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.truthy(type(run.result) == 'table' and next(run.result) ~= nil, 'a non-empty record')
  H.truthy(run.float:is_open() and run.float:text() == run.text, 'shown in a float')
  run.float:close()
end)

H.run(180000)
