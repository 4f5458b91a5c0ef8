-- Headless end-to-end test of `pyhint serve` in Neovim 0.7.2 (Debian 12's),
-- run by run.sh. It uses only APIs 0.7 has: vim.lsp.start_client,
-- buf_attach_client and client.request_sync (no vim.lsp.start, no
-- inlay-hint or pull-diagnostic support, which arrive in 0.8-0.10).
--
-- Environment: PYHINT_BIN (the pyhint binary), PYHINT_FILE (the Python file
-- to open; its directory is the workspace).
--
-- Every wait is bounded by vim.wait, and a libuv watchdog kills the run if
-- anything hangs. Results go to stdout (print goes to stderr headless); the
-- exit code is 0 only if every check passed.

local bin = assert(os.getenv('PYHINT_BIN'), 'PYHINT_BIN not set')
local file = assert(os.getenv('PYHINT_FILE'), 'PYHINT_FILE not set')

local passed, failed = 0, 0
local function say(s) io.stdout:write(s .. '\n') end
local function finish()
  say(string.format('neovim: %d passed, %d failed', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('ok - ' .. name)
  else
    failed = failed + 1
    say('FAIL - ' .. name .. (detail and (': ' .. detail) or ''))
  end
  return ok
end
-- A failed step that later steps depend on ends the run.
local function require_ok(name, ok, detail)
  if not check(name, ok, detail) then finish() end
end

local watchdog = vim.loop.new_timer()
watchdog:start(60000, 0, function()
  io.stdout:write('FAIL - watchdog: the test did not finish in 60 s\n')
  os.exit(3)
end)

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)

local exit_code
local client_id = vim.lsp.start_client({
  name = 'pyhint',
  cmd = { bin, 'serve', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  on_exit = function(code) exit_code = code end,
})
require_ok('client started', client_id ~= nil)
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)
require_ok('initialized', (vim.wait(10000, function() return client.initialized end, 20)))
check('server advertises hover and incremental sync', client.server_capabilities ~= nil
  and client.server_capabilities.hoverProvider == true
  and client.server_capabilities.textDocumentSync.change == 2, vim.inspect(client.server_capabilities))

local function codes()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    out[#out + 1] = string.format('%d:%s', d.lnum, tostring(code))
  end
  table.sort(out)
  return table.concat(out, ' ')
end
local function has(code_at)
  return (' ' .. codes() .. ' '):find(' ' .. code_at .. ' ', 1, true) ~= nil
end

-- 1. Diagnostics for the file as opened.
require_ok('diagnostics published', (vim.wait(15000, function()
  return has('0:global-at-module-level') and has('7:global-statement')
end, 20)), 'got: ' .. codes())
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  if d.lnum == 7 then
    check('diagnostic source is pyhint', d.source == 'pyhint', tostring(d.source))
  end
end

-- 2. A concept hover on `global` in bump().
local hover = client.request_sync('textDocument/hover', {
  textDocument = { uri = uri }, position = { line = 7, character = 5 },
}, 10000, bufnr)
require_ok('hover answered', hover ~= nil and hover.err == nil and hover.result ~= nil, vim.inspect(hover))
local value = hover.result.contents.value or ''
check('hover is the global concept card', value:find('# The global keyword', 1, true) ~= nil, value:sub(1, 200))
check('hover says what this global does', value:find('`counter`', 1, true) ~= nil, value:sub(1, 200))
check('hover links docs.python.org', value:find('https://docs.python.org/', 1, true) ~= nil)

-- 3. Inlay hints by a raw request (0.7 has no inlay-hint UI).
local hints = client.request_sync('textDocument/inlayHint', {
  textDocument = { uri = uri },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = 20, character = 0 } },
}, 10000, bufnr)
local labels = {}
for _, h in ipairs((hints and hints.result) or {}) do labels[#labels + 1] = h.label end
check('inlay hint on global counter', vim.tbl_contains(labels, 'rebinds module global'), vim.inspect(labels))

-- 4. The quick fix for `global DEBUG` at module level, applied.
local actions = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
  context = { diagnostics = {} },
}, 10000, bufnr)
require_ok('code actions answered', actions ~= nil and actions.err == nil and actions.result ~= nil, vim.inspect(actions))
local fix
for _, a in ipairs(actions.result) do
  if a.title == 'Remove the global statement' then fix = a end
end
require_ok('quick fix offered', fix ~= nil and fix.isPreferred == true, vim.inspect(actions.result))
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
check('fix applied to the buffer', vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1] == 'DEBUG = True',
  vim.api.nvim_buf_get_lines(bufnr, 0, 1, false)[1])
-- The edit reaches the server as an incremental didChange; the new
-- diagnostics drop the fixed finding and keep the other (now on line 6).
check('diagnostics follow the fix', (vim.wait(15000, function()
  return not has('0:global-at-module-level') and has('6:global-statement')
end, 20)), 'got: ' .. codes())

-- 5. shutdown and exit: the server exits with code 0.
client.stop()
check('server exited with code 0', (vim.wait(10000, function() return exit_code ~= nil end, 20)) and exit_code == 0,
  'exit code ' .. tostring(exit_code))

watchdog:stop()
finish()
