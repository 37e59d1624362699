-- Ghost text as extmarks: turning an inline completion item into what to draw at the cursor, drawing it (inline
-- virtual text on 0.10+, an overlay that repaints the rest of the line on 0.7-0.9) and reading it back.
-- No requests and no buffer state here: inline.lua decides when a ghost is current.
local compat = require('codeassist.compat')
local position = require('codeassist.position')

local M = {}

local ns = vim.api.nvim_create_namespace('codeassist_ghost')
M.namespace = ns

-- The text an item inserts; snippets are shown and inserted as plain text without their tab stops.
function M.insert_text(item)
  local text = item.insertText
  if type(text) == 'table' then
    text = (text.value or ''):gsub('%${%d+:([^}]*)}', '%1'):gsub('%$%d+', ''):gsub('\\%$', '$')
  end
  return type(text) == 'string' and text or nil
end

-- Turns the first usable item into a ghost anchored at the cursor: what to draw, and what to replace on accept.
function M.make(bufnr, items, encoding, row, col)
  local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1] or ''
  for _, item in ipairs(items) do
    local text = M.insert_text(item)
    local start_col, end_col = col, col
    if text and item.range and item.range.start.line == row and item.range['end'].line == row then
      start_col = position.to_byte(line, item.range.start.character, encoding)
      end_col = math.max(position.to_byte(line, item.range['end'].character, encoding), col)
    elseif item.range then
      text = nil
    end
    if text and start_col <= col then
      local typed = line:sub(start_col + 1, col)
      if text:sub(1, #typed) == typed and #text > #typed then
        return {
          row = row,
          col = col,
          start_col = start_col,
          end_col = end_col,
          text = text,
          shown = text:sub(#typed + 1),
          item = item,
          tick = vim.api.nvim_buf_get_changedtick(bufnr),
        }
      end
    end
  end
  return nil
end

-- An item the compiler did not finish checking (completion.showUnverified) is drawn in its own highlight.
local function ghost_hl(item)
  local data = type(item) == 'table' and item.data
  return type(data) == 'table' and data.verification == 'unverified' and 'CodeAssistGhostUnverified' or 'CodeAssistGhost'
end

--- Draws `ghost` in `bufnr`, replacing any ghost text drawn before.
function M.draw(bufnr, ghost)
  local hl = ghost_hl(ghost.item)
  local lines = vim.split(ghost.shown, '\n', { plain = true })
  local line = vim.api.nvim_buf_get_lines(bufnr, ghost.row, ghost.row + 1, false)[1] or ''
  local rest = line:sub(ghost.end_col + 1)
  local opts = { hl_mode = 'combine', priority = 200 }
  local virt_lines = {}
  for i = 2, #lines do
    table.insert(virt_lines, { { lines[i], hl } })
  end
  if compat.nvim_0_10 then
    opts.virt_text_pos = 'inline'
    opts.virt_text = { { lines[1], hl } }
  else
    -- No inline virtual text before 0.10: overlay the suggestion from the cursor on and repaint the rest of
    -- the line after it; for a multi-line suggestion the rest of the line moves to the last virtual line.
    opts.virt_text_pos = 'overlay'
    if #lines == 1 then
      opts.virt_text = { { lines[1], hl }, { rest, 'Normal' } }
    else
      local cover = math.max(vim.fn.strdisplaywidth(rest) - vim.fn.strdisplaywidth(lines[1]), 0)
      opts.virt_text = { { lines[1] .. string.rep(' ', cover), hl } }
      table.insert(virt_lines[#virt_lines], { rest, 'Normal' })
    end
  end
  if #virt_lines > 0 then
    opts.virt_lines = virt_lines
  end
  vim.api.nvim_buf_clear_namespace(bufnr, ns, 0, -1)
  vim.api.nvim_buf_set_extmark(bufnr, ns, ghost.row, ghost.col, opts)
end

--- Removes the ghost text drawn in `bufnr`.
function M.erase(bufnr)
  if vim.api.nvim_buf_is_valid(bufnr) then
    vim.api.nvim_buf_clear_namespace(bufnr, ns, 0, -1)
  end
end

--- The ghost text drawn in `bufnr`, read back from its extmarks: { row, col, pos, lines, hl } per mark.
function M.drawn(bufnr)
  local marks = vim.api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, { details = true })
  local drawn = {}
  for _, mark in ipairs(marks) do
    local details = mark[4] or {}
    local first, hl = {}, nil
    for _, chunk in ipairs(details.virt_text or {}) do
      if chunk[2] == 'CodeAssistGhost' or chunk[2] == 'CodeAssistGhostUnverified' then
        table.insert(first, chunk[1])
        hl = chunk[2]
      end
    end
    local text = { table.concat(first) }
    for _, virt_line in ipairs(details.virt_lines or {}) do
      table.insert(text, virt_line[1][1])
    end
    table.insert(drawn, { row = mark[2], col = mark[3], pos = details.virt_text_pos, lines = text, hl = hl })
  end
  return drawn
end

return M
