using CodeAssist.Features.Names;

namespace CodeAssist.Cli.Terminal;

/// <summary>
/// After a streamed answer (which showed the raw text as it came), the names it mentions as the workspace has them:
/// <c>Reserved (StockLevel.cs:16)</c>, a library's name, or "not found in this workspace"; the warning when many are missing.
/// </summary>
internal static class CheckedNamesPrinter
{
    public static void Print(CliEnvironment environment, CheckedAnswer? answer)
    {
        if (answer is null || answer.Names.Count == 0)
        {
            return;
        }

        var output = environment.Out;
        output.WriteLine();
        if (answer.Warning is { } warning)
        {
            output.WriteLine(warning.TrimStart('>', ' ').Replace("**", "", StringComparison.Ordinal));
        }

        output.WriteLine(answer.UnresolvedCount == 0
            ? "Names checked against the workspace:"
            : $"Names checked against the workspace ({answer.UnresolvedCount} not found):");
        foreach (var name in answer.Names)
        {
            var where = name switch
            {
                { Resolved: false } => " - not found in this workspace",
                { FilePath: { } path } => $" ({Path.GetFileName(path)}:{name.Line})",
                { Assembly: { } assembly } => $" ({assembly})",
                _ => "",
            };
            output.WriteLine($"  {name.Name}{where}");
        }
    }
}
