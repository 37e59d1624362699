-- Neovim 0.12+: the built-in vim.lsp.inline_completion draws and accepts the server's items; this only
-- enables it for the buffer and maps the accept key.
local M = {}

function M.attach(_, bufnr, opts)
  vim.lsp.inline_completion.enable(true, { bufnr = bufnr })
  local key = opts.accept_key
  if key and key ~= '' then
    vim.keymap.set('i', key, function()
      -- get() accepts the shown item and reports whether there was one; otherwise the key keeps its meaning.
      if not vim.lsp.inline_completion.get({ bufnr = bufnr }) then
        return key
      end
      return ''
    end, { buffer = bufnr, expr = true, silent = true, desc = 'CodeAssist: accept inline completion' })
  end
end

return M
