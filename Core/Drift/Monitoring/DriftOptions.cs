using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Drift.Monitoring;

public sealed class DriftOptions
{
    public const string Section = "Drift";

    /// <summary>How often the monitor looks for completed windows.</summary>
    public double IntervalSeconds { get; set; } = 60;

    /// <summary>Length of a window of served values compared with the reference.</summary>
    public double WindowMinutes { get; set; } = 60;

    /// <summary>Windows with fewer served rows are skipped: too few to say anything.</summary>
    public int MinimumRows { get; set; } = 30;

    /// <summary>How many past windows to catch up on after a pause.</summary>
    public int LookbackWindows { get; set; } = 24;
}

public sealed class DriftOptionsValidator : IValidateOptions<DriftOptions>
{
    public ValidateOptionsResult Validate(string? name, DriftOptions options)
    {
        var errors = new OptionErrors(DriftOptions.Section);
        errors.RequireRange("IntervalSeconds", options.IntervalSeconds, 0.1, 86_400);
        errors.RequireRange("WindowMinutes", options.WindowMinutes, 0.01, 10_080);
        errors.RequireRange("MinimumRows", options.MinimumRows, 2, 10_000_000);
        errors.RequireRange("LookbackWindows", options.LookbackWindows, 1, 10_000);
        return errors.ToResult();
    }
}
