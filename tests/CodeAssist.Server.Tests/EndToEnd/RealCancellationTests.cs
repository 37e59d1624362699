using System.Net;
using System.Net.Sockets;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Tests.Infrastructure;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>
/// $/cancelRequest against the real `codeassist serve` process: codeAssist/explain is made slow deterministically
/// by pointing the model at a local endpoint (127.0.0.1) that accepts connections and never answers.
/// </summary>
public sealed class RealCancellationTests : IDisposable
{
    private readonly TcpListener _silentModel = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _held = [];
    private int _connections;

    public RealCancellationTests()
    {
        _silentModel.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var connection = await _silentModel.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(connection); // keep it open, never reply
                }

                Interlocked.Increment(ref _connections);
            }
        });
    }

    public void Dispose()
    {
        _stop.Cancel();
        _silentModel.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task CancelRequest_OfAnExplainWaitingOnTheModel_AnswersRequestCancelled()
    {
        var port = ((IPEndPoint)_silentModel.LocalEndpoint).Port;
        await using var server = ServerProcess.Start();
        var client = server.Client;
        await client.InitializeAsync(initializationOptions: new { provider = "openai", endpoint = $"http://127.0.0.1:{port}/v1", model = "silent" });
        const string uri = "file:///tmp/real-cancel/Program.cs";
        await client.OpenAsync(uri, "class Program\n{\n    static int Twice(int x) => x * 2;\n}\n");

        var id = client.NextId();
        var pending = await client.StartRequestAsync("codeAssist/explain", new
        {
            textDocument = new { uri },
            range = new { start = new { line = 2, character = 4 }, end = new { line = 2, character = 37 } },
        }, id);

        // Cancel only once the request is really waiting on the model.
        using (var timeout = new CancellationTokenSource(LspTestClient.Timeout))
        {
            while (Volatile.Read(ref _connections) == 0)
            {
                if (pending.IsCompleted)
                {
                    Assert.Fail($"explain answered without waiting on the model: {await pending}");
                }

                await Task.Delay(20, timeout.Token);
            }
        }

        await client.NotifyAsync("$/cancelRequest", new { id });

        ResponseAssert.Error(await pending.WaitAsync(LspTestClient.Timeout), LspErrorCodes.RequestCancelled);
        ResponseAssert.Result(await client.RequestAsync("codeAssist/serverStatus", new { }));
    }
}
