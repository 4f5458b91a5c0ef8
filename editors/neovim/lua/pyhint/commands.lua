-- :PyhintExplain, :PyhintToggleHints, :PyhintRestart, and the client-side
-- handler of the server's "pyhint.explain" command (code actions).

local compat = require("pyhint.compat")

local M = {}

local explain_command = "pyhint.explain"

local function notify(msg, level)
  vim.notify("pyhint: " .. msg, level or vim.log.levels.INFO)
end

--- Accepts the explain command's result (Markdown, or { markdown = } / { value = }).
function M.markdown_of(result)
  if type(result) == "string" then
    return result ~= "" and result or nil
  end
  if type(result) == "table" then
    local md = result.markdown or result.value
    if type(md) == "string" and md ~= "" then
      return md
    end
  end
  return nil
end

--- Shows Markdown in a floating window; returns its buffer and window.
function M.show(markdown)
  local lines = vim.split(markdown, "\n", { plain = true })
  local width = math.min(100, math.max(40, math.floor(vim.o.columns * 0.8)))
  local height = math.max(5, math.floor(vim.o.lines * 0.7))
  return vim.lsp.util.open_floating_preview(lines, "markdown", {
    border = "rounded",
    max_width = width,
    max_height = height,
    focus_id = "pyhint-explain",
    wrap = true,
  })
end

local function explain_id(client, id, bufnr)
  -- notify = false: the float shows the result; the server's one-line
  -- window/showMessage would repeat it.
  local args = { { id = id, notify = false } }
  compat.request(client, "workspace/executeCommand", { command = explain_command, arguments = args }, function(err, result)
    if err then
      notify("explain " .. id .. ": " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local md = M.markdown_of(result)
    if not md then
      notify("the server has no explanation of " .. id .. ".")
      return
    end
    M.show(md)
  end, bufnr)
end

--- The ids of the "Explain" code actions: the construct's concept before the findings' rules.
function M.explain_targets(actions)
  local concepts, rules, seen = {}, {}, {}
  for _, a in ipairs(actions or {}) do
    local cmd = type(a.command) == "table" and a.command or (type(a.command) == "string" and a or nil)
    if cmd and cmd.command == explain_command and cmd.arguments then
      local arg = cmd.arguments[1]
      local id = type(arg) == "string" and arg or (type(arg) == "table" and arg.id or nil)
      if type(id) == "string" and not seen[id] then
        seen[id] = true
        local from_finding = type(a.command) == "table" and type(a.diagnostics) == "table" and #a.diagnostics > 0
        table.insert(from_finding and rules or concepts, id)
      end
    end
  end
  for _, r in ipairs(rules) do
    concepts[#concepts + 1] = r
  end
  return concepts
end

--- :PyhintExplain [ID]: the concept at the cursor, or the named concept or rule.
--- The server names the concepts at a position through its "Explain" code actions.
function M.explain(id)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = require("pyhint").client(bufnr)
  if not client and id and id ~= "" then
    client = compat.clients({ name = "pyhint" })[1]
  end
  if not client then
    notify("no pyhint server is attached to this buffer (see :checkhealth pyhint).", vim.log.levels.WARN)
    return
  end
  if id and id ~= "" then
    explain_id(client, id, bufnr)
    return
  end
  local p = compat.position_params(client)
  local params = {
    textDocument = p.textDocument,
    range = { start = p.position, ["end"] = p.position },
    context = { diagnostics = {}, only = { "quickfix" } },
  }
  compat.request(client, "textDocument/codeAction", params, function(err, actions)
    if err then
      notify("code actions: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local target = M.explain_targets(actions)[1]
    if not target then
      notify("there is no concept to explain at the cursor.")
      return
    end
    explain_id(client, target, bufnr)
  end, bufnr)
end

--- :PyhintToggleHints: inlay hints on or off in the current buffer (Neovim 0.10+).
function M.toggle_hints()
  if not compat.has_inlay_hints() then
    notify("inlay hints need Neovim 0.10 or newer (this is " .. tostring(vim.version()) .. ").", vim.log.levels.WARN)
    return
  end
  local bufnr = vim.api.nvim_get_current_buf()
  local on = not compat.inlay_hints_enabled(bufnr)
  compat.set_inlay_hints(bufnr, on)
  notify("inlay hints " .. (on and "on" or "off"))
end

local registered = false

function M.register()
  if registered then
    return
  end
  registered = true
  vim.api.nvim_create_user_command("PyhintExplain", function(a)
    M.explain(a.args)
  end, { nargs = "?", desc = "pyhint: explain the concept at the cursor (or the one named)" })
  vim.api.nvim_create_user_command("PyhintToggleHints", M.toggle_hints, { desc = "pyhint: toggle inlay hints" })
  vim.api.nvim_create_user_command("PyhintRestart", function()
    require("pyhint").restart()
  end, { desc = "pyhint: restart the language server" })
  -- A code action's "Explain this concept" command: ask the server, show the answer.
  vim.lsp.commands[explain_command] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    local arg = command.arguments and command.arguments[1]
    local id = type(arg) == "string" and arg or (type(arg) == "table" and arg.id or nil)
    if client and id then
      explain_id(client, id, ctx.bufnr)
    end
  end
end

return M
