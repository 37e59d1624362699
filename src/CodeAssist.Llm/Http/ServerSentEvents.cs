using System.Runtime.CompilerServices;

namespace CodeAssist.Llm.Http;

/// <summary>
/// The data payloads of a text/event-stream response (OpenAI, vLLM, llama-server), ending at "data: [DONE]"
/// or at the end of the stream. Multi-line data fields are joined with newlines, as the SSE spec says.
/// </summary>
internal static class ServerSentEvents
{
    public const string Done = "[DONE]";

    public static async IAsyncEnumerable<string> ReadDataAsync(StreamLineReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var data = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null || line.Length == 0)
            {
                if (data.Count > 0)
                {
                    var payload = string.Join('\n', data);
                    data.Clear();
                    if (payload == Done)
                    {
                        yield break;
                    }

                    yield return payload;
                }

                if (line is null)
                {
                    yield break;
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue; // comment / keep-alive
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                var value = line.AsSpan(5);
                data.Add((value.Length > 0 && value[0] == ' ' ? value[1..] : value).ToString());
            }

            // "event:", "id:" and "retry:" fields carry nothing the model APIs use.
        }
    }
}
