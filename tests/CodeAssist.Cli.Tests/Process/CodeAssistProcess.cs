using System.Diagnostics;

namespace CodeAssist.Cli.Tests.Process;

/// <summary>
/// Runs the built <c>codeassist</c> as a child process (<c>dotnet codeassist.dll ...</c>) with private config and cache
/// folders and no CODEASSIST_* or API key variables from the machine, so a test sees exactly what a user would.
/// </summary>
internal sealed class CodeAssistProcess : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public CodeAssistProcess()
    {
        Root = Path.Combine(Path.GetTempPath(), "codeassist-process-" + Guid.NewGuid().ToString("N")[..8]);
        ConfigHome = Path.Combine(Root, "config");
        CacheHome = Path.Combine(Root, "cache");
        WorkingDirectory = Path.Combine(Root, "work");
        Directory.CreateDirectory(ConfigHome);
        Directory.CreateDirectory(CacheHome);
        Directory.CreateDirectory(WorkingDirectory);
    }

    public string Root { get; }

    public string ConfigHome { get; }

    public string CacheHome { get; }

    /// <summary>The child's current directory: the workspace whose .codeassist.json the commands read.</summary>
    public string WorkingDirectory { get; }

    public string UserSettingsPath => Path.Combine(ConfigHome, "codeassist", "settings.json");

    public string ModelCacheDirectory => Path.Combine(CacheHome, "codeassist", "models");

    /// <summary>Extra variables for the child; a null value removes the variable.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>codeassist.dll beside the test binaries (the Cli project is referenced, so the build copies it here).</summary>
    public static string CliAssembly
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "codeassist.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing; build tests/CodeAssist.Cli.Tests first.");
        }
    }

    /// <summary>The dotnet that runs the tests (the SDK sets DOTNET_HOST_PATH), so a machine without dotnet on PATH works too.</summary>
    private static string DotnetHost =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(WorkingDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(CreateStartInfo(args)) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"codeassist {string.Join(' ', args)} did not finish in {Limit.TotalSeconds} s; stderr so far is lost.");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>How the child is started: the CLI assembly, private config and cache folders, no keys; all three streams redirected.</summary>
    public ProcessStartInfo CreateStartInfo(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.ToArray())
        {
            if (key.StartsWith("CODEASSIST_", StringComparison.Ordinal) || key.EndsWith("_API_KEY", StringComparison.Ordinal))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["XDG_CONFIG_HOME"] = ConfigHome;
        start.Environment["XDG_CACHE_HOME"] = CacheHome;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return start;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child killed mid-write can hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
