using k8s.Models;
using MlOpsDashboard.Core.Sandbox.KubernetesApi;

namespace MlOpsDashboard.Core.Sandbox.Platform;

/// <summary>
/// The scenarios that change objects rather than kubelet behaviour: a hand-made scale (drift that
/// Argo CD self-heals) and an amd64-only image pinned to the arm64 control plane.
/// </summary>
internal sealed class ScenarioEffects(SandboxObjectStore store, SandboxScenarios scenarios)
{
    public const string ExporterNamespace = "monitoring-exporters";
    public const string ExporterName = "legacy-metrics-exporter";

    // Drift needs a replica count that git sets: model-serving's belongs to its HPA, which Argo CD does not diff.
    public const string DriftNamespace = "grafana";
    public const string DriftDeployment = "grafana";
    private bool _driftApplied;

    public void Apply()
    {
        ApplyDrift();
        ApplyExporter();
    }

    private void ApplyDrift()
    {
        var active = scenarios.IsActive(SandboxScenario.ManualDrift);
        if (active && !_driftApplied && store.Get<V1Deployment>(DriftNamespace, DriftDeployment) is { } scaled)
        {
            // As `kubectl scale` would: through the API origin, so the reconciler treats it as a user's change.
            store.Patch(SandboxResources.Deployments, DriftNamespace, DriftDeployment,
                new System.Text.Json.Nodes.JsonObject { ["spec"] = new System.Text.Json.Nodes.JsonObject { ["replicas"] = (scaled.Spec.Replicas ?? 1) + 2 } }, SandboxChangeOrigin.ApiClient);
            _driftApplied = true;
        }
        else if (!active)
        {
            _driftApplied = false;
        }
    }

    private void ApplyExporter()
    {
        var active = scenarios.IsActive(SandboxScenario.ImageWithoutArm64);
        var exists = store.Get<V1Deployment>(ExporterNamespace, ExporterName) is not null;
        if (active && !exists)
        {
            store.Upsert(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = ExporterNamespace } });
            store.Create(new V1Deployment
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Metadata = new V1ObjectMeta { Name = ExporterName, NamespaceProperty = ExporterNamespace, Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = ExporterName } },
                Spec = new V1DeploymentSpec
                {
                    Replicas = 1,
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = ExporterName } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = ExporterName } },
                        Spec = new V1PodSpec
                        {
                            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/hostname"] = SandboxNodeCatalog.ControlPlane },
                            Tolerations = [new V1Toleration { Key = SandboxNodeCatalog.ControlPlaneTaintKey, OperatorProperty = "Exists", Effect = "NoSchedule" }],
                            Containers =
                            [
                                new V1Container
                                {
                                    Name = "exporter",
                                    Image = "ghcr.io/example/legacy-metrics-exporter:0.9.1",
                                    Resources = new V1ResourceRequirements
                                    {
                                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("64Mi") },
                                        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
                                    },
                                },
                            ],
                        },
                    },
                },
            });
        }
        else if (!active && exists)
        {
            store.TryDelete(SandboxResources.Deployments, ExporterNamespace, ExporterName);
            foreach (var pod in store.List<V1Pod>(ExporterNamespace))
            {
                store.TryDelete(SandboxResources.Pods, ExporterNamespace, pod.Metadata.Name);
            }
        }
    }
}
