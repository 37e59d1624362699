-- `:checkhealth codeassist`: what a user checks first when nothing happens. Is the server found, and which version?
-- Is a server running (for this buffer), has it loaded the workspace, which model does it use, is the folder trusted?
-- `M.report()` returns the findings as data (tests read them); `M.check()` prints them with vim.health.
local M = {}

local compat = require('codeassist.compat')

--- The command that starts the server: lsp/codeassist.lua's (0.11+, after any vim.lsp.config override) or setup()'s.
local function server_cmd()
  if compat.nvim_0_11 and vim.lsp.config and vim.lsp.config.codeassist and type(vim.lsp.config.codeassist.cmd) == 'table' then
    return vim.lsp.config.codeassist.cmd
  end
  return require('codeassist.config').options.cmd
end

--- `codeassist --version` for a command like { 'codeassist', 'serve' } or { 'dotnet', '/path/codeassist.dll', 'serve' }.
local function server_version(cmd)
  local args = {}
  for _, arg in ipairs(cmd) do
    if arg == 'serve' then
      break
    end
    table.insert(args, arg)
  end
  table.insert(args, '--version')
  local output = vim.fn.system(args)
  if vim.v.shell_error ~= 0 then
    return nil, vim.trim(output)
  end
  return vim.trim(output):gsub('%+.*$', '')
end

local function server_status(client, bufnr)
  -- An empty Lua table encodes as a JSON array; the server wants an object.
  local params = vim.empty_dict()
  local response = compat.nvim_0_11 and client:request_sync('codeAssist/serverStatus', params, 5000, bufnr)
    or client.request_sync('codeAssist/serverStatus', params, 5000, bufnr)
  if response and response.result then
    return response.result
  end
  return nil, response and response.err and response.err.message or 'no answer in 5 s'
end

--- The findings, in order: { { level = 'start'|'ok'|'warn'|'error'|'info', text = ... }, ... }.
function M.report()
  local findings = {}
  local function add(level, text)
    table.insert(findings, { level = level, text = text })
  end

  add('start', 'CodeAssist server')
  local cmd = server_cmd()
  if type(cmd) ~= 'table' or #cmd == 0 then
    add('error', 'no server command configured (cmd)')
    return findings
  end
  if vim.fn.executable(cmd[1]) ~= 1 then
    add('error', string.format('`%s` is not an executable on PATH. Install the server with '
      .. '`dotnet tool install --global codeassist`, or set cmd in vim.lsp.config / setup()', cmd[1]))
    return findings
  end
  local version, problem = server_version(cmd)
  if version then
    add('ok', string.format('server found: %s (version %s)', table.concat(cmd, ' '), version))
  else
    add('error', string.format('`%s --version` failed: %s', table.concat(cmd, ' '), problem))
  end

  add('start', 'CodeAssist server running')
  -- :checkhealth shows its report in a buffer of its own: look at the buffer it was started from, else any client.
  local client = require('codeassist').client(0)
  local alternate = vim.fn.bufnr('#')
  if not client and alternate > 0 then
    client = require('codeassist').client(alternate)
  end
  client = client or compat.clients('codeassist')[1]
  if not client then
    add('warn', 'no CodeAssist client is running: open a C# file (on 0.11+ also run vim.lsp.enable("codeassist"))')
    return findings
  end
  local status = require('codeassist').status()
  if type(status) == 'table' then
    local model = status.model and (' (model ' .. status.model .. ')') or ''
    local level = (status.state == 'error' and 'error') or (status.state == 'noModel' and 'warn')
      or (status.state == 'loading' and 'info') or 'ok'
    add(level, string.format('model: %s%s: %s', status.state, model, status.message or ''))
  else
    add('warn', 'model: the server has not reported a status yet')
  end

  local server, err = server_status(client, alternate > 0 and alternate or 0)
  if not server then
    add('error', 'codeAssist/serverStatus failed: ' .. tostring(err))
  else
    local loaded = server.workspace == 'Loaded' or server.workspace == 'AdHoc'
    local level = loaded and 'ok' or (server.workspace == 'LoadedWithErrors' and 'warn') or 'info'
    add(level, string.format('workspace: %s (%s), %d open documents', server.workspace, client.config.root_dir or '?', server.openDocuments or 0))
  end

  local trusted = type(status) == 'table' and status.workspaceTrusted
  if trusted == true then
    add('ok', 'trust: this folder is trusted (its .codeassist.json applies in full)')
  elseif trusted == false then
    add('warn', 'trust: this folder is not trusted; its trusted-only settings are ignored'
      .. (status.ignoredSettings and (': ' .. status.ignoredSettings) or ''))
  else
    add('info', 'trust: the server did not report it')
  end
  return findings
end

function M.check()
  -- 0.10 renamed report_start/report_ok/... to start/ok/...; 0.7 has them under require('health').
  local health = vim.health or require('health')
  local call = {
    start = health.start or health.report_start,
    ok = health.ok or health.report_ok,
    warn = health.warn or health.report_warn,
    error = health.error or health.report_error,
    info = health.info or health.report_info,
  }
  for _, finding in ipairs(M.report()) do
    call[finding.level](finding.text)
  end
end

return M
