-- Neovim 0.11+: the shipped lsp/pyhint.lua with vim.lsp.config/vim.lsp.enable,
-- no setup(); the plugin's commands work with that client too.

local plugin, bin, work = os.getenv("PYHINT_PLUGIN"), os.getenv("PYHINT_BIN"), os.getenv("PYHINT_WORK")
vim.opt.rtp:prepend(plugin)
package.path = plugin .. "/tests/?.lua;" .. package.path
local H = require("helpers")
H.watchdog(60000)
H.capture_notify()
vim.cmd("filetype on")
vim.cmd("runtime! plugin/pyhint.lua") -- what a plugin manager does (-u NONE loads no plugins)

local bufnr, client

H.test("lsp/pyhint.lua is the native config: cmd, filetypes, root markers", function()
  local cfg = vim.lsp.config.pyhint
  H.eq({ "pyhint", "serve" }, cfg.cmd, "cmd")
  H.eq({ "python" }, cfg.filetypes, "filetypes")
  H.truthy(vim.tbl_contains(cfg.root_markers, "pyproject.toml"), "pyproject.toml is a root marker")
end)

H.test("vim.lsp.enable('pyhint') attaches to a Python buffer with the user's overrides", function()
  vim.lsp.config("pyhint", { cmd = { bin, "serve" }, settings = { pyhint = { ignore = { "bare-except" } } } })
  vim.lsp.enable("pyhint")
  vim.cmd("edit " .. work .. "/demo.py")
  bufnr = vim.api.nvim_get_current_buf()
  H.truthy(H.wait(10000, function()
    client = vim.lsp.get_clients({ bufnr = bufnr, name = "pyhint" })[1]
    return client and client.initialized
  end), "attached within 10 s")
  H.eq(work, client.root_dir, "root_dir from root_markers")
  H.truthy(H.wait(10000, function()
    return H.has_code(bufnr, "global-statement")
  end), "diagnostics: " .. vim.inspect(H.codes(bufnr)))
  -- The settings table answered the server's workspace/configuration pull.
  H.eq(false, H.has_code(bufnr, "bare-except"), "bare-except ignored through settings")
end)

H.test(":PyhintExplain works with the native client", function()
  local pos = H.find(bufnr, "global counter")
  vim.api.nvim_win_set_cursor(0, { pos.line + 1, pos.character + 1 })
  vim.cmd("PyhintExplain")
  H.truthy(H.wait(5000, function()
    local f = H.floats()[1]
    return f and f.text:find("The global keyword", 1, true)
  end), "a float with the concept: " .. vim.inspect(H.notes))
end)

H.finish()
