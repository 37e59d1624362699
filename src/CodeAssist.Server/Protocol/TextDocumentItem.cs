using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);
