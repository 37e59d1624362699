using System.Text.Json;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Client;

/// <summary>One $/progress begin/report/end sequence. Without a token every call is a no-op.</summary>
public sealed class WorkDoneProgress : IAsyncDisposable
{
    private readonly LanguageClient _client;
    private readonly JsonElement? _token;
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

    private Task SendAsync(object value) =>
        _token is { } token ? _client.NotifyAsync("$/progress", new ProgressParams(token, value)) : Task.CompletedTask;
}
