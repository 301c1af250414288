using System.Globalization;
using System.Net;
using Octokit;

namespace MlOpsDashboard.Core.Pipelines.GitHub;

/// <summary>
/// GitHub answers 403 (primary or secondary rate limit) or 429 with a Retry-After or a
/// rate-limit reset time: waiting that long and asking again is what GitHub asks clients to do.
/// A wait longer than <see cref="_maxWait"/> is not worth blocking an on-call page for, so it is
/// reported instead; a 403 that says nothing about limits is a permission problem and not retried.
/// </summary>
internal sealed class GitHubRateLimitRetry(TimeSpan maxWait, int maxAttempts, Func<TimeSpan, CancellationToken, Task> delay)
{
    private readonly TimeSpan _maxWait = maxWait;

    /// <param name="permission">The token permission the call needs, named when GitHub refuses it.</param>
    public async Task<T> RunAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken, string permission = "actions:read")
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call().WaitAsync(cancellationToken);
            }
            catch (ApiException e) when (IsLimited(e))
            {
                var wait = RetryAfter(e, attempt);
                if (attempt >= maxAttempts || wait > _maxWait)
                {
                    throw new PipelineSourceException(
                        $"GitHub rate limit while reading {what}: asked to wait {wait.TotalSeconds:0} s after {attempt} attempt(s). Try again later, or use a token with a higher limit (GitHub:Token).", e);
                }
                await delay(wait, cancellationToken);
            }
            catch (AuthorizationException e)
            {
                throw new PipelineSourceException($"GitHub refused {what} (401): GitHub:Token is missing or not accepted.", e);
            }
            catch (NotFoundException e)
            {
                throw new PipelineSourceException($"GitHub has no {what} (404): check GitHub:Repository, and that GitHub:Token has the {permission} permission.", e);
            }
            catch (ForbiddenException e)
            {
                throw new PipelineSourceException($"GitHub refused {what} (403): GitHub:Token needs the {permission} permission. {e.Message}", e);
            }
            catch (ApiException e)
            {
                throw new PipelineSourceException($"GitHub answered {(int)e.StatusCode} for {what}: {e.Message}", e);
            }
            catch (HttpRequestException e)
            {
                throw new PipelineSourceException($"GitHub is unreachable while reading {what}: {e.Message}. Check GitHub:ApiUrl.", e);
            }
        }
    }

    private static bool IsLimited(ApiException e) =>
        e is RateLimitExceededException or SecondaryRateLimitExceededException
        || e.StatusCode == HttpStatusCode.TooManyRequests
        || (e.StatusCode == HttpStatusCode.Forbidden && (Header(e, "Retry-After") is not null || Header(e, "X-RateLimit-Remaining") == "0"));

    /// <summary>Retry-After wins (seconds or an HTTP date), then the reset time, then a short doubling backoff.</summary>
    internal static TimeSpan RetryAfter(ApiException e, int attempt)
    {
        if (Header(e, "Retry-After") is { } retryAfter)
        {
            if (int.TryParse(retryAfter, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Max(0, seconds));
            }
            if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return Max(at - DateTimeOffset.UtcNow, TimeSpan.Zero);
            }
        }
        if (Header(e, "X-RateLimit-Reset") is { } reset && long.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return Max(DateTimeOffset.FromUnixTimeSeconds(epoch) - DateTimeOffset.UtcNow, TimeSpan.Zero);
        }
        return TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string? Header(ApiException e, string name) =>
        e.HttpResponse?.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
