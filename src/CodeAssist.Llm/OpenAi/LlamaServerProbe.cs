using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Llm.Http;

namespace CodeAssist.Llm.OpenAi;

/// <summary>Recognises llama-server by its /props endpoint (which reports its generation settings).</summary>
internal static class LlamaServerProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static async Task<bool> IsLlamaServerAsync(ModelHttpTransport transport, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await transport.SendJsonAsync(HttpMethod.Get, "props", body: null, timeout.Token);
            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            return node?["default_generation_settings"] is not null;
        }
        catch (Exception exception) when (exception is ModelRequestException or JsonException or HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
