-- Neovim 0.11+: `vim.lsp.enable('codeassist')` starts the server with this configuration; override any field
-- with `vim.lsp.config('codeassist', { cmd = ..., settings = { codeassist = { ... } } })`.
-- Ghost text (before 0.12) and the :CodeAssist* commands come from plugin/codeassist.lua on LspAttach.
---@type vim.lsp.Config
return {
  cmd = { 'codeassist', 'serve' },
  filetypes = { 'cs' },
  -- The nearest folder with a *.sln/*.slnx, else a *.csproj, else the repository root (.git).
  root_dir = function(bufnr, on_dir)
    on_dir(require('codeassist.config').find_root(vim.api.nvim_buf_get_name(bufnr)))
  end,
  -- The camelCase keys of CodeAssist's options under `codeassist`, e.g. { codeassist = { provider = 'ollama' } }.
  settings = { codeassist = {} },
  -- Adds workspaceTrusted when the user trusts the folder (trusted_folders, :CodeAssistTrust; docs/security.md).
  before_init = function(params, config)
    local options = require('codeassist.config').options
    params.initializationOptions = require('codeassist.trust').init_options(params.initializationOptions, config.root_dir, options.trusted_folders)
  end,
  capabilities = {
    textDocument = { inlineCompletion = { dynamicRegistration = false } },
  },
  handlers = {
    ['$/progress'] = function(...)
      return require('codeassist').handlers()['$/progress'](...)
    end,
    ['codeAssist/status'] = function(...)
      return require('codeassist').handlers()['codeAssist/status'](...)
    end,
  },
}
