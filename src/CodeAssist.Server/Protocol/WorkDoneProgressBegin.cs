using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record WorkDoneProgressBegin(string Title, string? Message = null, int? Percentage = null, bool? Cancellable = null)
{
    public string Kind => "begin";
}
