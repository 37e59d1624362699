using System.Collections.Concurrent;
using CodeAssist.Server.Client;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Logging;
using CodeAssist.Server.Text;
using CodeAssist.Server.Workspace;
using Microsoft.Extensions.Logging;

namespace CodeAssist.Server.Diagnostics;

/// <summary>
/// Pushes textDocument/publishDiagnostics for open documents: the compiler's errors and warnings, computed off
/// the request queue after a quiet period per document (a newer change cancels the pending computation), so typing
/// never waits on the semantic model. Failures are logged; diagnostics are never worth a crashed session.
/// </summary>
internal sealed class DiagnosticsPublisher(
    DocumentStore documents,
    OversizedDocuments oversized,
    WorkspaceAccess workspace,
    ServerState state,
    LanguageClient client,
    ILogger<DiagnosticsPublisher> logger)
    : IDisposable
{
    public const string Method = "textDocument/publishDiagnostics";

    /// <summary>The quiet period after the last change before diagnostics are computed.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    // Sends for one session go out under this lock, after a last cancellation check, so a clear on didClose can
    // never be overtaken by a computation that finished just before it.
    private readonly Lock _sending = new();
    private bool _disposed;

    /// <summary>
    /// Schedules diagnostics for <paramref name="snapshot"/>. Call from the queue's serial section (didOpen,
    /// didChange) right after the workspace got the text, so the Roslyn document matches the snapshot.
    /// </summary>
    public void Schedule(DocumentSnapshot snapshot)
    {
        if (oversized.IsKeptOut(snapshot.Uri))
        {
            if (!IsCSharp(snapshot))
            {
                return;
            }

            var syntaxOnly = Replace(snapshot.Uri);
            _ = Task.Run(() => PublishSyntaxAsync(snapshot, syntaxOnly));
            return;
        }

        if (snapshot.FilePath is not { } path || workspace.Session is not { } session)
        {
            return;
        }

        Microsoft.CodeAnalysis.Document? document;
        try
        {
            document = session.GetDocument(path);
        }
        catch (Exception exception)
        {
            ServerLog.HandlerFailed(logger, Method, exception);
            return;
        }

        if (document is null)
        {
            return;
        }

        var cancellation = Replace(snapshot.Uri);
        _ = Task.Run(() => PublishAsync(snapshot, document, cancellation));
    }

    private static bool IsCSharp(DocumentSnapshot snapshot) =>
        snapshot.LanguageId == "csharp" || (snapshot.FilePath?.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>A new pass for the document, cancelling the one pending.</summary>
    private CancellationTokenSource Replace(string uri)
    {
        var cancellation = new CancellationTokenSource();
        _pending.AddOrUpdate(uri, cancellation, (_, previous) =>
        {
            CancelQuietly(previous);
            return cancellation;
        });
        return cancellation;
    }

    /// <summary>Schedules every open document again (the workspace finished loading: projects and references changed).</summary>
    public void ScheduleOpenDocuments()
    {
        foreach (var snapshot in documents.All)
        {
            Schedule(snapshot);
        }
    }

    /// <summary>Cancels pending work for a closed document and clears its diagnostics in the editor.</summary>
    public void Clear(string uri)
    {
        lock (_sending)
        {
            if (_pending.TryRemove(uri, out var pending))
            {
                CancelQuietly(pending);
            }

            _ = client.NotifyAsync(Method, new PublishDiagnosticsParams(uri, null, []));
        }
    }

    public void Dispose()
    {
        lock (_sending)
        {
            _disposed = true;
            foreach (var pending in _pending.Values)
            {
                CancelQuietly(pending);
            }
        }
    }

    private Task PublishAsync(DocumentSnapshot snapshot, Microsoft.CodeAnalysis.Document document, CancellationTokenSource cancellation) =>
        RunPassAsync(snapshot, cancellation, async token =>
        {
            // The workspace-loaded pass reads the store and the workspace outside the serial section: skip a pair
            // that a concurrent change split (that change scheduled its own pass).
            var text = await document.GetTextAsync(token).ConfigureAwait(false);
            return text.Length != snapshot.Text.Length || text.ToString() != snapshot.Text
                ? null
                : await CompilerDiagnostics.GetAsync(document, null, token).ConfigureAwait(false);
        });

    /// <summary>The syntax errors of a document too large for the workspace: a parse, which is linear, and nothing bound.</summary>
    private Task PublishSyntaxAsync(DocumentSnapshot snapshot, CancellationTokenSource cancellation) =>
        RunPassAsync(snapshot, cancellation, token => Task.FromResult<IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic>?>(CompilerDiagnostics.GetSyntaxOnly(snapshot.Text, token)));

    /// <summary>One debounced pass: waits, computes (null skips sending), sends, and always forgets its cancellation.</summary>
    private async Task RunPassAsync(
        DocumentSnapshot snapshot, CancellationTokenSource cancellation, Func<CancellationToken, Task<IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic>?>> compute)
    {
        var token = cancellation.Token;
        try
        {
            await Task.Delay(Debounce, token).ConfigureAwait(false);
            if (await compute(token).ConfigureAwait(false) is { } found)
            {
                Send(snapshot, found, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer change or a close superseded this pass.
        }
        catch (Exception exception)
        {
            ServerLog.HandlerFailed(logger, Method, exception);
        }
        finally
        {
            _pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(snapshot.Uri, cancellation));
            cancellation.Dispose();
        }
    }

    private void Send(DocumentSnapshot snapshot, IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> found, CancellationToken token)
    {
        var encoding = state.PositionEncoding;
        var diagnostics = found.Select(d => CompilerDiagnostics.ToLsp(d, snapshot, encoding)).ToList();
        lock (_sending)
        {
            if (!token.IsCancellationRequested && !_disposed)
            {
                _ = client.NotifyAsync(Method, new PublishDiagnosticsParams(snapshot.Uri, snapshot.Version, diagnostics));
            }
        }
    }

    private static void CancelQuietly(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Its pass already finished.
        }
    }
}
