using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record WorkDoneProgressEnd(string? Message = null)
{
    public string Kind => "end";
}
