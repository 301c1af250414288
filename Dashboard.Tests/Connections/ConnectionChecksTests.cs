using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using MlOpsDashboard.Core.Connections;
using MlOpsDashboard.Dashboard.Tests.Support;

namespace MlOpsDashboard.Dashboard.Tests.Connections;

/// <summary>Each backend's check against a real counterpart: a git repository, Prometheus, loopback fakes.</summary>
public sealed class ConnectionChecksTests
{
    [Fact]
    public async Task Defaults_NothingConfigured_SayWhatToSet()
    {
        var statuses = await CheckAsync([]);

        foreach (var backend in new[] { "Kubernetes", "Manifests repository", "GitHub", "Prometheus", "LLM" })
        {
            var status = statuses[backend];
            Assert.Equal(ConnectionState.NotConfigured, status.State);
            Assert.False(string.IsNullOrWhiteSpace(status.Hint), $"{backend} gives no hint");
        }
        Assert.Contains("Cluster:Mode", statuses["Kubernetes"].Hint);
        Assert.Contains("Manifests:Repository", statuses["Manifests repository"].Hint);
        Assert.Equal(ConnectionState.Connected, statuses["Database"].State);
    }

    [Fact]
    public async Task Manifests_LocalGitRepository_ConnectedAtBranchTip()
    {
        var folder = Directory.CreateTempSubdirectory("mlops-manifests-").FullName;
        try
        {
            Repository.Init(folder);
            string sha;
            using (var repo = new Repository(folder))
            {
                repo.Refs.UpdateTarget("HEAD", "refs/heads/main");
                File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), "resources: []\n");
                Commands.Stage(repo, "kustomization.yaml");
                var who = new Signature("test", "test@example.com", DateTimeOffset.UtcNow);
                sha = repo.Commit("seed", who, who).Sha;
            }

            var statuses = await CheckAsync(new() { ["Manifests:Repository"] = folder, ["Manifests:Branch"] = "main" });
            var missingBranch = await CheckAsync(new() { ["Manifests:Repository"] = folder, ["Manifests:Branch"] = "release" });

