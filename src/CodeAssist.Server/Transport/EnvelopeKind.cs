namespace CodeAssist.Server.Transport;

/// <summary>The kinds of <see cref="EnvelopeVerdict"/>.</summary>
internal enum EnvelopeKind
{
    Request,
    Notification,
    Response,
    Reply,
    Drop,
}
