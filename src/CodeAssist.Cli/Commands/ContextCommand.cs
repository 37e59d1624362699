using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeAssist.Cli.Terminal;
using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CodeAssist.Cli.Commands;

/// <summary>
/// `codeassist context FILE:LINE:COL`: prints exactly the context a prompt would carry at that position.
/// Exit codes: 0 done, 2 bad arguments, 3 no such file or position.
/// </summary>
internal static partial class ContextCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(CliEnvironment environment)
    {
        var location = new Argument<string>("FILE:LINE:COL") { Description = "The position; LINE and COL are 1-based, as editors show them." };
        var budget = new Option<string?>("--budget") { Description = "Token budget for the context (default 1024)." };
        var json = new Option<bool>("--json") { Description = "Print the items (kind, text, score, location) and the rendered text as JSON." };
        var digest = new Option<bool>("--digest")
        {
            Description = "Also print the project digest (the types and members the project uses most), which starts every completion prompt on a model with a prompt cache.",
        };
        var properties = new Option<string[]>("--property", "-p") { Description = "An MSBuild global property for loading the project, e.g. -p TargetFramework=net8.0." };
        var command = new Command("context", "Print the Roslyn context a prompt would contain at FILE:LINE:COL (1-based line and column).")
        {
            location, budget, json, digest, properties,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, "context", () => RunAsync(
            environment, parse.GetValue(location) ?? "", parse.GetValue(budget), parse.GetValue(json), parse.GetValue(digest), parse.GetValue(properties) ?? [], cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, string spec, string? budgetText, bool asJson, bool withDigest, string[] properties, CancellationToken cancellationToken)
    {
        var match = Position().Match(spec);
        if (!match.Success)
        {
            throw new CliException(ExitCodes.BadArguments, $"'{spec}' is not FILE:LINE:COL (1-based line and column, e.g. src/Foo.cs:12:5).");
        }

        var budget = 1024;
        if (budgetText is not null && (!int.TryParse(budgetText, NumberStyles.None, CultureInfo.InvariantCulture, out budget) || budget <= 0))
        {
            throw new CliException(ExitCodes.BadArguments, $"--budget must be a positive number of tokens, not '{budgetText}'.");
        }

        var globalProperties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties)
        {
            var equals = property.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException(ExitCodes.BadArguments, $"--property expects Name=Value, not '{property}'.");
            }

            globalProperties[property[..equals]] = property[(equals + 1)..];
        }

        var path = Path.GetFullPath(match.Groups["file"].Value);
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NotFound, $"no such file: {path}");
        }

        var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
        var column = int.Parse(match.Groups["col"].Value, CultureInfo.InvariantCulture);
        using var session = new WorkspaceSession(NullLogger<WorkspaceSession>.Instance, new WorkspaceSessionOptions { GlobalProperties = globalProperties });
        // MSBuild's design-time build takes seconds (minutes on a first run): say so on stderr, also when redirected.
        var status = new StatusDisplay(environment);
        // The loader's own messages (what was loaded, what failed) wait until the status line is gone.
        var loadMessages = new List<string>();
        await status.RunAsync($"Loading the project of {Path.GetFileName(path)} with MSBuild...", async () =>
        {
            await session.LoadAsync(path, new CollectingProgress(loadMessages), cancellationToken);
            return true;
        });
        loadMessages.ForEach(environment.Error.WriteLine);
        var document = session.GetDocument(path);
        if (document is null)
        {
            session.OpenDocument(path, await File.ReadAllTextAsync(path, cancellationToken));
            document = session.GetDocument(path)!;
        }

        var text = await document.GetTextAsync(cancellationToken);
        if (line < 1 || line > text.Lines.Count || column < 1 || column > text.Lines[line - 1].Span.Length + 1)
        {
            throw new CliException(ExitCodes.NotFound, $"{path} has no line {line}, column {column} (it has {text.Lines.Count} lines; both are 1-based).");
        }

        var position = text.Lines[line - 1].Start + column - 1;
        var collector = new ContextCollector(session: session);
        var context = await collector.GetContextAsync(document, position, budget, cancellationToken);
        var digest = withDigest
            ? await collector.GetProjectDigestAsync(document, new ContextOptions().ProjectDigestTokens, EstimatingTokenCounter.Instance, cancellationToken)
            : null;
        if (asJson)
        {
            environment.Out.WriteLine(JsonSerializer.Serialize(new
            {
                file = path,
                line,
                column,
                context.BudgetTokens,
                context.TokenCount,
                items = context.Items.Select(i => new { kind = JsonNamingPolicy.CamelCase.ConvertName(i.Kind.ToString()), i.Text, i.Score, i.Location }),
                context.RenderedText,
                digest = digest is null ? null : new { digest.BudgetTokens, digest.TokenCount, digest.RenderedText },
            }, Json));
        }
        else
        {
            // In prompt order: the digest first.
            environment.Out.Write(digest?.RenderedText);
            environment.Out.Write(context.RenderedText);
        }

        return 0;
    }

    [GeneratedRegex(@"^(?<file>.+):(?<line>[0-9]+):(?<col>[0-9]+)$")]
    private static partial Regex Position();

    /// <summary>Progress&lt;T&gt; posts to the thread pool; a CLI wants the messages in order, before the output.</summary>
    private sealed class CollectingProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }
    }
}
