using System.Collections.Concurrent;
using StreamJsonRpc;

namespace CodeAssist.Server.Transport;

/// <summary>
/// The ids of requests still open in each direction, so that the transport can refuse what StreamJsonRpc cannot
/// survive: a response to an id the server never sent (or already got an answer for), and a client request that
/// reuses the id of one still running. The reader and the writer run on different threads, hence the concurrency.
/// </summary>
internal sealed class OpenRequestIds
{
    private readonly ConcurrentDictionary<RequestId, byte> _sentByServer = new();
    private readonly ConcurrentDictionary<RequestId, byte> _sentByClient = new();

    /// <summary>Called before a server request is written, so its response cannot arrive before this.</summary>
    public void ServerRequestSent(RequestId id) => _sentByServer.TryAdd(id, 0);

    /// <summary>True once per server request: the first response closes it; any later one finds nothing.</summary>
    public bool TryCloseServerRequest(RequestId id) => _sentByServer.TryRemove(id, out _);

    /// <summary>False when a request with this id is still running (the new one must be refused).</summary>
    public bool TryOpenClientRequest(RequestId id) => _sentByClient.TryAdd(id, 0);

    /// <summary>Called when the answer to a client request is written.</summary>
    public void ClientRequestAnswered(RequestId id) => _sentByClient.TryRemove(id, out _);
}
