-- A small test runner for Neovim 0.7+: each test runs in its own coroutine on the main loop, so tests can type
-- into insert mode and wait for LSP answers without blocking the event loop. Results go to $CODEASSIST_TEST_OUT
-- as "ok - name" / "not ok - name: reason" lines; Neovim exits 0 when all passed, else 1.
local H = {}

local tests = {}
local passed, failed = 0, 0
local out_path = os.getenv('CODEASSIST_TEST_OUT')

local function emit(line)
  if not out_path then
    io.stderr:write(line .. '\n')
  else
    local f = assert(io.open(out_path, 'a'))
    f:write(line .. '\n')
    f:close()
  end
end
H.emit = emit

function H.test(name, fn)
  table.insert(tests, { name = name, fn = fn })
end

--- Inside a test: yields until `cond()` is true; fails the test after `timeout_ms`.
function H.wait(cond, timeout_ms, what)
  local co = coroutine.running()
  local deadline = vim.loop.now() + (timeout_ms or 10000)
  local function poll()
    local ok, value = pcall(cond)
    if ok and value then
      H._resume(co, true)
    elseif vim.loop.now() > deadline then
      H._resume(co, false)
    else
      vim.defer_fn(poll, 20)
    end
  end
  vim.defer_fn(poll, 0)
  if not coroutine.yield() then
    error('timed out after ' .. tostring(timeout_ms or 10000) .. ' ms waiting for ' .. (what or 'a condition'), 2)
  end
end

function H.sleep(ms)
  local co = coroutine.running()
  vim.defer_fn(function()
    H._resume(co, true)
  end, ms)
  coroutine.yield()
end

--- Types `keys` (key notation) as a user would: mappings apply, and the main loop handles them after this yield.
function H.type(keys)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'mt', false)
  H.sleep(30)
end

function H.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(string.format('%s: expected %s, got %s', what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

function H.truthy(value, what)
  if not value then
    error((what or 'value') .. ' was ' .. vim.inspect(value), 2)
  end
  return value
end

local current = 0
local running

local function finish()
  emit(string.format('%d passed, %d failed', passed, failed))
  vim.cmd(failed > 0 and 'cquit 1' or 'qall!')
end

local function next_test()
  current = current + 1
  local t = tests[current]
  if not t then
    vim.schedule(finish)
    return
  end
  running = coroutine.create(t.fn)
  H._resume(running)
end

function H._resume(co, ...)
  local ok, err = coroutine.resume(co, ...)
  if co ~= running then
    return
  end
  if not ok then
    failed = failed + 1
    emit('not ok - ' .. tests[current].name .. ': ' .. tostring(err):gsub('\n', ' | '))
    running = nil
    vim.schedule(next_test)
  elseif coroutine.status(co) == 'dead' then
    passed = passed + 1
    emit('ok - ' .. tests[current].name)
    running = nil
    vim.schedule(next_test)
  end
end

--- Runs the registered tests in order, then exits Neovim. A watchdog fails the run if it hangs.
function H.run(watchdog_ms)
  vim.defer_fn(function()
    emit('not ok - watchdog: the tests did not finish within ' .. watchdog_ms .. ' ms (in ' .. tostring(tests[current] and tests[current].name) .. ')')
    failed = failed + 1
    finish()
  end, watchdog_ms or 180000)
  vim.schedule(next_test)
end

return H
