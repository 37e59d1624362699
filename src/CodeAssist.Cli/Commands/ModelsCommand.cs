using System.CommandLine;
using System.Globalization;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm.Models;

namespace CodeAssist.Cli.Commands;

/// <summary><c>codeassist models pull &lt;name|url&gt;</c>, <c>codeassist models list</c> and <c>codeassist models info</c>.</summary>
internal static class ModelsCommand
{
    /// <summary>Long enough for a stable CPU measure, short enough that `models list` stays instant.</summary>
    private static readonly TimeSpan BenchmarkDuration = TimeSpan.FromMilliseconds(50);

    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("models", "Manage local GGUF models: pull, list (the default), info.");
        command.Subcommands.Add(CreatePull(environment));
        command.Subcommands.Add(CreateList(environment));
        command.Subcommands.Add(ModelInfoCommand.Create(environment));

        // A bare `codeassist models` lists, rather than failing with "Required command was not provided".
        command.SetAction(_ => List(environment));
        return command;
    }

    private static Command CreatePull(CliEnvironment environment)
    {
        var nameOrUrl = new Argument<string?>("name-or-url")
        {
            Description = $"A known model ({string.Join(", ", ModelCatalog.All.Select(m => m.Name))}) or an https URL of a .gguf file. Default: the recommended model for this machine.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var force = new Option<bool>("--force") { Description = "Download again even if the file is already in the cache." };
        var command = new Command("pull", "Download a GGUF into the user model cache (resumable, verified).") { nameOrUrl, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var cache = ModelCache.ForUser();
            using var downloader = new ModelDownloader(cache);
            var requested = parse.GetValue(nameOrUrl);
            if (string.IsNullOrWhiteSpace(requested))
            {
                // The smallest model when even it does not fit: pulling is still the user's call.
                var chosen = ModelCatalog.Recommend(SystemMemory.AvailableBytes(), CpuSpeed.MeasureGigaflops(BenchmarkDuration)) ?? ModelCatalog.All[0];
                requested = chosen.Name;
                environment.Error.WriteLine($"No model named; pulling the recommended one for this machine: {chosen.Name}.");
            }

            try
            {
                var (url, path) = downloader.Resolve(requested);
                environment.Error.WriteLine($"Downloading {url}");
                environment.Error.WriteLine($"        to {path}");
                var progress = new ProgressLine(environment);
                var result = await downloader.PullAsync(requested, progress, cancellationToken, parse.GetValue(force));
                progress.Finish();
                if (result.AlreadyPresent)
                {
                    environment.Error.WriteLine($"Already downloaded: {result.Path} ({Mib(result.SizeBytes)}); use --force to download again.");
                }
                else
                {
                    var check = result.Verified ? $"SHA-256 verified ({result.Sha256})" : $"SHA-256 {result.Sha256} (the server gave no checksum; size and GGUF header checked)";
                    environment.Error.WriteLine($"Done: {result.Path} ({Mib(result.SizeBytes)}), {check}.");
                }

                environment.Error.WriteLine("With no `model` setting, CodeAssist uses the newest model in the cache.");
                environment.Out.WriteLine(result.Path);
                return 0;
            }
            catch (ModelDownloadException exception)
            {
                environment.Error.WriteLine();
                environment.Error.WriteLine($"codeassist models pull: {exception.Message}");
                return ExitCodes.DownloadFailed;
            }
            catch (IOException exception)
            {
                environment.Error.WriteLine($"codeassist models pull: cannot write to {cache.Directory}: {exception.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static Command CreateList(CliEnvironment environment)
    {
        var command = new Command("list", "Show cached models, the configured model, and the recommended one for this machine.");
        command.SetAction(_ => List(environment));
        return command;
    }

    private static int List(CliEnvironment environment)
    {
        var cache = ModelCache.ForUser();
        var cached = cache.List();
        environment.Out.WriteLine($"Model cache: {cache.Directory}");
        if (cached.Count == 0)
        {
            environment.Out.WriteLine("  (empty)");
        }

        foreach (var model in cached)
        {
            environment.Out.WriteLine($"  {model.FileName,-48} {Mib(model.SizeBytes),10}  {model.Modified.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
        }

        var loaded = CliSettings.Load(Directory.GetCurrentDirectory());
        var options = loaded.Options;
        environment.Out.WriteLine();
        var configured = string.IsNullOrEmpty(options.Model)
            ? options.Provider == "local" ? $"none ({(cached.Count > 0 ? $"using the newest cached: {cached[0].FileName}" : "no model: features answer from Roslyn alone")})" : "none"
            : $"{options.Model} (from {loaded.SourceOf("model")})";
        environment.Out.WriteLine($"Configured: provider {options.Provider}, model {configured}");

        var available = SystemMemory.AvailableBytes();
        var gigaflops = CpuSpeed.MeasureGigaflops(BenchmarkDuration);
        var recommended = ModelCatalog.Recommend(available, gigaflops);
        environment.Out.WriteLine();
        environment.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Known models (available memory: {Mib(available)}; CPU: {Environment.ProcessorCount} cores, measured {gigaflops:0.0} GFLOP/s):"));
        foreach (var model in ModelCatalog.All)
        {
            var marks = (cache.Find(model.Name) is not null ? " [downloaded]" : "") + (model == recommended ? " [recommended]" : "");
            var speed = model.MinimumGigaflops > 0 ? string.Create(CultureInfo.InvariantCulture, $" and ~{model.MinimumGigaflops:0} GFLOP/s") : "";
            environment.Out.WriteLine($"  {model.Name,-22} ~{Mib(model.ApproximateBytes),9}, needs ~{Mib(model.RequiredMemoryBytes)}{speed}  {model.Description}{marks}");
        }

        environment.Out.WriteLine(recommended is null
            ? "No listed model fits the available memory; consider a remote provider (openai or ollama)."
            : cache.Find(recommended.Name) is null ? $"Recommended: codeassist models pull {recommended.Name}" : $"Recommended: {recommended.Name} (downloaded)");
        return 0;
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");

    /// <summary>A progress bar on stderr: redrawn in place on a terminal, a line per 10% when redirected.</summary>
    private sealed class ProgressLine(CliEnvironment environment) : IProgress<DownloadProgress>
    {
        private readonly DateTimeOffset _started = environment.TimeProvider.GetUtcNow();
        private int _lastDecile = -1;
        private DateTimeOffset _lastDraw;

        public void Report(DownloadProgress value)
        {
            var now = environment.TimeProvider.GetUtcNow();
            var fraction = value.TotalBytes is > 0 ? (double)value.BytesDownloaded / value.TotalBytes.Value : 0;
            var seconds = Math.Max(0.001, (now - _started).TotalSeconds);
            var rate = (value.BytesDownloaded - value.ResumedFrom) / seconds;
            var text = value.TotalBytes is > 0
                ? $"{Bar(fraction)} {fraction * 100,5:0.0}%  {Mib(value.BytesDownloaded)} / {Mib(value.TotalBytes.Value)}  {Mib((long)rate)}/s"
                : $"{Mib(value.BytesDownloaded)}  {Mib((long)rate)}/s";
            if (environment.ErrorIsTerminal)
            {
                if ((now - _lastDraw).TotalMilliseconds >= 100 || fraction >= 1)
                {
                    _lastDraw = now;
                    environment.Error.Write("\r" + text.PadRight(78));
                }
            }
            else if ((int)(fraction * 10) is var decile && decile != _lastDecile)
            {
                _lastDecile = decile;
                environment.Error.WriteLine(text);
            }
        }

        public void Finish()
        {
            if (environment.ErrorIsTerminal)
            {
                environment.Error.WriteLine();
            }
        }

        private static string Bar(double fraction)
        {
            var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * 30);
            return "[" + new string('#', filled) + new string('.', 30 - filled) + "]";
        }
    }
}
