-- :checkhealth codeassist against the real server: found with its version, model status, workspace, trust.
local H = require('helpers')
local S = require('session')
local health = require('codeassist.health')

local function finding(findings, pattern)
  for _, f in ipairs(findings) do
    if f.text:match(pattern) then
      return f
    end
  end
  error('no finding matches ' .. pattern .. ' in ' .. vim.inspect(findings))
end

H.test('the server starts', function()
  S.start()
  S.wait_workspace()
end)

H.test('report: server found with its version, model, workspace loaded, trust', function()
  S.client()
  -- The document is in the workspace early (open documents win); the MSBuild load finishes later.
  local findings
  H.wait(function()
    findings = health.report()
    return finding(findings, '^workspace: ').text:match('^workspace: Loaded') ~= nil
  end, 240000, 'the workspace to load')
  local server = finding(findings, '^server found: ')
  H.eq('ok', server.level, 'server finding')
  H.truthy(server.text:match('%(version %d+%.%d+%.%d+%)$'), 'a version: ' .. server.text)
  local model = finding(findings, '^model: ')
  H.truthy(model.text:match('^model: %a+'), 'a model state: ' .. model.text)
  local workspace = finding(findings, '^workspace: ')
  H.eq('ok', workspace.level, workspace.text)
  H.truthy(workspace.text:match('^workspace: Loaded'), workspace.text)
  finding(findings, '^trust: ')
  for _, f in ipairs(findings) do
    H.truthy(f.level ~= 'error', 'an error: ' .. f.text)
  end
end)

H.test(':checkhealth codeassist shows the report', function()
  vim.cmd('checkhealth codeassist')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  H.truthy(text:find('server found: ', 1, true), 'the server line in:\n' .. text)
  H.truthy(text:find('workspace: Loaded', 1, true), 'the workspace line in:\n' .. text)
  vim.cmd('bwipeout!')
end)

H.test('report: a command that is not installed is an error with the install hint', function()
  local saved = require('codeassist.config').options.cmd
  local overrides = vim.lsp.config and vim.lsp.config.codeassist and vim.lsp.config.codeassist.cmd
  require('codeassist.config').options.cmd = { 'codeassist-not-installed', 'serve' }
  if overrides then
    vim.lsp.config('codeassist', { cmd = { 'codeassist-not-installed', 'serve' } })
  end
  local ok, findings = pcall(health.report)
  require('codeassist.config').options.cmd = saved
  if overrides then
    vim.lsp.config('codeassist', { cmd = overrides })
  end
  H.truthy(ok, tostring(findings))
  local missing = finding(findings, 'codeassist%-not%-installed')
  H.eq('error', missing.level, missing.text)
  H.truthy(missing.text:find('dotnet tool install', 1, true), missing.text)
end)

H.run(180000)