            Assert.Equal(ConnectionState.Connected, statuses["Manifests repository"].State);
            Assert.Contains(sha[..7], statuses["Manifests repository"].Summary);
            Assert.Equal(ConnectionState.Unreachable, missingBranch["Manifests repository"].State);
        }
        finally
        {
            TempFolders.TryDelete(folder);
        }
    }

    [Fact]
    public async Task Manifests_FolderThatIsNoRepository_Unreachable()
    {
        var folder = Directory.CreateTempSubdirectory("mlops-not-git-").FullName;

        var statuses = await CheckAsync(new() { ["Manifests:Repository"] = folder });

        Assert.Equal(ConnectionState.Unreachable, statuses["Manifests repository"].State);
        Assert.Contains("not a git repository", statuses["Manifests repository"].Summary);
        TempFolders.TryDelete(folder);
    }

    [Fact]
    public async Task Prometheus_RealServer_ConnectedWithVersion()
    {
        var url = Environment.GetEnvironmentVariable("TEST_PROMETHEUS_URL")
            ?? throw new InvalidOperationException("TEST_PROMETHEUS_URL is not set: run ./test.sh, which starts Prometheus on a private port.");

        var statuses = await CheckAsync(new() { ["Prometheus:Url"] = url });

        Assert.Equal(ConnectionState.Connected, statuses["Prometheus"].State);
        Assert.Matches(@"Prometheus \d+\.\d+", statuses["Prometheus"].Summary);
    }

    [Fact]
    public async Task Prometheus_NothingListening_Unreachable()
    {
        var statuses = await CheckAsync(new() { ["Prometheus:Url"] = "http://127.0.0.1:1" });

        Assert.Equal(ConnectionState.Unreachable, statuses["Prometheus"].State);
    }

    [Fact]
    public async Task GitHub_FakeApi_ConnectedOrTokenRejected()
    {
        await using var github = await LoopbackServer.StartAsync(app =>
        {
            // Octokit puts api/v3 on any host but api.github.com, as for GitHub Enterprise.
            app.MapGet("/api/v3/repos/{owner}/{name}", (string owner, string name, HttpRequest request) =>
                string.Equals(request.Headers.Authorization.ToString(), "token good-token", StringComparison.OrdinalIgnoreCase)
                    ? Results.Json(new { id = 1, name, full_name = $"{owner}/{name}", default_branch = "main", owner = new { login = owner } })
                    : Results.Json(new { message = "Bad credentials", documentation_url = "https://docs.github.com/rest" }, statusCode: 401));
        });

        var good = await CheckAsync(new() { ["GitHub:Repository"] = "octo/platform", ["GitHub:Token"] = "good-token", ["GitHub:ApiUrl"] = github.Address.ToString() });
        var bad = await CheckAsync(new() { ["GitHub:Repository"] = "octo/platform", ["GitHub:Token"] = "stale", ["GitHub:ApiUrl"] = github.Address.ToString() });

        Assert.True(good["GitHub"].State == ConnectionState.Connected, good["GitHub"].Summary);
        Assert.Contains("octo/platform, default branch main", good["GitHub"].Summary);
        Assert.Equal(ConnectionState.Unreachable, bad["GitHub"].State);
        Assert.Equal("GitHub:Token is not accepted.", bad["GitHub"].Hint);
    }

    [Fact]
    public async Task Llm_OpenAICompatibleAndGeminiFakes_Connected()
    {
        await using var fake = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "llama3.1", @object = "model" } } }));
            app.MapGet("/v1beta/models/{model}", (string model, HttpRequest request) =>
                request.Headers["x-goog-api-key"] == "ai-studio-key"
                    ? Results.Json(new { name = $"models/{model}", displayName = "Gemini" })
                    : Results.Json(new { error = new { code = 400, message = "API key not valid.", status = "INVALID_ARGUMENT" } }, statusCode: 400));
        });

        var openAi = await CheckAsync(new() { ["Llm:Provider"] = "OpenAICompatible", ["Llm:Endpoint"] = new Uri(fake.Address, "v1").ToString(), ["Llm:Model"] = "llama3.1" });
        var gemini = await CheckAsync(new() { ["Llm:Provider"] = "Gemini", ["Llm:ApiKey"] = "ai-studio-key", ["Llm:Endpoint"] = new Uri(fake.Address, "v1beta").ToString() });
        var wrongKey = await CheckAsync(new() { ["Llm:Provider"] = "Gemini", ["Llm:ApiKey"] = "wrong", ["Llm:Endpoint"] = new Uri(fake.Address, "v1beta").ToString() });

        Assert.Equal(ConnectionState.Connected, openAi["LLM"].State);
        Assert.Equal(ConnectionState.Connected, gemini["LLM"].State);
        Assert.Equal(ConnectionState.Unreachable, wrongKey["LLM"].State);
        Assert.StartsWith("400", wrongKey["LLM"].Summary);
    }

    [Fact]
    public async Task Kubernetes_KubeconfigToNothing_Unreachable()
    {
        var kubeconfig = Path.GetTempFileName();
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);

        var statuses = await CheckAsync(new() { ["Cluster:Mode"] = "Kubernetes", ["Cluster:Kubeconfig"] = kubeconfig });

        Assert.Equal(ConnectionState.Unreachable, statuses["Kubernetes"].State);
        File.Delete(kubeconfig);
    }

    private static async Task<Dictionary<string, ConnectionStatus>> CheckAsync(Dictionary<string, string?> settings)
    {
        await using var factory = new DashboardAppFactory(settings);
        var connections = factory.Services.GetRequiredService<ConnectionsService>();
        return (await connections.CheckAsync(CancellationToken.None)).ToDictionary(s => s.Backend);
    }
}
