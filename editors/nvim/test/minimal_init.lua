-- Loaded with `nvim --headless -u test/minimal_init.lua`: the plugin from this checkout and nothing of the user's.
local test_dir = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local plugin_dir = vim.fn.fnamemodify(test_dir, ':h')
vim.opt.runtimepath:prepend(plugin_dir)
package.path = test_dir .. '/?.lua;' .. package.path
vim.o.swapfile = false
vim.o.shadafile = 'NONE'
vim.o.more = false
