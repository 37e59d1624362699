// False positives of SecretRedactor on a real code base: the share of its C# string literals that redaction touches.
// A code base without secrets (Newtonsoft.Json) makes every touched literal a false positive.
// Run: dotnet run bench/redaction/false-positives.cs -c Release -- /tmp/nsj [--list]
#:project ../../src/CodeAssist.Llm/CodeAssist.Llm.csproj
#:project ../../src/CodeAssist.Context/CodeAssist.Context.csproj
#:property TreatWarningsAsErrors=false
using System.Diagnostics;
using CodeAssist.Llm.Redaction;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

var root = args.Length > 0 ? args[0] : throw new ArgumentException("usage: false-positives.cs <folder> [--list]");
var list = args.Contains("--list");
int literals = 0, touched = 0, files = 0, spansOutsideLiterals = 0;
foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
{
    var text = File.ReadAllText(path);
    files++;
    var secrets = SecretRedactor.FindSecrets(text);
    var inLiteral = new bool[secrets.Count];
    foreach (var token in CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens())
    {
        if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.InterpolatedStringTextToken)
            && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
            && !token.IsKind(SyntaxKind.Utf8StringLiteralToken))
        {
            continue;
        }

        literals++;
        var hit = false;
        for (var i = 0; i < secrets.Count; i++)
        {
            if (secrets[i].Start < token.Span.End && secrets[i].End > token.Span.Start)
            {
                hit = true;
                inLiteral[i] = true;
            }
        }

        if (hit)
        {
            touched++;
            if (list)
            {
                Console.WriteLine($"literal  {Path.GetRelativePath(root, path)}: {Short(token.Text)}");
            }
        }
    }

    for (var i = 0; i < secrets.Count; i++)
    {
        if (!inLiteral[i])
        {
            spansOutsideLiterals++;
            if (list)
            {
                Console.WriteLine($"other    {Path.GetRelativePath(root, path)}: {Short(text.Substring(secrets[i].Start, secrets[i].Length))}");
            }
        }
    }
}

Console.WriteLine($"{files} files, {literals} string literals, {touched} redacted: false-positive rate {100.0 * touched / Math.Max(1, literals):0.00}%; {spansOutsideLiterals} redactions outside literals (comments, code)");

// Per-call cost on a 2,000-line file (uncached: the whole document is scanned).
var largest = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).First();
var lines = File.ReadAllLines(largest);
var document = string.Join("\n", Enumerable.Range(0, 2000).Select(i => lines[i % lines.Length]));
for (var i = 0; i < 20; i++) SecretRedactor.FindSecrets(document);
var watch = Stopwatch.StartNew();
const int runs = 100;
for (var i = 0; i < runs; i++) SecretRedactor.FindSecrets(document);
Console.WriteLine($"2,000-line document ({document.Length} chars, from {Path.GetFileName(largest)}): {watch.Elapsed.TotalMilliseconds / runs:0.00} ms per whole-document scan");

static string Short(string text) => (text.Length > 100 ? text[..100] + "..." : text).ReplaceLineEndings(" ");
