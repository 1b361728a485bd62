#!/usr/bin/env bash
# Runs the build stage of deploy/Dockerfile as written, without a container engine, then starts what it published and
# asks it a question. Usage: tests/deploy/dockerfile-build.sh
#
# The stage's WORKDIR, COPY and RUN instructions are carried out in order under a scratch root: absolute paths in
# them (WORKDIR /src, publish -o /app) are taken under that root, and COPY sources are read from the repository, the
# build context. NuGet's global packages folder is a new empty one, as in a fresh `docker build`, so a restore that
# leaves out a pack the publish needs (the ReadyToRun compiler, the runtime) fails here as it fails there, however
# warm this machine's own cache is. Exits non-zero when a step fails or the published app does not answer.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
DOCKERFILE=${DOCKERFILE:-deploy/Dockerfile}
ROOT=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$ROOT"; }
trap cleanup EXIT
export NUGET_PACKAGES="$ROOT/nuget-packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Joins continuation lines, keeps the instructions of the stage named "build", and drops comments.
stage=$(python3 - "$DOCKERFILE" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
lines, current = [], ""
for raw in text.splitlines():
    line = raw.rstrip()
    if not current and (not line.strip() or line.lstrip().startswith("#")):
        continue
    if line.endswith("\\"):
        current += line[:-1] + " "
        continue
    lines.append(current + line)
    current = ""
inside = False
for line in lines:
    word = line.split(None, 1)[0].upper()
    if word == "FROM":
        inside = bool(re.search(r"\bAS\s+build\s*$", line, re.I))
        continue
    if inside:
        print(line)
PY
)
[ -n "$stage" ] || { echo "FAIL: no stage named 'build' in $DOCKERFILE"; exit 1; }

# The build context: the repository less what the Dockerfile's .dockerignore leaves out (bin/ and obj/ above all,
# whose stale restore output would otherwise overwrite the stage's own).
CONTEXT="$ROOT/context"
python3 - "$REPO" "$DOCKERFILE.dockerignore" "$CONTEXT" <<'PY'
import os, re, shutil, sys
repo, ignore_file, out = sys.argv[1:4]
patterns = []
if os.path.exists(ignore_file):
    for line in open(ignore_file, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            sys.exit(f"FAIL: {ignore_file}: exceptions ('{line}') are not handled by this check")
        rx = re.escape(line.strip("/")).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
        patterns.append(re.compile(rx + "$"))
def ignored(rel):
    parts = rel.split("/")
    return any(p.match("/".join(parts[:i])) for p in patterns for i in range(1, len(parts) + 1))
for folder, dirs, files in os.walk(repo):
    rel_folder = os.path.relpath(folder, repo)
    rel_folder = "" if rel_folder == "." else rel_folder
    dirs[:] = [d for d in dirs if not ignored(f"{rel_folder}/{d}".lstrip("/"))]
    for name in files:
        rel = f"{rel_folder}/{name}".lstrip("/")
        if not ignored(rel):
            os.makedirs(os.path.join(out, rel_folder), exist_ok=True)
            shutil.copy2(os.path.join(folder, name), os.path.join(out, rel))
PY

under_root() { case "$1" in /*) echo "$ROOT$1" ;; *) echo "$WORKDIR/$1" ;; esac; }
WORKDIR="$ROOT"
step=0
while IFS= read -r line; do
  step=$((step + 1))
  instruction=${line%% *}; args=${line#* }
  case "${instruction^^}" in
    WORKDIR)
      WORKDIR=$(under_root "$args"); mkdir -p "$WORKDIR" ;;
    COPY)
      read -r -a parts <<< "$args"
      dest=${parts[-1]}; unset 'parts[-1]'
      target=$(under_root "$dest")
      if [[ "$dest" == */ ]]; then mkdir -p "$target"; fi
      for src in "${parts[@]}"; do
        [[ "$src" == --* ]] && { echo "FAIL: COPY option $src is not handled by this check"; exit 1; }
        [ -e "$CONTEXT/$src" ] || { echo "FAIL: COPY $src: not in the build context"; exit 1; }
        if [ -d "$CONTEXT/$src" ]; then mkdir -p "$target"; cp -a "$CONTEXT/$src/." "$target"; else cp -a "$CONTEXT/$src" "$target"; fi
      done ;;
    RUN)
      # Absolute paths in the command are the container's: take them under the scratch root.
      command=$(sed -E "s#(^|[[:space:]=])/([A-Za-z])#\1$ROOT/\2#g" <<< "$args")
      echo "step $step: RUN $args"
      if ! (cd "$WORKDIR" && bash -euo pipefail -c "$command"); then
        echo "FAIL: the build stage of $DOCKERFILE fails at: RUN $args"; exit 1
      fi ;;
    ENV|ARG|LABEL|SHELL|USER) echo "FAIL: $instruction in the build stage is not handled by this check"; exit 1 ;;
  esac
done <<< "$stage"

APP="$ROOT/app/pakazbot"
[ -x "$APP" ] || { echo "FAIL: the build stage published no $APP"; exit 1; }
PORT=${PORT:-5197}
"$APP" serve --urls "http://127.0.0.1:$PORT" --knowledge "$REPO/knowledge" --Search:Semantic=false > "$ROOT/serve.log" 2>&1 & SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "FAIL: the published app exited"; cat "$ROOT/serve.log"; exit 1; }
  sleep 0.5
done
answer=$(curl -sf -X POST -H 'Content-Type: application/json' --data '{"question":"When did Pakistan recognize Azerbaijan?"}' "http://127.0.0.1:$PORT/api/ask")
date=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]).get("date") or "")' "$answer")
[[ "$date" == 1991-12* ]] || { echo "FAIL: the published app answered $answer"; exit 1; }

# The timeline picture: SkiaSharp's native library and the embedded font must come along in the publish output. The
# command line and the running server draw it, and both give the same PNG.
"$APP" timeline --knowledge "$REPO/knowledge" --png "$ROOT/timeline.png" > /dev/null
curl -sf "http://127.0.0.1:$PORT/api/timeline.png" -o "$ROOT/served.png"
python3 - "$ROOT/timeline.png" "$ROOT/served.png" <<'PY' || exit 1
import sys
drawn, served = (open(p, "rb").read() for p in sys.argv[1:3])
if drawn[:8] != b"\x89PNG\r\n\x1a\n" or len(drawn) < 1000:
    sys.exit(f"FAIL: pakazbot timeline --png wrote no PNG ({len(drawn)} bytes)")
if served != drawn:
    sys.exit("FAIL: /api/timeline.png is not the picture the command line draws")
PY
echo "The build stage of $DOCKERFILE ran as written from an empty NuGet package folder; the app it published answered ($date) and drew the timeline picture."
