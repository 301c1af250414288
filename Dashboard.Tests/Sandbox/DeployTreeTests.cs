using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using YamlDotNet.RepresentationModel;

using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Sandbox;

/// <summary>
/// Renders every overlay of deploy/apps with the real <c>kubectl kustomize</c> and checks the
/// platform's invariants on what Argo CD would apply: budgets from the platform table, probes,
/// node placement, tolerations and sync waves.
/// </summary>
public sealed class DeployTreeTests
{
    private const string SyncWave = "argocd.argoproj.io/sync-wave";
    private const string ControlPlaneHost = "mac-m2";
    private const decimal GiB = 1024m * 1024m * 1024m;
    private const decimal MiB = 1024m * 1024m;

    // Memory and CPU limits per application from the platform table in ARCHITECTURE.md
    // (mlops-dashboard is not in it: it gets a platform service's budget). Model serving has
    // a floor too: below 4 GiB / 2 CPU the three models do not load.
    private static readonly Dictionary<string, Budget> _budgets = new()
    {
        ["mlflow"] = new(0, 1 * GiB, 0, 0.5m),
        ["prometheus"] = new(0, 1.5m * GiB, 0, 1m),
        ["grafana"] = new(0, 512 * MiB, 0, 0.5m),
        ["kserve-controller"] = new(0, 512 * MiB, 0, 0.5m),
        ["model-serving"] = new(4 * GiB, 6 * GiB, 2m, 4m),
        ["mlops-dashboard"] = new(0, 512 * MiB, 0, 0.5m),
    };

    // Anything unlisted may not exceed the largest row (training jobs: 8 GiB, 6 CPU).
    private static readonly Budget _largestBudget = new(0, 8 * GiB, 0, 6m);

    // The platform's wave table: namespaces/RBAC, config, storage, services, deployments, autoscaling.
    private static readonly Dictionary<string, int> _wavesByKind = new()
    {
        ["Namespace"] = 0, ["ServiceAccount"] = 0, ["Role"] = 0, ["RoleBinding"] = 0, ["ClusterRole"] = 0, ["ClusterRoleBinding"] = 0,
        ["ConfigMap"] = 1, ["Secret"] = 1,
        ["PersistentVolumeClaim"] = 2,
        ["Service"] = 3,
        ["Deployment"] = 4, ["StatefulSet"] = 4,
        ["HorizontalPodAutoscaler"] = 5,
    };

    private static readonly string[] _resourceFields = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<YamlMappingNode>>> _rendered = new();

    public static TheoryData<string> Overlays => new(OverlayFolders());

    public static TheoryData<string> ModelVersionOverlays => new(OverlayFolders().Where(o => AppOf(o) is "model-serving" or "mlops-dashboard"));

    public static TheoryData<string> ModelServingOverlays => new(OverlayFolders().Where(o => AppOf(o) == "model-serving"));

