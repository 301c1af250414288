using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Training;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictors.Registry;

public sealed class DefaultModelsServiceTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("mlops-default-models-").FullName;
    private readonly TestDatabase _database = new();

    public void Dispose()
    {
        _database.Dispose();
        TempFolders.TryDelete(_data);
    }

    [Fact]
    public async Task Start_SandboxWithEmptyRegistry_TrainsLabelledDefaultsAndReportsStartupWork()
    {
        var registry = new ModelRegistry(_database, Options.Create(new DataOptions { Directory = _data }), TimeProvider.System);
        var work = new StartupWork(TimeProvider.System);
        work.Completed("Database migrations", "test database");
        var services = new ServiceCollection().AddSingleton(registry).AddSingleton(new PredictorTraining(registry, new DriftReferencePublisher(new Core.Drift.Profiles.ReferenceProfileStore(_database), TimeProvider.System))).BuildServiceProvider();
        DefaultModelsService Create() => new(services, work,
            Options.Create(new PredictorsOptions { DefaultModelsSeed = 3 }), Options.Create(new ClusterOptions()), NullLogger<DefaultModelsService>.Instance);

        var service = Create();
        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        var item = Assert.Single(work.Snapshot(), w => w.Name == DefaultModelsService.WorkName);
        Assert.Equal(StartupWorkState.Completed, item.State);
        var versions = await registry.ListAsync();
        Assert.Equal(["build-time/v1", "failure-risk/v2", "failure-risk/v1", "test-selection/v1"], versions.Select(v => v.Id.ToString()));
        Assert.All(versions, v => Assert.StartsWith(SyntheticCiHistory.DataSource, v.DataSource, StringComparison.Ordinal));
        Assert.All(versions, v => Assert.Equal("sandbox", v.Author));

        var again = Create();
        await again.StartAsync(CancellationToken.None);
        await again.ExecuteTask!;
        Assert.Equal(4, (await registry.ListAsync()).Count);
        Assert.Contains("already", work.Snapshot().Single(w => w.Name == DefaultModelsService.WorkName).Detail);
    }

    [Fact]
    public void SyntheticHistory_SameSeed_SameData()
    {
        var first = SyntheticCiHistory.Builds(11, projects: 1, buildsPerProject: 50);
        var second = SyntheticCiHistory.Builds(11, projects: 1, buildsPerProject: 50);

        Assert.Equal(first.Select(b => (b.Failed, b.DurationSeconds)), second.Select(b => (b.Failed, b.DurationSeconds)));
        Assert.InRange(first.Count(b => b.Failed), 3, 35);
    }
}
