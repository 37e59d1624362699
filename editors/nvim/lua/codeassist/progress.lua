-- Routes $/progress notifications for tokens this plugin created (partial results of codeAssist/explain) to
-- their callbacks; all others go on to Neovim's own progress handler.
local M = {}

local callbacks = {}
local counter = 0

--- A fresh token whose progress values go to `callback(value)`.
function M.register(prefix, callback)
  counter = counter + 1
  local token = string.format('codeassist-%s-%d-%d', prefix, (vim.uv or vim.loop).hrtime() % 1000000, counter)
  callbacks[token] = callback
  return token
end

function M.unregister(token)
  callbacks[token] = nil
end

--- Delivers `result` ({token, value}) to its callback; false when the token is not ours.
function M.dispatch(result)
  local callback = result and callbacks[result.token]
  if not callback then
    return false
  end
  local ok, err = pcall(callback, result.value)
  if not ok then
    vim.schedule(function()
      vim.notify('codeassist: ' .. tostring(err), vim.log.levels.ERROR)
    end)
  end
  return true
end

return M
