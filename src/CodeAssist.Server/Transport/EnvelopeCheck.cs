using System.Text.Json;
using CodeAssist.Server.Protocol;
using StreamJsonRpc;

namespace CodeAssist.Server.Transport;

/// <summary>
/// Checks the JSON-RPC envelope of one incoming body before StreamJsonRpc sees it. StreamJsonRpc trusts its peer:
/// a null method, a response to an id it never sent or a second response ends the whole connection. What LSP
/// allows passes; anything else becomes an <see cref="EnvelopeVerdict"/> that fails or drops that one message.
/// </summary>
internal static class EnvelopeCheck
{
    public static EnvelopeVerdict Check(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return EnvelopeVerdict.Reply(RequestId.Null, "JSON-RPC batches are not supported by LSP; send each message in its own frame.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return EnvelopeVerdict.Reply(RequestId.Null, $"a message must be a JSON object, not {Describe(root.ValueKind)}.");
        }

        // Two readers of one body must not disagree: with "method" twice, this check and StreamJsonRpc could each
        // read a different one.
        if (FindDuplicateMember(root) is { } duplicate)
        {
            var firstId = root.TryGetProperty("id", out var anyId) ? ReadId(anyId) : null;
            return EnvelopeVerdict.Reply(firstId ?? RequestId.Null, $"\"{duplicate}\" appears more than once.");
        }

        var hasId = root.TryGetProperty("id", out var idElement);
        var id = hasId ? ReadId(idElement) : (RequestId?)null;
        var hasMethod = root.TryGetProperty("method", out var method);
        var isResponse = !hasMethod && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _));

        if (hasId && id is null)
        {
            var problem = $"the id must be an integer or a string, not {Describe(idElement)}.";
            return isResponse ? EnvelopeVerdict.Drop($"a response was dropped: {problem}") : EnvelopeVerdict.Reply(RequestId.Null, problem);
        }

        // A response is never answered, whatever is wrong with it: JSON-RPC has no error for an error.
        if (isResponse)
        {
            return CheckResponse(root, id);
        }

        var replyTo = id ?? RequestId.Null;
        if (!HasVersion2(root))
        {
            return Fail(hasId, replyTo, "\"jsonrpc\" must be \"2.0\".");
        }

        if (!hasMethod)
        {
            return Fail(hasId, replyTo, "a message needs a \"method\" (a request or notification) or a \"result\" or \"error\" (a response).");
        }

        if (ReadString(method) is not { } name)
        {
            var kind = method.ValueKind == JsonValueKind.String ? "text that is not valid UTF-16" : Describe(method);
            return Fail(hasId, replyTo, $"\"method\" must be a string, not {kind}.");
        }

        if (name.Length == 0)
        {
            return Fail(hasId, replyTo, "\"method\" must not be empty.");
        }

        if (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _))
        {
            return Fail(hasId, replyTo, $"{name}: a request cannot also carry \"result\" or \"error\".");
        }

        if (root.TryGetProperty("params", out var parameters)
            && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            return Fail(hasId, replyTo, $"{name}: \"params\" must be an object or an array, not {Describe(parameters)}.");
        }

        return hasId ? EnvelopeVerdict.Request(replyTo, name) : EnvelopeVerdict.Notification(name);
    }

    private static EnvelopeVerdict CheckResponse(JsonElement root, RequestId? id)
    {
        if (id is null)
        {
            return EnvelopeVerdict.Drop("a response without an id was dropped.");
        }

        if (!HasVersion2(root))
        {
            return EnvelopeVerdict.Drop($"the response to {id} was dropped: \"jsonrpc\" must be \"2.0\".");
        }

        var hasResult = root.TryGetProperty("result", out _);
        var hasError = root.TryGetProperty("error", out var error);
        if (hasResult == hasError)
        {
            return EnvelopeVerdict.Drop($"the response to {id} was dropped: it needs exactly one of \"result\" and \"error\".");
        }

        if (hasError && !IsErrorObject(error))
        {
            return EnvelopeVerdict.Drop($"the response to {id} was dropped: \"error\" needs an integer \"code\" and a string \"message\".");
        }

        return EnvelopeVerdict.Response(id.Value);
    }

    private static string? FindDuplicateMember(JsonElement root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name is "jsonrpc" or "id" or "method" or "params" or "result" or "error" && !seen.Add(member.Name))
            {
                return member.Name;
            }
        }

        return null;
    }

    private static bool HasVersion2(JsonElement root) =>
        root.TryGetProperty("jsonrpc", out var version) && ReadString(version) == "2.0";

    private static bool IsErrorObject(JsonElement error) =>
        error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out _)
        && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String;

    /// <summary>LSP ids are integers or strings; anything else (null, fractions, objects, huge numbers) is not one.</summary>
    private static RequestId? ReadId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number when id.TryGetInt64(out var number) => new RequestId(number),
        JsonValueKind.String when ReadString(id) is { } text => new RequestId(text),
        _ => null,
    };

    /// <summary>The string's value; null for other kinds and for text that is not valid UTF-16 (a lone surrogate escape).</summary>
    private static string? ReadString(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static EnvelopeVerdict Fail(bool hasId, RequestId id, string problem) =>
        hasId ? EnvelopeVerdict.Reply(id, problem) : EnvelopeVerdict.Drop($"a notification was dropped: {problem}");

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? $"the number {Truncate(element.GetRawText())}" : Describe(element.ValueKind);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
