using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Incidents;

namespace MlOpsDashboard.Core.Connections;

/// <summary>Asks the configured model's endpoint for the model's description: cheap, no tokens spent.</summary>
internal sealed class LlmConnectionCheck(IOptions<LlmOptions> options, IHttpClientFactory httpClients) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var llm = options.Value;
        if (llm.ProviderKind == LlmProvider.None)
        {
            return ConnectionResults.NotConfigured("Offline rules analyst in use. For Gemini set Llm:Provider=Gemini and Llm:ApiKey (AI Studio) or Llm:Project + Llm:CredentialsFile (Vertex AI); for Ollama or vLLM set Llm:Provider=OpenAICompatible and Llm:Endpoint.");
        }
        try
        {
            using var client = httpClients.CreateClient(ConnectionsServiceCollectionExtensions.HttpClientName);
            using var request = await BuildRequestAsync(llm, cancellationToken);
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? ConnectionResults.Connected($"{llm.ProviderKind} model {llm.Model}{(llm.UsesVertex ? " on Vertex AI" : "")}")
                : ConnectionResults.Unreachable($"{(int)response.StatusCode} {response.ReasonPhrase} from {request.RequestUri?.GetLeftPart(UriPartial.Path)}", "Check Llm:Model and the key or credentials.");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ConnectionResults.Unreachable(e.Message, "Check Llm:Endpoint and the network path to it.");
        }
    }

    private static async Task<HttpRequestMessage> BuildRequestAsync(LlmOptions llm, CancellationToken cancellationToken)
    {
        if (llm.ProviderKind == LlmProvider.OpenAICompatible)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{llm.Endpoint.TrimEnd('/')}/models");
            if (llm.ApiKey.Length > 0)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", llm.ApiKey);
            }
            return request;
        }
        if (!llm.UsesVertex)
        {
            var baseUrl = llm.Endpoint.Length > 0 ? llm.Endpoint.TrimEnd('/') : "https://generativelanguage.googleapis.com/v1beta";
            var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/models/{llm.Model}");
            request.Headers.Add("x-goog-api-key", llm.ApiKey);
            return request;
        }
        var credential = (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(llm.CredentialsFile, cancellationToken))
            .ToGoogleCredential().CreateScoped("https://www.googleapis.com/auth/cloud-platform");
        var token = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        var vertexBase = llm.Endpoint.Length > 0 ? llm.Endpoint.TrimEnd('/') : $"https://{llm.Location}-aiplatform.googleapis.com/v1";
        var vertex = new HttpRequestMessage(HttpMethod.Get, $"{vertexBase}/projects/{llm.Project}/locations/{llm.Location}/publishers/google/models/{llm.Model}");
        vertex.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return vertex;
    }
}
