using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MlOpsDashboard.Core.Configuration;

public static class OptionsRegistration
{
    /// <summary>
    /// The one way a feature binds its section: bound, validated by a validator that collects
    /// every error, and checked at start-up rather than on first use.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        // Every feature declares the settings it reads, so several ask for the same section: bind it
        // once (binding again would append to lists such as Predictions:ApiKeys twice).
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<TOptions>) && d.ImplementationType == typeof(TValidator)))
        {
            return services.AddOptions<TOptions>();
        }
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
