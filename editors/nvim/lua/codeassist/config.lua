-- Plugin options and the server configuration built from them.
local M = {}

M.defaults = {
  -- The language server command; `codeassist` must be on PATH (dotnet tool install --global codeassist).
  cmd = { 'codeassist', 'serve' },
  filetypes = { 'cs' },
  -- CodeAssist settings: the camelCase keys of the server's options (provider, model, endpoint, completion, ...).
  settings = {},
  -- Folders whose .codeassist.json the server may obey in full (endpoints, native libraries, model paths
  -- elsewhere); see :CodeAssistTrust and docs/security.md. The server also reads its own user-level list.
  trusted_folders = {},
  inline = {
    enabled = true,
    -- 'auto': Neovim's own vim.lsp.inline_completion on 0.12+, extmark ghost text before.
    native = 'auto',
    debounce_ms = 75,
    accept_key = '<Tab>',
    dismiss_key = '<C-]>',
  },
  -- codeAssist/didChangeCursor: where the cursor came to rest, sent after it stayed `debounce_ms` at a new
  -- position, so the server can prepare the next suggestion's context (only to a server that advertises it).
  cursor = {
    enabled = true,
    debounce_ms = 250,
  },
  float = {
    border = 'rounded',
    max_width = 100,
    max_height = 30,
  },
}

M.options = vim.deepcopy(M.defaults)

-- Settings are a free-form table sent to the server as is; list-like option values are replaced, not merged.
function M.set(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  if opts and opts.cmd then
    M.options.cmd = opts.cmd
  end
  if opts and opts.filetypes then
    M.options.filetypes = opts.filetypes
  end
  return M.options
end

local function is_root_marker(name)
  return name == '.git' or name:match('%.sln$') ~= nil or name:match('%.slnx$') ~= nil or name:match('%.csproj$') ~= nil
end

-- Markers in order of preference: a solution beats a project, a project beats the repository root.
local marker_rank = { sln = 1, slnx = 1, csproj = 2, git = 3 }

local function rank_of(name)
  if name == '.git' then
    return marker_rank.git
  end
  return marker_rank[name:match('%.(%w+)$')] or 99
end

--- The workspace root of `path`: the nearest folder above it holding a solution, else a project, else .git,
--- else the file's own folder. The search stops at the repository root.
function M.find_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local best, best_rank = nil, 99
  while dir and dir ~= '' do
    for _, name in ipairs(vim.fn.readdir(dir)) do
      if is_root_marker(name) and rank_of(name) < best_rank then
        best, best_rank = dir, rank_of(name)
      end
    end
    -- A solution is the best there is, and a repository's root bounds the search.
    if best_rank <= 1 or vim.fn.isdirectory(dir .. '/.git') == 1 or vim.fn.filereadable(dir .. '/.git') == 1 then
      break
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return best or vim.fn.fnamemodify(path, ':p:h')
end

-- Tells the server that this client shows inline completions itself (extmarks or the native 0.12 feature),
-- so the server need not also offer them as ordinary completion items.
function M.capabilities()
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.textDocument = capabilities.textDocument or {}
  capabilities.textDocument.inlineCompletion = capabilities.textDocument.inlineCompletion or { dynamicRegistration = false }
  capabilities.window = capabilities.window or {}
  capabilities.window.workDoneProgress = true
  return capabilities
end

--- What the server receives as workspace/didChangeConfiguration settings (and answers to
--- workspace/configuration for the section "codeassist"): the user's settings under the key codeassist.
function M.server_settings(settings)
  return { codeassist = settings or {} }
end

return M
