using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>The commands of workspace/executeCommand; several features append to <see cref="Commands"/>.</summary>
public sealed class ExecuteCommandOptions
{
    public List<string> Commands { get; } = [];
}
