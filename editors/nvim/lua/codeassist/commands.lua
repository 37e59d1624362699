-- The :CodeAssist* commands: thin wrappers over the server's codeAssist/* requests that show the answer in a
-- float. Each keeps its last run in M.last.<name> (state, text, error) so tests and users can inspect it.
-- Explanations, which stream, live in explain.lua.
local compat = require('codeassist.compat')
local position = require('codeassist.position')
local float = require('codeassist.float')
local results = require('codeassist.results')

local M = {}

M.last = {}

function M.notify(message, level)
  vim.notify('codeassist: ' .. message, level or vim.log.levels.INFO)
end

-- The buffer's CodeAssist client, else any running one (a stack trace may sit in a scratch buffer).
function M.find_client(bufnr)
  local codeassist = require('codeassist')
  local client = codeassist.client(bufnr) or compat.clients(codeassist.name)[1]
  if not client then
    M.notify('no CodeAssist server is running; see :help codeassist-setup', vim.log.levels.ERROR)
  end
  return client
end

--- :[range]CodeAssistExplain (explain.lua).
function M.explain(args)
  return require('codeassist.explain').explain(args)
end

--- The client command codeassist.explain of the server's "Explain with CodeAssist" code action (explain.lua).
function M.explain_command(command, ctx)
  return require('codeassist.explain').explain_command(command, ctx)
end

function M.explain_range(client, bufnr, range)
  return require('codeassist.explain').explain_range(client, bufnr, range)
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
  local client = M.find_client(bufnr)
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
      M.notify('stack trace analysis failed: ' .. results.error_text(err), vim.log.levels.ERROR)
      return
    end
    run.result = result
    run.qf = quickfix_items(result)
    if #run.qf > 0 then
      vim.fn.setqflist({}, ' ', { title = 'CodeAssist stack trace', items = run.qf })
    end
    run.text = results.markdown_of(result) or ''
    run.provider_line = results.provider_line(result)
    local shown = run.provider_line and (run.text .. '\n\n---\n' .. run.provider_line) or run.text
    run.float = float.open('CodeAssist: stack trace', vim.split(shown, '\n', { plain = true }))
  end, bufnr)
  return run
end

--- :CodeAssistContext [budget] — shows the Roslyn context the server would send a model for the cursor.
function M.context(args)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.find_client(bufnr)
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
      M.notify('context failed: ' .. results.error_text(err), vim.log.levels.ERROR)
      return
    end
    run.result = result
    run.text = results.markdown_of(result) or vim.inspect(result)
    -- The rendered context is C#, exactly as a prompt carries it; the title says how much of the budget it uses.
    local title = 'CodeAssist: context'
    if type(result) == 'table' and result.tokenCount and result.budgetTokens then
      title = string.format('%s (%d of %d tokens)', title, result.tokenCount, result.budgetTokens)
    end
    run.float = float.open(title, vim.split(run.text, '\n', { plain = true }), 'cs')
  end, bufnr)
  return run
end

--- :CodeAssistStats — the server's counters (requests, cache hits, latencies, model state).
function M.stats()
  local client = M.find_client(vim.api.nvim_get_current_buf())
  if not client then
    return
  end
  local run = { done = false }
  M.last.stats = run
  compat.request(client, 'codeAssist/stats', vim.empty_dict(), function(err, result)
    run.done = true
    if err then
      run.error = err
      M.notify('stats failed: ' .. results.error_text(err), vim.log.levels.ERROR)
      return
    end
    run.result = result
    local lines = type(result) == 'table' and results.describe(result, '', {}) or { tostring(result) }
    run.text = table.concat(lines, '\n')
    -- Every counter on screen: the stats are a list to read whole, not prose to scroll (the editor's height caps it).
    run.float = float.open('CodeAssist: stats', lines, nil, #lines)
  end)
  return run
end

return M
