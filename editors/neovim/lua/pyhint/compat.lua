-- Differences between Neovim 0.7 and 0.12 in one place.

local M = {}

local has = function(v)
  return vim.fn.has("nvim-" .. v) == 1
end

-- 0.11 made client methods colon-calls (client:request) and deprecated the
-- dot-calls that 0.7-0.10 have.
local colon = has("0.11")

local function call(client, method, ...)
  if colon then
    return client[method](client, ...)
  end
  return client[method](...)
end

--- Clients matching a filter ({ bufnr =, name = }).
function M.clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  local out = {}
  local list = filter.bufnr and vim.lsp.buf_get_clients(filter.bufnr) or vim.lsp.get_active_clients()
  for _, c in pairs(list) do
    if filter.name == nil or c.name == filter.name then
      out[#out + 1] = c
    end
  end
  return out
end

function M.request(client, method, params, handler, bufnr)
  return call(client, "request", method, params, handler, bufnr)
end

function M.request_sync(client, method, params, timeout_ms, bufnr)
  return call(client, "request_sync", method, params, timeout_ms, bufnr)
end

function M.notify(client, method, params)
  return call(client, "notify", method, params)
end

function M.stop(client, force)
  return call(client, "stop", force)
end

function M.is_stopped(client)
  return call(client, "is_stopped")
end

--- Position params for the cursor in the client's encoding.
function M.position_params(client, win)
  return vim.lsp.util.make_position_params(win or 0, client.offset_encoding)
end

function M.has_inlay_hints()
  return type(vim.lsp.inlay_hint) == "table" and type(vim.lsp.inlay_hint.enable) == "function"
end

function M.inlay_hints_enabled(bufnr)
  return M.has_inlay_hints() and vim.lsp.inlay_hint.is_enabled({ bufnr = bufnr }) or false
end

function M.set_inlay_hints(bufnr, on)
  vim.lsp.inlay_hint.enable(on, { bufnr = bufnr })
end

-- :checkhealth reporting: vim.health (0.8+: start/ok/...; 0.9 and older:
-- report_start/report_ok/...) or the 0.7 `health` module.
local health = vim.health or require("health")
local function report(new, old)
  return health[new] or health[old]
end
M.health = {
  start = report("start", "report_start"),
  ok = report("ok", "report_ok"),
  info = report("info", "report_info"),
  warn = report("warn", "report_warn"),
  error = report("error", "report_error"),
}

return M
