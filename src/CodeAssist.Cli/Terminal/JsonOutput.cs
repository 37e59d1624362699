using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Cli.Terminal;

/// <summary>The --json writer: camelCase, indented, nulls kept so the shape is stable for scripts.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Scripts read this as UTF-8 JSON, not HTML: keep quotes and angle brackets of C# signatures readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static void Write(TextWriter writer, object value)
    {
        writer.WriteLine(JsonSerializer.Serialize(value, value.GetType(), Options));
        writer.Flush();
    }
}
