using Microsoft.Extensions.Options;

namespace MlOpsDashboard.Core.Configuration;

/// <summary>Where the app writes: database, models, the sandbox's repository, everything.</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Empty means the per-user application data folder, outside the source tree.</summary>
    public string Directory { get; set; } = "";

    public string ResolvedDirectory => string.IsNullOrWhiteSpace(Directory)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "mlops-dashboard")
        : Path.GetFullPath(Environment.ExpandEnvironmentVariables(Directory));
}

public sealed class DataOptionsValidator : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        var errors = new OptionErrors(DataOptions.Section);
        try
        {
            System.IO.Directory.CreateDirectory(options.ResolvedDirectory);
            var probe = Path.Combine(options.ResolvedDirectory, ".write-probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add("Directory", $"is '{options.Directory}' and cannot be written ({e.Message}); accepted values: a writable folder path, or empty for the user's application data folder.");
        }
        return errors.ToResult();
    }
}
