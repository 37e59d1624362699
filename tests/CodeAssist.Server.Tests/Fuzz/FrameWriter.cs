using System.Globalization;
using System.Text;

namespace CodeAssist.Server.Tests.Fuzz;

/// <summary>
/// Writes generated frames as bytes and keeps the oracle: which ids must be answered, and how many times. The
/// oracle is the protocol's rule, not the server's code: a well-framed JSON object with an integer or string id
/// that is not a response gets exactly one answer with that id; nothing else gets an answer with a non-null id.
/// </summary>
internal sealed class FrameWriter
{
    private readonly Dictionary<string, int> _expected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private long _nextInteger = 10_000_000;
    private string? _lastId;

    /// <summary>Answers expected per id key (see <see cref="KeyOf"/>); ids that must never be answered map to 0.</summary>
    public IReadOnlyDictionary<string, int> Expected => _expected;

    public int RequestCount => _expected.Values.Sum();

    /// <summary>The last message written with each id key, for failure messages.</summary>
    public string BodyOf(string key) => _bodies.GetValueOrDefault(key, "?");

    public byte[] Write(FuzzFrame frame)
    {
        return frame.Framing switch
        {
            FuzzFraming.Valid => Framed(Render(frame.Messages[0], answered: true)),
            FuzzFraming.Batch => Framed("[" + string.Join(",", frame.Messages.Select(m => Render(m, answered: false))) + "]"),
            FuzzFraming.TruncatedBody => Framed(Truncate(Render(frame.Messages[0], answered: false), int.Parse(frame.Garbage, CultureInfo.InvariantCulture))),
            FuzzFraming.ScalarBody => Framed(frame.Garbage),
            FuzzFraming.BadContentLength => Header($"Content-Length: {frame.Garbage}", Render(frame.Messages[0], answered: false)),
            FuzzFraming.MissingContentLength => Header("Content-Type: application/vscode-jsonrpc; charset=utf-8", Render(frame.Messages[0], answered: false)),
            _ => Encoding.ASCII.GetBytes("Content-Length: 0\r\n\r\n"),
        };
    }

    /// <summary>The key of an id as the answer carries it: integers and strings never collide.</summary>
    public static string KeyOf(long id) => "n:" + id.ToString(CultureInfo.InvariantCulture);

    public static string KeyOf(string id) => "s:" + id;

    private string Render(FuzzMessage message, bool answered)
    {
        var members = new List<string>();
        if (message.JsonRpc is not null)
        {
            members.Add($"\"jsonrpc\":{message.JsonRpc}");
        }

        var (idText, key) = NextId(message);
        if (idText is not null)
        {
            members.Add($"\"id\":{idText}");
        }

        Add(members, "method", message.Method);
        Add(members, "params", message.Params);
        Add(members, "result", message.Result);
        Add(members, "error", message.Error);

        if (key is not null)
        {
            var isResponse = message.Method is null && (message.Result is not null || message.Error is not null);
            _expected[key] = _expected.GetValueOrDefault(key) + (answered && !isResponse ? 1 : 0);
        }

        var body = "{" + string.Join(",", members) + "}";
        if (key is not null)
        {
            _bodies[key] = body.Length <= 300 ? body : body[..300];
        }

        return body;
    }

    private (string? Text, string? Key) NextId(FuzzMessage message)
    {
        switch (message.IdKind)
        {
            case FuzzIdKind.Integer:
                var number = _nextInteger++;
                _lastId = number.ToString(CultureInfo.InvariantCulture);
                return (_lastId, KeyOf(number));
            case FuzzIdKind.String:
                var text = $"f\u00e9-{_nextInteger++}";
                _lastId = System.Text.Json.JsonSerializer.Serialize(text); // written with a \u escape
                return (_lastId, KeyOf(text));
            case FuzzIdKind.Reuse when _lastId is not null:
                return (_lastId, _lastId.StartsWith('"') ? KeyOf(System.Text.Json.JsonSerializer.Deserialize<string>(_lastId)!) : KeyOf(long.Parse(_lastId, CultureInfo.InvariantCulture)));
            case FuzzIdKind.Odd:
                return (message.OddId, null);
            default:
                return (null, null);
        }
    }

    private static void Add(List<string> members, string name, string? value)
    {
        if (value is not null)
        {
            members.Add($"\"{name}\":{value}");
        }
    }

    private static string Truncate(string json, int cut) => json[..Math.Max(1, json.Length - cut)];

    private static byte[] Framed(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"), .. bytes];
    }

    private static byte[] Header(string header, string body) => Encoding.UTF8.GetBytes($"{header}\r\n\r\n{body}");
}
