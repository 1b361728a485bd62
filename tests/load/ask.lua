-- wrk: POST /api/ask with a rotating set of questions.
local questions = {
  "When did Pakistan recognize Azerbaijan?", "Who is the Azerbaijani ambassador?",
  "What was the bilateral trade turnover in 2018?", "What is the capital of France?",
  "when did pakistan and azerbaijan sign a military cooperation agreement",
}
local n = 0
request = function()
  n = n + 1
  local body = '{"question":"' .. questions[(n % #questions) + 1] .. '"}'
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, body)
end
