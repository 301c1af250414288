using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Configuration;
using MlOpsDashboard.Core.Storage;

namespace MlOpsDashboard.Core.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions, AuthOptionsValidator>(AuthOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccountService>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IStartupSeed, AdminAccountSeed>(sp =>
            new AdminAccountSeed(sp.GetRequiredService<AccountService>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>(), Console.Out)));
        return services;
    }
}
