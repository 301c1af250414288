using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents;
using MlOpsDashboard.Core.Incidents.Analysis;
using MlOpsDashboard.Core.Incidents.Redaction;

namespace MlOpsDashboard.Dashboard.Tests.Incidents;

public sealed class RedactionCorpusTests
{
    private readonly Redactor _redactor = new(Options.Create(new IncidentsOptions { RedactionPatterns = [@"\bcust-\d{6}\b"] }));

    /// <summary>Lines as they turn up in logs, events and CI output; each hides one secret of one kind.</summary>
    public static TheoryData<string, string, string> Corpus() => new()
    {
        { "github-token", "git clone https://github.com/x/y using ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8" },
        { "github-token", "GITHUB_TOKEN=github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789", "github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789" },
        { "aws-access-key", "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE" },
        { "google-api-key", "calling generativelanguage with key AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv" },
        { "slack-token", "notify: xoxb-123456789012-abcdefghijkl", "xoxb-123456789012-abcdefghijkl" },
        { "jwt", "cookie=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl" },
        { "bearer-token", "GET /api/v1/models Authorization: Bearer s3cr3t.t0ken-value", "s3cr3t.t0ken-value" },
        { "url-credentials", "connecting to postgres://mlflow:Pa55w0rd!@db.internal:5432/mlflow", "Pa55w0rd!" },
        { "secret-value", "DB_PASSWORD=correct-horse-battery", "correct-horse-battery" },
        { "secret-value", "{\"level\":\"debug\",\"password\":\"hunter2hunter2\"}", "hunter2hunter2" },
        { "secret-value", "client_secret: 9f8e7d6c5b4a", "9f8e7d6c5b4a" },
        { "secret-value", "api_key=sk-live-abcdef123456", "sk-live-abcdef123456" },
        { "private-key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA7" },
        { "email", "notified release-manager@example.com about the rollback", "release-manager@example.com" },
        { "ipv4", "dial tcp 10.42.1.17:8080: connect: connection refused", "10.42.1.17" },
        { "ipv6", "listening on [fd00:10:42::17]:8080", "fd00:10:42::17" },
        { "custom", "customer cust-123456 saw a timeout", "cust-123456" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Redact_CorpusLine_SecretGoneAndCountedUnderItsKind(string kind, string line, string secret)
    {
        var result = _redactor.Redact(line);

        Assert.DoesNotContain(secret, result.Text, StringComparison.Ordinal);
        Assert.Contains($"[REDACTED:{kind}]", result.Text, StringComparison.Ordinal);
        Assert.True(result.Masked.GetValueOrDefault(kind) >= 1, $"{kind} not counted: {string.Join(", ", result.Masked)}");
    }

    [Theory]
    [InlineData("prediction served latency_ms=42 model_version=1.3.2")]
    [InlineData("Back-off restarting failed container server in pod model-serving-7d9f")]
    [InlineData("RegistryError: model version not found (HTTP 404)")]
    [InlineData("token bucket refilled")]
    [InlineData("image ghcr.io/example/model-serving:1.3.2 pulled in 2.1s")]
    public void Redact_OrdinaryLogLine_Unchanged(string line)
    {
        var result = _redactor.Redact(line);

        Assert.Equal(line, result.Text);
        Assert.Empty(result.Masked);
    }

    [Fact]
    public void Redact_Incident_MasksEveryStringAndKeepsStructure()
    {
        var incident = new CapturedIncident
        {
            Alert = new() { Labels = new Dictionary<string, string> { ["alertname"] = "PodCrashLooping", ["instance"] = "192.168.1.20:9100" } },
            Logs = new() { Previous = ["password=abc123456", "ok line"] },
            Ci = new() { Log = ["export GITHUB_TOKEN=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"] },
        };

        var (redacted, masked) = _redactor.Redact(incident);

        Assert.Equal("PodCrashLooping", redacted.Alert!.Name);
        Assert.Equal("[REDACTED:ipv4]:9100", redacted.Alert.Labels["instance"]);
        Assert.Equal("ok line", redacted.Logs!.Previous[1]);
        Assert.DoesNotContain("ghp_", redacted.Ci!.Log[0], StringComparison.Ordinal);
        Assert.Equal(1, masked["ipv4"]);
        Assert.Equal(1, masked["secret-value"]);
        Assert.Equal(1, masked["github-token"]);
    }

    [Fact]
    public void OptionsValidator_BadCustomPattern_NamesTheKey()
    {
        var result = new IncidentsOptionsValidator().Validate(null, new IncidentsOptions { RedactionPatterns = ["(unclosed"] });

        Assert.True(result.Failed);
        Assert.Contains("Incidents:RedactionPatterns:0", result.FailureMessage, StringComparison.Ordinal);
    }
}
