using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Incidents;

public sealed class PrometheusOptions
{
    public const string Section = "Prometheus";

    /// <summary>Prometheus's base address, e.g. http://prometheus.monitoring.svc:9090. Empty: not configured.</summary>
    public string Url { get; set; } = "";
}

public sealed class PrometheusOptionsValidator : IValidateOptions<PrometheusOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        var errors = new OptionErrors(PrometheusOptions.Section);
        if (options.Url.Length > 0)
        {
            errors.RequireAbsoluteHttpUrl("Url", options.Url);
        }
        return errors.ToResult();
    }
}
