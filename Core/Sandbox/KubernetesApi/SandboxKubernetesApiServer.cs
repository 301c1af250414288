using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MlOpsDashboard.Core.Sandbox.KubernetesApi;

/// <summary>Where the sandbox API listens (https://127.0.0.1:port), the bearer token it requires and the CA its certificate chains to.</summary>
public sealed record SandboxKubernetesApiEndpoint(Uri BaseAddress, string Token, string CertificateAuthorityPem)
{
    /// <summary>A client configuration equivalent to the kubeconfig <see cref="KubeconfigWriter"/> writes.</summary>
    public KubernetesClientConfiguration ToClientConfiguration() => new()
    {
        Host = BaseAddress.ToString(),
        AccessToken = Token,
        SslCaCerts = [X509Certificate2.CreateFromPem(CertificateAuthorityPem)],
    };
}

/// <summary>
/// The sandbox's Kubernetes REST API: a Kestrel server on 127.0.0.1, serving the
/// <see cref="SandboxObjectStore"/> to KubernetesClient and kubectl as a K3s + Argo CD cluster.
/// Every request needs <c>Authorization: Bearer {token}</c> (K3s runs with anonymous auth off).
/// HTTPS with a CA made at start (see <see cref="SandboxCertificates"/>): kubectl sends tokens only over TLS.
/// </summary>
public sealed class SandboxKubernetesApiServer : IAsyncDisposable
{
    private readonly SandboxKubernetesApiServerOptions _options;
    private readonly TimeProvider _time;
    private readonly string _token = RandomNumberGenerator.GetHexString(64, lowercase: true);
    private WebApplication? _app;
    private SandboxCertificates? _certificates;

    public SandboxKubernetesApiServer(SandboxObjectStore store, SandboxKubernetesApiServerOptions? options = null, TimeProvider? timeProvider = null)
    {
        Store = store;
        _options = options ?? new SandboxKubernetesApiServerOptions();
        _time = timeProvider ?? TimeProvider.System;
        Faults = new SandboxApiFaults(store);
    }

    public SandboxObjectStore Store { get; }

    public SandboxApiFaults Faults { get; }

    /// <summary>Set once <see cref="StartAsync"/> has completed.</summary>
    public SandboxKubernetesApiEndpoint? Endpoint { get; private set; }

    public async Task<SandboxKubernetesApiEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The sandbox Kubernetes API server is already started.");
        }
        _certificates = SandboxCertificates.Create();
        var serverCertificate = _certificates.Server;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // The host process's settings (appsettings.json, ASPNETCORE_URLS, a Kestrel section) are not ours.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = _options.MaxRequestBodyBytes;
            kestrel.Listen(IPAddress.Loopback, _options.Port, listen => listen.UseHttps(serverCertificate));
        });
        var app = builder.Build();
        var stopping = app.Lifetime.ApplicationStopping;
        var router = new ApiRequestRouter(
            _options,
            new ResourceEndpoints(Store, _options),
            new WatchEndpoint(Store, Faults, _options, _time),
            new PodLogEndpoint(Store, _time));
        app.Use(async (context, next) =>
        {
            if (!IsAuthorized(context.Request))
            {
                await StatusResponses.WriteAsync(context, StatusResponses.Unauthorized());
                return;
            }
            if (Faults.TryTakeRequestFailure(out var code))
            {
                await StatusResponses.WriteAsync(context, StatusResponses.Injected(code));
                return;
            }
            await next(context);
        });
        app.Run(context => router.HandleAsync(context, stopping));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            _certificates.Dispose();
            _certificates = null;
            throw;
        }
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Endpoint = new SandboxKubernetesApiEndpoint(new Uri(address), _token, _certificates.AuthorityPem);
        return Endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        _certificates?.Dispose();
        _certificates = null;
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()),
            Encoding.UTF8.GetBytes(_token));
    }
}
