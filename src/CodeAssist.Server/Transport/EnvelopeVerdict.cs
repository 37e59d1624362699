using StreamJsonRpc;

namespace CodeAssist.Server.Transport;

/// <summary>What <see cref="EnvelopeCheck"/> decided about one incoming message.</summary>
internal readonly record struct EnvelopeVerdict(EnvelopeKind Kind, RequestId Id, string Detail)
{
    /// <summary>A well-formed request; <see cref="Detail"/> is its method.</summary>
    public static EnvelopeVerdict Request(RequestId id, string method) => new(EnvelopeKind.Request, id, method);

    /// <summary>A well-formed notification; <see cref="Detail"/> is its method.</summary>
    public static EnvelopeVerdict Notification(string method) => new(EnvelopeKind.Notification, RequestId.Null, method);

    /// <summary>A well-formed response; it still has to answer a request the server sent.</summary>
    public static EnvelopeVerdict Response(RequestId id) => new(EnvelopeKind.Response, id, "");

    /// <summary>Invalid, and it expects an answer: InvalidRequest with <paramref name="id"/> (null when unreadable).</summary>
    public static EnvelopeVerdict Reply(RequestId id, string problem) => new(EnvelopeKind.Reply, id, problem);

    /// <summary>Invalid, and nothing may answer it (a notification or a response): logged and dropped.</summary>
    public static EnvelopeVerdict Drop(string problem) => new(EnvelopeKind.Drop, RequestId.Null, problem);
}
