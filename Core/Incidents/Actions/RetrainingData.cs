using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Cluster;
using MlOpsDashboard.Core.Pipelines;
using MlOpsDashboard.Core.Predictors;
using MlOpsDashboard.Core.Predictors.Features;
using MlOpsDashboard.Core.Predictors.Importers;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Incidents.Actions;

/// <summary>Training rows for a retraining and the label the registry keeps with the new version.</summary>
public sealed record RetrainingSet(string DataSource, Func<IProgress<string>, CancellationToken, Task<IReadOnlyList<BuildExample>>>? Builds,
    Func<IReadOnlyList<TestCaseExample>>? Tests);

/// <summary>
/// Where retraining data comes from: the configured GitHub repository's own Actions history (the
/// most recent labelled builds there are), or in the sandbox a fresh draw of its seeded synthetic
/// CI history (labelled as such). Anything else has no data the dashboard may train on, and says so.
/// </summary>
public sealed class RetrainingData(IOptions<GitHubOptions> github, IOptions<ClusterOptions> cluster, IOptions<PredictorsOptions> predictors, IOptions<IncidentsOptions> incidents)
{
    private const int MaxRuns = 2000;

    public RetrainingSet For(PredictorKind kind, int nextVersion)
    {
        var gh = github.Value;
        if (cluster.Value.IsSandbox)
        {
            // A new seed per version: the same generator, new builds, as a new week of CI would bring.
            var seed = predictors.Value.DefaultModelsSeed + nextVersion;
            var perProject = incidents.Value.RetrainBuildsPerProject;
            return new($"{SyntheticCiHistory.DataSource}, seed {seed}",
                (_, _) => Task.FromResult(SyntheticCiHistory.Builds(seed, buildsPerProject: perProject)),
                () => SyntheticCiHistory.TestRuns(seed));
        }
        if (gh.Repository.Length > 0 && gh.Token.Length > 0 && kind != PredictorKind.TestSelection)
        {
            var (owner, name) = gh.OwnerAndName;
            return new($"GitHub Actions history of {gh.Repository}", (progress, cancellationToken) =>
            {
                var client = new Octokit.GitHubClient(new Octokit.ProductHeaderValue("mlops-dashboard"), new Uri(gh.ApiUrl))
                {
                    Credentials = new Octokit.Credentials(gh.Token),
                };
                return new GitHubActionsImporter(client, TimeProvider.System).ImportAsync(owner, name, MaxRuns, progress, cancellationToken);
            }, null);
        }
        throw new RetrainRefusedException(kind == PredictorKind.TestSelection
            ? "Test selection trains on test verdicts, which the dashboard cannot read from GitHub; run `train --tests <verdicts.csv>` in the CT workflow."
            : "No training data: set GitHub:Repository and GitHub:Token to retrain on the repository's Actions history, or run `train --builds` in the CT workflow.", 409, "No training data");
    }
}
