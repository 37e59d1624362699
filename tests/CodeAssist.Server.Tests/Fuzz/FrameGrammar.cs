using System.Text.Json;
using CsCheck;

namespace CodeAssist.Server.Tests.Fuzz;

/// <summary>
/// The grammar of generated frames: mostly well-framed messages to the server's own methods with params that are
/// valid, partly broken (a field null, missing or of the wrong type) or random JSON; then unknown and malformed
/// methods, responses to ids the server never sent, odd ids, wrong "jsonrpc", batches and broken framing.
/// </summary>
internal static class FrameGrammar
{
    // exit and shutdown are left out: the run ends them itself, after checking the answers.
    private static readonly string[] KnownMethods =
    [
        "initialize", "initialized", "$/setTrace", "$/cancelRequest", "$/progress",
        "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
        "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles", "workspace/executeCommand",
        "textDocument/inlineCompletion", "textDocument/completion", "textDocument/codeAction", "codeAction/resolve",
        "codeAssist/serverStatus", "codeAssist/stats", "codeAssist/context", "codeAssist/explain", "codeAssist/analyzeStackTrace",
    ];

    private static readonly string[] OtherMethods = ["textDocument/hover", "foo/bar", "$/unknown", "codeAssist/", "exit ", "Shutdown", "initialize\u0000"];

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcxyz_0/{}é\"\\ \t"], 0, 8];

    private static readonly Gen<string> JsonString = Gen.Frequency(
        (6, Word.Select(Quote)),
        (1, Gen.String.Select(Quote)), // any UTF-16, lone surrogates included (written as \u escapes)
        (1, Gen.Const("\"\\ud800\"")));

    private static readonly Gen<string> Number = Gen.Frequency(
        (6, Gen.Int[-3, 40].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("1.5", "-0", "1e400", "123456789012345678901234567890", "2147483648", "-2147483649")));

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (2, Gen.OneOf("null", "true", "false")), (3, Number), (3, JsonString));

    private static readonly Gen<string> Uri = Gen.Frequency(
        (8, Gen.OneOf("\"file:///tmp/fuzz/A.cs\"", "\"file:///tmp/fuzz/B.cs\"")),
        (1, Gen.OneOf("\"untitled:x\"", "\"http://127.0.0.1/x.cs\"", "\"\"", "\"file:///\"", "\"file://%zz\"", "\"/relative\"")),
        (1, Scalar));

    private static readonly Gen<string> Code = Gen.OneOf(
        "\"class A { void M() { var x = 1; x. } }\"", "\"\"", "\"namespace N; class B : A { }\"", "\"\\u0000\\ud800{{{\"");

    private static readonly Gen<string> Position = Object(("line", Number), ("character", Number));

    private static readonly Gen<string> Range = Object(("start", Position), ("end", Position));

    private static readonly Gen<string> TextDocument = Object(("uri", Uri), ("version", Number), ("languageId", JsonString), ("text", Code));

    /// <summary>Random JSON of bounded depth.</summary>
    public static Gen<string> Json(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, Json(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (1, Gen.Select(Word, Json(depth - 1)).Array[0, 3].Select(members => "{" + string.Join(",", members.Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}")));

    private static readonly Gen<string> Diagnostics = Object(("range", Range), ("message", JsonString)).Array[0, 2].Select(JsonArray);

    private static readonly Gen<string> ContentChanges = Object(("range", Range), ("text", Code)).Array[0, 2].Select(JsonArray);

    private static readonly Gen<string> FileChanges = Object(("uri", Uri), ("type", Number)).Array[0, 2].Select(JsonArray);

    /// <summary>Params shaped like the method's, or not.</summary>
    private static readonly Gen<string> Params = Gen.Frequency(
        (5, Object(("textDocument", TextDocument), ("position", Position), ("context", Object(("triggerKind", Number))))),
        (3, Object(("textDocument", TextDocument), ("range", Range), ("context", Object(("diagnostics", Diagnostics), ("only", Scalar))))),
        (2, Object(("textDocument", TextDocument), ("contentChanges", ContentChanges))),
        (1, Object(("command", Gen.OneOf("\"codeAssist.accepted\"", "\"nope\"")), ("arguments", Json(2)))),
        (1, Object(("settings", Json(3)))),
        (1, Object(("changes", FileChanges))),
        (1, Object(("id", Number), ("value", Json(1)), ("token", Scalar))),
        (1, Object(("text", JsonString), ("title", JsonString), ("data", Json(2)))),
        (2, Json(3)));

    private static readonly Gen<string> Method = Gen.Frequency(
        (16, Gen.OneOf(KnownMethods).Select(Quote)),
        (1, Gen.OneOf(OtherMethods).Select(Quote)),
        (1, Gen.OneOf(Scalar, Gen.Const("[\"initialize\"]"), Gen.Const("{}"))));

    private static readonly Gen<(FuzzIdKind, string?)> Id = Gen.Frequency(
        (5, Gen.Const<(FuzzIdKind, string?)>((FuzzIdKind.Integer, null))),
        (2, Gen.Const<(FuzzIdKind, string?)>((FuzzIdKind.String, null))),
        (3, Gen.Const<(FuzzIdKind, string?)>((FuzzIdKind.None, null))),
        (1, Gen.Const<(FuzzIdKind, string?)>((FuzzIdKind.Reuse, null))),
        (1, Gen.OneOf("null", "1.5", "{\"a\":1}", "[1]", "true", "123456789012345678901234567890", "-0.0", "1e3")
            .Select(odd => (FuzzIdKind.Odd, (string?)odd))));

    private static readonly Gen<string?> Version = Gen.Frequency(
        (20, Gen.Const<string?>("\"2.0\"")),
        (1, Gen.OneOf(new string?[] { null, "\"1.0\"", "2", "null", "\"2.0 \"" })));

    private static readonly Gen<FuzzMessage> Request = Gen.Select(Version, Id, Method, Params.Null(0.1))
        .Select(t => new FuzzMessage(t.Item1, t.Item2.Item1, t.Item2.Item2, t.Item3, t.Item4, null, null));

    private static readonly Gen<FuzzMessage> Response = Gen.Select(Version, Id, Json(2), Gen.Bool, Gen.Bool)
        .Select(t => new FuzzMessage(
            t.Item1, t.Item2.Item1 == FuzzIdKind.None ? FuzzIdKind.Integer : t.Item2.Item1, t.Item2.Item2, null, null,
            t.Item4 || !t.Item5 ? t.Item3 : null,
            t.Item5 ? (t.Item4 ? "{\"code\":-32000,\"message\":\"no\"}" : t.Item3) : null));

    private static readonly Gen<FuzzMessage> Message = Gen.Frequency((6, Request), (1, Response));

    public static readonly Gen<FuzzFrame> Frame = Gen.Frequency(
        (40, Message.Select(m => new FuzzFrame(FuzzFraming.Valid, [m], ""))),
        (1, Message.Array[0, 3].Select(ms => new FuzzFrame(FuzzFraming.Batch, ms, ""))),
        (1, Gen.Select(Message, Gen.Int[1, 20]).Select(t => new FuzzFrame(FuzzFraming.TruncatedBody, [t.Item1], t.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        (1, Scalar.Select(s => new FuzzFrame(FuzzFraming.ScalarBody, [], s))),
        (1, Gen.Select(Message, Gen.OneOf("abc", "-5", "999999999999", "1e3", "", "12 34", "0x10")).Select(t => new FuzzFrame(FuzzFraming.BadContentLength, [t.Item1], t.Item2))),
        (1, Message.Select(m => new FuzzFrame(FuzzFraming.MissingContentLength, [m], ""))),
        (1, Gen.Const(new FuzzFrame(FuzzFraming.EmptyBody, [], ""))));

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string JsonArray(string[] items) => "[" + string.Join(",", items) + "]";

    /// <summary>An object with these members, each kept (mostly), left out, null, or replaced by random JSON.</summary>
    private static Gen<string> Object(params (string Name, Gen<string> Value)[] members) =>
        members.Aggregate(
            Gen.Const(Array.Empty<string>()),
            (parts, member) => Gen.Select(parts, MemberOrNot(member.Name, member.Value), (before, part) => part.Length == 0 ? before : [.. before, part]))
            .Select(parts => "{" + string.Join(",", parts) + "}");

    private static Gen<string> MemberOrNot(string name, Gen<string> value) => Gen.Frequency(
        (12, value.Select(v => $"\"{name}\":{v}")),
        (1, Gen.Const("")),
        (1, Gen.Const($"\"{name}\":null")),
        (1, Json(1).Select(v => $"\"{name}\":{v}")));
}
