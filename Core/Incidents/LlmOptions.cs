using Microsoft.Extensions.Options;
using MlOpsDashboard.Core.Configuration;

namespace MlOpsDashboard.Core.Incidents;

public enum LlmProvider
{
    /// <summary>Offline rules analyst only.</summary>
    None,

    /// <summary>Gemini generateContent: AI Studio with ApiKey, or Vertex AI with Project and CredentialsFile.</summary>
    Gemini,

    /// <summary>Any OpenAI-compatible server (Ollama, vLLM) at Endpoint.</summary>
    OpenAICompatible,
}

public sealed class LlmOptions
{
    public const string Section = "Llm";

    public string Provider { get; set; } = nameof(LlmProvider.None);
    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>Empty with Gemini: Google's public endpoint. Required with OpenAICompatible (e.g. http://localhost:11434/v1).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>AI Studio key, or the OpenAI-compatible server's key.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Vertex AI: Google Cloud project, region and service-account key file.</summary>
    public string Project { get; set; } = "";
    public string Location { get; set; } = "us-central1";
    public string CredentialsFile { get; set; } = "";

    public double TimeoutSeconds { get; set; } = 30;

    public LlmProvider ProviderKind => Enum.Parse<LlmProvider>(Provider, ignoreCase: true);

    public bool UsesVertex => ProviderKind == LlmProvider.Gemini && ApiKey.Length == 0;
}

public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var errors = new OptionErrors(LlmOptions.Section);
        errors.RequireOneOf("Provider", options.Provider, Enum.GetNames<LlmProvider>());
        errors.RequireRange("TimeoutSeconds", options.TimeoutSeconds, 1, 600);
        if (options.Endpoint.Length > 0)
        {
            errors.RequireAbsoluteHttpUrl("Endpoint", options.Endpoint);
        }
        if (string.Equals(options.Provider, nameof(LlmProvider.OpenAICompatible), StringComparison.OrdinalIgnoreCase) && options.Endpoint.Length == 0)
        {
            errors.Add("Endpoint", "is empty; accepted values: the server's OpenAI-compatible base URL, e.g. http://localhost:11434/v1.");
        }
        if (string.Equals(options.Provider, nameof(LlmProvider.Gemini), StringComparison.OrdinalIgnoreCase) && options.ApiKey.Length == 0
            && (options.Project.Length == 0 || options.CredentialsFile.Length == 0))
        {
            errors.Add("ApiKey", "is empty; accepted values: an AI Studio key, or leave it empty and set Llm:Project and Llm:CredentialsFile for Vertex AI.");
        }
        return errors.ToResult();
    }
}
