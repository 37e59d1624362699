using System.CommandLine;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CodeAssist.Cli.Commands;

/// <summary>One run of `fix` or `refactor` with its document loaded: what the command's own work needs, and the shared end.</summary>
/// <param name="Span">The lines PATH names, or null when it names the whole file.</param>
internal sealed record SuggestionRun(
    CliEnvironment Environment,
    ParseResult Result,
    AssistOptions Options,
    EditOptions Edit,
    ModelOverrides Overrides,
    StatusDisplay Status,
    SourcePosition Position,
    Document Document,
    TextSpan? Span)
{
    public bool Json => Result.GetValue(Options.Json);

    /// <summary>The settings, cache and models for the document's workspace, once <paramref name="feature"/>'s model is ready (or known missing).</summary>
    public async Task<AssistSession> StartSessionAsync(string feature, CancellationToken cancellationToken)
    {
        var session = AssistSession.Create(Environment, Overrides, AssistSession.WorkspaceRoot(Document), Result.GetValue(Options.NoCache));
        try
        {
            await session.WaitForModelAsync(feature, Status, cancellationToken);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Prints the suggestions (unless --json), applies the picked one with --apply, and returns the exit code.</summary>
    /// <param name="diagnostic">The diagnostic being fixed, for `fix`; null for `refactor`.</param>
    public Task<int> FinishAsync(IReadOnlyList<CodeSuggestion> suggestions, string? notice, IReadOnlyList<string> rejected, DiagnosticFact? diagnostic)
    {
        var baseDirectory = Directory.GetCurrentDirectory();
        if (!Json)
        {
            SuggestionPrinter.Print(Environment, suggestions, baseDirectory);
        }

        return SuggestionOutput.FinishAsync(Environment, Result, Edit, Overrides, suggestions, notice, rejected, Json, baseDirectory, diagnostic);
    }
}
