using CodeAssist.Context;
using CodeAssist.Llm;

namespace CodeAssist.Features.Common;

/// <summary>The one sentence every feature shows when it answers without a model, saying how to add one.</summary>
public static class NoModelNotice
{
    public const string PullCommand = "codeassist models pull qwen2.5-coder-0.5b";

    public static string For(ModelStatus? status)
    {
        // Content exclusion is not a missing model: adding one would change nothing, so say only why.
        if (status is { State: ModelState.NotConfigured } && status.Message.Contains(ContentExclusion.NoticeMarker, StringComparison.Ordinal))
        {
            return status.Message;
        }

        var reason = status is { State: ModelState.Failed or ModelState.Loading } && !string.IsNullOrWhiteSpace(status.Message)
            ? $"The model is not available ({status.Message}), so"
            : "No language model is configured, so";
        return $"{reason} this answer comes from Roslyn alone. Add a local model with `{PullCommand}`, "
            + "or set `model`/`endpoint` (and `provider`) in your CodeAssist settings.";
    }
}
