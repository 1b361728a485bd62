-- wrk: POST a signed Discord /ask interaction, a different one each request: DISCORD_BODIES holds "signature TAB body"
-- lines, each with its own interaction id and the question of the same line of the /api/ask bodies, all signed over
-- DISCORD_TIMESTAMP (valid for the 5 minutes the bot allows). A repeated id would be answered from the replay cache,
-- so done() prints REUSED when the run outlasted the file.
local bodies = dofile("tests/load/bodies.lua")
local path = os.getenv("DISCORD_BODIES")
local timestamp = os.getenv("DISCORD_TIMESTAMP")
local signatures, payloads, n = {}, {}, 0
setup = bodies.setup

init = function()
  for _, line in ipairs(bodies.lines(path)) do
    local tab = line:find("\t", 1, true)
    signatures[#signatures + 1] = line:sub(1, tab - 1)
    payloads[#payloads + 1] = line:sub(tab + 1)
  end
end

request = function()
  n = n + 1
  local i = (n - 1) % #payloads + 1
  return wrk.format("POST", "/api/discord/interactions", {
    ["Content-Type"] = "application/json",
    ["X-Signature-Ed25519"] = signatures[i],
    ["X-Signature-Timestamp"] = timestamp,
  }, payloads[i])
end

done = function(summary)
  local reused = bodies.reused(summary, path)
  if reused > 0 then io.write(string.format("REUSED %d\n", reused)) end
end
