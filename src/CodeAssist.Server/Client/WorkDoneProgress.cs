using System.Text.Json;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Client;

/// <summary>One $/progress begin/report/end sequence. Without a token every call is a no-op.</summary>
public sealed class WorkDoneProgress : IAsyncDisposable
{
    private readonly LanguageClient _client;
    private readonly JsonElement? _token;
    private readonly Lock _gate = new();
    private Task _lastSend = Task.CompletedTask;
    private int _ended;

    internal WorkDoneProgress(LanguageClient client, JsonElement? token)
    {
        _client = client;
        _token = token;
    }

    public bool IsActive => _token is not null;

    internal Task BeginAsync(string title) => SendAsync(new WorkDoneProgressBegin(title));

    public Task ReportAsync(string? message, int? percentage = null) =>
        Volatile.Read(ref _ended) == 0 ? SendAsync(new WorkDoneProgressReport(message, percentage)) : Task.CompletedTask;

    public Task EndAsync(string? message = null) =>
        Interlocked.Exchange(ref _ended, 1) == 0 ? SendAsync(new WorkDoneProgressEnd(message)) : Task.CompletedTask;

    public async ValueTask DisposeAsync() => await EndAsync().ConfigureAwait(false);

    // Reports may come from any thread (IProgress callbacks); chaining keeps begin, reports and end in call order.
    private Task SendAsync(object value)
    {
        if (_token is not { } token)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            var previous = _lastSend;
            _lastSend = SendAfterAsync(previous, new ProgressParams(token, value));
            return _lastSend;
        }
    }

    private async Task SendAfterAsync(Task previous, ProgressParams progress)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _client.NotifyAsync("$/progress", progress).ConfigureAwait(false);
    }
}
