using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record TextEdit(Range Range, string NewText);
