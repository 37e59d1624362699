-- Reading the server's answers: the shapes a result or a streamed piece may take, and how a record is shown.
local M = {}

-- Markdown out of the shapes a result may take: a string, MarkupContent, or a record with a markdown field.
function M.markdown_of(value)
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
function M.chunk_of(value)
  if type(value) == 'table' and (value.kind == 'begin' or value.kind == 'report' or value.kind == 'end') then
    return nil
  end
  if type(value) == 'table' and (vim.islist or vim.tbl_islist)(value) then
    local parts = {}
    for _, part in ipairs(value) do
      table.insert(parts, M.markdown_of(part) or '')
    end
    return table.concat(parts)
  end
  for _, key in ipairs({ 'delta', 'chunk' }) do
    if type(value) == 'table' and type(value[key]) == 'string' then
      return value[key]
    end
  end
  return M.markdown_of(value)
end

function M.error_text(err)
  return type(err) == 'table' and (err.message or vim.inspect(err)) or tostring(err)
end

--- The line that says which link of the feature's provider chain answered (`provider` of codeAssist/explain and
--- codeAssist/analyzeStackTrace results), with the model when the result names it; nil without a chain.
function M.provider_line(result)
  local provider = type(result) == 'table' and result.provider
  if type(provider) ~= 'string' or provider == '' then
    return nil
  end
  local model = result.modelId
  if type(model) == 'string' and model ~= '' then
    return string.format('_answered by %s (%s)_', provider, model)
  end
  return string.format('_answered by %s_', provider)
end

-- "key: value" lines for a stats record, nested tables indented.
function M.describe(value, indent, out)
  local keys = vim.tbl_keys(value)
  table.sort(keys, function(a, b)
    return tostring(a) < tostring(b)
  end)
  for _, key in ipairs(keys) do
    local item = value[key]
    if type(item) == 'table' then
      table.insert(out, indent .. '- ' .. tostring(key) .. ':')
      M.describe(item, indent .. '  ', out)
    else
      table.insert(out, indent .. '- ' .. tostring(key) .. ': ' .. tostring(item))
    end
  end
  return out
end


return M
