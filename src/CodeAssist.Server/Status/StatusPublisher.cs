using CodeAssist.Context;
using CodeAssist.Llm;
using CodeAssist.Server.Client;
using CodeAssist.Server.Configuration;
using CodeAssist.Server.Protocol;

namespace CodeAssist.Server.Status;

/// <summary>
/// Folds the workspace load state, the model status and running generations into one codeAssist/status, sent
/// whenever the folded value changes (editors show it in a status bar).
/// </summary>
internal sealed class StatusPublisher : IDisposable
{
    private readonly LanguageClient _client;
    private readonly ILanguageModels _models;
    private readonly ServerOptions _options;
    private readonly Lock _gate = new();

    // Compute-and-send is one step under this lock, so the client always ends on the latest state.
    private readonly SemaphoreSlim _sending = new(1, 1);
    private bool _workspaceLoading;
    private string? _workspaceError;
    private string _workspaceMessage = "";
    private int _generating;
    private CodeAssistStatusParams? _lastSent;
    private bool _started;

    public StatusPublisher(LanguageClient client, ILanguageModels models, ServerOptions options)
    {
        _client = client;
        _models = models;
        _options = options;
        _models.StatusChanged += OnModelStatusChanged;
    }

    public CodeAssistStatusParams Current
    {
        get
        {
            lock (_gate)
            {
                return Compute();
            }
        }
    }

    /// <summary>Sends the first status; called once the client is initialized (notifications before are discarded).</summary>
    public Task StartAsync()
    {
        lock (_gate)
        {
            _started = true;
        }

        return PublishAsync();
    }

    public Task SetWorkspaceLoadingAsync(string message)
    {
        lock (_gate)
        {
            _workspaceLoading = true;
            _workspaceMessage = message;
        }

        return PublishAsync();
    }

    public Task SetWorkspaceLoadedAsync(WorkspaceLoadState state, string? error)
    {
        lock (_gate)
        {
            _workspaceLoading = false;
            _workspaceError = error;
            _workspaceMessage = state.ToString();
        }

        return PublishAsync();
    }

    /// <summary>Marks a generation as running until the returned scope is disposed (status "generating").</summary>
    public async Task<IAsyncDisposable> BeginGeneratingAsync()
    {
        Interlocked.Increment(ref _generating);
        await PublishAsync().ConfigureAwait(false);
        return new GeneratingScope(this);
    }

    public void Dispose()
    {
        _models.StatusChanged -= OnModelStatusChanged;

        _sending.Dispose();
    }

    private void OnModelStatusChanged(object? sender, ModelStatus status) => _ = PublishAsync();

    private async Task PublishAsync()
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            CodeAssistStatusParams next;
            lock (_gate)
            {
                next = Compute();
                if (!_started || next == _lastSent)
                {
                    return;
                }

                _lastSent = next;
            }

            await _client.SendStatusAsync(next).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends the status again if it changed for a reason the publisher does not watch (workspace trust).</summary>
    public Task RefreshAsync() => PublishAsync();

    private CodeAssistStatusParams Compute()
    {
        // Read at each computation: initialize and later setting changes replace the loaded options.
        var loaded = _options.Loaded;
        return ComputeState() with
        {
            WorkspaceTrusted = loaded.WorkspaceTrusted,
            IgnoredSettings = loaded.IgnoredUntrusted.Count > 0 ? string.Join(", ", loaded.IgnoredUntrusted) : null,
        };
    }

    private CodeAssistStatusParams ComputeState()
    {
        var model = _models.Status;
        var modelName = model.Model?.ModelId;
        if (_workspaceError is not null)
        {
            return new(CodeAssistStatusState.Error, _workspaceError, modelName);
        }

        if (_workspaceLoading)
        {
            return new(CodeAssistStatusState.Loading, _workspaceMessage, modelName);
        }

        return model.State switch
        {
            ModelState.Loading => new(CodeAssistStatusState.Loading, model.Message, modelName),
            ModelState.Failed => new(CodeAssistStatusState.Error, model.Message, modelName),
            ModelState.NotConfigured => new(CodeAssistStatusState.NoModel, model.Message, modelName),
            _ when model.Degraded => new(CodeAssistStatusState.Degraded, model.Message, modelName),
            _ when Volatile.Read(ref _generating) > 0 => new(CodeAssistStatusState.Generating, model.Message, modelName),
            _ => new(CodeAssistStatusState.Ready, model.Message, modelName),
        };
    }

    private sealed class GeneratingScope(StatusPublisher owner) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._generating);
                await owner.PublishAsync().ConfigureAwait(false);
            }
        }
    }
}
