-- Workspace trust for CodeAssist (docs/security.md): a folder's .codeassist.json may point the server at another
-- endpoint or a native library, so the server obeys it in full only when the client says the user trusts the
-- folder. Trusted here: a folder inside one of the `trusted_folders` option, or whose .codeassist.json the user
-- allowed with vim.secure (0.9+, the same trust database as 'exrc'; a changed file needs trusting again).
-- Otherwise the plugin says nothing and the server's own user-level `trustedFolders` list decides.
local M = {}

-- Folders trusted with :CodeAssistTrust in this session (Neovim before 0.9 has no vim.secure to remember them).
local session_trusted = {}

local function normalize(path)
  return (vim.fn.fnamemodify(vim.fn.expand(path), ':p'):gsub('/+$', ''))
end

local function is_under(path, folder)
  path, folder = normalize(path), normalize(folder)
  return path == folder or path:sub(1, #folder + 1) == folder .. '/'
end

local function settings_file(root)
  return normalize(root) .. '/.codeassist.json'
end

-- Whether vim.secure's database allows this exact file content (it stores "<sha256> <path>" lines).
local function allowed_by_vim_secure(file)
  if not (vim.secure and vim.fn.filereadable(file) == 1) then
    return false
  end
  local database = vim.fn.stdpath('state') .. '/trust'
  if vim.fn.filereadable(database) ~= 1 then
    return false
  end
  local hash = vim.fn.sha256(table.concat(vim.fn.readfile(file, 'b'), '\n'))
  for _, line in ipairs(vim.fn.readfile(database)) do
    local stored, path = line:match('^(%S+) (.+)$')
    if path == file and stored == hash then
      return true
    end
  end
  return false
end

--- True when the user trusts `root` (see the top of this file); nil when the plugin cannot tell.
function M.is_trusted(root, trusted_folders)
  -- On 0.11+ a config's root_dir may still be the function that finds it; then there is nothing to decide here.
  if type(root) ~= 'string' or root == '' then
    return nil
  end
  for _, folder in ipairs(trusted_folders or {}) do
    if is_under(root, folder) then
      return true
    end
  end
  if session_trusted[normalize(root)] or allowed_by_vim_secure(settings_file(root)) then
    return true
  end
  return nil
end

--- The initializationOptions for `root`: the user's settings plus workspaceTrusted when the folder is trusted.
function M.init_options(settings, root, trusted_folders)
  local options = vim.deepcopy(settings or {})
  if M.is_trusted(root, trusted_folders) then
    options.workspaceTrusted = true
  end
  return options
end

--- :CodeAssistTrust: remembers the trust (vim.secure when it can) and tells the running server.
function M.trust(client, root)
  local file = settings_file(root)
  if vim.secure and vim.fn.filereadable(file) == 1 then
    -- 0.11+ allows by path; 0.9 and 0.10 only through a buffer holding the file (its contents are hashed).
    if not pcall(vim.secure.trust, { action = 'allow', path = file }) then
      local bufnr = vim.fn.bufadd(file)
      vim.fn.bufload(bufnr)
      pcall(vim.secure.trust, { action = 'allow', bufnr = bufnr })
    end
  end
  session_trusted[normalize(root)] = true
  if client then
    require('codeassist.compat').notify(client, 'codeAssist/didChangeTrust', { trusted = true })
  end
end

--- :CodeAssistTrust: the user trusts the folder of the current buffer's server, which then reads its
--- .codeassist.json again and obeys it in full. Returns the trusted root, or nil.
function M.command()
  local codeassist = require('codeassist')
  local client = codeassist.client(0)
  local root = client and (client.config.root_dir
    or (client.workspace_folders and client.workspace_folders[1] and vim.uri_to_fname(client.workspace_folders[1].uri)))
  if not root then
    vim.notify('codeassist: no CodeAssist server with a workspace folder for this buffer', vim.log.levels.WARN)
    return nil
  end
  M.trust(client, root)
  local remembered = vim.secure and vim.fn.filereadable(settings_file(root)) == 1 and '' or ' for this session (add it to trusted_folders to keep it)'
  vim.notify('codeassist: trusted ' .. root .. remembered)
  return root
end

return M
