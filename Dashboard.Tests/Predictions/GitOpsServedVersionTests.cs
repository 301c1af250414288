using System.Collections.Concurrent;
using System.Net;
using LibGit2Sharp;
using MlOpsDashboard.Core.Sandbox;
using MlOpsDashboard.Dashboard.Tests.Support;
using static MlOpsDashboard.Dashboard.Tests.Predictions.PredictionRequests;

namespace MlOpsDashboard.Dashboard.Tests.Predictions;

/// <summary>
/// The served version follows what GitOps deployed in the sandbox cluster: the production
/// overlay's MODEL_VERSION, read from the model-serving Deployment's ConfigMap through
/// KubernetesClient, switching without failing requests in flight.
/// </summary>
public sealed class GitOpsServedVersionTests : IAsyncLifetime
{
    private const string Overlay = "deploy/apps/model-serving/overlays/production/kustomization.yaml";

    private readonly PredictionAppFactory _app = new(
        new TestModelRegistry().AddTrained(1).AddTrained(11, champion: false).AddTrained(12, champion: false),
        new Dictionary<string, string?>
        {
            ["Cluster:Mode"] = "Sandbox",
            ["Sandbox:PollIntervalSeconds"] = "1",
            ["Sandbox:TickSeconds"] = "0.2",
            ["Predictions:Serving:RefreshSeconds"] = "0.2",
            ["Predictions:Traffic:RequestsPerSecond"] = "0",
        });

    public async Task InitializeAsync()
    {
        _app.CreateClient();
        await _app.Services.GetRequiredService<SandboxPlatform>().Started.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ModelVersionPromotedInGit_ServedVersionSwitchesWithoutFailedRequests()
    {
        using var client = _app.CreateApiClient();
        await PredictionLogTests.Eventually(() => AssertServed("build-time/v11", client), seconds: 40);
        var versions = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await PostAsync(client, BuildTime, Build());
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add(response.StatusCode);
                    continue;
                }
                var model = (await ReadAsync(response)).GetProperty("model");
                versions.Add($"{model.GetProperty("version").GetString()} {model.GetProperty("source").GetString()}");
            }
        })));

        await CommitAsync(text => text.Replace("MODEL_VERSION=11", "MODEL_VERSION=12", StringComparison.Ordinal));
        await PredictionLogTests.Eventually(() => AssertServed("build-time/v12", client), seconds: 40);
        await Task.Delay(300);
        await stop.CancelAsync();
        await load;

        Assert.Empty(failures);
        Assert.Equal(["build-time/v11 gitops", "build-time/v12 gitops"], versions.Distinct().Order());
    }

    [Fact]
    public async Task DeployedVersionMissingFromRegistry_ChampionServedAndSaysWhy()
    {
        using var client = _app.CreateApiClient();
        await PredictionLogTests.Eventually(() => AssertServed("build-time/v11", client), seconds: 40);

        await CommitAsync(text => text.Replace("MODEL_VERSION=11", "MODEL_VERSION=99", StringComparison.Ordinal));

        await PredictionLogTests.Eventually(() => AssertServed("build-time/v1", client), seconds: 40);
        using var response = await PostAsync(client, BuildTime, Build());
        var model = (await ReadAsync(response)).GetProperty("model");
        Assert.Equal("registry-champion", model.GetProperty("source").GetString());
        Assert.Contains("build-time/v99", model.GetProperty("detail").GetString());
    }

    private static void AssertServed(string expected, HttpClient client)
    {
        using var response = PostAsync(client, BuildTime, Build()).GetAwaiter().GetResult();
        var model = ReadAsync(response).GetAwaiter().GetResult().GetProperty("model");
        Assert.True(expected == model.GetProperty("version").GetString(), $"serving {model.GetProperty("version").GetString()}: {model.GetProperty("detail").GetString()}");
    }

    private async Task CommitAsync(Func<string, string> edit)
    {
        var platform = _app.Services.GetRequiredService<SandboxPlatform>();
        var clone = Directory.CreateTempSubdirectory("mlops-clone-").FullName;
        try
        {
            Repository.Clone(platform.Repository.Path, clone);
            using var repo = new Repository(clone);
            var path = Path.Combine(clone, Overlay);
            await File.WriteAllTextAsync(path, edit(await File.ReadAllTextAsync(path)));
            Commands.Stage(repo, Overlay);
            var who = new Signature("release-manager", "rm@example.com", DateTimeOffset.UtcNow);
            repo.Commit("model-serving production: new MODEL_VERSION", who, who);
            repo.Network.Push(repo.Branches["main"]);
        }
        finally
        {
            TempFolders.TryDelete(clone);
        }
    }
}
