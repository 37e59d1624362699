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

H.test('code actions come back and apply', function()
  -- TODO(real server): pick the action the server offers for the sample.
  local c = S.client()
  local bufnr = vim.api.nvim_get_current_buf()
  local row = S.line_of('public decimal StockValue()') - 1
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

H.run(180000)
