using Microsoft.Extensions.AI;

namespace CodeAssist.Llm;

/// <summary>
/// One configured model (one distinct <see cref="LlmOptions"/>): its status and, once ready, its clients.
/// Features with identical settings share one provider, so a local model is loaded once.
/// </summary>
internal sealed class ModelProvider : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private ILocalModel? _localModel;
    private Func<CancellationToken, Task>? _load;
    private bool _disposed;

    public ModelProvider(LlmOptions options, ModelStatus status)
    {
        Options = options;
        Status = status;
    }

    public LlmOptions Options { get; }

    public ModelStatus Status { get; private set; }

    public ICompletionModel? Completion { get; private set; }

    public IChatClient? Chat { get; private set; }

    public Task Loading { get; private set; } = Task.CompletedTask;

    public CancellationToken Lifetime => _lifetime.Token;

    public event Action<ModelProvider>? Changed;

    public void SetReady(ICompletionModel completion, IChatClient chat, ModelStatus status, ILocalModel? localModel = null)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                localModel?.Dispose();
                return;
            }

            _localModel = localModel;
            Completion = completion;
            Chat = chat;
            Status = status;
        }

        Changed?.Invoke(this);
    }

    /// <param name="onlyWhile">When set, the status changes only from this state (late progress must not undo Ready).</param>
    public void SetStatus(ModelStatus status, ModelState? onlyWhile = null)
    {
        lock (_gate)
        {
            if (_disposed || (onlyWhile is { } required && Status.State != required))
            {
                return;
            }

            Status = status;
        }

        Changed?.Invoke(this);
    }

    /// <summary>Sets the background load that <see cref="Start"/> runs.</summary>
    public void SetLoader(Func<CancellationToken, Task> load) => _load = load;

    public void Start()
    {
        if (_load is { } load)
        {
            _load = null;
            Loading = Task.Run(() => load(_lifetime.Token));
        }
    }

    public void Dispose()
    {
        ILocalModel? localModel;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            localModel = _localModel;
            _localModel = null;
            Completion = null;
            Chat = null;
        }

        // Not disposed: the load task may still be registering on the token; a plain CTS holds no timer.
        _lifetime.Cancel();
        localModel?.Dispose();
    }
}
