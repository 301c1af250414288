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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
