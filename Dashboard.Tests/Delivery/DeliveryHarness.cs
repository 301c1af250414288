using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Delivery;
using MlOpsDashboard.Core.Delivery.Audit;
using MlOpsDashboard.Core.Delivery.Promotion;
using MlOpsDashboard.Core.Delivery.PullRequests;
using MlOpsDashboard.Core.Delivery.Rollback;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Delivery;

/// <summary>Promotion and rollback over a real bare repository and a migrated Sqlite audit log; no cluster.</summary>
public sealed class DeliveryHarness : IDisposable
{
    public const string Production = "model-serving-production";
    public const string ProductionFile = "deploy/apps/model-serving/overlays/production/kustomization.yaml";
    public const string ProductionPath = "deploy/apps/model-serving/overlays/production";

    private readonly TestDatabase _database = new();

    public DeliveryHarness(bool pullRequests = false, GitHubOptions? github = null)
    {
        Repository = Remote.Client();
        Audit = new AuditLog(_database, TimeProvider.System);
        var manifests = Options.Create(new ManifestsOptions { Repository = Remote.BarePath, PullRequests = pullRequests });
        Executor = new DeliveryExecutor(Repository, Audit, new GitHubPullRequestOpener(Options.Create(github ?? new GitHubOptions()), TimeProvider.System),
            manifests, TimeProvider.System, NullLogger<DeliveryExecutor>.Instance);
        Promotions = new PromotionService(Repository, Executor, manifests);
        Rollbacks = new RollbackService(Repository, new ArgoApplicationReader(new ClusterState(configured: false, TimeProvider.System)), Executor, manifests);
    }

    public ManifestRemote Remote { get; } = new();
    public ManifestRepository Repository { get; }
    public AuditLog Audit { get; }
    public DeliveryExecutor Executor { get; }
    public PromotionService Promotions { get; }
    public RollbackService Rollbacks { get; }
    public DeliveryUser Alice { get; } = new("alice", "operator");

    /// <summary>Another dashboard replica on the same remote, with its own clone.</summary>
    public PromotionService SecondReplica() =>
        new(Remote.Client(), new DeliveryExecutor(Remote.Client(), Audit, new GitHubPullRequestOpener(Options.Create(new GitHubOptions()), TimeProvider.System),
            Options.Create(new ManifestsOptions { Repository = Remote.BarePath }), TimeProvider.System, NullLogger<DeliveryExecutor>.Instance),
            Options.Create(new ManifestsOptions { Repository = Remote.BarePath }));

    public void Dispose()
    {
        Remote.Dispose();
        _database.Dispose();
    }
}
