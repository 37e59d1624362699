-- Per-buffer plumbing that ghost text (inline.lua) and cursor reports (cursor.lua) share: the timer both restart on
-- every event and fire once things have been quiet for a while (kept in the caller's state as st.timer), the buffer
-- number, and forgetting a buffer (its state and autocmds) when it is unloaded.
local M = {}

--- Stops and frees the pending timer of `st`, if any.
function M.stop_timer(st)
  if st.timer then
    st.timer:stop()
    st.timer:close()
    st.timer = nil
  end
end

--- (Re)starts the timer of `st`: `fn` runs on the main loop after `ms` without another restart.
function M.restart_timer(st, ms, fn)
  M.stop_timer(st)
  st.timer = (vim.uv or vim.loop).new_timer()
  st.timer:start(ms, 0, vim.schedule_wrap(function()
    M.stop_timer(st)
    fn()
  end))
end

--- `bufnr`, with nil and 0 meaning the current buffer.
function M.resolve(bufnr)
  return (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
end

--- Calls `detach(bufnr)` when the buffer is unloaded or wiped out (an autocmd in `group`).
function M.on_unload(group, bufnr, detach)
  vim.api.nvim_create_autocmd({ 'BufUnload', 'BufWipeout' }, {
    group = group,
    buffer = bufnr,
    callback = function()
      detach(bufnr)
    end,
  })
end

--- Forgets `bufnr` in `states` (bufnr -> state): runs `cleanup(st)`, drops the state and deletes the augroup `group`.
function M.forget(states, bufnr, group, cleanup)
  local st = states[bufnr]
  if not st then
    return
  end
  cleanup(st)
  states[bufnr] = nil
  pcall(vim.api.nvim_del_augroup_by_name, group)
end

return M
