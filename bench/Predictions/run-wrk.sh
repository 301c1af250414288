#!/usr/bin/env bash
# The predict endpoint against the app's trivial validate endpoint under the same wrk load, then
# latency at a bounded rate. Release build, sandbox off, an API key set, models trained with the
# app's own `train` command on the shared BuildFast data into a fresh data directory.
# Usage: bench/Predictions/run-wrk.sh [seconds per run, default 15] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-15}
CONNECTIONS=${2:-32}
PORT=${BENCH_PORT:-5097}
DATASETS=${BENCH_DATASETS:-/work/shared/datasets}
export BENCH_API_KEY=bench-prediction-key-0123456789
DATA=$(mktemp -d)
APP=Dashboard/bin/Release/net10.0/MlOpsDashboard.Dashboard.dll
LUA=bench/Predictions/post-build.lua
BASE=http://127.0.0.1:$PORT

cleanup() { [[ -n "${APP_PID:-}" ]] && kill "$APP_PID" 2>/dev/null; wait "${APP_PID:-}" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

dotnet build Dashboard -c Release -v q --nologo >/dev/null
export Data__Directory=$DATA Cluster__Mode=None Predictions__ApiKeys__0=$BENCH_API_KEY \
  Auth__AdminInitialPassword=bench-admin-password-0123 Logging__LogLevel__Default=Warning
echo "== training models (app's train command, 300 builds per project)" >&2
# Exit 1 only means a quality gate failed; the models are registered either way.
dotnet "$APP" train --builds "$DATASETS/buildfast" --max-builds-per-project 300 --epochs 20 --data-dir "$DATA" >/dev/null || [[ $? -eq 1 ]]

ASPNETCORE_URLS=$BASE dotnet "$APP" >"$DATA/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/readyz" >/dev/null && break
  sleep 1
done
curl -sf "$BASE/readyz" >/dev/null || { echo "app not ready; log:" >&2; cat "$DATA/app.log" >&2; exit 1; }
# The served models load at the selector's first refresh; wait until predict answers 200.
for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $BENCH_API_KEY" -H 'Content-Type: application/json' \
    --data '{"buildId":"x","filesModified":3,"linesAdded":40,"linesDeleted":12,"commits":2,"hourOfDay":14,"dayOfWeek":2,"isPullRequest":true,"isMainBranch":false,"previousBuildFailed":false,"previousDurationSeconds":420,"recentFailureRatio":0.2,"testFiles":1,"dependencyCount":85}' \
    "$BASE/api/v1/build-optimizer/predict")
  [[ $code == 200 ]] && break
  sleep 1
done
[[ $code == 200 ]] || { echo "predict answers $code" >&2; exit 1; }

run() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$BASE$1"; }
echo "== warm-up (both endpoints, 5 s each)"
wrk -t2 -c"$CONNECTIONS" -d5s -s "$LUA" "$BASE/api/v1/build-optimizer/validate" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s -s "$LUA" "$BASE/api/v1/build-optimizer/predict" >/dev/null
echo "== load: $(uptime)"
echo "== validate (trivial JSON endpoint), ${DURATION}s, $CONNECTIONS connections"
VALIDATE=$(run /api/v1/build-optimizer/validate); echo "$VALIDATE"
echo "== predict (build time), ${DURATION}s, $CONNECTIONS connections"
PREDICT=$(run /api/v1/build-optimizer/predict); echo "$PREDICT"
v=$(awk '/^Requests\/sec/ {print $2}' <<<"$VALIDATE")
p=$(awk '/^Requests\/sec/ {print $2}' <<<"$PREDICT")
echo "== predict $p req/s, validate $v req/s, ratio $(awk -v p="$p" -v v="$v" 'BEGIN {printf "%.3f", p / v}')"

# wrk has no constant-rate mode: 10 connections each pausing 10 ms before every request (the Lua
# delay() hook) send about 1,000 requests/s; the achieved rate is printed next to the percentiles.
echo "== paced: 10 connections x 1 request per 10 ms (about 1,000 req/s), ${DURATION}s"
BENCH_DELAY_MS=10 wrk -t2 -c10 -d"${DURATION}s" --latency -s "$LUA" "$BASE/api/v1/build-optimizer/predict"
echo "== load after: $(uptime)"
