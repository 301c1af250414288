namespace MlOpsDashboard.Core.Delivery.PullRequests;

public sealed record PullRequestInfo(int Number, string Url, string State, bool AlreadyExisted);

/// <summary>Opens a pull request for a pushed branch (pull-request mode).</summary>
public interface IPullRequestOpener
{
    Task<PullRequestInfo> OpenAsync(string branch, string baseBranch, string title, string body, CancellationToken cancellationToken);
}

/// <summary>GitHub refused or could not be reached; the message says what to do.</summary>
public sealed class PullRequestException(string message, Exception? inner = null) : Exception(message, inner);
