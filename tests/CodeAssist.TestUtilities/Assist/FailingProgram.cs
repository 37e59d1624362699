using System.Diagnostics;

namespace CodeAssist.TestUtilities.Assist;

/// <summary>
/// A tiny console program that fails with an inner exception thrown across an await and a lambda; it is built and
/// run once per test process so tests get a real .NET stack trace with real file paths and line numbers.
/// </summary>
public sealed class FailingProgram
{
    public const string ProcessorFile = """
        namespace Sample;

        public sealed class OrderProcessor
        {
            public async Task<int> ProcessAsync(string sku)
            {
                await Task.Yield();
                return Validate(sku);
            }

            private static int Validate(string sku)
            {
                var lengths = new[] { sku }.Select(s => Check(s)).ToList();
                return lengths[0];
            }

            private static int Check(string s)
            {
                if (s == "bad")
                {
                    throw new ArgumentException("Unknown sku", nameof(s));
                }

                return s.Length;
            }
        }
        """;

    public const string ProgramFile = """
        using Sample;

        try
        {
            await new OrderProcessor().ProcessAsync("bad");
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException("Processing failed", e);
        }
        """;

    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <OutputType>Exe</OutputType>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <UseAppHost>false</UseAppHost>
          </PropertyGroup>
        </Project>
        """;

    private static readonly Lazy<Task<FailingProgram>> Instance = new(() => BuildAndRunAsync());

    private FailingProgram(string directory, string standardError)
    {
        Directory = directory;
        StandardError = standardError;
    }

    /// <summary>The project folder (Sample.csproj, Program.cs, OrderProcessor.cs).</summary>
    public string Directory { get; }

    /// <summary>What the program printed on stderr: "Unhandled exception. ..." and the trace.</summary>
    public string StandardError { get; }

    public static Task<FailingProgram> GetAsync() => Instance.Value;

    private static async Task<FailingProgram> BuildAndRunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "codeassist-failing-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "Sample.csproj"), ProjectFile);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), ProgramFile);
        await File.WriteAllTextAsync(Path.Combine(directory, "OrderProcessor.cs"), ProcessorFile);

        var (buildCode, buildOutput) = await RunAsync(directory, "build", "-nologo", "-v", "q", "-o", Path.Combine(directory, "out"));
        if (buildCode != 0)
        {
            throw new InvalidOperationException($"Building the failing sample failed ({buildCode}):\n{buildOutput}");
        }

        var (runCode, runOutput) = await RunAsync(directory, Path.Combine(directory, "out", "Sample.dll"));
        if (runCode == 0)
        {
            throw new InvalidOperationException("The failing sample did not fail.");
        }

        return new FailingProgram(directory, runOutput);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr + await stdout);
    }
}
