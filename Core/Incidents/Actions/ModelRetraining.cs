using Microsoft.Extensions.Logging;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Reports;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.TestSelection;
using MlOpsDashboard.Core.Predictors.Training;

namespace MlOpsDashboard.Core.Incidents.Actions;

/// <summary>
/// The "Retrain" action of a drift report: trains a new version of the drifting predictor with
/// the existing training service, which evaluates it, registers it with its reference profile
/// (so drift monitoring follows it) and makes it champion only if it beats the current one.
/// Serving changes only when someone promotes it through GitOps. One retraining at a time: it is
/// CPU work on the same machine that serves the dashboard.
/// </summary>
public sealed class ModelRetraining(
    AnalysisStore analyses,
    ModelRegistry registry,
    PredictorTraining training,
    RetrainingData data,
    TimeProvider clock,
    ILogger<ModelRetraining> logger)
{
    private const int MaxProgressLines = 50;
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, RetrainJob> _jobs = [];
    private Guid? _running;

    /// <summary>Raised on every change of any job (progress, finish); pages re-render on it.</summary>
    public event Action<RetrainJob>? Changed;

    public RetrainJob? Find(Guid id)
    {
        lock (_lock)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    /// <summary>The newest job for a report, if one was started from it.</summary>
    public RetrainJob? ForAnalysis(long analysisId)
    {
        lock (_lock)
        {
            return _jobs.Values.Where(j => j.AnalysisId == analysisId).MaxBy(j => j.StartedAt);
        }
    }

    /// <summary>Checks the request, then trains in the background; the job reports progress through <see cref="Changed"/>.</summary>
    public async Task<RetrainJob> StartAsync(long analysisId, string user, CancellationToken cancellationToken)
    {
        var analysis = await analyses.FindAsync(analysisId, cancellationToken)
            ?? throw new KeyNotFoundException($"No analysis {analysisId}.");
        if (analysis.Report.Domain != IncidentDomain.Drift || analysis.Application is not { Length: > 0 } model)
        {
            throw new RetrainRefusedException($"Analysis {analysisId} is about {analysis.Report.Domain}, not model drift; retraining starts from a drift report.");
        }
        var kind = Enum.GetValues<PredictorKind>().Cast<PredictorKind?>().FirstOrDefault(k => ModelVersionId.Slug(k!.Value) == model)
            ?? throw new RetrainRefusedException($"'{model}' is not one of the predictors the dashboard trains (build-time, failure-risk, test-selection).");
        var next = (await registry.ListAsync(kind, cancellationToken)).Select(v => v.Id.Number).DefaultIfEmpty(0).Max() + 1;
        var set = data.For(kind, next);
        RetrainJob job;
        lock (_lock)
        {
            if (_running is { } running)
            {
                throw new RetrainRefusedException($"A retraining of {_jobs[running].Model} started by {_jobs[running].RequestedBy} is still running.", 409, "Retraining already running");
            }
            job = new RetrainJob { Id = Guid.NewGuid(), AnalysisId = analysisId, Model = model, RequestedBy = user, DataSource = set.DataSource, StartedAt = clock.GetUtcNow() };
            _jobs[job.Id] = job;
            _running = job.Id;
        }
        logger.LogInformation("{User} started retraining {Model} from analysis {AnalysisId} on {DataSource}", user, model, analysisId, set.DataSource);
        Changed?.Invoke(job);
        // Training is CPU-bound for a minute or more: off the request, never tied to the caller's token.
        _ = Task.Run(() => RunAsync(job.Id, kind, set));
        return job;
    }

    private async Task RunAsync(Guid id, PredictorKind kind, RetrainingSet set)
    {
        var progress = new JobProgress(this, id);
        try
        {
            var author = $"retrain by {Find(id)!.RequestedBy} (analysis {Find(id)!.AnalysisId})";
            IReadOnlyList<ModelVersion> registered;
            if (kind == PredictorKind.TestSelection)
            {
                progress.Report("preparing test runs");
                var (_, version) = await training.TrainTestsAsync(set.Tests!(), set.DataSource, author, progress, CancellationToken.None, new TestSelectionTrainingOptions { Trees = 40 });
                registered = [version];
            }
            else
            {
                progress.Report("reading builds");
                var builds = await set.Builds!(progress, CancellationToken.None);
                progress.Report($"training on {builds.Count} builds");
                (_, registered) = await training.TrainBuildsAsync(builds, set.DataSource, author, progress, CancellationToken.None,
                    new BuildTimeTrainingOptions(), new FailureRiskTrainingOptions { MaxEpochs = 15, ChallengerTrees = 60 });
            }
            var versions = await Task.WhenAll(registered.Select(v => registry.GetAsync(v.Id)));
            var names = versions.OfType<ModelVersion>()
                .OrderByDescending(v => v.Id.Kind == kind)
                .Select(v => v.Aliases.Count > 0 ? $"{v.Id} ({string.Join(", ", v.Aliases).ToLowerInvariant()})" : v.Id.ToString())
                .ToList();
            Update(id, j => j with { State = RetrainState.Succeeded, FinishedAt = clock.GetUtcNow(), Registered = names });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Retraining {Job} failed", id);
            Update(id, j => j with { State = RetrainState.Failed, FinishedAt = clock.GetUtcNow(), Error = e.Message });
        }
    }

    private void Update(Guid id, Func<RetrainJob, RetrainJob> change)
    {
        RetrainJob job;
        lock (_lock)
        {
            job = _jobs[id] = change(_jobs[id]);
            if (job.State != RetrainState.Running && _running == id)
            {
                _running = null;
            }
        }
        Changed?.Invoke(job);
    }

    private sealed class JobProgress(ModelRetraining owner, Guid id) : IProgress<string>
    {
        public void Report(string value) => owner.Update(id, j => j with { Progress = [.. j.Progress.TakeLast(MaxProgressLines - 1), value] });
    }
}
