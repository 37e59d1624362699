using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CodeAssist.Cli.Terminal;
using CodeAssist.Context;
using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Cli.Commands;

/// <summary>
/// <c>codeassist complete FILE:LINE:COL [--json]</c>: the inline suggestion at a position (1-based line and column),
/// through the same pipeline as the server. With no model configured it answers from Roslyn alone.
/// </summary>
internal static class CompleteCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create()
    {
        var location = new Argument<string>("FILE:LINE:COL") { Description = "A C# file and a 1-based line and column." };
        var json = new Option<bool>("--json") { Description = "Print the items as JSON." };
        var provider = new Option<string?>("--provider") { Description = ModelFlagTexts.Provider };
        var model = new Option<string?>("--model") { Description = ModelFlagTexts.Model };
        var endpoint = new Option<string?>("--endpoint") { Description = ModelFlagTexts.Endpoint };
        var command = new Command("complete", "Print the inline suggestion at FILE:LINE:COL (1-based line and column), through the same pipeline as the editor.")
        {
            location, json, provider, model, endpoint,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(location)!,
            result.GetValue(json),
            EffectiveSettings.CommandLine(result.GetValue(provider), result.GetValue(model), result.GetValue(endpoint)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string location, bool json, IReadOnlyDictionary<string, string> commandLine, CancellationToken cancellationToken)
    {
        if (!TryParseLocation(location, out var path, out var line, out var column, out var error))
        {
            await Console.Error.WriteLineAsync($"codeassist complete: {error}").ConfigureAwait(false);
            return ExitCodes.BadArguments;
        }

        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"codeassist complete: no such file: {path}").ConfigureAwait(false);
            return ExitCodes.NotFound;
        }

        var status = new StatusDisplay(CliEnvironment.FromConsole());
        var fullPath = Path.GetFullPath(path);
        var document = await status.RunAsync($"Loading the sources around {Path.GetFileName(fullPath)}...", () => Task.Run(() => LoadDocument(fullPath), cancellationToken))
            .ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (line < 1 || line > text.Lines.Count || column < 1 || column - 1 > text.Lines[line - 1].Span.Length)
        {
            await Console.Error.WriteLineAsync($"codeassist complete: {line}:{column} is outside {path}").ConfigureAwait(false);
            return ExitCodes.NotFound;
        }

        var position = text.Lines[line - 1].Start + column - 1;
        var root = Path.GetDirectoryName(Path.GetFullPath(path));
        var options = CliSettings.Load(root, commandLine).Options;
        var exclusions = new ContentExclusions();
        exclusions.Update(ContentExclusion.Create(root, options.Exclude));
        using var models = new LanguageModels(options.ToLanguageModelSettings(), localModelFactory: new LlamaSharpModelFactory());
        if (models.Status.State == ModelState.Loading)
        {
            await status.RunAsync("Loading model...", () => WaitForModelsAsync(models, cancellationToken)).ConfigureAwait(false);
        }

        if (models.Status.State == ModelState.Failed)
        {
            await Console.Error.WriteLineAsync($"codeassist complete: {models.Status.Message}").ConfigureAwait(false);
            if (ModelFlagTexts.AnyGiven(commandLine))
            {
                return ExitCodes.ModelUnavailable;
            }
        }

        using var service = new InlineCompletionService(models, new ContextCollector(exclusions: exclusions), () => options, exclusions: exclusions);
        var request = new InlineCompletionRequest(document, position, Explicit: true);
        var completion = await service.GetCompletionsAsync(request, cancellationToken).ConfigureAwait(false);
        if (completion.Items.Count == 0 && service.GetStatistics().WithheldUnverified > 0)
        {
            // One shot, no next keystroke: wait for the check that ran past its budget and take its result.
            await service.LateChecks.WaitAsync(cancellationToken).ConfigureAwait(false);
            completion = await service.GetCompletionsAsync(request, cancellationToken).ConfigureAwait(false);
        }
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { completion.Items, completion.Message }, JsonOptions));
        }
        else
        {
            if (completion.Message is not null)
            {
                await Console.Error.WriteLineAsync(completion.Message).ConfigureAwait(false);
            }

            if (completion.Items.Count == 0)
            {
                await Console.Error.WriteLineAsync("No suggestion here.").ConfigureAwait(false);
                return 1;
            }

            var best = completion.Items[0];
            var typed = text.ToString(TextSpan.FromBounds(best.ReplaceStart, best.ReplaceEnd));
            Console.WriteLine(best.InsertText.StartsWith(typed, StringComparison.Ordinal) ? best.InsertText[typed.Length..] : best.InsertText);
        }

        return completion.Items.Count > 0 ? 0 : 1;
    }

    /// <summary>A local model loads in the background; a one-shot command waits for it (or its failure) for a while.</summary>
    private static async Task<bool> WaitForModelsAsync(LanguageModels models, CancellationToken cancellationToken)
    {
        for (var waited = 0; models.Status.State == ModelState.Loading && waited < 300; waited++)
        {
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return models.Status.State != ModelState.Loading;
    }

    private static bool TryParseLocation(string location, out string path, out int line, out int column, out string error)
    {
        (path, line, column, error) = ("", 0, 0, "");
        var parts = location.Split(':');
        if (parts.Length < 3
            || !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out line)
            || !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out column))
        {
            error = $"expected FILE:LINE:COL, got '{location}'";
            return false;
        }

        path = string.Join(':', parts[..^2]);
        return true;
    }

    /// <summary>
    /// An ad-hoc project of the file and its sibling sources under the nearest project folder, against the running
    /// framework. Enough for Roslyn completion; the workspace session replaces it when it lands in main.
    /// </summary>
    private static Document LoadDocument(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        for (var probe = new DirectoryInfo(folder); probe is not null; probe = probe.Parent)
        {
            if (probe.EnumerateFiles("*.csproj").Any())
            {
                folder = probe.FullName;
                break;
            }
        }

        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator)
            .Where(file => Path.GetFileName(file).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(file) is "netstandard.dll" or "mscorlib.dll")
            .Select(file => MetadataReference.CreateFromFile(file));
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "complete",
            "complete",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            metadataReferences: references));
        var solution = workspace.CurrentSolution;
        DocumentId? target = null;
        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains("/bin/", StringComparison.Ordinal))
            .Take(2000)
            .Append(path)
            .Distinct(StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var id = DocumentId.CreateNewId(project.Id);
            solution = solution.AddDocument(id, Path.GetFileName(file), SourceText.From(File.ReadAllText(file)), filePath: file);
            if (file == path)
            {
                target = id;
            }
        }

        return solution.GetDocument(target!)!;
    }
}
