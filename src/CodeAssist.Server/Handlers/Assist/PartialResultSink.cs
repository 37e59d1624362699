using System.Text.Json;
using CodeAssist.Server.Client;

namespace CodeAssist.Server.Handlers.Assist;

/// <summary>
/// Forwards streamed text as $/progress partial results (and work-done reports) in order. Features report
/// synchronously, so sends are chained; <see cref="FlushAsync"/> waits for them so that every partial result
/// reaches the client before the final response.
/// </summary>
internal sealed class PartialResultSink(LanguageClient client, JsonElement? partialResultToken, WorkDoneProgress? progress) : IProgress<string>
{
    private Task _last = Task.CompletedTask;
    private int _characters;

    public void Report(string value)
    {
        _characters += value.Length;
        var characters = _characters;
        _last = _last.ContinueWith(
            async _ =>
            {
                if (partialResultToken is { } token)
                {
                    await client.ReportPartialResultAsync(token, new { markdown = value }).ConfigureAwait(false);
                }

                if (progress is not null)
                {
                    await progress.ReportAsync($"{characters} characters").ConfigureAwait(false);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default).Unwrap();
    }

    public Task FlushAsync() => _last;
}