    [Fact]
    public void DeployTree_EveryApp_HasStagingAndProductionOverlays()
    {
        var apps = Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "deploy", "apps"));
        Assert.NotEmpty(apps);
        var missing = apps
            .SelectMany(app => new[] { "staging", "production" }.Select(env => Path.Combine(app, "overlays", env)))
            .Where(dir => !File.Exists(Path.Combine(dir, "kustomization.yaml")))
            .Select(dir => Path.GetRelativePath(RepositoryRoot.Path, dir))
            .ToList();
        Assert.True(missing.Count == 0, "Overlays without kustomization.yaml: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryObject_HasSyncWaveOfItsKind(string overlay)
    {
        var failures = new List<string>();
        foreach (var obj in Render(overlay))
        {
            var kind = Scalar(obj, "kind") ?? "?";
            var wave = Scalar(obj, "metadata", "annotations", SyncWave);
            if (wave is null)
            {
                failures.Add($"{Describe(obj)} has no {SyncWave} annotation");
            }
            else if (_wavesByKind.TryGetValue(kind, out var expected) && wave != expected.ToString(CultureInfo.InvariantCulture))
            {
                failures.Add($"{Describe(obj)} is in wave {wave}, but {kind} belongs in wave {expected}");
            }
        }

        AssertNone(overlay, failures);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryContainer_HasRequestsAndLimitsWithinPlatformBudget(string overlay)
    {
        var budget = _budgets.GetValueOrDefault(AppOf(overlay), _largestBudget);
        var failures = new List<string>();
        foreach (var (deployment, container) in Containers(overlay))
        {
            var where = $"{Describe(deployment)} container {Scalar(container, "name")}";
            var values = _resourceFields.ToDictionary(
                field => field,
                field => Scalar(container, ["resources", .. field.Split('.')]) is { } text ? ParseQuantity(text) : (decimal?)null);
            var (memory, cpu) = (values["limits.memory"], values["limits.cpu"]);
            failures.AddRange(values.Where(v => v.Value is null).Select(v => $"{where} has no resources.{v.Key}"));
            failures.AddRange(Failing(
                (!(values["requests.cpu"] > cpu), $"{where} requests more CPU than its limit"),
                (!(values["requests.memory"] > memory), $"{where} requests more memory than its limit"),
                (memory is null || (memory >= budget.MinMemory && memory <= budget.MaxMemory),
                    $"{where} memory limit {memory / MiB} MiB is outside the platform table's {budget.MinMemory / MiB}-{budget.MaxMemory / MiB} MiB"),
                (cpu is null || (cpu >= budget.MinCpu && cpu <= budget.MaxCpu),
                    $"{where} CPU limit {cpu} is outside the platform table's {budget.MinCpu}-{budget.MaxCpu}")));
        }

        AssertNone(overlay, failures);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryContainer_HasReadinessAndLivenessProbes(string overlay)
    {
        var failures = Containers(overlay)
            .SelectMany(pair => new[] { "readinessProbe", "livenessProbe" }
                .Where(probe => Node(pair.Container, probe) is not YamlMappingNode)
                .Select(probe => $"{Describe(pair.Deployment)} container {Scalar(pair.Container, "name")} has no {probe}"))
            .ToList();

        AssertNone(overlay, failures);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryDeployment_ChoosesItsNode(string overlay)
    {
        var failures = Deployments(overlay)
            .Where(d => PlacementLabels(PodSpec(d)).Count == 0)
            .Select(d => $"{Describe(d)} has neither a nodeSelector nor a required node affinity")
            .ToList();

        AssertNone(overlay, failures);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_DeploymentsOnControlPlane_TolerateItsTaint(string overlay)
    {
        var taint = ControlPlaneTaint();
        var failures = Deployments(overlay)
            .Where(d => IsPlacedOnControlPlane(PodSpec(d)) && !Tolerates(PodSpec(d), taint))
            .Select(d => $"{Describe(d)} is placed on {ControlPlaneHost} but does not tolerate {taint}")
            .ToList();

        AssertNone(overlay, failures);
    }

    [Theory]
    [MemberData(nameof(ModelServingOverlays))]
    public void ModelServing_AnyOverlay_RequiresAmd64ComputeIntensiveNode(string overlay)
    {
        var deployments = Deployments(overlay).ToList();
        Assert.NotEmpty(deployments);
        var failures = deployments.SelectMany(d => Failing(
            (PlacementLabels(PodSpec(d)).Contains("kubernetes.io/arch=amd64"),
                $"{Describe(d)} does not require kubernetes.io/arch=amd64 (libtorch has no arm64 build)"),
            (PlacementLabels(PodSpec(d)).Contains("workload=compute-intensive"),
                $"{Describe(d)} does not require workload=compute-intensive"),
            (!IsPlacedOnControlPlane(PodSpec(d)) && !Tolerates(PodSpec(d), ControlPlaneTaint()),
                $"{Describe(d)} may run on {ControlPlaneHost}, which its taint keeps heavy workloads off")))
            .ToList();

        AssertNone(overlay, failures);
    }

    [Theory]
    [MemberData(nameof(ModelVersionOverlays))]
    public void Overlay_ConfigMaps_CarryModelVersion(string overlay)
    {
        var versions = Render(overlay)
            .Where(o => Scalar(o, "kind") == "ConfigMap")
            .Select(o => Scalar(o, "data", "MODEL_VERSION"))
            .OfType<string>()
            .ToList();

        Assert.True(versions.Count == 1 && versions[0].Length > 0, $"{overlay}: expected one ConfigMap with a non-empty MODEL_VERSION, found {versions.Count}");
    }

    [Fact]
    public void DeployedOverlays_ControlPlaneAndWorker_FitTheirAllocatableMemory()
    {
        // Reserved on mac-m2 outside this tree: K3s control plane 1.5 GiB, Argo CD 512 MiB.
        var controlPlane = 2 * GiB;
        var worker = 0m;
        foreach (var overlay in DeployedOverlays())
        {
            var hpaMax = Render(overlay)
                .Where(o => Scalar(o, "kind") == "HorizontalPodAutoscaler")
                .ToDictionary(o => Scalar(o, "spec", "scaleTargetRef", "name") ?? "", o => int.Parse(Scalar(o, "spec", "maxReplicas") ?? "1", CultureInfo.InvariantCulture));
            foreach (var deployment in Deployments(overlay))
            {
                var replicas = hpaMax.TryGetValue(Scalar(deployment, "metadata", "name") ?? "", out var max)
                    ? max
                    : int.Parse(Scalar(deployment, "spec", "replicas") ?? "1", CultureInfo.InvariantCulture);
                var containers = Sequence(PodSpec(deployment), "containers").ToList();
                if (IsPlacedOnControlPlane(PodSpec(deployment)))
                {
                    controlPlane += replicas * containers.Sum(c => ParseQuantity(Scalar(c, "resources", "limits", "memory") ?? "0"));
                }
                else
                {
                    worker += replicas * containers.Sum(c => ParseQuantity(Scalar(c, "resources", "requests", "memory") ?? "0"));
                }
            }
        }

        Assert.True(controlPlane <= 10 * GiB, $"Memory limits pinned to {ControlPlaneHost} add up to {controlPlane / MiB} MiB of its ~10 GiB");
        Assert.True(worker <= 14 * GiB, $"Memory requests at full scale on wsl-worker add up to {worker / MiB} MiB of its ~14 GiB");
    }

    [Fact]
    public void ArgoCdApplications_Every_SyncsAnExistingOverlayAutomatically()
    {
        var applications = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "deploy", "argocd", "apps"), "*.yaml")
            .SelectMany(LoadYaml)
            .Where(o => Scalar(o, "kind") == "Application")
            .ToList();
        Assert.NotEmpty(applications);
        var failures = applications.SelectMany(app => Failing(
            (File.Exists(Path.Combine(RepositoryRoot.Path, Scalar(app, "spec", "source", "path") ?? "", "kustomization.yaml")),
                $"{Describe(app)} points at {Scalar(app, "spec", "source", "path")}, which has no kustomization.yaml"),
            (Scalar(app, "metadata", "annotations", SyncWave) is not null, $"{Describe(app)} has no {SyncWave} annotation"),
            (Scalar(app, "spec", "syncPolicy", "automated", "prune") == "true" && Scalar(app, "spec", "syncPolicy", "automated", "selfHeal") == "true",
                $"{Describe(app)} does not sync automatically with prune and selfHeal"),
            (Scalar(app, "spec", "syncPolicy", "retry", "limit") is not null, $"{Describe(app)} has no retry policy"),
            (Sequence(app, "spec", "syncPolicy", "syncOptions").OfType<YamlScalarNode>().Any(o => o.Value == "CreateNamespace=true"),
                $"{Describe(app)} lacks CreateNamespace=true")))
            .ToList();

        AssertNone("deploy/argocd/apps", failures);
    }

    private static IEnumerable<string> Failing(params (bool Ok, string Problem)[] checks) =>
        checks.Where(c => !c.Ok).Select(c => c.Problem);

    private static void AssertNone(string where, List<string> failures) =>
        Assert.True(failures.Count == 0, $"{where}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", failures));

    private static IReadOnlyList<YamlMappingNode> Render(string overlay) =>
        _rendered.GetOrAdd(overlay, o => new Lazy<IReadOnlyList<YamlMappingNode>>(() => RenderWithKubectl(o))).Value;

    private static IReadOnlyList<YamlMappingNode> RenderWithKubectl(string overlay)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(overlay);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kubectl is needed to render deploy/apps overlays and was not found on PATH", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {overlay} did not finish within a minute");
            }

            Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay} exited with {process.ExitCode}:{Environment.NewLine}{stderr.Result}");
            var objects = ParseYaml(stdout.Result);
            Assert.True(objects.Count > 0, $"kubectl kustomize {overlay} rendered no objects");
            return objects;
        }
    }

    private static IReadOnlyList<YamlMappingNode> LoadYaml(string file) => ParseYaml(File.ReadAllText(file));

    private static List<YamlMappingNode> ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    private static IEnumerable<YamlMappingNode> Deployments(string overlay) =>
        Render(overlay).Where(o => Scalar(o, "kind") == "Deployment");

    private static IEnumerable<(YamlMappingNode Deployment, YamlMappingNode Container)> Containers(string overlay) =>
        Deployments(overlay).SelectMany(d =>
            Sequence(PodSpec(d), "containers").Concat(Sequence(PodSpec(d), "initContainers"))
                .OfType<YamlMappingNode>()
                .Select(c => (d, c)));

    private static YamlNode? PodSpec(YamlNode deployment) => Node(deployment, "spec", "template", "spec");

    // Labels the pod requires of its node, as "key=value", from nodeSelector and from required
    // node affinity terms (operator In).
    private static HashSet<string> PlacementLabels(YamlNode? podSpec)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        if (Node(podSpec, "nodeSelector") is YamlMappingNode selector)
        {
            foreach (var (key, value) in selector.Children)
            {
                labels.Add($"{key}={value}");
            }
        }

        var terms = Sequence(podSpec, "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
        foreach (var expression in terms.SelectMany(t => Sequence(t, "matchExpressions")))
        {
            if (Scalar(expression, "operator") == "In")
            {
                labels.UnionWith(Sequence(expression, "values").OfType<YamlScalarNode>().Select(v => $"{Scalar(expression, "key")}={v.Value}"));
            }
        }

        return labels;
    }

    private static bool IsPlacedOnControlPlane(YamlNode? podSpec)
    {
        var labels = PlacementLabels(podSpec);
        return labels.Contains($"kubernetes.io/hostname={ControlPlaneHost}")
            || labels.Contains("kubernetes.io/arch=arm64")
            || labels.Contains("workload=platform")
            || labels.Any(l => l.StartsWith("node-role.kubernetes.io/control-plane=", StringComparison.Ordinal));
    }

    private static bool Tolerates(YamlNode? podSpec, Taint taint) =>
        Sequence(podSpec, "tolerations").Any(toleration =>
        {
            var key = Scalar(toleration, "key") ?? "";
            var exists = Scalar(toleration, "operator") == "Exists";
            var effect = Scalar(toleration, "effect") ?? "";
            var keyMatches = key == taint.Key || (key.Length == 0 && exists);
            var valueMatches = exists || (Scalar(toleration, "value") ?? "") == taint.Value;
            return keyMatches && valueMatches && (effect.Length == 0 || effect == taint.Effect);
        });

    // The taint mac-m2 registers with, read from the K3s server configuration in this tree.
    private static Taint ControlPlaneTaint()
    {
        var config = LoadYaml(Path.Combine(RepositoryRoot.Path, "deploy", "k3s", "server", "config.yaml")).Single();
        var text = Sequence(config, "node-taint").OfType<YamlScalarNode>().SingleOrDefault()?.Value
            ?? throw new InvalidOperationException("deploy/k3s/server/config.yaml has no single node-taint");
        var (keyValue, effect) = (text[..text.LastIndexOf(':')], text[(text.LastIndexOf(':') + 1)..]);
        var equals = keyValue.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new(keyValue, "", effect) : new(keyValue[..equals], keyValue[(equals + 1)..], effect);
    }

    private static YamlNode? Node(YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    private static string? Scalar(YamlNode? node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Sequence(YamlNode? node, params string[] path) =>
        Node(node, path) as YamlSequenceNode ?? Enumerable.Empty<YamlNode>();

    private static string Describe(YamlNode obj) =>
        $"{Scalar(obj, "kind")} {(Scalar(obj, "metadata", "namespace") is { } ns ? ns + "/" : "")}{Scalar(obj, "metadata", "name")}";

    // Kubernetes resource quantities: binary (Ki, Mi, Gi, Ti) and decimal (m, k, M, G, T) suffixes.
    private static decimal ParseQuantity(string text)
    {
        (string Suffix, decimal Factor)[] suffixes =
        [
            ("Ki", 1024m), ("Mi", MiB), ("Gi", GiB), ("Ti", GiB * 1024m),
            ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m),
        ];
        foreach (var (suffix, factor) in suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return decimal.Parse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture) * factor;
            }
        }

        return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string AppOf(string overlay) => overlay.Split('/')[2];

    private static IEnumerable<string> OverlayFolders() =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "deploy", "apps"))
            .Where(app => Directory.Exists(Path.Combine(app, "overlays")))
            .SelectMany(app => Directory.GetDirectories(Path.Combine(app, "overlays")))
            .Select(dir => Path.GetRelativePath(RepositoryRoot.Path, dir).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    // Overlays that an Argo CD Application in deploy/argocd/apps actually syncs.
    private static IEnumerable<string> DeployedOverlays() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "deploy", "argocd", "apps"), "*.yaml")
            .SelectMany(LoadYaml)
            .Where(o => Scalar(o, "kind") == "Application")
            .Select(o => Scalar(o, "spec", "source", "path"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private sealed record Budget(decimal MinMemory, decimal MaxMemory, decimal MinCpu, decimal MaxCpu);

    private sealed record Taint(string Key, string Value, string Effect)
    {
        public override string ToString() => $"{Key}{(Value.Length > 0 ? "=" + Value : "")}:{Effect}";
    }
}
