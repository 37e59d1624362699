using System.Text.Json;
using CodeAssist.Llm.Http;
using CodeAssist.Llm.Ollama;
using CodeAssist.Llm.OpenAi;
using CodeAssist.TestUtilities.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CodeAssist.Llm.Tests.TestServer;

/// <summary>Builds real providers (real HttpClient, real resilience pipeline) against a <see cref="TestHttpServer"/>.</summary>
internal sealed class ProviderHarness : IDisposable
{
    public static readonly LlmHttpResilienceOptions FastRetries = new()
    {
        MaxRetryAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    private readonly ServiceProvider _services;

    public ProviderHarness(LlmHttpResilienceOptions? resilience = null)
    {
        _services = new ServiceCollection().AddCodeAssistLlmHttp(resilience ?? FastRetries).BuildServiceProvider();
    }

    public Dictionary<string, string> Environment { get; } = [];

    public IHttpClientFactory HttpClientFactory => _services.GetRequiredService<IHttpClientFactory>();

    public ModelHttpTransport Transport(TestHttpServer server, LlmOptions options, string strip = "/v1") =>
        new(HttpClientFactory, options, ModelHttpTransport.ParseRoot(server.BaseUri.ToString(), strip), name => Environment.GetValueOrDefault(name));

    public OpenAiCompletionModel OpenAiCompletion(TestHttpServer server, LlmOptions options) => new(Transport(server, options with { Provider = "openai" }));

    public OpenAiChatClient OpenAiChat(TestHttpServer server, LlmOptions options) => new(Transport(server, options with { Provider = "openai" }));

    public OllamaCompletionModel OllamaCompletion(TestHttpServer server, LlmOptions options) => new(Transport(server, options with { Provider = "ollama" }, "/api"));

    public OllamaChatClient OllamaChat(TestHttpServer server, LlmOptions options) => new(Transport(server, options with { Provider = "ollama" }, "/api"));

    public void Dispose() => _services.Dispose();

    public static string Sse(object payload) => "data: " + JsonSerializer.Serialize(payload) + "\n\n";

    public static string Ndjson(object payload) => JsonSerializer.Serialize(payload) + "\n";

    public static async Task<List<CompletionChunk>> CollectAsync(IAsyncEnumerable<CompletionChunk> chunks, CancellationToken cancellationToken = default)
    {
        var list = new List<CompletionChunk>();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken))
        {
            list.Add(chunk);
        }

        return list;
    }
}
