using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MlOpsDashboard.Core.Pipelines.Triage;

namespace MlOpsDashboard.Core.Pipelines.Simulated;

/// <summary>A commit the simulated history pushed: its SHA, when, by whom, and which runs at it failed how.</summary>
internal sealed record SimulatedPush(string Sha, DateTimeOffset At, string Author, IReadOnlyList<FailureCategory> Failures);

/// <summary>
/// The commits behind the simulated runs. Each push carries one to three commits of ordinary work on
/// this repository's real files; a push whose run failed carries the change that broke it, touching
/// the file the failure's log names (the test, the page that does not compile, the project file, the
/// overlay). Everything follows from the SHAs, which follow from the source's seed, so the same
/// history always compares the same way.
/// </summary>
internal static class SimulatedChanges
{
    private sealed record WorkItem(string Message, IReadOnlyList<(string Path, string Status)> Files);

    private static readonly WorkItem[] Work =
    [
        new("Drift: show the reference window beside the current one", [("Core/Drift/Investigation/DistributionComparison.cs", "modified"), ("Core/Drift/Monitoring/DriftWindows.cs", "modified")]),
        new("Cluster: back off 0.8 s doubling on watch errors", [("Core/Cluster/Kubernetes/WatchBackoff.cs", "modified"), ("Core/Cluster/Kubernetes/ResourceWatcher.cs", "modified")]),
        new("Rollback: name the version being restored in the commit message", [("Core/Delivery/Rollback/RollbackService.cs", "modified")]),
        new("Promotion: keep comments when editing the kustomization", [("Core/Delivery/Promotion/KustomizationEditor.cs", "modified"), ("Dashboard.Tests/Delivery/KustomizationEditorTests.cs", "modified")]),
        new("Build time: cache the median per workflow", [("Core/Pipelines/IBuildDurationEstimator.cs", "modified")]),
        new("Incidents: redact Slack tokens", [("Core/Incidents/Redaction/Redactor.cs", "modified"), ("Dashboard.Tests/Incidents/RedactionCorpusTests.cs", "modified")]),
        new("Failure risk: scale features with the training set's statistics", [("Core/Predictors/FailureRisk/FeatureScaler.cs", "modified")]),
        new("Training: chronological split keeps the newest 20 % for evaluation", [("Core/Predictors/Training/ChronologicalSplit.cs", "modified")]),
        new("Model serving: raise the memory limit to 6Gi", [("deploy/apps/model-serving/base/deployment.yaml", "modified")]),
        new("Docs: explain the sandbox scenarios", [("README.md", "modified")]),
        new("Overview: order the attention queue by severity", [("Dashboard/Components/Pages/Overview/AttentionQueueCard.razor", "modified")]),
        new("Drift: Kolmogorov-Smirnov p-value for small windows", [("Core/Drift/Statistics/KolmogorovSmirnov.cs", "modified"), ("Core/Drift/Statistics/KolmogorovDistribution.cs", "modified")]),
        new("CI: cache NuGet packages between runs", [(".github/workflows/ci.yml", "modified")]),
        new("Bump Octokit from 14.0.0 to 14.0.1", [("Directory.Packages.props", "modified")]),
    ];

    /// <summary>The change that makes a run fail the way <paramref name="kind"/>'s log says; its files are the ones the log names.</summary>
    private static WorkItem Breaking(FailureCategory kind) => kind switch
    {
        FailureCategory.TestFailure => new("Promotion: read the promoted tag after a rebase", [("Core/Delivery/Promotion/PromotionService.cs", "modified"), ("Dashboard.Tests/Delivery/PromotionServiceTests.cs", "modified")]),
        FailureCategory.Compile => new("Models page: show the champion's metrics beside each version", [("Dashboard/Components/Pages/Models/Models.razor", "modified"), ("Dashboard/Components/Pages/Models/Models.razor.cs", "modified")]),
        FailureCategory.Dependency => new("Pipelines: receive GitHub webhooks through Octokit.Webhooks", [("Core/Core.csproj", "modified"), ("Core/Pipelines/GitHub/GitHubWebhookReceiver.cs", "added")]),
        FailureCategory.SecurityFinding => new("Dockerfile: runtime image on Ubuntu 24.04", [("Dockerfile", "modified")]),
        FailureCategory.ModelBelowThreshold => new("Failure risk: drop the author-history features", [("Core/Predictors/FailureRisk/FailureRiskModels.cs", "modified"), ("Core/Predictors/Training/SyntheticCiHistory.cs", "modified")]),
        FailureCategory.ManifestError => new("Staging: add resource limits to the dashboard overlay", [("deploy/apps/mlops-dashboard/overlays/staging/kustomization.yaml", "modified")]),
        _ => Work[0],
    };

    /// <summary>The commits of <paramref name="pushes"/> (oldest first, after the base), and the files they changed together.</summary>
    public static PipelineChangeSet Between(string baseSha, string headSha, IReadOnlyList<SimulatedPush> pushes)
    {
        var commits = new List<PipelineCommit>();
        var files = new Dictionary<string, (string Status, int Additions, int Deletions)>(StringComparer.Ordinal);
        foreach (var push in pushes)
        {
            var random = new Random(Seed(push.Sha));
            var count = 1 + random.Next(3);
            var items = Enumerable.Range(0, count).Select(_ => Work[random.Next(Work.Length)]).ToList();
            if (push.Failures.Count > 0)
            {
                items[^1] = Breaking(push.Failures[0]);
            }
            for (var i = 0; i < items.Count; i++)
            {
                // The push's own SHA is its last commit's; the ones before it get SHAs derived from it.
                var sha = i == items.Count - 1 ? push.Sha : DerivedSha(push.Sha, i);
                var when = push.At.AddMinutes(-(items.Count - 1 - i) * (4 + random.Next(20)));
                commits.Add(new PipelineCommit(sha, push.Author, items[i].Message, when));
                foreach (var (path, status) in items[i].Files)
                {
                    var (added, deleted) = (2 + random.Next(60), random.Next(25));
                    files[path] = files.TryGetValue(path, out var before)
                        ? (before.Status == "added" ? "added" : status, before.Additions + added, before.Deletions + deleted)
                        : (status, added, status == "added" ? 0 : deleted);
                }
            }
        }
        return new PipelineChangeSet(baseSha, headSha, commits, commits.Count,
            [.. files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new PipelineFileChange(f.Key, f.Value.Status, f.Value.Additions, f.Value.Deletions))],
            FilesTruncated: false, $"https://github.com/sandbox/mlops-dashboard/compare/{baseSha}...{headSha}");
    }

    private static int Seed(string sha) => BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(sha)));

    private static string DerivedSha(string sha, int index) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sha}/{index}")))[..40];
}
