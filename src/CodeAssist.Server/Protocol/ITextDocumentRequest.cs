using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeAssist.Server.Protocol;

/// <summary>
/// Params that target one document. The queue uses it to capture that document's snapshot at dequeue and to cancel
/// in-flight reads when the document changes. Implement it explicitly so it stays out of the JSON.
/// </summary>
public interface ITextDocumentRequest
{
    string DocumentUri { get; }
}
