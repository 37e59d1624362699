using System.Diagnostics;
using System.Text;
using CodeAssist.Features.Names;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Cost of checking the code names of a 500-word answer about the sample's TryReserveOrder (real names of the
/// sample and the BCL, and invented ones), each check from scratch as for a new answer.
/// </summary>
internal static class NamesBench
{
    private const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Threading.Tasks;\n";

    private static readonly string[] Sentences =
    [
        "`TryReserveOrder` walks the lines and calls `StockLevel.TryReserve(quantity)` for each of them.",
        "When a line fails, the earlier ones are undone with `StockLevel.Ship()` and a negative count, which raises `OnHand` again.",
        "The property `Reserved` only grows while `Available` shrinks; see `InventoryService.StockValue` for the totals.",
        "Nothing here calls `StockLevel.Replenish()` or `Warehouse.Restock`, and ReserveAll() is not part of the sample.",
        "The dictionary lookup uses `Dictionary<TKey, TValue>.TryGetValue` and the list is a `List<T>` of tuples.",
        "Counts are clamped with `System.Math.Max`, strings compared with `StringComparer.OrdinalIgnoreCase`.",
        "A caller such as `Program.Main` or the top-level statements would pass `lines` straight from the order.",
        "Consider returning the failed `Product.Sku` so that the caller can report which line could not be reserved.",
    ];

    public static async Task<int> RunAsync(string sampleFolder, int iterations)
    {
        var document = Load(sampleFolder);
        var text = await document.GetTextAsync();
        var start = text.ToString().IndexOf("public bool TryReserveOrder", StringComparison.Ordinal);
        var span = new TextSpan(start, 600);
        var answer = Answer(500);
        var words = answer.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length;

        var first = Stopwatch.StartNew();
        var check = await AnswerChecker.CheckAsync(document, span, answer, CancellationToken.None);
        var firstMs = first.Elapsed.TotalMilliseconds;
        var samples = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await AnswerChecker.CheckAsync(document, span, answer, CancellationToken.None);
            samples.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"names: {words} words, {check.Mentions.Count} mentions, {check.Names.Count} names, {check.UnresolvedCount} not found");
        Console.WriteLine($"first check (cold): {firstMs:F1} ms; then {Percentiles.Format(samples)}");
        return 0;
    }

    private static string Answer(int words)
    {
        var builder = new StringBuilder();
        var count = 0;
        for (var i = 0; count < words; i++)
        {
            var sentence = Sentences[i % Sentences.Length];
            builder.Append(sentence).Append(i % 3 == 2 ? "\n\n" : " ");
            count += sentence.Split(' ').Length;
        }

        return builder.ToString();
    }

    private static Document Load(string folder)
    {
        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator)
            .Where(file => Path.GetFileName(file).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(file) is "netstandard.dll")
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToList();
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "Inventory", "Inventory", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            metadataReferences: references));
        solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", SourceText.From(ImplicitUsings));
        DocumentId? service = null;
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs").Order(StringComparer.Ordinal))
        {
            var id = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(id, Path.GetFileName(file), SourceText.From(File.ReadAllText(file)), filePath: Path.GetFullPath(file));
            service = Path.GetFileName(file) == "InventoryService.cs" ? id : service;
        }

        workspace.TryApplyChanges(solution);
        return workspace.CurrentSolution.GetDocument(service ?? throw new FileNotFoundException("InventoryService.cs is not in " + folder))!;
    }
}
