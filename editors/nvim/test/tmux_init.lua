-- A user's init.lua for the real-terminal test (tmux): the plugin from this checkout, the server from the
-- build, the scripted model, and the client state in the statusline so the test can read it off the screen.
local test_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
vim.opt.runtimepath:prepend(vim.fn.fnamemodify(test_dir, ':h'))
vim.o.swapfile = false
vim.o.shadafile = 'NONE'
vim.o.laststatus = 2
vim.o.statusline = "%f %=%{luaeval(\"require('codeassist').statusline()\")}"
require('codeassist').setup({
  cmd = vim.fn.json_decode(os.getenv('CODEASSIST_CMD')),
  settings = vim.fn.json_decode(os.getenv('CODEASSIST_SETTINGS') or '{}'),
})
-- The statusline is only redrawn on events; redraw it while the server starts.
local timer = vim.loop.new_timer()
timer:start(200, 200, vim.schedule_wrap(function()
  vim.cmd('redrawstatus')
end))
