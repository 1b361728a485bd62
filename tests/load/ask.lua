-- wrk: POST /api/ask, one body a request from ASK_BODIES (run.sh makes it from tests/load/questions.txt, line k
-- asking question k like line k of the Discord bodies, so the two rows ask the same questions in the same order).
local bodies = dofile("tests/load/bodies.lua")
local path = os.getenv("ASK_BODIES")
local lines, n = nil, 0
setup = bodies.setup

init = function()
  lines = bodies.lines(path)
end

request = function()
  n = n + 1
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, lines[(n - 1) % #lines + 1])
end
