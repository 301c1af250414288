#!/usr/bin/env bash
# Bootstraps mac-m2 (run as root inside the Mac's arm64 Linux VM, from a clone of the manifests
# repository): installs the K3s server with server/config.yaml, then Argo CD, then hands the
# cluster to GitOps by applying the mlops AppProject and the root app-of-apps.
#
#   sudo ./deploy/k3s/server.sh
#
# Afterwards copy /var/lib/rancher/k3s/server/node-token to the worker (see agent.sh).
set -euo pipefail

K3S_VERSION="${K3S_VERSION:-v1.31.4+k3s1}"      # agents must not run a newer version
ARGOCD_VERSION="${ARGOCD_VERSION:-v2.13.3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deploy="$(dirname "$here")"

install -D -m 0600 "$here/server/config.yaml" /etc/rancher/k3s/config.yaml

# The official installer; it reads /etc/rancher/k3s/config.yaml, so no flags are repeated here.
curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION="$K3S_VERSION" sh -s - server

export KUBECONFIG=/etc/rancher/k3s/k3s.yaml
kubectl wait --for=condition=Ready node/mac-m2 --timeout=180s

# Argo CD from its release manifest. Its pods must tolerate the control-plane taint, because
# they belong on mac-m2 (512 MiB / 0.5 CPU in the platform budget).
kubectl create namespace argocd --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -n argocd --server-side --force-conflicts \
  -f "https://raw.githubusercontent.com/argoproj/argo-cd/${ARGOCD_VERSION}/manifests/install.yaml"
placement='{"spec":{"template":{"spec":{
  "nodeSelector":{"kubernetes.io/hostname":"mac-m2"},
  "tolerations":[{"key":"node-role.kubernetes.io/control-plane",
                  "operator":"Exists","effect":"NoSchedule"}]}}}}'
for workload in $(kubectl -n argocd get deployments,statefulsets -o name); do
  kubectl -n argocd patch "$workload" --type merge -p "$placement"
done

# Since Argo CD 1.8 an Application has no health of its own, so sync waves between the child
# Applications of the root app would not wait for each other. Restore the health check.
argocd_cm_patch="$(mktemp)"
cat > "$argocd_cm_patch" <<'YAML'
data:
  timeout.reconciliation: 180s
  resource.customizations.health.argoproj.io_Application: |
    hs = {}
    hs.status = "Progressing"
    hs.message = ""
    if obj.status ~= nil and obj.status.health ~= nil then
      hs.status = obj.status.health.status
      if obj.status.health.message ~= nil then
        hs.message = obj.status.health.message
      end
    end
    return hs
YAML
kubectl -n argocd patch configmap argocd-cm --type merge --patch-file "$argocd_cm_patch"
rm -f "$argocd_cm_patch"
kubectl -n argocd rollout status statefulset/argocd-application-controller --timeout=300s

# From here on git is the source of truth: the root app syncs deploy/argocd/apps.
kubectl apply -k "$deploy/argocd"

echo "Next: pass /var/lib/rancher/k3s/server/node-token to agent.sh on wsl-worker (K3S_TOKEN)." >&2
