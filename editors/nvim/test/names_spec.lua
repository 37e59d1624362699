-- Checked names and the answering provider, against the real server. A scripted model of its own answers every
-- chat with an explanation that names five real things (four of the sample's, one of the BCL's) and three invented
-- ones; the server reaches it through a provider chain (features.explain/debug.providers = { 'team' }).
local H = require('helpers')
local S = require('session')
local commands = require('codeassist.commands')

local answer = table.concat({
  '`TryReserveOrder` reserves each line of the order, which raises `Reserved` while',
  '`OnHand` stays the same. On failure it undoes what it did with `StockLevel.Ship()`; the count is clamped with',
  '`System.Math.Max`.',
  '',
  'It never calls `StockLevel.Replenish()`, and `Warehouse.Restock` or ReserveAll() do not take part.',
}, '\n')
local invented = { 'StockLevel.Replenish', 'Warehouse.Restock', 'ReserveAll' }

local function start_names_model()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  vim.fn.writefile({ vim.fn.json_encode({ chat = answer, completion = '', rules = {} }) }, dir .. '/script.json')
  local fake = vim.fn.fnamemodify(os.getenv('CODEASSIST_SCRIPT'), ':h') .. '/fake_model.py'
  local job = vim.fn.jobstart({ 'python3', fake, dir .. '/script.json', dir .. '/port', dir .. '/model.log' })
  H.truthy(job > 0, 'the names model started')
  H.wait(function()
    return vim.fn.filereadable(dir .. '/port') == 1
  end, 10000, 'the names model port')
  return 'http://127.0.0.1:' .. vim.fn.readfile(dir .. '/port')[1] .. '/v1'
end

-- Explains TryReserveOrder (InventoryService.cs) and waits for the checked answer.
local function explain_order()
  -- :edit of the file already shown would reload it (0.12 then reopens the document on the server).
  if vim.fn.resolve(vim.api.nvim_buf_get_name(0)) ~= vim.fn.resolve(S.service_file) then
    vim.cmd('edit ' .. vim.fn.fnameescape(S.service_file))
  end
  local first = S.line_of('public bool TryReserveOrder')
  vim.cmd(string.format('%d,%dCodeAssistExplain', first, first + 19))
  local run = commands.last.explain
  H.wait(function()
    return run.done
  end, 60000, 'the explanation')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  return run
end

-- Puts the cursor of the explain window on `text` and presses `key` there.
local function press_on(run, text, key)
  run.float:focus()
  for i, line in ipairs(vim.api.nvim_buf_get_lines(run.float.buf, 0, -1, false)) do
    local col = line:find(text, 1, true)
    if col then
      vim.api.nvim_win_set_cursor(0, { i, col - 1 })
      H.type(key)
      return
    end
  end
  error('the explain window has no ' .. text .. ': ' .. run.float:text())
end

local function wait_jump(file, lnum)
  H.wait(function()
    return vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':t') == file and vim.api.nvim_win_get_cursor(0)[1] == lnum
  end, 10000, file .. ':' .. lnum .. ' (now ' .. vim.api.nvim_buf_get_name(0) .. ':' .. vim.api.nvim_win_get_cursor(0)[1] .. ')')
end

H.test('the server starts with a provider chain', function()
  local endpoint = start_names_model()
  S.settings = vim.tbl_extend('force', S.settings, {
    providers = { team = { provider = 'openai', endpoint = endpoint, model = 'names-coder' } },
    features = { explain = { providers = { 'team' } }, debug = { providers = { 'team' } } },
  })
  S.start()
  S.wait_workspace()
  S.wait_project()
end)

H.test('real names are linked and in the quickfix list, invented ones flagged', function()
  local run = explain_order()
  local result = run.result
  local resolved, unresolved = 0, 0
  for _, name in ipairs(result.names) do
    if name.resolved then
      resolved = resolved + 1
    else
      unresolved = unresolved + 1
    end
  end
  H.eq({ 5, 3 }, { resolved, unresolved }, 'resolved and unresolved names: ' .. vim.inspect(result.names))
  local shown = run.float:text()
  local stock_uri = vim.uri_from_fname(S.workspace .. '/StockLevel.cs')
  H.truthy(shown:find('[`Reserved`](' .. stock_uri .. '#L16)', 1, true), 'Reserved links to StockLevel.cs:16: ' .. shown)
  for _, name in ipairs(invented) do
    H.truthy(shown:find(name, 1, true), name .. ' in the answer')
  end
  H.eq(3, select(2, shown:gsub('%(not found in this workspace%)', '')), 'flags in the window')

  local qf = vim.fn.getqflist({ title = 1, items = 1 })
  H.eq('CodeAssist: names in the explanation', qf.title, 'quickfix title')
  local in_files, flagged = {}, 0
  for _, item in ipairs(qf.items) do
    if item.bufnr > 0 then
      in_files[item.text] = vim.fn.fnamemodify(vim.fn.bufname(item.bufnr), ':t') .. ':' .. item.lnum
    elseif item.text:find('(not found in this workspace)', 1, true) then
      flagged = flagged + 1
    end
  end
  H.eq('StockLevel.cs:16', in_files.Reserved, 'Reserved in the quickfix list')
  H.eq('StockLevel.cs:14', in_files.OnHand, 'OnHand in the quickfix list')
  H.eq('InventoryService.cs:21', in_files.TryReserveOrder, 'TryReserveOrder in the quickfix list')
  H.eq(3, flagged, 'invented names in the quickfix list')
end)

H.test('the answer names the provider that wrote it', function()
  local run = commands.last.explain
  H.eq('team', run.result.provider, 'result provider')
  local expected = run.result.modelId and ('_answered by team (' .. run.result.modelId .. ')_') or '_answered by team_'
  H.eq(expected, run.provider_line, 'footer')
  local lines = vim.api.nvim_buf_get_lines(run.float.buf, 0, -1, false)
  H.eq(expected, lines[#lines], 'the last line of the window')
end)

H.test('<CR> on a linked name opens its declaration', function()
  local run = commands.last.explain
  press_on(run, '[`Reserved`]', '<CR>')
  wait_jump('StockLevel.cs', 16)
  H.truthy(not run.float:is_open(), 'the explain window closed')
end)

H.test('gd on a linked name opens its declaration', function()
  local run = explain_order()
  press_on(run, '[`OnHand`]', 'gd')
  wait_jump('StockLevel.cs', 14)
end)

H.test('a stack trace analysis names its provider too', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(S.service_file))
  vim.fn.setreg('a', table.concat({
    'System.InvalidOperationException: Sequence contains no elements',
    '   at Inventory.InventoryService.StockValue() in ' .. S.service_file .. ':line 45',
  }, '\n'))
  vim.cmd('CodeAssistStackTrace a')
  local run = commands.last.stack_trace
  H.wait(function()
    return run.done
  end, 60000, 'the analysis')
  H.truthy(not run.error, 'error: ' .. vim.inspect(run.error))
  H.eq('team', run.result.provider, 'result provider')
  local lines = vim.api.nvim_buf_get_lines(run.float.buf, 0, -1, false)
  H.truthy(lines[#lines]:find('^_answered by team'), 'last line: ' .. lines[#lines])
  run.float:close()
end)

H.run(240000)
