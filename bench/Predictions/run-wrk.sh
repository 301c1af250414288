#!/usr/bin/env bash
# The predict endpoint against the app's trivial validate endpoint under the same wrk load, then
# latency at a bounded rate. Release build, sandbox off, an API key set, models trained with the
# app's own `train` command on the shared BuildFast data into a fresh data directory.
# Usage: bench/Predictions/run-wrk.sh [seconds per run, default 15] [connections, default 32]
# Besides requests/s, each run prints the CPU time the app and wrk spent per request (from
# /proc and getrusage): on a machine shared with other work, throughput moves with the others'
# load, the CPU a request costs much less so.
# BENCH_TRAINED=DIR copies a data directory trained before (by this script's train step) instead
# of training again; BENCH_PERF=DIR records each endpoint's run with perf into DIR (the app
# started with a perf map of its JIT code and without W^X double mapping, so perf can name
# managed methods) and prints the hottest symbols.
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
if [[ -n "${BENCH_TRAINED:-}" ]]; then
  cp -a "$BENCH_TRAINED/." "$DATA/"
else
  echo "== training models (app's train command, 300 builds per project)" >&2
  # Exit 1 only means a quality gate failed; the models are registered either way.
  dotnet "$APP" train --builds "$DATASETS/buildfast" --max-builds-per-project 300 --epochs 20 --data-dir "$DATA" >/dev/null || [[ $? -eq 1 ]]
fi

[[ -n "${BENCH_PERF:-}" ]] && { mkdir -p "$BENCH_PERF"; export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0; }
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

# The app's user+system CPU in clock ticks (fields 14 and 15 of /proc/PID/stat).
app_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
TICK_MS=$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN {print 1000 / hz}')
# One wrk run, then its CPU account: app and wrk CPU per request in µs.
run() {
  local before after
  [[ -n "${BENCH_PERF:-}" ]] && { perf record -F 999 -g -p "$APP_PID" -o "$BENCH_PERF/perf-$2.data" -- sleep "$DURATION" >/dev/null 2>&1 & }
  before=$(app_ticks)
  /usr/bin/time -f "wrk cpu: %U s user %S s system" -o "$DATA/wrk-time" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$BASE$1"
  after=$(app_ticks)
  wait
  echo "app cpu: $(awk -v t=$((after - before)) -v ms="$TICK_MS" 'BEGIN {printf "%.0f", t * ms}') ms"
  cat "$DATA/wrk-time"
}
cpu_per_request() { # wrk output → app and wrk CPU µs per request
  awk '/requests in/ {n = $1} /^app cpu:/ {app = $3} /^wrk cpu:/ {w = $3 + $6}
    END {printf "%.1f µs app + %.1f µs wrk = %.1f µs per request", app * 1000 / n, w * 1e6 / n, (app * 1000 + w * 1e6) / n}'
}
# Warm-up: tiered compilation keeps re-compiling the hot paths for a while after start (on the
# shared machine its thread took 12-17 % of the app's CPU during measured runs that followed a
# 5 s warm-up). BENCH_WARMUP seconds per endpoint, in three alternating rounds.
WARMUP=${BENCH_WARMUP:-15}
echo "== warm-up (both endpoints, ${WARMUP} s each)"
for _ in 1 2 3; do
  # Predict first: the log entries its warm-up queues are written during validate's warm-up, not a measured run.
  wrk -t2 -c"$CONNECTIONS" -d"$((WARMUP / 3 + 1))s" -s "$LUA" "$BASE/api/v1/build-optimizer/predict" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d"$((WARMUP / 3 + 1))s" -s "$LUA" "$BASE/api/v1/build-optimizer/validate" >/dev/null
done
echo "== load: $(uptime)"
echo "== validate (trivial JSON endpoint), ${DURATION}s, $CONNECTIONS connections"
VALIDATE=$(run /api/v1/build-optimizer/validate validate); echo "$VALIDATE"
echo "== predict (build time), ${DURATION}s, $CONNECTIONS connections"
PREDICT=$(run /api/v1/build-optimizer/predict predict); echo "$PREDICT"
v=$(awk '/^Requests\/sec/ {print $2}' <<<"$VALIDATE")
p=$(awk '/^Requests\/sec/ {print $2}' <<<"$PREDICT")
echo "== predict $p req/s, validate $v req/s, ratio $(awk -v p="$p" -v v="$v" 'BEGIN {printf "%.3f", p / v}')"
vc=$(cpu_per_request <<<"$VALIDATE"); pc=$(cpu_per_request <<<"$PREDICT")
echo "== CPU per request: validate $vc; predict $pc"
# Saturated, throughput is the cores divided by the CPU a request costs (app and wrk together).
echo "== ratio from CPU per request: $(awk -v v="${vc##*= }" -v p="${pc##*= }" 'BEGIN {printf "%.3f", (v + 0) / (p + 0)}')"
if [[ -n "${BENCH_PERF:-}" ]]; then
  for e in validate predict; do
    echo "== perf: $e, hottest symbols (self)"
    # `head` closes the pipe early; under pipefail that would end the script before the paced run.
    perf report -i "$BENCH_PERF/perf-$e.data" --no-children --sort dso --stdio 2>/dev/null | grep '%' | grep -v '^#' | head -12 || true
    perf report -i "$BENCH_PERF/perf-$e.data" --no-children --sort symbol -g none --stdio 2>/dev/null | grep '%' | grep -v '^#' | head -40 || true
  done
fi

# wrk has no constant-rate mode: 10 connections each pausing 10 ms before every request (the Lua
# delay() hook) send about 1,000 requests/s; the achieved rate is printed next to the percentiles.
echo "== paced: 10 connections x 1 request per 10 ms (about 1,000 req/s), ${DURATION}s"
BENCH_DELAY_MS=10 wrk -t2 -c10 -d"${DURATION}s" --latency -s "$LUA" "$BASE/api/v1/build-optimizer/predict"
echo "== load after: $(uptime)"
