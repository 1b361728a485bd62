#!/usr/bin/env bash
# Three `pakazbot serve` replicas on one knowledge link laid out as git-sync v4 lays it out: ROOT/current is a
# symbolic link to a worktree, and each sync makes a new worktree, swaps the link to it atomically (a new link renamed
# over the old) and deletes the old worktree. Twice, a new paragraph is committed this way; each time every replica
# must report the same content hash and answer the new paragraph within 15 s. Usage: tests/deploy/git-sync.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
BASE_PORT=${PORT:-5221}

dotnet publish src/PakAzBot -c Release -o "$WORK/app" -v quiet -nologo > /dev/null
ROOT="$WORK/git-sync"
mkdir -p "$ROOT/.worktrees/first"
cp knowledge/*.md knowledge/*.txt "$ROOT/.worktrees/first/"
ln -s .worktrees/first "$ROOT/current"

for i in 0 1 2; do
  "$WORK/app/pakazbot" serve --urls "http://127.0.0.1:$((BASE_PORT + i))" --knowledge "$ROOT/current" \
    --Search:Semantic=false --Knowledge:WatchDebounceMilliseconds=500 > "$WORK/serve-$i.log" 2>&1 &
  PIDS+=($!)
done

health() { curl -sf "http://127.0.0.1:$1/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["contentHash"])' 2>/dev/null || true; }
for i in 0 1 2; do
  for _ in $(seq 1 120); do [ -n "$(health $((BASE_PORT + i)))" ] && break; sleep 0.5; done
  [ -n "$(health $((BASE_PORT + i)))" ] || { echo "FAIL: replica $i never became healthy"; cat "$WORK/serve-$i.log"; exit 1; }
done

# One sync: a new worktree with the new paragraph, the link swapped, the old worktree deleted.
previous=first
sync() {
  local name=$1 sentence=$2
  cp -a "$ROOT/.worktrees/$previous" "$ROOT/.worktrees/$name"
  local document
  document=$(ls "$ROOT/.worktrees/$name"/*.md | grep -v '/README.md$' | head -1)
  printf '\n%s\n' "$sentence" >> "$document"
  ln -s ".worktrees/$name" "$ROOT/current.tmp"
  mv -T "$ROOT/current.tmp" "$ROOT/current"
  rm -rf "$ROOT/.worktrees/$previous"
  previous=$name
}

check() {
  local question=$1 wanted=$2 started=$SECONDS
  while true; do
    local ok=0 hashes=()
    for i in 0 1 2; do
      hashes+=("$(health $((BASE_PORT + i)))")
      date=$(curl -sf -X POST -H 'Content-Type: application/json' --data "{\"question\":\"$question\"}" \
        "http://127.0.0.1:$((BASE_PORT + i))/api/ask" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("date") or "")' 2>/dev/null || true)
      [ "$date" = "$wanted" ] && ok=$((ok + 1))
    done
    if [ $ok = 3 ] && [ "${hashes[0]}" = "${hashes[1]}" ] && [ "${hashes[1]}" = "${hashes[2]}" ]; then
      echo "all three replicas serve content ${hashes[0]:0:12} and answer \"$question\" with $wanted, $((SECONDS - started)) s after the swap"
      return 0
    fi
    if [ $((SECONDS - started)) -ge 15 ]; then
      echo "FAIL: 15 s after the swap, $ok of 3 replicas answer \"$question\" with $wanted; content hashes: ${hashes[*]}"
      for i in 0 1 2; do tail -5 "$WORK/serve-$i.log"; done
      return 1
    fi
    sleep 0.5
  done
}

sync second "The Kelmar harbour inquiry was opened in Baku on 3 March 2031 by Judge Mara Olsen."
check "When was the Kelmar harbour inquiry opened?" 2031-03-03
sync third "The Varga river commission first met in Islamabad on 14 April 2032."
check "When did the Varga river commission first meet?" 2032-04-14
for i in 0 1 2; do kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "FAIL: replica $i stopped"; exit 1; }; done
echo "git-sync: both syncs reached every replica, and every replica stayed up."
