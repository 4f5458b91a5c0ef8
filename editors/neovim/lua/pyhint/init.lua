-- pyhint for Neovim: starts `pyhint serve` for Python buffers and adds
-- :PyhintExplain, :PyhintToggleHints and :checkhealth pyhint.
-- Works on Neovim 0.7.2 (vim.lsp.start_client) through 0.11+ (vim.lsp.start,
-- vim.lsp.config). It holds no lint logic: the server does the work.

local compat = require("pyhint.compat")

local M = {}

--- The defaults; setup() merges the user's options over them.
M.defaults = {
  -- The command that starts the server. cmd[1] is looked up on PATH.
  cmd = { "pyhint", "serve" },
  filetypes = { "python" },
  -- The root is the nearest folder up from the file that has one of these.
  root_markers = { "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", ".git" },
  -- Sent as initializationOptions and answered to workspace/configuration.
  -- Unset keys leave the decision to pyproject.toml [tool.pyhint] and the
  -- server's defaults; see :help pyhint-settings.
  settings = {
    pyhint = vim.empty_dict(),
  },
  -- Turn inlay hints on when a buffer attaches (Neovim 0.10+).
  inlay_hints = true,
  -- Called as on_attach(client, bufnr) after pyhint's own attach work.
  on_attach = nil,
  capabilities = nil,
  -- Start the server automatically for the filetypes above.
  autostart = true,
}

M.config = nil
-- root_dir -> client id, for Neovim < 0.8 where we reuse clients ourselves.
local clients_by_root = {}
local warned_missing = false

local function notify(msg, level)
  vim.notify("pyhint: " .. msg, level or vim.log.levels.INFO)
end

--- Finds the root folder of a buffer from the configured markers.
function M.root_dir(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local dir
  if name == "" then
    dir = vim.loop.cwd()
  else
    dir = vim.fn.fnamemodify(name, ":p:h")
  end
  local cur = dir
  while cur and cur ~= "" do
    for _, m in ipairs(markers or {}) do
      if vim.loop.fs_stat(cur .. "/" .. m) then
        return cur
      end
    end
    local parent = vim.fn.fnamemodify(cur, ":h")
    if parent == cur then
      break
    end
    cur = parent
  end
  return dir
end

-- Keys whose value is a JSON object: an empty Lua table must not become [].
local object_keys = { severity = true, perFileIgnores = true, inlayHints = true, kinds = true }

--- Settings as the server reads them: empty tables that stand for objects
--- are encoded as {} (Lua cannot tell {} from []).
function M.normalize(settings)
  if type(settings) ~= "table" then
    return vim.empty_dict()
  end
  local out = vim.empty_dict()
  for k, v in pairs(settings) do
    if type(v) == "table" and object_keys[k] then
      v = next(v) == nil and vim.empty_dict() or M.normalize(v)
    end
    out[k] = v
  end
  return out
end

--- The client config for a buffer (the table vim.lsp.start takes).
function M.client_config(bufnr)
  local cfg = M.config or M.defaults
  local root = M.root_dir(bufnr, cfg.root_markers)
  local settings = { pyhint = M.normalize(cfg.settings and cfg.settings.pyhint) }
  return {
    name = "pyhint",
    cmd = cfg.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = settings,
    init_options = settings.pyhint,
    capabilities = cfg.capabilities or vim.lsp.protocol.make_client_capabilities(),
    on_attach = function(client, b)
      M.on_attach(client, b)
    end,
  }
end

--- pyhint's attach work: inlay hints, then the user's on_attach.
function M.on_attach(client, bufnr)
  local cfg = M.config or M.defaults
  if cfg.inlay_hints and compat.has_inlay_hints() then
    compat.set_inlay_hints(bufnr, true)
  end
  if cfg.on_attach then
    cfg.on_attach(client, bufnr)
  end
end

--- Reports whether the server command can run, notifying once when not.
function M.check_cmd(cmd)
  if vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    notify(
      string.format(
        "`%s` was not found, so the server is not started. Install it with "
          .. "`go install github.com/pyhint/pyhint/cmd/pyhint@latest` (and put $(go env GOPATH)/bin on PATH) "
          .. "or pass cmd = { '/path/to/pyhint', 'serve' } to require('pyhint').setup(). See :help pyhint-install.",
        cmd[1]
      ),
      vim.log.levels.ERROR
    )
  end
  return false
end

--- Starts (or reuses) the server for a buffer and attaches it. Returns the client id.
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local cfg = M.client_config(bufnr)
  if not M.check_cmd(cfg.cmd) then
    return nil
  end
  if vim.lsp.start then
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  -- Neovim 0.7: one client per root folder, attached by hand.
  local id = clients_by_root[cfg.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(cfg)
    if not id then
      notify("the server failed to start (" .. table.concat(cfg.cmd, " ") .. ")", vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[cfg.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- The pyhint client attached to a buffer, if any.
function M.client(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  for _, c in ipairs(compat.clients({ bufnr = bufnr, name = "pyhint" })) do
    return c
  end
  return nil
end

--- Sends new settings to running servers: require("pyhint").configure({ explanationLevel = "expert" }).
function M.configure(settings)
  M.config = M.config or vim.deepcopy(M.defaults)
  M.config.settings.pyhint = vim.tbl_deep_extend("force", M.config.settings.pyhint or {}, settings or {})
  local normalized = { pyhint = M.normalize(M.config.settings.pyhint) }
  for _, c in ipairs(compat.clients({ name = "pyhint" })) do
    c.config.settings = normalized
    -- The server publishes the diagnostics again itself, or, to a client
    -- that pulls them, asks it to pull again (workspace/diagnostic/refresh):
    -- it offers pulling only to clients that can be asked.
    compat.notify(c, "workspace/didChangeConfiguration", { settings = normalized })
  end
end

--- Restarts the servers attached to the current buffer's root.
function M.restart()
  local bufs = {}
  for _, c in ipairs(compat.clients({ name = "pyhint" })) do
    for b in pairs(c.attached_buffers or {}) do
      bufs[#bufs + 1] = b
    end
    compat.stop(c)
  end
  clients_by_root = {}
  if #bufs == 0 then
    bufs = { vim.api.nvim_get_current_buf() }
  end
  -- Start again once the old clients are gone (bounded: 5 s).
  local deadline = vim.loop.now() + 5000
  local function again()
    if #compat.clients({ name = "pyhint" }) > 0 and vim.loop.now() < deadline then
      vim.defer_fn(again, 50)
      return
    end
    for _, b in ipairs(bufs) do
      if vim.api.nvim_buf_is_valid(b) then
        M.start(b)
      end
    end
  end
  again()
end

--- Sets up pyhint: require("pyhint").setup({ settings = { pyhint = { explanationLevel = "expert" } } }).
function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  warned_missing = false
  require("pyhint.commands").register()
  local group = vim.api.nvim_create_augroup("pyhint", { clear = true })
  if M.config.autostart then
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = M.config.filetypes,
      callback = function(args)
        M.start(args.buf)
      end,
      desc = "pyhint: start the language server",
    })
    -- Buffers that are already open when setup() runs.
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.config.filetypes, vim.bo[b].filetype) then
        M.start(b)
      end
    end
  end
end

return M
