-- Shared by ask.lua and discord.lua: request bodies made by run.sh (tests/PakAzBot.Benchmarks load-bodies), one a
-- line. Of LOAD_THREADS wrk threads, thread t takes lines t+1, t+1+T, t+1+2T, … so that no two requests of a run
-- share a line until the file runs out; reused() says how many did.
local bodies = {}
local threads = 0

-- Runs in wrk's main state, once per thread before it starts: gives each thread its own offset.
function bodies.setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

-- This thread's lines of the file.
function bodies.lines(path)
  local stride = tonumber(os.getenv("LOAD_THREADS"))
  local mine, i = {}, 0
  for line in io.lines(path) do
    if i % stride == offset then mine[#mine + 1] = line end
    i = i + 1
  end
  return mine
end

-- How many requests of the run repeated a line (0 unless the run outlasted the file).
function bodies.reused(summary, path)
  local total = 0
  for _ in io.lines(path) do total = total + 1 end
  return math.max(0, summary.requests - total)
end

return bodies
