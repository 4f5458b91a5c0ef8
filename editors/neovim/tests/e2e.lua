-- End-to-end test of the Neovim plugin against the real `pyhint serve`.
-- Run by tests/run.sh: nvim --headless -u NONE -i NONE -n -c 'luafile tests/e2e.lua'
-- Environment: PYHINT_BIN (the binary), PYHINT_PLUGIN (editors/neovim),
-- PYHINT_WORK (a scratch copy of editors/testdata/project).

local plugin, bin, work = os.getenv("PYHINT_PLUGIN"), os.getenv("PYHINT_BIN"), os.getenv("PYHINT_WORK")
vim.opt.rtp:prepend(plugin)
package.path = plugin .. "/tests/?.lua;" .. package.path
local H = require("helpers")
H.watchdog(90000)
H.capture_notify()
vim.cmd("filetype on") -- as in any user's configuration (-u NONE turns it off)

local compat = require("pyhint.compat")
local pyhint = require("pyhint")
local v = vim.version()
H.out(string.format("# Neovim %d.%d.%d, %s", v.major, v.minor, v.patch, bin))

local bufnr, client

H.test("setup() starts the server for a Python buffer and attaches it", function()
  pyhint.setup({
    cmd = { bin, "serve" },
    -- A setting the server must receive: this rule is then not reported.
    settings = { pyhint = { ignore = { "bare-except" }, severity = {} } },
  })
  vim.cmd("edit " .. work .. "/demo.py")
  bufnr = vim.api.nvim_get_current_buf()
  H.eq("python", vim.bo[bufnr].filetype, "filetype")
  H.truthy(H.wait(10000, function()
    client = pyhint.client(bufnr)
    return client and client.initialized ~= false and client.server_capabilities ~= nil
  end), "a pyhint client attached within 10 s")
  H.eq(work, client.config.root_dir, "root_dir (the folder with pyproject.toml)")
  H.truthy(client.server_capabilities.hoverProvider, "hoverProvider")
end)

H.test("diagnostics arrive, and the settings reached the server (bare-except ignored)", function()
  H.truthy(H.wait(10000, function()
    return H.has_code(bufnr, "global-statement")
  end), "global-statement reported within 10 s; got " .. vim.inspect(H.codes(bufnr)))
  H.eq(false, H.has_code(bufnr, "bare-except"), "bare-except is ignored by the setting")
end)

H.test("configure() updates the server live: bare-except comes back", function()
  pyhint.configure({ ignore = {} })
  H.truthy(H.wait(10000, function()
    return H.has_code(bufnr, "bare-except")
  end), "bare-except reported after configure(); got " .. vim.inspect(H.codes(bufnr)))
end)

local beginner_hover
H.test("hover on `global` shows the concept card", function()
  local pos = H.find(bufnr, "global counter")
  local r = compat.request_sync(client, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = pos.line, character = pos.character + 2 },
  }, 5000, bufnr)
  H.truthy(r and r.result, "a hover result: " .. vim.inspect(r))
  local value = r.result.contents.value
  H.eq("markdown", r.result.contents.kind, "markup kind")
  H.contains(value, "`global counter` makes function bump rebind the module-level name `counter`", "what it does here")
  H.contains(value, "# The global keyword", "the concept card's title")
  H.contains(value, "https://docs.python.org/3/reference/simple_stmts.html#the-global-statement", "the docs link")
  beginner_hover = value
end)

H.test("explanationLevel = expert makes the hover short", function()
  pyhint.configure({ explanationLevel = "expert" })
  local pos = H.find(bufnr, "global counter")
  local value
  H.truthy(H.wait(5000, function()
    local r = compat.request_sync(client, "textDocument/hover", {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = pos.line, character = pos.character + 2 },
    }, 2000, bufnr)
    value = r and r.result and r.result.contents.value
    return value and #value < #beginner_hover / 2
  end), "a shorter hover at level expert; got " .. vim.inspect(value))
  H.eq(nil, value:find("## Discussion points", 1, true), "no discussion points at level expert")
  pyhint.configure({ explanationLevel = "beginner" })
end)

H.test("the bare-except quick fix applies", function()
  local pos = H.find(bufnr, "except:")
  local r = compat.request_sync(client, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = pos, ["end"] = pos },
    context = { diagnostics = {}, only = { "quickfix" } },
  }, 5000, bufnr)
  local fix
  for _, a in ipairs(r and r.result or {}) do
    if a.title == "Replace with except Exception:" then
      fix = a
    end
  end
  H.truthy(fix and fix.edit, "a 'Replace with except Exception:' action with an edit in " .. vim.inspect(r))
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  H.eq("    except Exception:", vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1], "the fixed line")
  H.truthy(H.wait(10000, function()
    return not H.has_code(bufnr, "bare-except") and H.has_code(bufnr, "global-statement")
  end), "bare-except gone after the fix; got " .. vim.inspect(H.codes(bufnr)))
end)

H.test(":PyhintExplain on `global` opens the concept in a floating window", function()
  local pos = H.find(bufnr, "global counter")
  vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character + 1 })
  H.close_floats()
  vim.cmd("PyhintExplain")
  local text
  H.truthy(H.wait(5000, function()
    local f = H.floats()[1]
    text = f and f.text
    return text and text:find("The global keyword", 1, true)
  end), "a float with the global concept; floats: " .. vim.inspect(H.floats()) .. " notes: " .. vim.inspect(H.notes))
  H.contains(text, "## Discussion points", "the full card")
  H.close_floats()
