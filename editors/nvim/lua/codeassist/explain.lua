-- :CodeAssistExplain and the client command codeassist.explain: the answer streams into a markdown float
-- ($/progress partial results), the checked final answer replaces it, and its names become jump targets.
local commands = require('codeassist.commands')
local compat = require('codeassist.compat')
local float = require('codeassist.float')
local position = require('codeassist.position')
local progress = require('codeassist.progress')
local results = require('codeassist.results')

local M = {}

--- :[range]CodeAssistExplain — explains the selected lines (or the symbol at the cursor without a range).
function M.explain(args)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = commands.find_client(bufnr)
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
    commands.notify('codeassist.explain needs a document and a range', vim.log.levels.ERROR)
    return
  end
  local bufnr = vim.uri_to_bufnr(uri)
  local client = (ctx and ctx.client_id and vim.lsp.get_client_by_id(ctx.client_id)) or commands.find_client(bufnr)
  if client then
    return M.explain_range(client, bufnr, range)
  end
end

--- Explains `range` (LSP, in the client's encoding) of `bufnr` in a float that fills in as the answer streams.
function M.explain_range(client, bufnr, range)
  local run = { done = false, chunks = 0, text = '', snapshots = {} }
  commands.last.explain = run
  run.float = float.open('CodeAssist: explain', { '_Explaining…_' })
  -- Partial results carry the answer; work-done reports only say what the server is doing until it starts.
  local token = progress.register('explain', function(value)
    local piece = results.chunk_of(value)
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
      run.float:set_text('**CodeAssist could not explain this:** ' .. results.error_text(err))
      return
    end
    -- The final result is the whole answer; it wins over what was streamed.
    local text = results.markdown_of(result)
    if text and text ~= '' then
      run.text = text
    end
    -- Which link of a provider chain answered goes below the answer; run.text stays the answer itself.
    run.provider_line = results.provider_line(result)
    run.float:set_text(run.provider_line and (run.text .. '\n\n---\n' .. run.provider_line) or run.text)
    run.result = result
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

return M
