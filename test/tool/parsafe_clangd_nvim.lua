-- End-to-end in a real editor: Neovim's built-in LSP client (0.7, Debian
-- bookworm: vim.lsp.start_client + buf_attach_client; vim.lsp.start came in
-- 0.8) runs parsafe-clangd on a file, and parsafe's diagnostic must reach
-- vim.diagnostic.get() next to clangd's. Then the quick fix is applied
-- through vim.lsp.buf.code_action() and the buffer checked.
-- usage: nvim --headless --clean -c "luafile this.lua" FILE
-- environment: PARSAFE_CLANGD (the proxy), PARSAFE_CLANGD_ARGS (space-separated)
local function say(...)
  io.stdout:write(table.concat({ ... }, " ") .. "\n")
end
local function finish(code)
  io.stdout:flush()
  vim.cmd(code == 0 and "qa!" or ("cq " .. code))
end

local cmd = { os.getenv("PARSAFE_CLANGD") }
for arg in (os.getenv("PARSAFE_CLANGD_ARGS") or ""):gmatch("%S+") do
  table.insert(cmd, arg)
end
local bufnr = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(bufnr)
local client_id = vim.lsp.start_client({
  name = "parsafe-clangd",
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
if not client_id then
  say("error: cannot start", cmd[1])
  finish(2)
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

local function by(source)
  return vim.tbl_filter(function(d)
    return d.source == source
  end, vim.diagnostic.get(bufnr))
end
if not vim.wait(90000, function()
  return #by("parsafe") > 0
end, 100) then
  say("error: no parsafe diagnostic in vim.diagnostic.get(); have:", vim.inspect(vim.diagnostic.get(bufnr)))
  finish(1)
  return
end
for _, source in ipairs({ "clang", "parsafe" }) do
  for _, d in ipairs(by(source)) do
    say(string.format("diagnostic: %s %s %d:%d %s", d.source, d.code, d.lnum + 1, d.col + 1,
      vim.split(d.message, "\n")[1]))
  end
end

-- The quick fix, as a user picks it: code_action() asks vim.ui.select to
-- choose among the actions; this "user" picks parsafe's.
local fix = by("parsafe")[1]
vim.api.nvim_win_set_cursor(0, { fix.lnum + 1, fix.col })
vim.ui.select = function(items, opts, on_choice)
  for i, item in ipairs(items) do
    local title = opts.format_item and opts.format_item(item) or tostring(item)
    if title:find("^parsafe") then
      say("picked:", title)
      return on_choice(item, i)
    end
  end
  say("error: no parsafe action among", #items)
  on_choice(nil, nil)
end
vim.lsp.buf.code_action()
if not vim.wait(30000, function()
  return vim.api.nvim_buf_get_lines(bufnr, fix.lnum, fix.lnum + 1, false)[1]:find("_exit") ~= nil
end, 100) then
  say("error: the quick fix was not applied")
  finish(1)
  return
end
say("after the fix:", vim.trim(vim.api.nvim_buf_get_lines(bufnr, fix.lnum, fix.lnum + 1, false)[1]))
finish(0)
