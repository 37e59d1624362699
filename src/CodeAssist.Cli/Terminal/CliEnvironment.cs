using CodeAssist.Features.Caching;
using CodeAssist.Llm;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// What a command talks to: its streams, whether they are terminals, the model factory and the cache directory.
/// Tests build their own to run commands in-process with a scripted model.
/// </summary>
internal sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    TextReader In,
    bool OutputIsTerminal,
    bool ErrorIsTerminal,
    Func<ModelOverrides, string?, ILanguageModels> CreateModels,
    string CacheDirectory,
    TimeProvider TimeProvider)
{
    public static CliEnvironment FromConsole() => new(
        Console.Out,
        Console.Error,
        Console.In,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        CliLanguageModels.Create,
        DiskResponseCache.DefaultDirectory(),
        TimeProvider.System);
}
