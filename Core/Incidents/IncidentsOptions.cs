using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Incidents;

public sealed class IncidentsOptions
{
    public const string Section = "Incidents";

    /// <summary>The bearer token Alertmanager sends (deploy/monitoring/alertmanager.yaml). Empty: the webhook answers 503.</summary>
    public string WebhookToken { get; set; } = "";

    /// <summary>Largest accepted webhook or analysis request body.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Start an analysis for every newly firing alert.</summary>
    public bool AnalyzeFiringAlerts { get; set; } = true;

    /// <summary>Analyse a model's drift when the drift monitor sees it begin.</summary>
    public bool AnalyzeDrift { get; set; } = true;

    /// <summary>Analyse each CI run that fails while the dashboard watches.</summary>
    public bool AnalyzeFailedRuns { get; set; } = true;

    /// <summary>How often the newest CI runs are read for new failures.</summary>
    public int FailedRunPollSeconds { get; set; } = 60;

    /// <summary>Sandbox only: synthetic builds per project when a drift report's Retrain draws new training data (3 projects).</summary>
    public int RetrainBuildsPerProject { get; set; } = 400;

    /// <summary>Extra regular expressions whose matches are masked before anything is sent or stored.</summary>
    public List<string> RedactionPatterns { get; set; } = [];

    /// <summary>Log lines kept per container log (the last ones).</summary>
    public int MaxLogLines { get; set; } = 200;

    /// <summary>Upper bound of the context sent to an analyst, in characters.</summary>
    public int MaxContextChars { get; set; } = 48_000;

    /// <summary>How long an analysis counts as fresh in the attention queue.</summary>
    public double FreshAnalysisHours { get; set; } = 24;
}

public sealed class IncidentsOptionsValidator : IValidateOptions<IncidentsOptions>
{
    public ValidateOptionsResult Validate(string? name, IncidentsOptions options)
    {
        var errors = new OptionErrors(IncidentsOptions.Section);
        errors.RequireRange("MaxRequestBytes", options.MaxRequestBytes, 1024, 64 * 1024 * 1024);
        errors.RequireRange("MaxLogLines", options.MaxLogLines, 10, 10_000);
        errors.RequireRange("MaxContextChars", options.MaxContextChars, 4_000, 1_000_000);
        errors.RequireRange("FailedRunPollSeconds", options.FailedRunPollSeconds, 5, 24 * 3600);
        errors.RequireRange("RetrainBuildsPerProject", options.RetrainBuildsPerProject, 50, 100_000);
        errors.RequireRange("FreshAnalysisHours", options.FreshAnalysisHours, 0.1, 24 * 30);
        for (var i = 0; i < options.RedactionPatterns.Count; i++)
        {
            try
            {
                _ = new System.Text.RegularExpressions.Regex(options.RedactionPatterns[i]);
            }
            catch (ArgumentException e)
            {
                errors.Add($"RedactionPatterns:{i}", $"is '{options.RedactionPatterns[i]}', not a valid regular expression ({e.Message}); accepted values: .NET regular expressions.");
            }
        }
        return errors.ToResult();
    }
}
