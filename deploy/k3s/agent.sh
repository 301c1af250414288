#!/usr/bin/env bash
# Joins wsl-worker (Ubuntu in WSL2 on the Windows PC, run as root) to the cluster with
# agent/config.yaml.
#
#   sudo K3S_TOKEN='<contents of mac-m2:/var/lib/rancher/k3s/server/node-token>' ./deploy/k3s/agent.sh
#
# WSL2 needs, before this runs:
#   /etc/wsl.conf:                  [boot] systemd=true
#   %UserProfile%\.wslconfig:       [wsl2] networkingMode=mirrored  memory=16GB  processors=10
# and then `wsl --shutdown` once so that both take effect.
set -euo pipefail

K3S_VERSION="${K3S_VERSION:-v1.31.4+k3s1}"      # the server's version, never newer
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ "$(uname -m)" != "x86_64" ]]; then
  echo "wsl-worker must be amd64: the model-serving image needs libtorch, which has no arm64 build" >&2
  exit 1
fi
if [[ "$(ps -p 1 -o comm=)" != "systemd" ]]; then
  echo "systemd is not PID 1: set [boot] systemd=true in /etc/wsl.conf and run 'wsl --shutdown'" >&2
  exit 1
fi

install -D -m 0600 "$here/agent/config.yaml" /etc/rancher/k3s/config.yaml
if [[ -n "${K3S_TOKEN:-}" ]]; then
  install -m 0600 /dev/null /etc/rancher/k3s/agent-token
  printf '%s\n' "$K3S_TOKEN" > /etc/rancher/k3s/agent-token
  # Only the 0600 file keeps it; the installer would otherwise copy it into the unit's env file.
  unset K3S_TOKEN
fi
if [[ ! -s /etc/rancher/k3s/agent-token ]]; then
  echo "no join token: pass K3S_TOKEN or write /etc/rancher/k3s/agent-token" >&2
  exit 1
fi

# The official installer; "agent" plus the config file's server/token-file make it join.
curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION="$K3S_VERSION" sh -s - agent
