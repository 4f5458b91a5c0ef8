-- A small test harness for headless Neovim (0.7.2+): named checks, bounded
-- waits, a watchdog, TAP-like output on stdout and a closing
-- "N passed, N failed" line; the exit code is the number of failures.

local H = {}

H.passed, H.failed = 0, 0
H.notes = {} -- every vim.notify message, in order

local function out(s)
  io.stdout:write(s .. "\n")
  io.stdout:flush()
end
H.out = out

--- Fails the whole run if it has not finished after ms: a silent server
--- cannot hang the test. os.exit runs from the libuv callback even while
--- the main loop waits.
function H.watchdog(ms)
  local t = vim.loop.new_timer()
  t:start(ms, 0, function()
    out(string.format("not ok - watchdog: the test did not finish within %d ms", ms))
    out(string.format("%d passed, %d failed", H.passed, H.failed + 1))
    os.exit(99)
  end)
  return t
end

--- Records vim.notify messages so tests can assert on them.
function H.capture_notify()
  vim.notify = function(msg, level)
    H.notes[#H.notes + 1] = { msg = tostring(msg), level = level or vim.log.levels.INFO }
  end
end

function H.notes_matching(pattern)
  local n = {}
  for _, m in ipairs(H.notes) do
    if m.msg:find(pattern) then
      n[#n + 1] = m
    end
  end
  return n
end

--- Waits for cond() to be true, at most ms; returns whether it became true.
function H.wait(ms, cond)
  return vim.wait(ms, function()
    local ok, v = pcall(cond)
    return ok and v and true or false
  end, 20)
end

--- Runs one named check: fn() raises (error/assert) to fail.
function H.test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    H.passed = H.passed + 1
    out("ok - " .. name)
  else
    H.failed = H.failed + 1
    out("not ok - " .. name)
    -- The message and the test file's lines of the traceback.
    for line in tostring(err):gmatch("[^\n]+") do
      if not line:find("traceback") and (not line:find("^%s") or (line:find("tests/") and not line:find("helpers.lua"))) then
        out("#   " .. line)
      end
    end
  end
end

function H.eq(want, got, what)
  if not vim.deep_equal(want, got) then
    error(string.format("%s: want %s, got %s", what or "value", vim.inspect(want), vim.inspect(got)), 2)
  end
end

function H.truthy(v, what)
  if not v then
    error((what or "expected a true value") .. ", got " .. vim.inspect(v), 2)
  end
  return v
end

function H.contains(haystack, needle, what)
  if type(haystack) ~= "string" or not haystack:find(needle, 1, true) then
    error(string.format("%s: %s not found in %s", what or "text", vim.inspect(needle), vim.inspect(haystack)), 2)
  end
end

--- The codes of a buffer's pyhint diagnostics, sorted.
function H.codes(bufnr)
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "pyhint" then
      codes[#codes + 1] = tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code))
    end
  end
  table.sort(codes)
  return codes
end

function H.has_code(bufnr, code)
  return vim.tbl_contains(H.codes(bufnr), code)
end

--- The 0-based position of the first match of pattern in a buffer.
function H.find(bufnr, pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(pattern)
    if col then
      return { line = i - 1, character = col - 1 }
    end
  end
  error("pattern not in buffer: " .. pattern)
end

--- Floating windows and the text of their buffers.
function H.floats()
  local fl = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    local cfg = vim.api.nvim_win_get_config(w)
    if cfg.relative and cfg.relative ~= "" then
      local b = vim.api.nvim_win_get_buf(w)
      fl[#fl + 1] = { win = w, text = table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), "\n") }
    end
  end
  return fl
end

function H.close_floats()
  for _, f in ipairs(H.floats()) do
    pcall(vim.api.nvim_win_close, f.win, true)
  end
end

function H.finish()
  out(string.format("%d passed, %d failed", H.passed, H.failed))
  vim.cmd("cquit " .. (H.failed > 0 and math.min(H.failed, 90) or 0))
end

return H
