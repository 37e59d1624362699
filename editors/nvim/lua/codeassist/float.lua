-- A floating scratch window whose text can be replaced while it is open (explanations stream into it).
local compat = require('codeassist.compat')
local config = require('codeassist.config')

local M = {}

local Float = {}
Float.__index = Float

local function size_for(lines, max_height)
  local opts = config.options.float
  local width = 20
  for _, line in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(line))
  end
  width = math.min(width, opts.max_width, vim.o.columns - 4)
  local height = math.min(math.max(#lines, 1), max_height or opts.max_height, math.max(vim.o.lines - 4, 1))
  return width, height
end

--- Opens a float titled `title` showing `lines`; `filetype` defaults to markdown. `max_height` replaces the
--- configured cap (a list meant to be read whole, such as the stats, takes the editor's height instead).
function M.open(title, lines, filetype, max_height)
  local self = setmetatable({}, Float)
  self.max_height = max_height
  self.buf = vim.api.nvim_create_buf(false, true)
  vim.bo[self.buf].bufhidden = 'wipe'
  -- Highlighting without a 'filetype': filetype plugins do more than a scratch view needs, and 0.12's markdown
  -- one fails outright where the tree-sitter parser is not installed. Tree-sitter when it has the parser,
  -- else the classic syntax file.
  local lang = filetype or 'markdown'
  local parser = lang == 'cs' and 'c_sharp' or lang
  if not (compat.nvim_0_10 and pcall(vim.treesitter.start, self.buf, parser)) then
    vim.bo[self.buf].syntax = lang
  end
  self.lang = lang
  vim.api.nvim_buf_set_lines(self.buf, 0, -1, false, lines)
  local width, height = size_for(lines, max_height)
  local win_opts = {
    relative = 'editor',
    row = math.max(math.floor((vim.o.lines - height) / 2) - 1, 0),
    col = math.max(math.floor((vim.o.columns - width) / 2), 0),
    width = width,
    height = height,
    style = 'minimal',
    border = config.options.float.border,
  }
  if compat.nvim_0_10 then
    win_opts.title = ' ' .. title .. ' '
  end
  self.win = vim.api.nvim_open_win(self.buf, false, win_opts)
  vim.wo[self.win].wrap = true
  vim.wo[self.win].conceallevel = 2
  for _, key in ipairs({ 'q', '<Esc>' }) do
    vim.keymap.set('n', key, function()
      self:close()
    end, { buffer = self.buf, nowait = true, silent = true })
  end
  return self
end

function Float:is_open()
  return self.win ~= nil and vim.api.nvim_win_is_valid(self.win)
end

--- Replaces the text (kept even when the window was closed, so a late answer is not an error).
function Float:set_text(text)
  if not vim.api.nvim_buf_is_valid(self.buf) then
    return
  end
  local lines = vim.split(text, '\n', { plain = true })
  vim.api.nvim_buf_set_lines(self.buf, 0, -1, false, lines)
  if self:is_open() then
    local width, height = size_for(lines, self.max_height)
    vim.api.nvim_win_set_config(self.win, { width = width, height = height })
  end
end

function Float:text()
  if not vim.api.nvim_buf_is_valid(self.buf) then
    return nil
  end
  return table.concat(vim.api.nvim_buf_get_lines(self.buf, 0, -1, false), '\n')
end

--- Moves the cursor into the float (so it can be scrolled and closed with q).
function Float:focus()
  if self:is_open() then
    vim.api.nvim_set_current_win(self.win)
  end
end

function Float:close()
  if self.on_close then
    self.on_close()
    self.on_close = nil
  end
  if self:is_open() then
    vim.api.nvim_win_close(self.win, true)
  end
end

return M
