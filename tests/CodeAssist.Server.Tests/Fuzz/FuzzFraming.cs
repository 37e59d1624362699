namespace CodeAssist.Server.Tests.Fuzz;

/// <summary>How a generated frame is put on the wire.</summary>
internal enum FuzzFraming
{
    /// <summary>A correct Content-Length header and the message as its body.</summary>
    Valid,

    /// <summary>Several messages in one JSON array (a JSON-RPC batch, which LSP does not have).</summary>
    Batch,

    /// <summary>A body that is not JSON (a truncated message), with a correct length.</summary>
    TruncatedBody,

    /// <summary>A JSON value that is not an object (a number, a string, null).</summary>
    ScalarBody,

    /// <summary>Content-Length that is not a number, negative or too large: the frame is skipped.</summary>
    BadContentLength,

    /// <summary>A header block without Content-Length: the frame is skipped.</summary>
    MissingContentLength,

    /// <summary>Content-Length: 0.</summary>
    EmptyBody,
}
