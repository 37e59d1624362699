using System.IO.Pipelines;
using CodeAssist.Features.Configuration;
using CodeAssist.Server.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace CodeAssist.Server.Tests.Infrastructure;

/// <summary>
/// The server's real composition over in-memory pipes, for tests that add a test-only handler (which must never
/// ship in the product). The client still speaks raw JSON-RPC frames.
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();

    private InProcessServer(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCodeAssistServer(
            new OptionsLoader(_ => null), new OptionsSources { UserSettingsPath = Path.Combine(Path.GetTempPath(), "codeassist-no-such-dir", "settings.json") });
        configure(services);
        _services = services.BuildServiceProvider();

        var toServer = new Pipe();
        var fromServer = new Pipe();
        Run = Task.Run(() => LanguageServerHost.RunAsync(toServer.Reader.AsStream(), fromServer.Writer.AsStream(), _services, _stop.Token));
        Client = new LspTestClient(toServer.Writer.AsStream(), fromServer.Reader.AsStream());
    }

    public LspTestClient Client { get; }

    public Task<int> Run { get; }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static InProcessServer Start(Action<IServiceCollection> configure) => new(configure);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Client.DisposeAsync();
        try
        {
            await Run.WaitAsync(LspTestClient.Timeout);
        }
        catch (OperationCanceledException)
        {
        }

        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
