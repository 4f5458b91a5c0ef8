-- :checkhealth pyhint — the binary is found, its version, the server starts
-- and answers initialize, and what this Neovim supports.

local compat = require("pyhint.compat")

local M = {}

local function frame(tbl)
  local body = vim.json.encode(tbl)
  return "Content-Length: " .. #body .. "\r\n\r\n" .. body
end

--- Splits a byte stream into the complete LSP messages it holds.
function M.frames(stream)
  local msgs, pos = {}, 1
  while true do
    local hs, he = stream:find("\r\n\r\n", pos, true)
    if not hs then
      break
    end
    local len = tonumber(stream:sub(pos, hs):match("[Cc]ontent%-[Ll]ength:%s*(%d+)"))
    if not len or #stream < he + len then
      break
    end
    local ok, msg = pcall(vim.json.decode, stream:sub(he + 1, he + len))
    if ok and type(msg) == "table" then
      msgs[#msgs + 1] = msg
    end
    pos = he + len + 1
  end
  return msgs
end

--- Starts `cmd`, sends initialize, and waits (bounded) for the result.
--- Returns the result table, or nil and an error message.
function M.handshake(cmd, timeout_ms)
  local out = ""
  local stderr = {}
  local exited
  local job = vim.fn.jobstart(cmd, {
    on_stdout = function(_, data)
      out = out .. table.concat(data, "\n")
    end,
    on_stderr = function(_, data)
      for _, l in ipairs(data) do
        if l ~= "" then
          stderr[#stderr + 1] = l
        end
      end
    end,
    on_exit = function(_, code)
      exited = code
    end,
  })
  if job <= 0 then
    return nil, "could not start " .. table.concat(cmd, " ")
  end
  vim.fn.chansend(job, frame({
    jsonrpc = "2.0",
    id = 1,
    method = "initialize",
    params = { processId = vim.fn.getpid(), rootUri = vim.NIL, capabilities = vim.empty_dict() },
  }))
  local result, err
  local ok = vim.wait(timeout_ms or 5000, function()
    for _, msg in ipairs(M.frames(out)) do
      if msg.id == 1 then
        result, err = msg.result, msg.error
        return true
      end
    end
    return exited ~= nil
  end, 20)
  pcall(vim.fn.chansend, job, frame({ jsonrpc = "2.0", id = 2, method = "shutdown" }))
  pcall(vim.fn.chansend, job, frame({ jsonrpc = "2.0", method = "exit" }))
  vim.wait(1000, function()
    return exited ~= nil
  end, 20)
  if exited == nil then
    vim.fn.jobstop(job)
  end
  if result then
    return result
  end
  if err then
    return nil, "initialize failed: " .. tostring(err.message)
  end
  if not ok then
    return nil, string.format("no answer to initialize within %d ms", timeout_ms or 5000)
  end
  return nil, "the server exited with code " .. tostring(exited) .. (#stderr > 0 and (": " .. table.concat(stderr, " ")) or "")
end

function M.check()
  local h = compat.health
  local pyhint = require("pyhint")
  local cfg = pyhint.config or pyhint.defaults
  h.start("pyhint")

  local v = vim.version()
  h.info(string.format("Neovim %d.%d.%d", v.major, v.minor, v.patch))
  if not pyhint.config then
    h.info("require('pyhint').setup() has not run: checking the default command")
  end

  local exe = vim.fn.exepath(cfg.cmd[1])
  if exe == "" then
    h.error("`" .. cfg.cmd[1] .. "` not found", {
      "go install github.com/pyhint/pyhint/cmd/pyhint@latest, and put $(go env GOPATH)/bin on PATH",
      "or: require('pyhint').setup({ cmd = { '/path/to/pyhint', 'serve' } })",
    })
    return
  end
  h.ok("binary: " .. exe)

  local version = vim.fn.system({ exe, "version" })
  if vim.v.shell_error == 0 then
    h.ok("version: " .. vim.trim(version))
  else
    h.warn("`" .. exe .. " version` failed: " .. vim.trim(version))
  end

  local cmd = vim.deepcopy(cfg.cmd)
  cmd[1] = exe
  local result, err = M.handshake(cmd, 5000)
  if result then
    local info = result.serverInfo or {}
    h.ok(string.format("server starts: `%s` answered initialize (%s %s)", table.concat(cmd, " "), info.name or "?", info.version or ""))
  else
    h.error("server does not start: " .. err, { "run `" .. table.concat(cmd, " ") .. "` in a terminal to see its error" })
  end

  local attached = #compat.clients({ name = "pyhint" })
  if attached > 0 then
    h.ok(string.format("%d pyhint client(s) running", attached))
  else
    h.info("no pyhint client is running (open a Python file)")
  end

  if compat.has_inlay_hints() then
    h.ok("inlay hints: supported (:PyhintToggleHints)")
  else
    h.warn("inlay hints: need Neovim 0.10+; hovers, diagnostics, code actions and :PyhintExplain work")
  end
end

return M
