using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MlOpsDashboard.Core.Predictors.Serving.Api;

/// <summary>
/// The keys machine clients may present: the configured ones plus one the app makes for its own
/// sandbox traffic generator at start-up (never written anywhere). Compared as SHA-256 digests in
/// fixed time, so neither timing nor a memory dump of the comparison reveals a key.
/// </summary>
public sealed class PredictionApiKeys
{
    public const string InternalCaller = "sandbox-traffic";

    private readonly (byte[] Digest, string Caller)[] _keys;

    public PredictionApiKeys(IOptions<PredictionApiOptions> options)
    {
        InternalKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _keys =
        [
            .. options.Value.ApiKeys.Select((key, i) => (Digest(key), $"api-key-{i + 1}")),
            (Digest(InternalKey), InternalCaller),
        ];
    }

    /// <summary>The key of the app's own traffic generator.</summary>
    public string InternalKey { get; }

    /// <summary>The caller name for <paramref name="presented"/>, or null when no key matches.</summary>
    public string? Match(string presented)
    {
        var digest = Digest(presented);
        string? caller = null;
        foreach (var (known, name) in _keys)
        {
            // No early exit: every key is compared, whichever matches.
            if (CryptographicOperations.FixedTimeEquals(known, digest))
            {
                caller = name;
            }
        }
        return caller;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
