-- Native configuration for Neovim 0.11+ and nvim-lspconfig:
--   vim.lsp.enable("pyhint")
-- Settings (see :help pyhint-settings) go in with vim.lsp.config:
--   vim.lsp.config("pyhint", { settings = { pyhint = { explanationLevel = "expert" } } })
return {
  cmd = { "pyhint", "serve" },
  filetypes = { "python" },
  root_markers = { "pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", ".git" },
}
