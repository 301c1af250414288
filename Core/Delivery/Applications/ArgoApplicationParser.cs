using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace MlOpsDashboard.Core.Delivery.Applications;

/// <summary>Reads an Application object as the Kubernetes API serves it; missing fields get Argo CD's defaults.</summary>
public static class ArgoApplicationParser
{
    public const string RefreshAnnotation = "argocd.argoproj.io/refresh";

    public static ArgoApplication Parse(JsonElement app)
    {
        var metadata = Child(app, "metadata");
        var spec = Child(app, "spec");
        var status = Child(app, "status");
        var source = Child(spec, "source");
        var destination = Child(spec, "destination");
        var automated = Child(Child(spec, "syncPolicy"), "automated");
        var annotations = Map(Child(metadata, "annotations"));
        return new ArgoApplication(
            Namespace: Text(metadata, "namespace") ?? "",
            Name: Text(metadata, "name") ?? "",
            ResourceVersion: Text(metadata, "resourceVersion") ?? "",
            Project: Text(spec, "project") ?? "default",
            Labels: Map(Child(metadata, "labels")),
            Source: new ApplicationSource(Text(source, "repoURL") ?? "", Text(source, "path") ?? "", Text(source, "targetRevision") ?? "HEAD"),
            Destination: new ApplicationDestination(Text(destination, "server") ?? Text(destination, "name") ?? "", Text(destination, "namespace") ?? ""),
            Automated: automated.ValueKind == JsonValueKind.Object,
            Prune: Bool(automated, "prune"),
            SelfHeal: Bool(automated, "selfHeal"),
            SyncStatus: Text(Child(status, "sync"), "status") ?? "Unknown",
            SyncRevision: Text(Child(status, "sync"), "revision"),
            HealthStatus: Text(Child(status, "health"), "status") ?? "Unknown",
            HealthMessage: Text(Child(status, "health"), "message"),
            OperationState: Operation(Child(status, "operationState")),
            OperationPending: Child(app, "operation").ValueKind == JsonValueKind.Object,
            RefreshPending: annotations.ContainsKey(RefreshAnnotation),
            History: [.. Items(Child(status, "history")).Select(History)],
            Resources: [.. Items(Child(status, "resources")).Select(Resource)],
            Conditions: [.. Items(Child(status, "conditions")).Select(c => new ApplicationCondition(Text(c, "type") ?? "", Text(c, "message") ?? "", Time(c, "lastTransitionTime")))],
            Images: [.. Items(Child(Child(status, "summary"), "images")).Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : "")],
            ReconciledAt: Time(status, "reconciledAt"),
            CreatedAt: Time(metadata, "creationTimestamp"));
    }

    private static ApplicationOperationState? Operation(JsonElement state)
    {
        if (state.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var operation = Child(state, "operation");
        var initiatedBy = Child(operation, "initiatedBy");
        return new ApplicationOperationState(
            Phase: Text(state, "phase") ?? "Unknown",
            Message: Text(state, "message"),
            Revision: Text(Child(state, "syncResult"), "revision") ?? Text(Child(operation, "sync"), "revision"),
            InitiatedBy: Text(initiatedBy, "username"),
            Automated: Bool(initiatedBy, "automated"),
            StartedAt: Time(state, "startedAt"),
            FinishedAt: Time(state, "finishedAt"));
    }

    private static ApplicationHistoryEntry History(JsonElement entry) => new(
        Id: Child(entry, "id") is { ValueKind: JsonValueKind.Number } id && id.TryGetInt64(out var value) ? value : 0,
        Revision: Text(entry, "revision") ?? "",
        DeployStartedAt: Time(entry, "deployStartedAt"),
        DeployedAt: Time(entry, "deployedAt"),
        Path: Text(Child(entry, "source"), "path"));

    private static ApplicationResource Resource(JsonElement resource)
    {
        var health = Child(resource, "health");
        var wave = Child(resource, "syncWave");
        return new ApplicationResource(
            Group: Text(resource, "group") ?? "",
            Kind: Text(resource, "kind") ?? "",
            Namespace: Text(resource, "namespace") ?? "",
            Name: Text(resource, "name") ?? "",
            SyncStatus: Text(resource, "status") ?? "Unknown",
            SyncWave: wave.ValueKind == JsonValueKind.Number && wave.TryGetInt32(out var w) ? w
                : wave.ValueKind == JsonValueKind.String && int.TryParse(wave.GetString(), CultureInfo.InvariantCulture, out var s) ? s : 0,
            Health: Text(health, "status"),
            HealthMessage: Text(health, "message"));
    }

    private static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) ? child : default;

    private static string? Text(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name) => Child(element, name).ValueKind == JsonValueKind.True;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        DateTimeOffset.TryParse(Text(element, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static IEnumerable<JsonElement> Items(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : [];

    private static ImmutableSortedDictionary<string, string> Map(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToImmutableSortedDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
