using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Redaction;

/// <summary>A redacted text and how many of each kind were masked.</summary>
public sealed record RedactedText(string Text, IReadOnlyDictionary<string, int> Masked);

/// <summary>
/// Masks secrets, tokens, keys, passwords, e-mail addresses and IP addresses (and the operator's
/// own patterns) before any text leaves the process or is stored. Specific patterns run before
/// generic ones, so a GitHub token is counted as one, not as a "password" value.
/// </summary>
public sealed partial class Redactor
{
    private readonly (string Kind, Regex Pattern, int Group)[] _patterns;

    public Redactor(IOptions<IncidentsOptions> options)
    {
        List<(string, Regex, int)> patterns =
        [
            ("private-key", PrivateKey(), 0),
            ("jwt", Jwt(), 0),
            ("github-token", GitHubToken(), 0),
            ("aws-access-key", AwsKey(), 0),
            ("google-api-key", GoogleKey(), 0),
            ("slack-token", SlackToken(), 0),
            ("bearer-token", Bearer(), 1),
            ("url-credentials", UrlCredentials(), 1),
            ("secret-value", KeyValueSecret(), 2),
            ("email", Email(), 0),
            ("ipv4", IpV4(), 0),
            ("ipv6", IpV6(), 0),
        ];
        patterns.AddRange(options.Value.RedactionPatterns.Select(p => ("custom", new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), 0)));
        _patterns = [.. patterns];
    }

    public RedactedText Redact(string text)
    {
        var counts = new Dictionary<string, int>();
        foreach (var (kind, pattern, group) in _patterns)
        {
            text = pattern.Replace(text, match =>
            {
                var secret = match.Groups[group];
                if (!secret.Success || secret.Length == 0 || secret.Value.StartsWith("[REDACTED", StringComparison.Ordinal))
                {
                    return match.Value;
                }
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                return string.Concat(match.Value.AsSpan(0, secret.Index - match.Index), $"[REDACTED:{kind}]", match.Value.AsSpan(secret.Index - match.Index + secret.Length));
            });
        }
        return new RedactedText(text, counts);
    }

    /// <summary>Redacts every string of an incident (keys stay), so analysts and storage only ever see the masked copy.</summary>
    public (CapturedIncident Incident, IReadOnlyDictionary<string, int> Masked) Redact(CapturedIncident incident)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(incident, IncidentJson.Options)!;
        var counts = new Dictionary<string, int>();
        Walk(node, counts);
        return (System.Text.Json.JsonSerializer.Deserialize<CapturedIncident>(node, IncidentJson.Options)!, counts);
    }

    private void Walk(JsonNode? node, Dictionary<string, int> counts)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        obj[key] = RedactCounting(text, counts);
                    }
                    else
                    {
                        Walk(obj[key], counts);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        array[i] = RedactCounting(text, counts);
                    }
                    else
                    {
                        Walk(array[i], counts);
                    }
                }
                break;
        }
    }

    private string RedactCounting(string text, Dictionary<string, int> counts)
    {
        var redacted = Redact(text);
        foreach (var (kind, count) in redacted.Masked)
        {
            counts[kind] = counts.GetValueOrDefault(kind) + count;
        }
        return redacted.Text;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\b(AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_-]{35}")]
    private static partial Regex GoogleKey();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(?i)\bbearer\s+([A-Za-z0-9._~+/=-]{8,})")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?i)\b[a-z][a-z0-9+.-]*://[^\s:/@]+:([^\s@/]+)@")]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?i)(""?(?<![A-Za-z0-9])(?:password|passwd|pwd|secret|client_secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|token|auth[_-]?token|access[_-]?token|private[_-]?key|credentials?)""?\s*[:=]\s*""?)([^\s"",;}&]{3,})")]
    private static partial Regex KeyValueSecret();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")]
    private static partial Regex IpV4();

    [GeneratedRegex(@"(?i)(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:?){1,6}(?![0-9a-f:])|\bfe80::[0-9a-f:]+")]
    private static partial Regex IpV6();
}
