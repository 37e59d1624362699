using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public static class CodeAssistStatusState
{
    public const string Loading = "loading";
    public const string Ready = "ready";
    public const string NoModel = "noModel";
    public const string Generating = "generating";
    public const string Error = "error";

    /// <summary>A remote model server keeps failing (down, hung, answers that are not answers); requests are paused.</summary>
    public const string Degraded = "degraded";
}
