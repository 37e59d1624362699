-- Workspace trust against the real server (docs/security.md): the folder's .codeassist.json asks for a native
-- library and for redaction off; untrusted, the server ignores both and says so once; :CodeAssistTrust trusts it.
local H = require('helpers')
local S = require('session')
local trust = require('codeassist.trust')

local shown = {}

H.test('an untrusted folder is not trusted by the plugin', function()
  -- A fresh content each run: vim.secure trusts a file by its hash, and specs of several versions share one state.
  math.randomseed(os.time() + vim.loop.hrtime() % 100000)
  local size = 4096 + math.random(1, 4000)
  vim.fn.writefile({ '{ "nativeLibraryPath": "native/libllama.so", "redactSecrets": false, "contextSize": ' .. size .. ' }' }, S.workspace .. '/.codeassist.json')
  H.eq(nil, trust.is_trusted(S.workspace, {}), 'no list, no vim.secure entry')
  H.eq(true, trust.is_trusted(S.workspace .. '/sub', { S.workspace }), 'a subfolder of a trusted folder')
  H.eq(nil, trust.init_options({ provider = 'openai' }, S.workspace, {}).workspaceTrusted, 'nothing sent when not trusted')
  H.eq(true, trust.init_options({}, S.workspace, { S.workspace }).workspaceTrusted, 'workspaceTrusted sent when trusted')
end)

H.test('the server ignores the folder settings and names them once', function()
  local default = vim.lsp.handlers['window/showMessage']
  vim.lsp.handlers['window/showMessage'] = function(err, result, ctx, cfg)
    table.insert(shown, result.message)
    return default(err, result, ctx, cfg)
  end
  S.start()
  H.wait(function()
    local status = require('codeassist').status()
    return status and status.workspaceTrusted == false
  end, 60000, 'a status with workspaceTrusted = false')
  local status = require('codeassist').status()
  H.truthy(status.ignoredSettings and status.ignoredSettings:find('nativeLibraryPath', 1, true), 'ignoredSettings: ' .. vim.inspect(status))
  H.truthy(status.ignoredSettings:find('redactSecrets', 1, true), 'redactSecrets is ignored too')
  local notices = vim.tbl_filter(function(m)
    return m:find('Ignored settings from the untrusted folder', 1, true) ~= nil
  end, shown)
  H.eq(1, #notices, 'one notice: ' .. vim.inspect(shown))
  H.truthy(notices[1]:find(':CodeAssistTrust', 1, true), 'the notice says how to trust the folder')
end)

H.test(':CodeAssistTrust makes the server obey the folder', function()
  S.client()
  vim.cmd('CodeAssistTrust')
  H.wait(function()
    local status = require('codeassist').status()
    return status and status.workspaceTrusted == true
  end, 30000, 'a status with workspaceTrusted = true')
  H.eq(nil, require('codeassist').status().ignoredSettings, 'nothing is ignored any more')
  H.eq(true, trust.is_trusted(S.workspace, {}), 'remembered (vim.secure, or for this session)')
end)

H.test('cleanup: the next specs share this workspace', function()
  vim.fn.delete(S.workspace .. '/.codeassist.json')
  H.eq(0, vim.fn.filereadable(S.workspace .. '/.codeassist.json'), 'removed')
end)

H.run(180000)
