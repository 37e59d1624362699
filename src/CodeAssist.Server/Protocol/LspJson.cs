using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>The one serializer configuration of the wire: camelCase, nulls left out, enums as numbers (as LSP wants).</summary>
public static class LspJson
{
    /// <summary>Read-only options for the server's own (de)serialization.</summary>
    public static JsonSerializerOptions Options { get; } = MakeReadOnly(CreateOptions());

    /// <summary>A fresh, mutable instance (StreamJsonRpc's formatter adds its converters to the one it is given).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            RespectNullableAnnotations = false,

            // Positional records' parameters are required (an LSP Position without "line" is invalid params);
            // optional members get a default value in the record's parameter list.
            RespectRequiredConstructorParameters = true,
        };
        return options;
    }

    private static JsonSerializerOptions MakeReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
