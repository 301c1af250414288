using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents.Analysis;

namespace MlOpsDashboard.Core.Incidents.Llm;

/// <summary>Why the LLM gave no usable answer; the analyzer then falls back to the rules.</summary>
public sealed class LlmUnavailableException(string message, string? prompt, Exception? inner = null) : Exception(message, inner)
{
    public string? Prompt { get; } = prompt;
}

/// <summary>
/// Asks the configured LLM for the structured answer. It gets only the redacted context and
/// returns text; nothing it says is executed.
/// </summary>
public sealed class LlmAnalyst(LlmChatClientFactory clients, IOptions<LlmOptions> options) : IAnalyst
{
    public string Name => options.Value.ProviderKind.ToString();

    public bool IsConfigured => options.Value.ProviderKind != LlmProvider.None;

    public async Task<AnalystAnswer> AnalyzeAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var llm = options.Value;
        var domain = request.Incident.ResolvedDomain;
        var system = AnalysisPrompts.System(domain);
        var user = AnalysisPrompts.User(request.ContextText);
        var prompt = $"[system]\n{system}\n\n[user]\n{user}";
        using var client = clients.Create() ?? throw new LlmUnavailableException("No LLM is configured (Llm:Provider=None).", prompt);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(llm.TimeoutSeconds));
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)],
                new ChatOptions { Temperature = 0.2f, ResponseFormat = ChatResponseFormat.Json, MaxOutputTokens = 4096 },
                timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmUnavailableException($"{Name} did not answer within {llm.TimeoutSeconds} s (timeout).", prompt, e);
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new LlmUnavailableException($"{Name} is rate-limited (429): {e.Message}", prompt, e);
        }
        catch (Exception e) when (e is HttpRequestException or System.ClientModel.ClientResultException or IOException)
        {
            throw new LlmUnavailableException($"{Name} failed: {e.Message}", prompt, e);
        }
        var answer = ParseAnswer(response.Text, prompt);
        return answer with
        {
            Analyst = Name,
            Model = response.ModelId ?? llm.Model,
            Prompt = prompt,
            InputTokens = (int?)response.Usage?.InputTokenCount,
            OutputTokens = (int?)response.Usage?.OutputTokenCount,
        };
    }

    /// <summary>The model's JSON, checked: a cause without a title or evidence is not an answer.</summary>
    internal static AnalystAnswer ParseAnswer(string text, string prompt)
    {
        var json = text.Trim();
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            json = json[(json.IndexOf('\n') + 1)..].TrimEnd('`', '\n', ' ');
        }
        LlmAnswer? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<LlmAnswer>(json, IncidentJson.Options);
        }
        catch (JsonException e)
        {
            throw new LlmUnavailableException($"The LLM's answer is not the requested JSON ({e.Message}).", prompt, e);
        }
        var causes = parsed?.RootCauses?.Where(c => !string.IsNullOrWhiteSpace(c.Title)).ToList() ?? [];
        if (parsed is null || causes.Count == 0)
        {
            throw new LlmUnavailableException("The LLM's answer has no root causes.", prompt);
        }
        var ranked = causes
            .Select(c => c with { Likelihood = Math.Clamp(c.Likelihood, 0, 1), Category = string.IsNullOrWhiteSpace(c.Category) ? "llm" : c.Category })
            .OrderByDescending(c => c.Likelihood)
            .Take(5)
            .ToList();
        return new AnalystAnswer
        {
            Summary = parsed.Summary ?? ranked[0].Title,
            Urgency = parsed.Urgency ?? Urgency.P2,
            Scope = parsed.Scope ?? ranked[0].Scope,
            RootCauses = ranked,
        };
    }

    private sealed record LlmAnswer(string? Summary, Urgency? Urgency, CauseScope? Scope, List<RootCause>? RootCauses);
}
