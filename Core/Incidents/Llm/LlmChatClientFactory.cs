using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace MlOpsDashboard.Core.Incidents.Llm;

/// <summary>The configured LLM as an <see cref="IChatClient"/>: Gemini, or any OpenAI-compatible server.</summary>
public sealed class LlmChatClientFactory(IHttpClientFactory httpClients, IOptions<LlmOptions> options)
{
    public const string HttpClientName = "llm";

    public IChatClient? Create()
    {
        var llm = options.Value;
        return llm.ProviderKind switch
        {
            LlmProvider.Gemini => new GeminiChatClient(httpClients.CreateClient(HttpClientName), llm),
            LlmProvider.OpenAICompatible => new OpenAI.Chat.ChatClient(
                    llm.Model,
                    new ApiKeyCredential(llm.ApiKey.Length > 0 ? llm.ApiKey : "unused"),
                    new OpenAIClientOptions { Endpoint = new Uri(llm.Endpoint), NetworkTimeout = TimeSpan.FromSeconds(llm.TimeoutSeconds), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) })
                .AsIChatClient(),
            _ => null,
        };
    }
}
