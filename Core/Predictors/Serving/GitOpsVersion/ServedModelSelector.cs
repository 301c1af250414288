using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Predictors.BuildTime;
using MlOpsDashboard.Core.Predictors.FailureRisk;
using MlOpsDashboard.Core.Predictors.Registry;
using MlOpsDashboard.Core.Predictors.Serving.Api;
using MlOpsDashboard.Core.Predictors.TestSelection;

namespace MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;

public static class ServedModelSources
{
    /// <summary>The version GitOps deployed for model-serving.</summary>
    public const string GitOps = "gitops";

    /// <summary>The registry's champion, because no usable deployment information exists.</summary>
    public const string ChampionFallback = "registry-champion";
}

/// <summary>A loaded predictor and what to tell callers about its version.</summary>
public sealed record ServedPredictor<T>(T Predictor, ServedModelInfo Info) where T : IPredictor;

/// <summary>Everything the API serves at one moment; replaced as a whole, never mutated.</summary>
public sealed record ServedModelSet(
    ServedPredictor<IBuildTimePredictor>? BuildTime,
    ServedPredictor<IFailureRiskPredictor>? FailureRisk,
    ServedPredictor<ITestSelectionPredictor>? TestSelection,
    DeployedVersionReading Deployment,
    DateTimeOffset CheckedAt)
{
    public static ServedModelSet Empty(DateTimeOffset at) =>
        new(null, null, null, new DeployedVersionReading(null, "not read yet: the app is starting"), at);

    public string Describe() => string.Join(", ", new[] { BuildTime?.Info, FailureRisk?.Info, TestSelection?.Info }
        .Select(i => i is null ? "none" : $"{i.Version} ({i.Source})"));
}

/// <summary>
/// Which model versions the API serves. Requests read <see cref="Current"/> once (a volatile
/// read) and keep that set for their whole life; a refresh loads any new version first and then
/// swaps the reference, so a version switch never fails or mixes a request in flight.
/// </summary>
public sealed class ServedModelSelector(
    IServiceProvider services,
    IDeployedVersionReader deployedVersions,
    IOptions<PredictionApiOptions> options,
    TimeProvider clock,
    ILogger<ServedModelSelector> logger) : BackgroundService
{
    private volatile ServedModelSet _current = ServedModelSet.Empty(clock.GetUtcNow());

    public ServedModelSet Current => _current;

    /// <summary>Raised after a swap that changed a served version or where it came from.</summary>
    public event Action<ServedModelSet>? Changed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Serving.RefreshSeconds), clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Refreshing the served model versions failed; still serving {Served}", _current.Describe());
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Reads the deployed version and the registry, loads what is new, then swaps.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var deployment = await deployedVersions.ReadAsync(cancellationToken);
        var provider = services.GetService<IServedModelProvider>();
        var champions = provider is null ? new ServedModels(null, null, null) : await provider.GetCurrentAsync(cancellationToken);
        var next = new ServedModelSet(
            await PickAsync(provider, PredictorKind.BuildTime, champions.BuildTime, deployment, cancellationToken),
            await PickAsync(provider, PredictorKind.FailureRisk, champions.FailureRisk, deployment, cancellationToken),
            await PickAsync(provider, PredictorKind.TestSelection, champions.TestSelection, deployment, cancellationToken),
            deployment,
            clock.GetUtcNow());
        var previous = _current;
        _current = next;
        if (previous.Describe() != next.Describe())
        {
            logger.LogInformation("Serving {Served}; deployment: {Deployment}", next.Describe(), deployment.Explanation);
            Changed?.Invoke(next);
        }
    }

    private static async Task<ServedPredictor<T>?> PickAsync<T>(
        IServedModelProvider? provider, PredictorKind kind, T? champion, DeployedVersionReading deployment, CancellationToken cancellationToken)
        where T : class, IPredictor
    {
        string why;
        if (deployment.Version?.For(kind) is { } wanted)
        {
            if (provider is not null && await provider.GetVersionAsync(wanted, cancellationToken) is T deployed)
            {
                return new(deployed, new ServedModelInfo(deployed.Version.ToString(), ServedModelSources.GitOps, deployment.Explanation));
            }
            why = $"{deployment.Explanation} asks for {wanted}, which the model registry does not have";
        }
        else
        {
            why = deployment.Version is null
                ? $"no deployment information: {deployment.Explanation}"
                : $"{deployment.Explanation} names no {ModelVersionId.Slug(kind)} version";
        }
        return champion is null
            ? null
            : new(champion, new ServedModelInfo(champion.Version.ToString(), ServedModelSources.ChampionFallback, $"Serving the registry champion; {why}."));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
