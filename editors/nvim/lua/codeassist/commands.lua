-- The :CodeAssist* commands: thin wrappers over the server's codeAssist/* requests that show the answer in a
-- float. Each keeps its last run in M.last.<name> (state, text, error) so tests and users can inspect it.
local compat = require('codeassist.compat')
local position = require('codeassist.position')
local progress = require('codeassist.progress')
local float = require('codeassist.float')

local M = {}

M.last = {}

local function notify(message, level)
  vim.notify('codeassist: ' .. message, level or vim.log.levels.INFO)
end

-- The buffer's CodeAssist client, else any running one (a stack trace may sit in a scratch buffer).
local function find_client(bufnr)
  local codeassist = require('codeassist')
  local client = codeassist.client(bufnr) or compat.clients(codeassist.name)[1]
  if not client then
    notify('no CodeAssist server is running; see :help codeassist-setup', vim.log.levels.ERROR)
  end
  return client
end

-- Markdown out of the shapes a result may take: a string, MarkupContent, or a record with a markdown field.
local function markdown_of(value)
  if type(value) == 'string' then
    return value
  end
  if type(value) ~= 'table' then
    return nil
  end
  for _, key in ipairs({ 'markdown', 'explanation', 'text', 'value', 'contents', 'rendered' }) do
    if type(value[key]) == 'string' then
      return value[key]
    end
  end
  return nil
end

-- The text of one streamed piece: partial results are appended; work-done reports carry no answer text.
local function chunk_of(value)
  if type(value) == 'table' and (value.kind == 'begin' or value.kind == 'report' or value.kind == 'end') then
    return nil
  end
  if type(value) == 'table' and (vim.islist or vim.tbl_islist)(value) then
    local parts = {}
    for _, part in ipairs(value) do
      table.insert(parts, markdown_of(part) or '')
    end
    return table.concat(parts)
  end
  for _, key in ipairs({ 'delta', 'chunk' }) do
    if type(value) == 'table' and type(value[key]) == 'string' then
      return value[key]
    end
  end
  return markdown_of(value)
end

local function error_text(err)
  return type(err) == 'table' and (err.message or vim.inspect(err)) or tostring(err)
end

--- :[range]CodeAssistExplain — explains the selected lines (or the symbol at the cursor without a range).
function M.explain(args)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = find_client(bufnr)
  if not client then
    return
  end
  local encoding = compat.offset_encoding(client)
  local range
  if args and args.range and args.range > 0 then
    local last = vim.api.nvim_buf_get_lines(bufnr, args.line2 - 1, args.line2, false)[1] or ''
    range = {
      start = position.position(bufnr, args.line1 - 1, 0, encoding),
      ['end'] = position.position(bufnr, args.line2 - 1, #last, encoding),
    }
  else
    local here = position.cursor_position(0, encoding)
    range = { start = here, ['end'] = here }
  end
  return M.explain_range(client, bufnr, range)
end

--- The client side of the server's "Explain with CodeAssist" code action (command codeassist.explain with the
--- arguments [uri, range]): the same streaming float as :CodeAssistExplain.
function M.explain_command(command, ctx)
  local args = command.arguments or {}
  local uri, range = args[1], args[2]
  if type(uri) ~= 'string' or type(range) ~= 'table' then
    notify('codeassist.explain needs a document and a range', vim.log.levels.ERROR)
    return
  end
  local bufnr = vim.uri_to_bufnr(uri)
  local client = (ctx and ctx.client_id and vim.lsp.get_client_by_id(ctx.client_id)) or find_client(bufnr)
  if client then
    return M.explain_range(client, bufnr, range)
  end
end

--- Explains `range` (LSP, in the client's encoding) of `bufnr` in a float that fills in as the answer streams.
function M.explain_range(client, bufnr, range)
  local run = { done = false, chunks = 0, text = '', snapshots = {} }
  M.last.explain = run
  run.float = float.open('CodeAssist: explain', { '_Explaining…_' })
  -- Partial results carry the answer; work-done reports only say what the server is doing until it starts.
  local token = progress.register('explain', function(value)
    local piece = chunk_of(value)
    if piece and not run.done then
      run.chunks = run.chunks + 1
      run.text = run.text .. piece
      run.float:set_text(run.text)
      table.insert(run.snapshots, run.float:text())
    end
  end)
  local work_token = progress.register('explain-work', function(value)
    if type(value) == 'table' and value.message and run.chunks == 0 and not run.done then
      run.float:set_text('_' .. value.message .. '_')
    end
  end)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    partialResultToken = token,
    workDoneToken = work_token,
  }
  local ok, id = compat.request(client, 'codeAssist/explain', params, function(err, result)
    progress.unregister(token)
    progress.unregister(work_token)
    run.done = true
    if err then
      run.error = err
      run.float:set_text('**CodeAssist could not explain this:** ' .. error_text(err))
      return
    end
    -- The final result is the whole answer; it wins over what was streamed.
    local text = markdown_of(result)
    if text and text ~= '' then
      run.text = text
    end
    run.float:set_text(run.text)
    run.names = require('codeassist.names').attach(run.float, result)
  end, bufnr)
  if ok then
    run.float.on_close = function()
      if not run.done then
        pcall(compat.cancel_request, client, id)
        progress.unregister(token)
        progress.unregister(work_token)
      end
    end
  end
  return run
