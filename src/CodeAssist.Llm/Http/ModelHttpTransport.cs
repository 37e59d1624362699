using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Llm.Redaction;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CodeAssist.Llm.Http;

/// <summary>
/// Sends JSON requests to one model server and turns every failure into a <see cref="ModelRequestException"/>
/// whose message names the endpoint (without credentials) and never the API key.
/// </summary>
internal sealed class ModelHttpTransport
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly Func<string, string?> _environment;

    public ModelHttpTransport(IHttpClientFactory httpClientFactory, LlmOptions options, Uri root, Func<string, string?> environment)
    {
        _httpClientFactory = httpClientFactory;
        _environment = environment;
        Options = options;
        Root = root;
        DisplayEndpoint = $"{root.Scheme}://{root.Authority}";
    }

    public LlmOptions Options { get; }

    /// <summary>The server root with a trailing slash; request paths are relative to it.</summary>
    public Uri Root { get; }

    /// <summary>scheme://host:port, safe for messages and logs.</summary>
    public string DisplayEndpoint { get; }

    public string? ApiKey => string.IsNullOrEmpty(Options.ApiKeyEnvironmentVariable) ? null : _environment(Options.ApiKeyEnvironmentVariable);

    /// <summary>
    /// Parses an endpoint setting. User info in the URL is dropped from display names; a missing scheme means http.
    /// </summary>
    public static Uri ParseRoot(string endpoint, params string[] stripSuffixes)
    {
        var text = endpoint.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ModelRequestException($"The endpoint setting is not an http(s) URL: '{SecretRedactor.Redact(endpoint)}'.");
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        foreach (var suffix in stripSuffixes)
        {
            if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                path = path[..^suffix.Length];
            }
        }

        return new UriBuilder(uri) { Path = path + "/", Query = "" }.Uri;
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Root, path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var key = ApiKey;
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        Options.Headers.ApplyTo(request.Headers, _environment);

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));

        // The overall bound to the response headers, retries included; streaming time is bounded by the reader.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            var client = _httpClientFactory.CreateClient(LlmHttpClient.Name);
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelRequestException($"The model server at {DisplayEndpoint} did not answer within {Options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (TimeoutRejectedException exception)
        {
            throw new ModelRequestException($"The model server at {DisplayEndpoint} did not answer in time.", exception);
        }
        catch (BrokenCircuitException exception)
        {
            throw new ModelRequestException($"The model server at {DisplayEndpoint} failed repeatedly; requests are paused for a few seconds.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new ModelRequestException($"Cannot reach the model server at {DisplayEndpoint}: {Sanitize(exception.Message)}", exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
    }

    /// <summary>Removes the API key and anything secret-shaped from text that may reach a user or a log.</summary>
    public string Sanitize(string text) => SecretRedactor.Redact(SecretRedactor.RedactValue(text, ApiKey));

    /// <summary>The error message inside an OpenAI ({"error":{"message"}}), llama-server or Ollama ({"error":"..."}) body.</summary>
    public static string? ErrorMessageOf(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            var error = node?["error"];
            return error switch
            {
                JsonValue value => value.ToString(),
                JsonObject obj => obj["message"]?.ToString() ?? obj.ToJsonString(),
                _ => node?["message"]?.ToString() ?? node?["detail"]?.ToString(),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<ModelRequestException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            body = "";
        }

        var detail = ErrorMessageOf(body) ?? (body.Length > 0 && body.Length < 300 ? body.Trim() : response.ReasonPhrase ?? "");
        detail = Sanitize(detail.Length > 500 ? detail[..500] + "..." : detail);
        var status = (int)response.StatusCode;
        var retryAfter = LlmHttpClient.RetryAfter(response);
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden when ApiKey is null =>
                $"The model server at {DisplayEndpoint} requires an API key ({status}); set the environment variable {Options.ApiKeyEnvironmentVariable}.",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"The model server at {DisplayEndpoint} rejected the API key from {Options.ApiKeyEnvironmentVariable} ({status}): {detail}",
            HttpStatusCode.TooManyRequests =>
                $"The model server at {DisplayEndpoint} is rate limiting requests (429){(retryAfter is { } wait ? $"; retry after {wait.TotalSeconds:0} s" : "")}: {detail}",
            HttpStatusCode.NotFound =>
                $"The model server at {DisplayEndpoint} answered 404 for {response.RequestMessage?.RequestUri?.AbsolutePath} (wrong endpoint or model '{Options.Model}'?): {detail}",
            _ => $"The model server at {DisplayEndpoint} answered {status} {response.ReasonPhrase}: {detail}",
        };
        return new ModelRequestException(message, response.StatusCode, retryAfter);
    }
}
