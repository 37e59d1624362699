-- The foundation smoke test (issue 2): Neovim's own LSP client against the real `codeassist serve`, no plugin.
-- initialize -> didOpen -> requests -> shutdown -> exit; exits non-zero on any failure.
-- Env: CODEASSIST_CMD (JSON array), CODEASSIST_FILE (a .cs file), CODEASSIST_TEST_OUT (results file).
vim.o.swapfile = false
vim.o.shadafile = 'NONE'

local out_path = os.getenv('CODEASSIST_TEST_OUT')
local passed, failed = 0, 0
local function emit(line)
  if not out_path then
    io.stderr:write(line .. '\n')
  else
    local f = assert(io.open(out_path, 'a'))
    f:write(line .. '\n')
    f:close()
  end
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    emit('ok - smoke: ' .. name)
  else
    failed = failed + 1
    emit('not ok - smoke: ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end
local function finish()
  emit(string.format('%d passed, %d failed', passed, failed))
  vim.cmd(failed > 0 and 'cquit 1' or 'qall!')
end

local function run()
  local cmd = vim.fn.json_decode(os.getenv('CODEASSIST_CMD'))
  local file = os.getenv('CODEASSIST_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()

  local exit_code
  local client_id = vim.lsp.start_client({
    name = 'codeassist-smoke',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    on_exit = function(code)
      exit_code = code
    end,
  })
  if not check('start_client returned an id', client_id ~= nil) then
    return finish()
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local initialized = vim.wait(30000, function()
    return client.initialized == true
  end, 20)
  check('initialize answered within 30 s', initialized)
  if not initialized then
    vim.lsp.stop_client(client_id, true)
    return finish()
  end
  local caps = client.server_capabilities or {}
  check('server advertises text document sync', caps.textDocumentSync ~= nil, vim.inspect(caps.textDocumentSync))

  -- didOpen goes out when the buffer is attached.
  check('buffer attached (didOpen sent)', vim.lsp.buf_attach_client(bufnr, client_id))

  -- A method no server has: the request must fail cleanly (MethodNotFound) and the server must stay up.
  local unknown_err
  local answered = false
  client.request('codeAssist/noSuchMethod', {}, function(err)
    unknown_err = err
    answered = true
  end, bufnr)
  vim.wait(10000, function()
    return answered
  end, 20)
  check('unknown method fails with MethodNotFound', answered and unknown_err and unknown_err.code == -32601,
    vim.inspect(unknown_err))

  -- A real request on the opened document: the server's copy of it must be exactly the buffer's text.
  local result, err
  answered = false
  client.request('codeAssist/serverStatus', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    includeText = true,
  }, function(e, r)
    err, result = e, r
    answered = true
  end, bufnr)
  vim.wait(30000, function()
    return answered
  end, 20)
  check('codeAssist/serverStatus answered without error', answered and err == nil,
    answered and vim.inspect(err) or 'no answer in 30 s')
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
  local document = result and result.document
  check('the server holds the opened document as in the buffer', document and document.text == text,
    document and ('server has ' .. #(document.text or '') .. ' chars, buffer ' .. #text) or vim.inspect(result))

  -- shutdown + exit: stop() sends both; the server must exit with code 0.
  client.stop()
  local exited = vim.wait(15000, function()
    return exit_code ~= nil
  end, 20)
  check('server exits with code 0 after shutdown/exit', exited and exit_code == 0, tostring(exit_code))
  finish()
end

vim.defer_fn(function()
  emit('not ok - smoke: watchdog (no finish within 90 s)')
  failed = failed + 1
  finish()
end, 90000)

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      check('smoke run raised no error', false, tostring(err))
      finish()
    end
  end,
})
