using System.Text.Json;
using System.Text.Json.Nodes;

namespace CodeAssist.Server.Configuration;

/// <summary>
/// Splits the client's trust (<c>initializationOptions.workspaceTrusted</c>, see docs/lsp-extensions.md) from the
/// settings that travel in the same object, so the settings loader never sees it as an unknown setting.
/// </summary>
internal static class InitializationTrust
{
    public const string Key = "workspaceTrusted";

    public static (JsonElement? Settings, bool? Trusted) Split(JsonElement? initializationOptions)
    {
        if (initializationOptions is not { ValueKind: JsonValueKind.Object } options || !options.TryGetProperty(Key, out var trust))
        {
            return (initializationOptions, null);
        }

        // Anything but a JSON boolean says nothing: the user settings' trustedFolders decide, as with no value.
        bool? trusted = trust.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        var settings = JsonNode.Parse(options.GetRawText())!.AsObject();
        settings.Remove(Key);
        return (JsonSerializer.SerializeToElement(settings), trusted);
    }
}