end

-- Quickfix entries for the frames that point into files on this machine; frames may sit at the top level or
-- per exception.
local function quickfix_items(result)
  local frames = {}
  for _, frame in ipairs(type(result) == 'table' and result.frames or {}) do
    table.insert(frames, frame)
  end
  for _, exception in ipairs(type(result) == 'table' and result.exceptions or {}) do
    for _, frame in ipairs(exception.frames or {}) do
      table.insert(frames, frame)
    end
  end
  local items = {}
  for _, frame in ipairs(frames) do
    local filename = frame.filePath or frame.file or frame.path or (frame.uri and vim.uri_to_fname(frame.uri))
    local lnum = frame.line or (frame.range and frame.range.start.line + 1)
    if type(frame.location) == 'table' and frame.location.uri then
      filename = vim.uri_to_fname(frame.location.uri)
      lnum = frame.location.range.start.line + 1
    end
    if filename and lnum and vim.fn.filereadable(filename) == 1 then
      table.insert(items, {
        filename = filename,
        lnum = lnum,
        col = frame.column or 1,
        text = frame.symbol or frame.method or frame.raw or frame.text or '',
      })
    end
  end
  return items
end

--- :[range]CodeAssistStackTrace [register] — analyzes a stack trace from a register, else from the buffer.
function M.stack_trace(args)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = find_client(bufnr)
  if not client then
    return
  end
  local text
  if args and args.args and args.args ~= '' then
    text = vim.fn.getreg(args.args)
  elseif args and args.range and args.range > 0 then
    text = table.concat(vim.api.nvim_buf_get_lines(bufnr, args.line1 - 1, args.line2, false), '\n')
  else
    text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  end
  local run = { done = false }
  M.last.stack_trace = run
  compat.request(client, 'codeAssist/analyzeStackTrace', { text = text }, function(err, result)
    run.done = true
    if err then
      run.error = err
      notify('stack trace analysis failed: ' .. error_text(err), vim.log.levels.ERROR)
      return
    end
    run.result = result
    run.qf = quickfix_items(result)
    if #run.qf > 0 then
      vim.fn.setqflist({}, ' ', { title = 'CodeAssist stack trace', items = run.qf })
    end
    run.text = markdown_of(result) or ''
    run.float = float.open('CodeAssist: stack trace', vim.split(run.text, '\n', { plain = true }))
  end, bufnr)
  return run
end

--- :CodeAssistContext [budget] — shows the Roslyn context the server would send a model for the cursor.
function M.context(args)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = find_client(bufnr)
  if not client then
    return
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = position.cursor_position(0, compat.offset_encoding(client)),
  }
  local budget = args and tonumber(args.args)
  if budget then
    params.budgetTokens = budget
  end
  local run = { done = false }
  M.last.context = run
  compat.request(client, 'codeAssist/context', params, function(err, result)
    run.done = true
    if err then
      run.error = err
      notify('context failed: ' .. error_text(err), vim.log.levels.ERROR)
      return
    end
    run.result = result
    run.text = markdown_of(result) or vim.inspect(result)
    -- The rendered context is C#, exactly as a prompt carries it; the title says how much of the budget it uses.
    local title = 'CodeAssist: context'
    if type(result) == 'table' and result.tokenCount and result.budgetTokens then
      title = string.format('%s (%d of %d tokens)', title, result.tokenCount, result.budgetTokens)
    end
    run.float = float.open(title, vim.split(run.text, '\n', { plain = true }), 'cs')
  end, bufnr)
  return run
end

-- "key: value" lines for a stats record, nested tables indented.
local function describe(value, indent, out)
  local keys = vim.tbl_keys(value)
  table.sort(keys, function(a, b)
    return tostring(a) < tostring(b)
  end)
  for _, key in ipairs(keys) do
    local item = value[key]
    if type(item) == 'table' then
      table.insert(out, indent .. '- ' .. tostring(key) .. ':')
      describe(item, indent .. '  ', out)
    else
      table.insert(out, indent .. '- ' .. tostring(key) .. ': ' .. tostring(item))
    end
  end
  return out
end

--- :CodeAssistStats — the server's counters (requests, cache hits, latencies, model state).
function M.stats()
  local client = find_client(vim.api.nvim_get_current_buf())
  if not client then
    return
  end
  local run = { done = false }
  M.last.stats = run
  compat.request(client, 'codeAssist/stats', vim.empty_dict(), function(err, result)
    run.done = true
    if err then
      run.error = err
      notify('stats failed: ' .. error_text(err), vim.log.levels.ERROR)
      return
    end
    run.result = result
    local lines = type(result) == 'table' and describe(result, '', {}) or { tostring(result) }
    run.text = table.concat(lines, '\n')
    run.float = float.open('CodeAssist: stats', lines)
  end)
  return run
end

return M
