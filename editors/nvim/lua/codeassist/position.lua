-- Byte columns (what Neovim's cursor and buffer APIs use) <-> LSP character offsets.
-- Pure Lua on purpose: vim.str_utfindex changed its signature in 0.11, and these must behave the same on 0.7-0.12.
local M = {}

-- Width of the UTF-8 sequence that starts with byte value `b` (1 for stray continuation bytes).
local function sequence_length(b)
  if b >= 0xF0 then
    return 4
  elseif b >= 0xE0 then
    return 3
  elseif b >= 0xC0 then
    return 2
  end
  return 1
end

--- Number of `encoding` code units in the first `byte_col` bytes of `line`.
--- A column inside a multi-byte character counts the whole character, as LSP clients conventionally do.
---@param line string
---@param byte_col integer 0-based byte column
---@param encoding string|nil 'utf-16' (default), 'utf-8' or 'utf-32'
function M.to_lsp(line, byte_col, encoding)
  encoding = encoding or 'utf-16'
  if byte_col > #line then
    byte_col = #line
  end
  if encoding == 'utf-8' then
    return byte_col
  end
  local units, i = 0, 1
  while i <= byte_col do
    local len = sequence_length(line:byte(i))
    if encoding == 'utf-16' and len == 4 then
      units = units + 2
    else
      units = units + 1
    end
    i = i + len
  end
  return units
end

--- Byte column in `line` of an LSP character offset; offsets past the end clamp to the end of the line.
---@param line string
---@param character integer
---@param encoding string|nil
function M.to_byte(line, character, encoding)
  encoding = encoding or 'utf-16'
  if encoding == 'utf-8' then
    return math.min(character, #line)
  end
  local units, i = 0, 1
  while i <= #line and units < character do
    local len = sequence_length(line:byte(i))
    units = units + ((encoding == 'utf-16' and len == 4) and 2 or 1)
    i = i + len
  end
  return math.min(i - 1, #line)
end

--- LSP position of the cursor in window `win` (0: current) for a client speaking `encoding`.
function M.cursor_position(win, encoding)
  win = win or 0
  local buf = vim.api.nvim_win_get_buf(win)
  local row, col = unpack(vim.api.nvim_win_get_cursor(win))
  local line = vim.api.nvim_buf_get_lines(buf, row - 1, row, false)[1] or ''
  return { line = row - 1, character = M.to_lsp(line, col, encoding) }
end

--- LSP position of a (0-based row, byte column) pair in `buf`.
function M.position(buf, row, col, encoding)
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1] or ''
  return { line = row, character = M.to_lsp(line, col, encoding) }
end

--- (0-based row, byte column) of an LSP position in `buf`.
function M.byte_position(buf, pos, encoding)
  local line = vim.api.nvim_buf_get_lines(buf, pos.line, pos.line + 1, false)[1] or ''
  return pos.line, M.to_byte(line, pos.character, encoding)
end

return M
