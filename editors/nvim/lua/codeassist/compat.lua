-- The few client APIs whose shape changed between Neovim 0.7 and 0.12, behind one interface.
local M = {}

local has = function(feature)
  return vim.fn.has(feature) == 1
end

M.nvim_0_8 = has('nvim-0.8')
M.nvim_0_10 = has('nvim-0.10')
M.nvim_0_11 = has('nvim-0.11')
M.nvim_0_12 = has('nvim-0.12')

-- 0.11 turned the client's functions into methods (client:request) and deprecated the dotted calls;
-- on 0.7-0.10 they are closures over the client (client.request).
function M.request(client, method, params, handler, bufnr)
  if M.nvim_0_11 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

function M.notify(client, method, params)
  if M.nvim_0_11 then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

function M.cancel_request(client, id)
  if M.nvim_0_11 then
    return client:cancel_request(id)
  end
  return client.cancel_request(id)
end

function M.is_stopped(client)
  if M.nvim_0_11 then
    return client:is_stopped()
  end
  return client.is_stopped()
end

function M.stop(client, force)
  if M.nvim_0_11 then
    return client:stop(force)
  end
  return client.stop(force)
end

--- Clients named `name`, attached to `bufnr` when given.
function M.clients(name, bufnr)
  local found = {}
  local all
  if M.nvim_0_10 then
    all = vim.lsp.get_clients({ bufnr = bufnr })
  elseif bufnr then
    all = vim.lsp.buf_get_clients(bufnr)
  else
    all = vim.lsp.get_active_clients()
  end
  for _, client in pairs(all) do
    if client.name == name then
      table.insert(found, client)
    end
  end
  return found
end

--- The encoding that positions sent to `client` must use.
function M.offset_encoding(client)
  return client.offset_encoding or 'utf-16'
end

function M.uri(bufnr)
  return vim.uri_from_bufnr(bufnr)
end

return M
