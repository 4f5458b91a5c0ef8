-- Commands exist as soon as the plugin is on 'runtimepath', so they also work
-- with a client started from lsp/pyhint.lua (vim.lsp.enable) or nvim-lspconfig.
-- The server itself starts from require("pyhint").setup() or vim.lsp.enable("pyhint").
if vim.g.loaded_pyhint then
  return
end
vim.g.loaded_pyhint = 1
require("pyhint.commands").register()
