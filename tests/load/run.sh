#!/usr/bin/env bash
# Load and fault test of `pakazbot serve` on loopback. Usage: tests/load/run.sh [--short]
# Needs wrk, python3 and openssl (.ci/run installs wrk). Prints a Markdown report; exits non-zero when a request
# fails, a 5xx appears, the process dies, or the killed reindex leaves wrong answers. Speed targets are reported,
# not enforced: this machine is shared and noisy, so compare the figures of one run with each other.
# Everything the server and the CLI write (vector cache and its model, index, feedback) goes to one temporary folder,
# removed on exit; the checkout's own ./index, ./index.vectors and ./feedback.db are never touched.
set -euo pipefail
cd "$(dirname "$0")/../.."

SHORT=false; [ "${1:-}" = "--short" ] && SHORT=true
DURATION=15; FUZZ=10000; SYNTHETIC=20000; BODIES=60000
if $SHORT; then DURATION=3; FUZZ=1000; SYNTHETIC=5000; BODIES=20000; fi
export LOAD_THREADS=2
PORT=${PORT:-5181}
TOKEN=load-test-admin-token-0123456789
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; jobs -p | xargs -r kill 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
fail=0
report() { echo "$*"; }

dotnet publish src/PakAzBot -c Release -o "$WORK/app" -v quiet -nologo >/dev/null
dotnet build tests/PakAzBot.Benchmarks -c Release -v quiet -nologo >/dev/null
cp -r knowledge "$WORK/knowledge"
mkdir -p "$WORK/serve" "$WORK/cli"
# The app runs in the temporary folder, and is told where its files go, so no relative default lands in the checkout.
# env execs the app, so $! of a backgrounded "${APP[@]}" is the app's own process id.
APP=(env -C "$WORK" "$WORK/app/pakazbot")
SERVE_FILES=(--Search:VectorCache="$WORK/serve/index.vectors" --Feedback:Path="$WORK/serve/feedback.db")
CLI_FILES=(--Search:VectorCache="$WORK/cli/index.vectors")

# RFC 8032 section 7.1 TEST 1: a public test key, so Discord requests can be signed here.
SECRET=9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
PUBLIC=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
python3 -c "import base64,sys; print('-----BEGIN PRIVATE KEY-----\n' + base64.b64encode(bytes.fromhex('302e020100300506032b657004220420' + sys.argv[1])).decode() + '\n-----END PRIVATE KEY-----')" "$SECRET" > "$WORK/discord.pem"
export DISCORD_KEY_FILE="$WORK/discord.pem"   # fuzz.py signs odd-shaped interactions with it
# One request body per request for both answer rows: line k of each file asks question k of tests/load/questions.txt
# (in turn), and each Discord interaction has its own id, signed with the key above over one timestamp (valid for the
# 5 minutes the bot allows). A repeated id would be answered from the replay cache instead of answering.
QUESTIONS=$(grep -c . tests/load/questions.txt)
export DISCORD_TIMESTAMP=$(date +%s)
export ASK_BODIES="$WORK/ask.bodies" DISCORD_BODIES="$WORK/discord.bodies"
dotnet tests/PakAzBot.Benchmarks/bin/Release/net10.0/PakAzBot.Benchmarks.dll load-bodies tests/load/questions.txt $BODIES "$DISCORD_TIMESTAMP" "$WORK"
# The vectors of the seed corpus, computed before the server starts, so the rows measure answering, not embedding.
"${APP[@]}" reindex --knowledge "$WORK/knowledge" --index "$WORK/serve/index" "${SERVE_FILES[@]}" > /dev/null

