-- Loaded at startup: commands, the ghost-text highlight, and (0.8+) attaching to servers started elsewhere,
-- e.g. by vim.lsp.enable('codeassist') on 0.11+. Starting the server is left to setup() or vim.lsp.enable.
if vim.g.loaded_codeassist then
  return
end
vim.g.loaded_codeassist = true

vim.api.nvim_set_hl(0, 'CodeAssistGhost', { default = true, link = 'Comment' })
vim.api.nvim_set_hl(0, 'CodeAssistGhostUnverified', { default = true, link = 'DiagnosticUnnecessary' })

local function command(name, fn, opts)
  vim.api.nvim_create_user_command(name, function(args)
    require('codeassist.commands')[fn](args)
  end, opts)
end

command('CodeAssistExplain', 'explain', { range = true, desc = 'Explain the selected lines (or the symbol at the cursor)' })
command('CodeAssistStackTrace', 'stack_trace', {
  range = true,
  nargs = '?',
  desc = 'Analyze a stack trace from a register (argument) or the buffer',
})
command('CodeAssistContext', 'context', { nargs = '?', desc = 'Show the Roslyn context at the cursor [budget in tokens]' })
command('CodeAssistStats', 'stats', { desc = 'Show the server statistics' })
vim.api.nvim_create_user_command('CodeAssistTrust', function()
  require('codeassist.trust').command()
end, { desc = 'Trust this workspace folder: the server obeys its .codeassist.json in full' })

if vim.fn.has('nvim-0.8') == 1 then
  vim.api.nvim_create_autocmd('LspAttach', {
    group = vim.api.nvim_create_augroup('codeassist_attach', { clear = true }),
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == 'codeassist' then
        require('codeassist').attach(client, args.buf)
      end
    end,
  })
end
