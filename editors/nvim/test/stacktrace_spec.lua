-- :CodeAssistStackTrace against the real server: frames into the quickfix list, the analysis in a float.
local H = require('helpers')
local S = require('session')
local commands = require('codeassist.commands')

H.test('the server starts', function()
  S.start()
  S.wait_workspace()
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

H.run(180000)
