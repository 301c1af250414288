using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Predictors;

public sealed class PredictorsOptions
{
    public const string Section = "Predictors";

    /// <summary>In sandbox mode, train default models from the seeded synthetic history when the registry is empty.</summary>
    public bool TrainDefaultModels { get; set; } = true;

    /// <summary>Seed of the synthetic history: same seed, same default models.</summary>
    public int DefaultModelsSeed { get; set; } = 7;
}

public sealed class PredictorsOptionsValidator : IValidateOptions<PredictorsOptions>
{
    public ValidateOptionsResult Validate(string? name, PredictorsOptions options)
    {
        var errors = new OptionErrors(PredictorsOptions.Section);
        if (options.DefaultModelsSeed < 0)
        {
            errors.Add(nameof(PredictorsOptions.DefaultModelsSeed), $"is {options.DefaultModelsSeed}; accepted values: 0 or a positive whole number.");
        }
        return errors.ToResult();
    }
}
