using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

/// <summary>Captured incidents as on-call engineers dump them, one per failure family.</summary>
internal static class IncidentSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Incidents", "Samples", name);

    public static CapturedIncident Load(string name) => IncidentJson.ReadIncident(File.ReadAllText(SamplePath(name)));

    public static IncidentPod Pod(IncidentContainer container, string phase = "Running", string? node = "wsl-worker", params string[] conditions) =>
        new() { Name = "model-serving-1", Namespace = "model-serving", Phase = phase, Node = node, Containers = [container], Conditions = conditions };

    public static IncidentContainer Container(string state, string? reason = null, int? exitCode = null, ContainerStateInfo? last = null, int restarts = 0, string? memory = "6Gi", string? cpu = "4", string? message = null) => new()
    {
        Name = "server",
        Image = "ghcr.io/example/model-serving:1.3.2",
        Ready = state == "running",
        Restarts = restarts,
        State = new ContainerStateInfo { State = state, Reason = reason, ExitCode = exitCode, Message = message },
        LastState = last,
        Limits = new Dictionary<string, string?> { ["memory"] = memory, ["cpu"] = cpu }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!),
    };

    public static IncidentNode Node(string name, string arch, string ready = "True", string memoryPressure = "False", params string[] taints) => new()
    {
        Name = name,
        Architecture = arch,
        Conditions = new Dictionary<string, string> { ["Ready"] = ready, ["MemoryPressure"] = memoryPressure, ["DiskPressure"] = "False" },
        Taints = taints,
    };

    public static IncidentNode[] HealthyNodes => [Node("mac-m2", "arm64"), Node("wsl-worker", "amd64")];

    public static CiContext Ci(params string[] log) => new() { Workflow = "ci", Job = "build", FailingStep = "dotnet test", ExitCode = 1, Log = log };

    /// <summary>Each family with the category the rules analyst must put first.</summary>
    public static TheoryData<string, CapturedIncident> Families() => new()
    {
        { "oom-killed", new() { Pod = Pod(Container("running", last: new() { State = "terminated", Reason = "OOMKilled", ExitCode = 137 }, restarts: 4)), Nodes = HealthyNodes } },
        { "oom-killed", new() { Pod = Pod(Container("waiting", "CrashLoopBackOff", last: new() { State = "terminated", Reason = "OOMKilled", ExitCode = 137 }, restarts: 9)), Nodes = HealthyNodes } },
        { "crash-loop", new() { Pod = Pod(Container("waiting", "CrashLoopBackOff", last: new() { State = "terminated", Reason = "Error", ExitCode = 2 }, restarts: 5)), Logs = new() { Previous = ["panic: runtime error: index out of range"] }, Nodes = HealthyNodes } },
        { "image-pull", new() { Pod = Pod(Container("waiting", "ImagePullBackOff", message: "Back-off pulling image \"ghcr.io/example/model-serving:1.3.9\": manifest unknown")), Nodes = HealthyNodes } },
        { "image-architecture-mismatch", new() { Pod = Pod(Container("waiting", "CrashLoopBackOff", last: new() { State = "terminated", Reason = "Error", ExitCode = 255 }, restarts: 6), node: "mac-m2"), Logs = new() { Previous = ["exec /usr/local/bin/exporter: exec format error"] }, Nodes = HealthyNodes } },
        { "image-architecture-mismatch", new() { Pod = Pod(Container("waiting", "ErrImagePull", message: "no matching manifest for linux/arm64 in the manifest list entries"), node: "mac-m2"), Nodes = HealthyNodes } },
        { "probe-failure", new() { Pod = Pod(Container("running", restarts: 2)), Events = ["Warning Unhealthy pod/model-serving-1 Readiness probe failed: HTTP probe failed with statuscode: 503", "Warning Unhealthy pod/model-serving-1 Liveness probe failed: Get \"http://10.42.1.5:8080/healthz\": context deadline exceeded"], Nodes = HealthyNodes } },
        { "unschedulable", new() { Pod = Pod(Container("waiting", "ContainerCreating"), "Pending", null, "PodScheduled=False: Unschedulable 0/2 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }."), Nodes = HealthyNodes } },
        { "node-not-ready", new() { Pod = Pod(Container("running")), Nodes = [Node("mac-m2", "arm64"), Node("wsl-worker", "amd64", "Unknown", taints: "node.kubernetes.io/unreachable:NoExecute")] } },
        { "node-pressure", new() { Pod = Pod(Container("running")), Nodes = [Node("mac-m2", "arm64"), Node("wsl-worker", "amd64", memoryPressure: "True", taints: "node.kubernetes.io/memory-pressure:NoSchedule")] } },
        { "cpu-throttling", new() { Alert = new() { Labels = new Dictionary<string, string> { ["alertname"] = "InferenceLatencyP95High", ["severity"] = "warning" } }, Pod = Pod(Container("running")), Metrics = new() { LatencyP95Seconds = 1.9, BaselineLatencyP95Seconds = 0.05, CpuThrottledRatio = 0.62 }, Nodes = HealthyNodes } },
        { "recent-deploy", new() { Alert = new() { Labels = new Dictionary<string, string> { ["alertname"] = "InferenceLatencyP95High" }, StartsAt = Now }, Pod = Pod(Container("running")), Metrics = new() { LatencyP95Seconds = 1.2, CpuThrottledRatio = 0.01 }, RecentCommits = [new() { Sha = "abcdef1234", Author = "dev", Message = "model-serving: batch size 4096", When = Now.AddMinutes(-25) }] } },
        { "gitops-drift", new() { GitOps = new() { Application = "grafana", Sync = "OutOfSync", Health = "Healthy", OutOfSyncResources = ["Deployment grafana/grafana OutOfSync"] } } },
        { "drift-data", new() { Drift = new() { Model = "build-time", Score = 0.34, Threshold = 0.1, TopFeatures = [new() { Name = "repo_size_mb", Score = 0.41 }] } } },
        { "drift-concept", new() { Drift = new() { Model = "failure-risk", Score = 0.04, BaselineAccuracy = 0.91, CurrentAccuracy = 0.78 } } },
        { "drift-model-decay", new() { Drift = new() { Model = "test-selection", Score = 0.12, BaselineAccuracy = 0.9, CurrentAccuracy = 0.88, ModelAgeDays = 140 } } },
        { "ci-test-failure", new() { Ci = Ci("  Failed Predictor_ReturnsScore [12 ms]", "  Assert.Equal() Failure: Values differ", "Failed!  - Failed:     1, Passed:   211") } },
        { "ci-compile", new() { Ci = Ci("/src/Core/Model.cs(14,5): error CS1002: ; expected", "Build FAILED.") } },
        { "ci-dependency", new() { Ci = Ci("error NU1101: Unable to find package Foo.Bar. No packages exist with this id in source(s): nuget.org") } },
        { "ci-security-finding", new() { Ci = Ci("Total: 1 (CRITICAL: 1)", "libssl3 CVE-2024-5535 CRITICAL") } },
        { "ci-model-below-threshold", new() { Ci = Ci("evaluation: accuracy=0.81 below promotion threshold 0.85", "Error: model gate failed") } },
        { "ci-manifest-error", new() { Ci = Ci("error: accumulating resources: kustomize build failed", "deploy/apps/x/deployment.yaml: error validating data: unknown field \"replcas\"") } },
    };
}
