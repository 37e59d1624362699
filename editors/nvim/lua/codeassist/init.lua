-- CodeAssist for Neovim: starts the language server on 0.7-0.10 (0.11+ uses lsp/codeassist.lua with
-- vim.lsp.enable) and adds what plain LSP clients lack: ghost text before 0.12 and the codeAssist/* commands.
local config = require('codeassist.config')
local compat = require('codeassist.compat')

local M = {}

M.name = 'codeassist'

local state = {
  -- root folder -> client id, for 0.7 which has no vim.lsp.start to reuse clients.
  clients = {},
  -- bufnr -> true once the buffer's inline completion is wired up.
  attached = {},
  -- The last codeAssist/status notification.
  status = nil,
}

--- Handlers this client needs besides Neovim's defaults.
function M.handlers()
  return {
    ['$/progress'] = function(err, result, ctx, handler_config)
      if require('codeassist.progress').dispatch(result) then
        return
      end
      return vim.lsp.handlers['$/progress'](err, result, ctx, handler_config)
    end,
    ['codeAssist/status'] = function(_, result)
      state.status = result
      vim.schedule(function()
        vim.cmd('doautocmd <nomodeline> User CodeAssistStatus')
      end)
    end,
  }
end

--- The last status the server reported (codeAssist/status), or nil.
function M.status()
  return state.status
end

--- A short status for 'statusline': empty without a client, else "CodeAssist: " and the state the server last
--- reported (loading, ready, noModel, generating, degraded, error; see codeAssist/status).
function M.statusline()
  local client = M.client(0)
  if not client then
    return ''
  end
  if not client.initialized then
    return 'CodeAssist: starting'
  end
  local status = state.status
  return 'CodeAssist: ' .. tostring(type(status) == 'table' and status.state or 'running')
end

--- Wires inline completion and cursor reports into `bufnr` for `client`; safe to call more than once.
function M.attach(client, bufnr)
  if client.name ~= M.name or state.attached[bufnr] then
    return
  end
  state.attached[bufnr] = true
  -- The server's "Explain with CodeAssist" code action runs this client-side command (vim.lsp.buf.code_action
  -- looks commands up here before asking the server). Registered on attach so startup never loads vim.lsp.
  vim.lsp.commands['codeassist.explain'] = function(command, ctx)
    return require('codeassist.commands').explain_command(command, ctx)
  end
  local cursor = config.options.cursor
  if cursor.enabled then
    require('codeassist.cursor').attach(client, bufnr, cursor)
  end
  local inline = config.options.inline
  if not inline.enabled then
    return
  end
  if compat.nvim_0_12 and inline.native ~= false and vim.lsp.inline_completion then
    require('codeassist.native').attach(client, bufnr, inline)
  else
    require('codeassist.inline').attach(client, bufnr, inline)
  end
end

function M.detach(bufnr)
  state.attached[bufnr] = nil
  require('codeassist.inline').detach(bufnr)
  require('codeassist.cursor').detach(bufnr)
end

--- The client configuration for a workspace at `root` (0.7-0.10; 0.11+ reads lsp/codeassist.lua).
function M.client_config(root)
  local opts = config.options
  local cfg = {
    name = M.name,
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = config.server_settings(opts.settings),
    init_options = require('codeassist.trust').init_options(opts.settings, root, opts.trusted_folders),
    capabilities = config.capabilities(),
    handlers = M.handlers(),
  }
  if not compat.nvim_0_8 then
    -- 0.8+ sends the settings itself after initialize and announces clients with LspAttach.
    cfg.on_init = function(client)
      compat.notify(client, 'workspace/didChangeConfiguration', { settings = cfg.settings })
    end
    cfg.on_attach = M.attach
  end
  return cfg
end

--- Starts (or reuses) the server for `bufnr` and attaches it. Returns the client id.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return nil
  end
  local root = config.find_root(name)
  if compat.nvim_0_8 then
    return vim.lsp.start(M.client_config(root), { bufnr = bufnr })
  end
  local id = state.clients[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not id or (client and compat.is_stopped(client)) then
    id = vim.lsp.start_client(M.client_config(root))
    state.clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Configures CodeAssist. On 0.11+ this feeds vim.lsp.config and enables the server; before, it starts the
--- server for every buffer of a C# filetype. Calling it again replaces the previous options.
function M.setup(opts)
  config.set(opts)
  if compat.nvim_0_11 then
    local overrides = { cmd = config.options.cmd, filetypes = config.options.filetypes }
    if next(config.options.settings) ~= nil then
      overrides.settings = config.server_settings(config.options.settings)
      overrides.init_options = config.options.settings
    end
    vim.lsp.config(M.name, overrides)
    vim.lsp.enable(M.name)
    return
  end
  local group = vim.api.nvim_create_augroup('codeassist_start', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.options.filetypes,
    callback = function(args)
      M.start(args.buf)
    end,
  })
  -- Buffers opened before setup() ran.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(config.options.filetypes, vim.bo[buf].filetype) then
      M.start(buf)
    end
  end
end

--- The running CodeAssist client of `bufnr` (0: current), or nil.
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  return compat.clients(M.name, bufnr)[1]
end

return M
