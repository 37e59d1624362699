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
  -- A screen tall enough for every counter, as in a real terminal (headless Neovim starts with 24 lines).
  vim.o.lines = 60
  vim.cmd('CodeAssistStats')
  local run = commands.last.stats
  H.wait(function()
    return run.done
  end, 30000, 'the stats')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.truthy(type(run.result) == 'table' and next(run.result) ~= nil, 'a non-empty record')
  H.truthy(run.float:is_open() and run.float:text() == run.text, 'shown in a float')
  -- Every counter on screen: more lines than the prose cap (float.max_height), and the float is as tall as the list.
  local lines = #vim.split(run.text, '\n', { plain = true })
  H.truthy(lines > require('codeassist.config').options.float.max_height, 'more counters than the prose cap: ' .. lines)
  H.eq(math.min(lines, vim.o.lines - 4), vim.api.nvim_win_get_height(run.float.win), 'the float height')
  run.float:close()
end)

H.run(180000)
