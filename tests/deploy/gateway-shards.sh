#!/usr/bin/env bash
# Two `pakazbot serve` replicas share a bot's 4 Discord Gateway shards through one real PostgreSQL (advisory locks),
# against a fake Discord (tests/deploy/fake-discord.cs: REST and Gateway on one loopback port). Each must hold 2;
# after one is killed with SIGKILL the other must hold all 4 within 30 s; and no message is answered twice.
# Usage: tests/deploy/gateway-shards.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
WORK=$(mktemp -d)
PIDS=()
PG_BIN=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PG_BIN" ] && [ -d "$WORK/pg/data" ]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate -w stop > /dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
BASE_PORT=${PORT:-5241}
FAKE_PORT=$BASE_PORT PG_PORT=$((BASE_PORT + 1)) A_PORT=$((BASE_PORT + 2)) B_PORT=$((BASE_PORT + 3))
SHARDS=4

# A throw-away PostgreSQL cluster, as the feedback tests make one: as root it runs as nobody (PostgreSQL refuses root).
if command -v initdb > /dev/null; then PG_BIN=$(dirname "$(readlink -f "$(command -v initdb)")");
else PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1); fi
[ -x "$PG_BIN/initdb" ] || { echo "FAIL: PostgreSQL is not installed (initdb); .ci/run installs it"; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
mkdir -p "$WORK/pg"
[ "$(id -u)" -eq 0 ] && chown nobody "$WORK/pg"
chmod 755 "$WORK"
as_pg "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --locale=C --no-sync > /dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w -t 60 \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off" start > /dev/null
DB="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

dotnet publish src/PakAzBot -c Release -o "$WORK/app" -v quiet -nologo > /dev/null
(cd "$WORK" && exec dotnet run "$REPO/tests/deploy/fake-discord.cs" -- "$FAKE_PORT" "$SHARDS") > "$WORK/fake.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$FAKE_PORT/api/v10/gateway/bot" > /dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$FAKE_PORT/api/v10/gateway/bot" > /dev/null || { echo "FAIL: the fake Discord did not start"; cat "$WORK/fake.log"; exit 1; }

serve() {
  "$WORK/app/pakazbot" serve --urls "http://127.0.0.1:$1" --knowledge knowledge --Search:Semantic=false \
    --Feedback:Path="$WORK/feedback-$1.db" --ConnectionStrings:Coordination="$DB" \
    --Discord:BotToken=fake-token --Discord:ApiBaseUrl="http://127.0.0.1:$FAKE_PORT/api/v10" \
    --Discord:Gateway:Shards=$SHARDS --Discord:Gateway:ClaimPollSeconds=5 --RateLimit:PermitLimit=1000 > "$WORK/serve-$1.log" 2>&1 &
  echo $!
}

# The shards a replica reports ready on /healthz, as "0,1".
ready() {
  curl -sf "http://127.0.0.1:$1/healthz" 2>/dev/null | python3 -c '
import json, sys
shards = json.load(sys.stdin).get("discordGateway", {}).get("shards", [])
print(",".join(str(s["shard"]) for s in shards if s["state"] == "ready"))' 2>/dev/null || true
}
count() { [ -z "$1" ] && echo 0 || echo "$1" | tr ',' '\n' | wc -l; }

A_PID=$(serve $A_PORT)
B_PID=$(serve $B_PORT)
PIDS+=("$A_PID" "$B_PID")
started=$SECONDS
while :; do
  a=$(ready $A_PORT) b=$(ready $B_PORT)
  [ "$(count "$a")" -eq 2 ] && [ "$(count "$b")" -eq 2 ] && break
  if [ $((SECONDS - started)) -gt 90 ]; then
    echo "FAIL: the replicas did not settle on 2 shards each within 90 s (A: '$a', B: '$b')"; tail -20 "$WORK/serve-$A_PORT.log" "$WORK/serve-$B_PORT.log"; exit 1
  fi
  sleep 0.5
done
echo "replica A holds shards $a, replica B holds $b ($((SECONDS - started)) s after the start)"

next_id=1000000000000000000
send_all() {
  for shard in $(seq 0 $((SHARDS - 1))); do
    for _ in 1 2; do
      next_id=$((next_id + 1))
      curl -sf -X POST "http://127.0.0.1:$FAKE_PORT/control/send?shard=$shard&id=$next_id" > /dev/null \
        || { echo "FAIL: shard $shard is not connected to the fake Gateway"; exit 1; }
    done
  done
}
wait_replies() {
  local want=$1 since=$SECONDS
  while [ "$(curl -sf "http://127.0.0.1:$FAKE_PORT/control/replies" | grep -c .)" -lt "$want" ]; do
    [ $((SECONDS - since)) -gt 30 ] && { echo "FAIL: fewer than $want replies after 30 s"; exit 1; }
    sleep 0.2
  done
}

send_all
wait_replies 8

kill -9 "$A_PID"
killed=$SECONDS
while [ "$(count "$(ready $B_PORT)")" -ne $SHARDS ]; do
  if [ $((SECONDS - killed)) -gt 30 ]; then
    echo "FAIL: replica B holds '$(ready $B_PORT)' 30 s after A was killed, not all $SHARDS shards"; tail -20 "$WORK/serve-$B_PORT.log"; exit 1
  fi
  sleep 0.5
done
echo "replica A killed (SIGKILL); replica B holds shards $(ready $B_PORT) after $((SECONDS - killed)) s"

send_all
wait_replies 16
sleep 2
replies=$(curl -sf "http://127.0.0.1:$FAKE_PORT/control/replies")
twice=$(echo "$replies" | grep . | sort | uniq -d)
[ -z "$twice" ] || { echo "FAIL: answered more than once: $twice"; exit 1; }
echo "16 messages, each answered once"
