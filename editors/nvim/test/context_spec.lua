-- :CodeAssistContext against the real server: the Roslyn context at the cursor.
local H = require('helpers')
local S = require('session')
local commands = require('codeassist.commands')

H.test('the server starts', function()
  S.start()
  S.wait_workspace()
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

H.run(180000)
