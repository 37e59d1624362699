-- :CodeAssistStats against the real server.
local H = require('helpers')
local S = require('session')
local commands = require('codeassist.commands')

H.test('the server starts', function()
  S.start()
  S.wait_workspace()
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
