-- wrk: POST a signed Discord /ask interaction. The body and signature are made once by run.sh
-- (Discord signs each request; a fixed timestamp stays valid for the 5 minutes the bot allows).
local f = io.open(os.getenv("DISCORD_BODY_FILE"), "r"); local body = f:read("*a"); f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Signature-Ed25519"] = os.getenv("DISCORD_SIGNATURE")
wrk.headers["X-Signature-Timestamp"] = os.getenv("DISCORD_TIMESTAMP")
