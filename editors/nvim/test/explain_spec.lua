-- :CodeAssistExplain against the real server and the scripted model: a float that fills in as the answer streams.
local H = require('helpers')
local S = require('session')
local commands = require('codeassist.commands')

H.test('the server starts', function()
  S.start()
  S.wait_workspace()
end)

H.test(':CodeAssistExplain streams the answer into a markdown float', function()
  S.client()
  local first = S.line_of('public decimal StockValue()')
  vim.cmd(string.format('%d,%dCodeAssistExplain', first, first + 9))
  local run = commands.last.explain
  H.truthy(run and run.float and run.float:is_open(), 'float opened at once')
  H.eq('markdown', run.float.lang, 'float language')
  H.truthy(vim.bo[run.float.buf].syntax == 'markdown' or (vim.treesitter.highlighter and vim.treesitter.highlighter.active[run.float.buf]), 'markdown highlighting')
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

H.run(180000)
