namespace CodeAssist.Bench.Completion;

internal sealed record ReplaySettings
{
    public TimeSpan FirstTokenLatency { get; init; } = TimeSpan.FromMilliseconds(150);

    public TimeSpan PerTokenLatency { get; init; } = TimeSpan.FromMilliseconds(5);

    public int Positions { get; init; } = 30;

    public int KeysPerPosition { get; init; } = 40;

    /// <summary>Share of model answers that are the true continuation (the rest are plausible but wrong).</summary>
    public double Accuracy { get; init; } = 0.6;

    public int MinKeyIntervalMs { get; init; } = 60;

    public int MaxKeyIntervalMs { get; init; } = 100;

    public int MaxTokens { get; init; } = 24;

    /// <summary>The pause after a position's last key; long pauses let a slow model finish (a patient user).</summary>
    public int PauseAfterLastKeyMs { get; init; } = 1000;

    /// <summary>A GGUF to run through LLamaSharp instead of the scripted model, or null.</summary>
    public string? ModelPath { get; init; }

    public int Threads { get; init; } = 2;

    /// <summary>completion.coldLatencyMs: 0 sends full prompts (the layout before the prompt was sized to the model).</summary>
    public int ColdLatencyMs { get; init; } = 1500;

    /// <summary>Drive the real server over JSON-RPC (didChange + inlineCompletion per key) instead of the service in-process.</summary>
    public bool OverJsonRpc { get; init; }

    /// <summary>
    /// Withhold the identifier constraint from the model (it is still computed, to measure where the model's names
    /// bind), to compare with and without compiler-guided decoding.
    /// </summary>
    public bool Unconstrained { get; init; }

    /// <summary>
    /// With the scripted model: a simulated CPU that evaluates this many prompt tokens a second, with a KV cache
    /// (prefix reuse, kept copies, background prefill); 0 keeps the fixed latency of earlier runs.
    /// </summary>
    public int PromptTokensPerSecond { get; init; }

    /// <summary>After a jump and after an acceptance the user reads this long before typing (0: types at once, no acceptance).</summary>
    public int DwellMs { get; init; }

    /// <summary>The "before" of a comparison: no background prefill and no speculation (the model reports no cache to fill).</summary>
    public bool NoPrefill { get; init; }

    /// <summary>The project digest's budget (0: none); the product's default unless --digest-tokens says otherwise.</summary>
    public int DigestTokens { get; init; }

    /// <summary>
    /// Mined points to replay (shared/bench/context/*.jsonl) instead of picked statements; the summary then says in how
    /// many cold prompts the needed cross-file identifier was.
    /// </summary>
    public string? PointsFile { get; init; }

    /// <summary>Replays twice in one run, with and without the constraint, and prints the two side by side.</summary>
    public bool Compare { get; init; }
}
