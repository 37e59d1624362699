namespace CodeAssist.Server;

public enum LifecyclePhase
{
    WaitingForInitialize,

    /// <summary>initialize was received; requests are accepted (the queue runs them after it).</summary>
    Initializing,

    Running,

    /// <summary>shutdown was received: only exit is accepted.</summary>
    ShutDown,
}
