-- The per-buffer timer that ghost text (inline.lua) and cursor reports (cursor.lua) both restart on every event
-- and fire once things have been quiet for a while. `st` is the caller's buffer state; the timer lives in st.timer.
local M = {}

--- Stops and frees the pending timer of `st`, if any.
function M.stop(st)
  if st.timer then
    st.timer:stop()
    st.timer:close()
    st.timer = nil
  end
end

--- (Re)starts the timer of `st`: `fn` runs on the main loop after `ms` without another restart.
function M.restart(st, ms, fn)
  M.stop(st)
  st.timer = (vim.uv or vim.loop).new_timer()
  st.timer:start(ms, 0, vim.schedule_wrap(function()
    M.stop(st)
    fn()
  end))
end

--- `bufnr`, with nil and 0 meaning the current buffer.
function M.buffer(bufnr)
  return (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
end

return M
