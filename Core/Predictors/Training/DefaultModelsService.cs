using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Operations;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Training;

/// <summary>
/// Gives the sandbox working predictors on first start: when the registry is empty, trains all
/// three from the seeded synthetic history (licence-clean, labelled as such) and registers them.
/// Progress shows in the "Default models" start-up work item, so /readyz says what is going on.
/// </summary>
internal sealed class DefaultModelsService(
    IServiceProvider services,
    StartupWork startupWork,
    IOptions<PredictorsOptions> options,
    IOptions<ClusterOptions> cluster,
    ILogger<DefaultModelsService> logger) : BackgroundService
{
    public const string WorkName = "Default models";
    private const string MigrationsWork = "Database migrations";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TrainDefaultModels || !cluster.Value.IsSandbox)
        {
            return;
        }
        // Resolved here, not in the constructor: the database factory reads validated options, and
        // reading them while hosted services are built would pre-empt the start-up report of every bad setting.
        var registry = services.GetRequiredService<ModelRegistry>();
        var training = services.GetRequiredService<PredictorTraining>();
        startupWork.Running(WorkName, "waiting for the database");
        try
        {
            while (!startupWork.Snapshot().Any(w => w.Name == MigrationsWork && w.State == StartupWorkState.Completed))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
            }
            if ((await registry.ListAsync(cancellationToken: stoppingToken)).Count > 0)
            {
                startupWork.Completed(WorkName, "registry already holds models");
                return;
            }
            var seed = options.Value.DefaultModelsSeed;
            var progress = new Progress(startupWork);
            // Off the start-up path: training is CPU work, the host keeps starting meanwhile.
            await Task.Run(async () =>
            {
                await training.TrainBuildsAsync(SyntheticCiHistory.Builds(seed), $"{SyntheticCiHistory.DataSource}, seed {seed}", "sandbox", progress, stoppingToken,
                    new BuildTimeTrainingOptions(), new FailureRiskTrainingOptions { MaxEpochs = 15, ChallengerTrees = 60 });
                await training.TrainTestsAsync(SyntheticCiHistory.TestRuns(seed), $"{SyntheticCiHistory.DataSource}, seed {seed}", "sandbox", progress, stoppingToken,
                    new TestSelectionTrainingOptions { Trees = 40 });
            }, stoppingToken);
            startupWork.Completed(WorkName, $"trained from the synthetic history (seed {seed})");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            startupWork.Failed(WorkName, e.Message);
            logger.LogError(e, "Training the default models failed");
        }
    }

    private sealed class Progress(StartupWork work) : IProgress<string>
    {
        public void Report(string value) => work.Running(WorkName, value);
    }
}
