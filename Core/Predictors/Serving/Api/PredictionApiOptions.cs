using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>The prediction HTTP API, the version it serves, its log and the sandbox's traffic.</summary>
public sealed class PredictionApiOptions
{
    public const string Section = "Predictions";

    /// <summary>
    /// Keys machine clients send as <c>X-Api-Key: key</c> or <c>Authorization: Bearer key</c>.
    /// Empty: only signed-in users (and the app's own sandbox traffic) can call the API.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Largest request body accepted, in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 1_048_576;

    /// <summary>Most builds (or changes) in one batch request.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Most test cases in one change sent to test selection.</summary>
    public int MaxTestsPerChange { get; set; } = 5_000;

    public ServingVersionOptions Serving { get; set; } = new();

    public PredictionLogOptions Log { get; set; } = new();

    public PredictionTrafficOptions Traffic { get; set; } = new();
}

/// <summary>Where the deployed MODEL_VERSION is read from: the model-serving Deployment in the cluster.</summary>
public sealed class ServingVersionOptions
{
    public string Namespace { get; set; } = "model-serving";

    public string Deployment { get; set; } = "model-serving";

    /// <summary>The Argo CD application that deploys it, for reading MODEL_VERSION from git at its synced revision.</summary>
    public string Application { get; set; } = "model-serving-production";

    public string ArgoNamespace { get; set; } = "argocd";

    /// <summary>How often the deployed version and the registry's champions are re-read.</summary>
    public double RefreshSeconds { get; set; } = 5;
}

public sealed class PredictionLogOptions
{
    /// <summary>Entries waiting for the database; beyond this, new entries are dropped and counted.</summary>
    public int Capacity { get; set; } = 20_000;

    /// <summary>Most entries written in one database round trip.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>Entries older than this are deleted.</summary>
    public double RetentionDays { get; set; } = 14;

    /// <summary>Recent predictions kept in memory for the live page.</summary>
    public int RecentCount { get; set; } = 2_000;
}

public sealed class PredictionTrafficOptions
{
    /// <summary>Requests per second the generator sends when the sandbox is the cluster; 0 turns it off.</summary>
    public double RequestsPerSecond { get; set; } = 4;
}

public sealed class PredictionApiOptionsValidator : IValidateOptions<PredictionApiOptions>
{
    public ValidateOptionsResult Validate(string? name, PredictionApiOptions options)
    {
        var errors = new OptionErrors(PredictionApiOptions.Section);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (options.ApiKeys[i] is not { Length: >= 16 } key || key.Any(char.IsWhiteSpace))
            {
                errors.Add($"ApiKeys:{i}", "is shorter than 16 characters or contains whitespace; accepted values: random keys of 16+ characters without spaces (e.g. `openssl rand -hex 24`).");
            }
        }
        errors.RequireRange("MaxBodyBytes", options.MaxBodyBytes, 1_024, 64 * 1_048_576);
        errors.RequireRange("MaxBatchSize", options.MaxBatchSize, 1, 100_000);
        errors.RequireRange("MaxTestsPerChange", options.MaxTestsPerChange, 1, 1_000_000);
        if (string.IsNullOrWhiteSpace(options.Serving.Namespace))
        {
            errors.Add("Serving:Namespace", "is empty; accepted values: the namespace of the model-serving Deployment.");
        }
        if (string.IsNullOrWhiteSpace(options.Serving.Deployment))
        {
            errors.Add("Serving:Deployment", "is empty; accepted values: the name of the model-serving Deployment.");
        }
        errors.RequireRange("Serving:RefreshSeconds", options.Serving.RefreshSeconds, 0.1, 3600);
        errors.RequireRange("Log:Capacity", options.Log.Capacity, 1, 10_000_000);
        errors.RequireRange("Log:BatchSize", options.Log.BatchSize, 1, 100_000);
        errors.RequireRange("Log:RetentionDays", options.Log.RetentionDays, 0.01, 3650);
        errors.RequireRange("Log:RecentCount", options.Log.RecentCount, 10, 1_000_000);
        errors.RequireRange("Traffic:RequestsPerSecond", options.Traffic.RequestsPerSecond, 0, 10_000);
        return errors.ToResult();
    }
}
