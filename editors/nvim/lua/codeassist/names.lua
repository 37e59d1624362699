-- The checked names of an explanation (codeAssist/explain's `names`): a quickfix list of them, and in the
-- explain window gd or <CR> on a linked name ([name](file:///...#L12), as the server writes it) opens its
-- declaration. Names the workspace does not have are listed too, marked, without a location.
local M = {}

--- Quickfix items for the names of an explain result: found names at their declaration, the rest as text.
function M.quickfix_items(result)
  local items = {}
  local names = type(result) == 'table' and type(result.names) == 'table' and result.names or {}
  for _, name in ipairs(names) do
    local location = type(name.location) == 'table' and name.location or nil
    if name.resolved and location and location.uri then
      table.insert(items, {
        filename = vim.uri_to_fname(location.uri),
        lnum = location.range.start.line + 1,
        col = 1,
        text = name.name,
      })
    elseif name.resolved then
      table.insert(items, { text = name.name .. ' (' .. (name.assembly or 'library') .. ')', valid = 0 })
    else
      table.insert(items, { text = name.name .. ' (not found in this workspace)', valid = 0 })
    end
  end
  return items
end

--- The link under (or nearest after) `col` (0-based byte) on `line`: { path, lnum } or nil.
function M.link_at(line, col)
  local best
  local init = 1
  while true do
    local s, e, uri, lnum = line:find('%[[^%]]*%]%((file://[^)#%s]+)#L(%d+)%)', init)
    if not s then
      break
    end
    if col + 1 <= e then
      best = best or { path = vim.uri_to_fname(uri), lnum = tonumber(lnum) }
      if col + 1 >= s then
        return { path = vim.uri_to_fname(uri), lnum = tonumber(lnum) }
      end
    end
    init = e + 1
  end
  return best
end

--- Sets the quickfix list (without opening it) and the jump keys of the explain window.
function M.attach(float, result)
  local items = M.quickfix_items(result)
  if #items == 0 then
    return items
  end
  vim.fn.setqflist({}, ' ', { title = 'CodeAssist: names in the explanation', items = items })
  if not vim.api.nvim_buf_is_valid(float.buf) then
    return items
  end
  local function jump()
    local cursor = vim.api.nvim_win_get_cursor(0)
    local line = vim.api.nvim_buf_get_lines(float.buf, cursor[1] - 1, cursor[1], false)[1] or ''
    local target = M.link_at(line, cursor[2])
    if not target then
      return
    end
    float:close()
    vim.cmd('edit ' .. vim.fn.fnameescape(target.path))
    vim.api.nvim_win_set_cursor(0, { target.lnum, 0 })
  end
  for _, key in ipairs({ 'gd', '<CR>' }) do
    vim.keymap.set('n', key, jump, { buffer = float.buf, nowait = true, silent = true })
  end
  return items
end

return M
