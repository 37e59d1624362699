using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;

namespace CodeAssist.Server;

/// <summary>
/// The lifecycle and what initialize negotiated. Written by the lifecycle handlers (serially), read anywhere.
/// </summary>
public sealed class ServerState
{
    private volatile LifecyclePhase _phase = LifecyclePhase.WaitingForInitialize;
    private volatile string _trace = "off";
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LifecyclePhase Phase => _phase;

    public ClientCapabilities ClientCapabilities { get; private set; } = new();

    public ClientInfo? ClientInfo { get; private set; }

    public PositionEncoding PositionEncoding { get; private set; } = PositionEncoding.Utf16;

    /// <summary>The workspace root from initialize (first workspace folder, else rootUri, else rootPath).</summary>
    public string? RootPath { get; private set; }

    /// <summary>off | messages | verbose: whether $/logTrace is sent.</summary>
    public string Trace
    {
        get => _trace;
        set => _trace = value;
    }

    public bool SupportsWorkDoneProgress => ClientCapabilities.Window?.WorkDoneProgress == true;

    internal void BeginInitialize() => _phase = LifecyclePhase.Initializing;

    internal void CompleteInitialize(InitializeParams parameters, PositionEncoding encoding, string? rootPath)
    {
        ClientCapabilities = parameters.Capabilities ?? new ClientCapabilities();
        ClientInfo = parameters.ClientInfo;
        PositionEncoding = encoding;
        RootPath = rootPath;
        Trace = parameters.Trace ?? "off";
    }

    internal void MarkShutdown() => _phase = LifecyclePhase.ShutDown;

    internal void MarkRunning()
    {
        if (_phase == LifecyclePhase.Initializing)
        {
            _phase = LifecyclePhase.Running;
        }
    }

    /// <summary>Completes with the process exit code once exit arrives: 0 after shutdown, 1 without.</summary>
    public Task<int> ExitCode => _exit.Task;

    internal void RequestExit() => _exit.TrySetResult(_phase == LifecyclePhase.ShutDown ? 0 : 1);
}