end)

H.test(":PyhintExplain gil explains a named concept; an unknown id says so", function()
  vim.cmd("PyhintExplain gil")
  H.truthy(H.wait(5000, function()
    local f = H.floats()[1]
    return f and f.text:find("GIL", 1, true)
  end), "a float about the GIL")
  H.close_floats()
  local before = #H.notes
  vim.cmd("PyhintExplain no-such-concept")
  H.truthy(H.wait(5000, function()
    for i = before + 1, #H.notes do
      if H.notes[i].msg:find("no-such-concept", 1, true) then
        return true
      end
    end
  end), "a message naming the unknown id; notes: " .. vim.inspect(H.notes))
  H.eq(0, #H.floats(), "no float for an unknown id")
end)

H.test("the 'Explain' code action runs through the client-side command", function()
  local pos = H.find(bufnr, "global counter")
  local r = compat.request_sync(client, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = pos, ["end"] = pos },
    context = { diagnostics = {} },
  }, 5000, bufnr)
  local targets = require("pyhint.commands").explain_targets(r.result)
  H.eq("global", targets[1], "the construct's concept comes first")
  local action
  for _, a in ipairs(r.result) do
    if a.command and a.command.command == "pyhint.explain" then
      action = a
    end
  end
  H.truthy(action, "an explain action")
  H.close_floats()
  vim.lsp.commands["pyhint.explain"](action.command, { bufnr = bufnr, client_id = client.id })
  H.truthy(H.wait(5000, function()
    return #H.floats() > 0
  end), "a float from the code action's command")
  H.close_floats()
end)

H.test("inlay hints: on after attach and toggled by :PyhintToggleHints (0.10+), a clear message before", function()
  local r = compat.request_sync(client, "textDocument/inlayHint", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ["end"] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } },
  }, 5000, bufnr)
  local labels = {}
  for _, h in ipairs(r and r.result or {}) do
    labels[#labels + 1] = type(h.label) == "string" and h.label or h.label[1].value
  end
  H.truthy(vim.tbl_contains(labels, "rebinds module global"), "the server's hint after `global counter`: " .. vim.inspect(labels))
  if compat.has_inlay_hints() then
    H.eq(true, compat.inlay_hints_enabled(bufnr), "enabled by setup's inlay_hints = true")
    H.truthy(H.wait(5000, function()
      for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = bufnr })) do
        if h.inlay_hint.label == "rebinds module global" then
          return true
        end
      end
    end), "Neovim holds the hint for display")
    vim.cmd("PyhintToggleHints")
    H.eq(false, compat.inlay_hints_enabled(bufnr), "off after one toggle")
    vim.cmd("PyhintToggleHints")
    H.eq(true, compat.inlay_hints_enabled(bufnr), "on after two")
  else
    vim.cmd("PyhintToggleHints")
    H.truthy(#H.notes_matching("inlay hints need Neovim 0.10") == 1, "one message: " .. vim.inspect(H.notes))
  end
end)

H.test(":checkhealth pyhint finds the binary, its version, and a server that answers", function()
  vim.cmd("checkhealth pyhint")
  local text
  H.truthy(H.wait(10000, function()
    text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
    return text:find("server starts", 1, true) or text:find("server does not start", 1, true)
  end), "the health report finished")
  H.contains(text, "binary: " .. vim.fn.exepath(bin), "the binary")
  H.contains(text, "version: pyhint", "the version")
  H.contains(text, "server starts", "the handshake")
  H.truthy(not text:find("ERROR", 1, true), "no errors in the report:\n" .. text)
  vim.cmd("bwipeout!")
end)

H.test(":PyhintRestart starts a new server that serves the buffer", function()
  vim.cmd("buffer " .. bufnr)
  local old = client.id
  vim.cmd("PyhintRestart")
  H.truthy(H.wait(10000, function()
    local c = pyhint.client(bufnr)
    return c and c.id ~= old and c.server_capabilities ~= nil
  end), "a new client attached")
  client = pyhint.client(bufnr)
  H.truthy(H.wait(10000, function()
    return H.has_code(bufnr, "global-statement")
  end), "diagnostics from the new server")
end)

H.test("a missing binary: one clear error, no client, no crash", function()
  H.notes = {}
  pyhint.setup({ cmd = { work .. "/no/such/pyhint", "serve" } })
  vim.cmd("edit " .. work .. "/other.py")
  vim.cmd("edit " .. work .. "/third.py")
  local msgs = H.notes_matching("was not found")
  H.eq(1, #msgs, "one message for two buffers: " .. vim.inspect(H.notes))
  H.contains(msgs[1].msg, "go install github.com/pyhint/pyhint/cmd/pyhint@latest", "what to do")
  H.eq(vim.log.levels.ERROR, msgs[1].level, "an error")
  H.eq(nil, pyhint.client(vim.api.nvim_get_current_buf()), "no client on the new buffer")
end)

H.test("the help file has its tags", function()
  vim.cmd("helptags " .. plugin .. "/doc")
  for _, tag in ipairs({ "pyhint.txt", "pyhint-setup", ":PyhintExplain", ":PyhintToggleHints", "pyhint-health", "pyhint-settings" }) do
    local ok = pcall(vim.cmd, "help " .. tag)
    H.truthy(ok, ":help " .. tag)
  end
  vim.cmd("helpclose")
end)

H.finish()
