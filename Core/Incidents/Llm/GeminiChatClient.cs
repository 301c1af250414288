using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.AI;

namespace MlOpsDashboard.Core.Incidents.Llm;

/// <summary>
/// Gemini's REST generateContent as an <see cref="IChatClient"/>: AI Studio with an API key, or
/// Vertex AI with a service account's OAuth token. Errors keep their HTTP status (429 included) so
/// the caller can say why it fell back.
/// </summary>
public sealed class GeminiChatClient(HttpClient http, LlmOptions options) : IChatClient
{
    private const string AiStudioEndpoint = "https://generativelanguage.googleapis.com/";
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    private GoogleCredential? _credential;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Address()) { Content = JsonContent.Create(Body(messages, chatOptions)) };
        if (options.UsesVertex)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync(cancellationToken));
        }
        else
        {
            request.Headers.Add("x-goog-api-key", options.ApiKey);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Gemini answered {(int)response.StatusCode} {response.StatusCode}: {ErrorMessage(text)}", null, response.StatusCode);
        }
        return Parse(text);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Reports are read whole; one request, handed out as updates for callers that stream.
        var response = await GetResponseAsync(messages, chatOptions, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("gemini", new Uri(BaseAddress()), options.Model)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private string BaseAddress() => options.Endpoint.Length > 0
        ? options.Endpoint.TrimEnd('/') + "/"
        : options.UsesVertex ? $"https://{options.Location}-aiplatform.googleapis.com/" : AiStudioEndpoint;

    private Uri Address() => new(options.UsesVertex
        ? $"{BaseAddress()}v1/projects/{Uri.EscapeDataString(options.Project)}/locations/{Uri.EscapeDataString(options.Location)}/publishers/google/models/{Uri.EscapeDataString(options.Model)}:generateContent"
        : $"{BaseAddress()}v1beta/models/{Uri.EscapeDataString(options.Model)}:generateContent");

    private async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (_credential is null)
        {
            var account = await CredentialFactory.FromFileAsync<ServiceAccountCredential>(options.CredentialsFile, cancellationToken);
            _credential = GoogleCredential.FromServiceAccountCredential(account).CreateScoped(CloudPlatformScope);
        }
        return await ((ITokenAccess)_credential).GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
    }

    private static JsonObject Body(IEnumerable<ChatMessage> messages, ChatOptions? chatOptions)
    {
        var system = string.Join("\n\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var contents = new JsonArray();
        foreach (var message in messages.Where(m => m.Role != ChatRole.System))
        {
            contents.Add(new JsonObject
            {
                ["role"] = message.Role == ChatRole.Assistant ? "model" : "user",
                ["parts"] = new JsonArray(new JsonObject { ["text"] = message.Text }),
            });
        }
        var generation = new JsonObject { ["temperature"] = chatOptions?.Temperature ?? 0.2f };
        if (chatOptions?.MaxOutputTokens is { } max)
        {
            generation["maxOutputTokens"] = max;
        }
        if (chatOptions?.ResponseFormat is ChatResponseFormatJson)
        {
            generation["responseMimeType"] = "application/json";
        }
        var body = new JsonObject { ["contents"] = contents, ["generationConfig"] = generation };
        if (system.Length > 0)
        {
            body["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = system }) };
        }
        return body;
    }

    private static ChatResponse Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HttpRequestException($"Gemini answered something that is not JSON: {e.Message}", null, HttpStatusCode.BadGateway);
        }
        var candidate = root?["candidates"]?[0];
        var text = string.Concat(candidate?["content"]?["parts"]?.AsArray().Select(p => p?["text"]?.GetValue<string>()) ?? []);
        if (text.Length == 0)
        {
            var reason = candidate?["finishReason"]?.GetValue<string>() ?? root?["promptFeedback"]?["blockReason"]?.GetValue<string>() ?? "no candidates";
            throw new HttpRequestException($"Gemini returned no text ({reason}).", null, HttpStatusCode.BadGateway);
        }
        var usage = root?["usageMetadata"];
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = root?["modelVersion"]?.GetValue<string>(),
            FinishReason = candidate?["finishReason"]?.GetValue<string>() is "STOP" ? ChatFinishReason.Stop : null,
            Usage = new UsageDetails
            {
                InputTokenCount = usage?["promptTokenCount"]?.GetValue<long>(),
                OutputTokenCount = usage?["candidatesTokenCount"]?.GetValue<long>(),
                TotalTokenCount = usage?["totalTokenCount"]?.GetValue<long>(),
            },
        };
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() ?? body[..Math.Min(200, body.Length)];
        }
        catch (JsonException)
        {
            return body[..Math.Min(200, body.Length)];
        }
    }
}
