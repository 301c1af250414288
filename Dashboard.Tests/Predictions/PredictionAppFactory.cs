using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsDashboard.Core.Predictors.Serving;
using MlOpsDashboard.Core.Predictors.Serving.GitOpsVersion;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>The real app serving <see cref="Registry"/>'s models, with an API key for machine clients.</summary>
public sealed class PredictionAppFactory(TestModelRegistry registry, IDictionary<string, string?>? settings = null)
    : DashboardAppFactory(WithDefaults(settings))
{
    public const string ApiKey = "test-prediction-key-0123456789";

    public TestModelRegistry Registry => registry;

    /// <summary>A client sending the API key as a bearer token.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>Loads the registry's current state now instead of at the next refresh tick.</summary>
    public Task RefreshServedModelsAsync() => Services.GetRequiredService<ServedModelSelector>().RefreshAsync(CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IServedModelProvider>();
            services.AddSingleton<IServedModelProvider>(registry);
        });
    }

    private static Dictionary<string, string?> WithDefaults(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?> { ["Predictions:ApiKeys:0"] = ApiKey };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return all;
    }
}
