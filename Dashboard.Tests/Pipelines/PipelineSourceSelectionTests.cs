using Microsoft.Extensions.Configuration;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Pipelines.Simulated;

namespace MlOpsDashboard.Dashboard.Tests.Pipelines;

public sealed class PipelineSourceSelectionTests
{
    private static IPipelineSource SourceFor(string clusterMode, string repository)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = clusterMode,
            ["GitHub:Repository"] = repository,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddPipelines();
        return services.BuildServiceProvider().GetRequiredService<IPipelineSource>();
    }

    [Fact]
    public void Sandbox_UsesSimulatedRunsEvenWithARepository()
    {
        Assert.IsType<SimulatedPipelineSource>(SourceFor("Sandbox", "octo-org/mlops-platform"));
    }

    [Fact]
    public void RealCluster_WithARepository_UsesGitHubActionsThroughOneSharedRunList()
    {
        Assert.IsType<SharedRunList>(SourceFor("None", "octo-org/mlops-platform"));
    }

    [Fact]
    public async Task RealCluster_WithoutARepository_SaysWhatToConfigureInsteadOfSimulating()
    {
        var source = SourceFor("None", "");

        var error = await Assert.ThrowsAsync<PipelineSourceException>(() => source.ListRunsAsync(10, CancellationToken.None));
        Assert.Contains("GitHub:Repository", error.Message, StringComparison.Ordinal);
    }
}