start_server() {
  local started=$(date +%s%N)
  "${APP[@]}" serve --urls "http://127.0.0.1:$PORT" --Knowledge:Path="$WORK/knowledge" --Knowledge:Watch=false "${SERVE_FILES[@]}" \
    --Admin:Token=$TOKEN --RateLimit:PermitLimit=100000 --RateLimit:WindowSeconds=1 --Discord:PublicKey=$PUBLIC --Discord:ApplicationId=1011121314151617181 \
    --Teams:AllowAnonymous=true --Logging:LogLevel:Default=Warning > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:"; cat "$WORK/server.log"; exit 1; }
    sleep 0.02
  done
  READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
wrk_run() { # name, script-or-empty, path
  local out; out=$(wrk -t$LOAD_THREADS -c16 -d${DURATION}s --latency ${2:+-s "$2"} "http://127.0.0.1:$PORT$3")
  local rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  local p50=$(echo "$out" | awk '$1 == "50%" { print $2 }')
  local p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  local bad=$(echo "$out" | awk '/Non-2xx/ { print $5 }'); bad=${bad:-0}
  local errors=$(echo "$out" | awk '/Socket errors/ { gsub(",", ""); print $4 + $6 + $8 + $10 }'); errors=${errors:-0}
  echo "| $1 | $rps | $p50 | $p99 | $bad | $errors |"
  eval "RPS_$4=$rps; BAD_$4=$bad; ERR_$4=$errors"
  local reused=$(echo "$out" | awk '$1 == "REUSED" { print $2 }')
  [ -z "$reused" ] || REUSED+=("$1 repeated $reused request bodies (raise BODIES)")
}
REUSED=()

start_server
START_RSS=$(rss_mb)
# Each question once before measuring, so that the first answer row does not alone pay for the first answers.
head -n "$QUESTIONS" "$ASK_BODIES" | while IFS= read -r body; do
  curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "$body" "http://127.0.0.1:$PORT/api/ask"
done
report "## Load and fault test ($( $SHORT && echo short || echo full ) mode, $(nproc) cores, $(date -u +%Y-%m-%d))"
report ""
report "Ready (healthz 200) ${READY_MS} ms after start; resident memory ${START_RSS} MB with the seed corpus."
report ""
report "Both answer rows ask the $QUESTIONS questions of tests/load/questions.txt in turn; each signed /ask is a distinct interaction (its own id), so no request is answered from the replay cache."
report ""
report "| load (${DURATION}s, 16 connections) | requests/s | p50 | p99 | non-2xx | socket errors |"
report "|---|---|---|---|---|---|"
wrk_run "GET /healthz (ceiling)" "" /healthz health
wrk_run "POST /api/ask" tests/load/ask.lua /api/ask ask
wrk_run "POST /api/discord/interactions (signed /ask)" tests/load/discord.lua /api/discord/interactions discord

# Reindex every second while questions are asked: no question may fail.
( i=0; while true; do i=$((i+1)); echo "Reindex round $i." >> "$WORK/knowledge/tdi-2022-06-11-pakistan-azerbaijan-30-years.md";
    curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/admin/reindex" || echo "reindex failed" >> "$WORK/reindex-failures"; sleep 1; done ) &
REINDEXER=$!
wrk_run "POST /api/ask while reindexing every second" tests/load/ask.lua /api/ask reindex
kill $REINDEXER 2>/dev/null || true; wait $REINDEXER 2>/dev/null || true
GENERATION=$(curl -s "http://127.0.0.1:$PORT/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')
report ""
report "Index generations built during the reindex run: $((GENERATION - 1)); failed reindex calls: $(cat "$WORK/reindex-failures" 2>/dev/null | wc -l)."
for name in ask discord reindex; do
  eval "bad=\$BAD_$name; err=\$ERR_$name"
  [ "$bad" = "0" ] && [ "$err" = "0" ] || { report "FAIL: $name had $bad non-2xx responses and $err socket errors"; fail=1; }
done
[ -f "$WORK/reindex-failures" ] && { report "FAIL: a reindex call failed"; fail=1; }
for line in "${REUSED[@]}"; do report "FAIL: $line"; fail=1; done
ratio=$(python3 -c "print(f'{$RPS_ask / $RPS_health:.2f}')")
report "Answers ran at ${ratio}× the /healthz ceiling (target at least 0.5×)."

# Malformed, oversized, wrongly encoded and random bodies to every endpoint; broken chunked framing, lone surrogate
# escapes, signed Discord interactions and Teams activities of odd shapes.
before=$(rss_mb)
if python3 tests/load/fuzz.py "$PORT" "$FUZZ" > "$WORK/fuzz.txt"; then fuzz_ok=true; else fuzz_ok=false; fail=1; fi
report ""
report "Fault bodies: $FUZZ requests, statuses $(cat "$WORK/fuzz.txt"); process alive: $(kill -0 $SERVER_PID 2>/dev/null && echo yes || echo no); resident memory ${before} MB before, $(rss_mb) MB after."
$fuzz_ok || report "FAIL: a 5xx response or the server stopped answering"
kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true; SERVER_PID=""

# Kill the process during an on-disk reindex; the next start must answer correctly.
SYN=$(dotnet tests/PakAzBot.Benchmarks/bin/Release/net10.0/PakAzBot.Benchmarks.dll synthetic $SYNTHETIC "$WORK/synthetic")
QUESTION=$(head -1 "$WORK/synthetic.questions.tsv" | cut -f1); YEAR=$(head -1 "$WORK/synthetic.questions.tsv" | cut -f2)
"${APP[@]}" reindex --knowledge "$SYN" --index "$WORK/index" "${CLI_FILES[@]}" > /dev/null
echo "A paragraph added on 2 March 2024 before the killed rebuild." >> "$SYN/synthetic-00000.md"
"${APP[@]}" reindex --knowledge "$SYN" --index "$WORK/index" "${CLI_FILES[@]}" > /dev/null 2>&1 & KILLED=$!
sleep 0.4; kill -9 $KILLED 2>/dev/null || true; wait $KILLED 2>/dev/null || true
answer=$("${APP[@]}" ask --knowledge "$SYN" --index "$WORK/index" "${CLI_FILES[@]}" --json "$QUESTION" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["date"] or "")')
"${APP[@]}" reindex --knowledge "$SYN" --index "$WORK/index" "${CLI_FILES[@]}" > /dev/null
# index.lock stays by design: the operating system releases the lock itself when its holder ends.
leftovers=$(find "$WORK" -maxdepth 1 -name 'index.*' ! -name 'index.lock' | wc -l)
report ""
if [[ "$answer" == "$YEAR"* ]] && [ "$leftovers" = "0" ]; then
  report "Killed an on-disk reindex of $SYNTHETIC paragraphs after 0.4 s: the next start answered correctly ($answer), and the next reindex removed what the killed one left."
else
  report "FAIL: after the killed reindex the answer was '$answer' (wanted $YEAR), leftovers $leftovers"; fail=1
fi
exit $fail
