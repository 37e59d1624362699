using System.Text;
using CodeAssist.Context;
using CodeAssist.Features.Caching;
using CodeAssist.Features.Common;
using CodeAssist.Features.Names;
using CodeAssist.Features.Prompts;
using CodeAssist.Llm;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.StackTraces;

/// <summary>
/// Debugging hints for a stack trace: frames mapped to the workspace, the code at the top workspace frames, and the
/// model's likely cause and fix (its reasoning hidden). Without a model, the resolved frames are the answer.
/// </summary>
/// <param name="exclusion">Files whose code and signatures are never quoted (content exclusion); built-in patterns when null.</param>
public sealed class StackTraceService(ILanguageModels models, IResponseCache? cache, PromptLibrary prompts, ContentExclusion? exclusion = null)
{
    private readonly ContentExclusion _exclusion = exclusion ?? ContentExclusion.Defaults;

    public const string Feature = "debug";
    private const int MaxFramesWithCode = 3;
    private const int MaxCodeLines = 60;

    public async Task<StackTraceReport> AnalyzeAsync(Solution solution, string traceText, IProgress<string>? partialText, CancellationToken cancellationToken)
    {
        var resolver = new FrameResolver(solution);
        var exceptions = new List<ResolvedException>();
        foreach (var exception in StackTraceParser.Parse(traceText))
        {
            var frames = new List<ResolvedFrame>();
            foreach (var frame in exception.Frames)
            {
                frames.Add(await resolver.ResolveAsync(frame, cancellationToken).ConfigureAwait(false));
            }

            exceptions.Add(new ResolvedException(exception.Type, exception.Message, frames));
        }

        if (exceptions.Count == 0)
        {
            const string nothing = "No .NET exception or stack frame found in the text. Paste the whole output of `Exception.ToString()`.";
            partialText?.Report(nothing);
            return new StackTraceReport([], nothing, null, false, null);
        }

        var client = models.GetChatClient(Feature);
        string? failure = null;
        if (client is not null)
        {
            var values = new Dictionary<string, string>
            {
                ["exception"] = PromptText.QuoteCode(string.Join("\n", exceptions.Select(e => $"{e.Type}: {e.Message}")), "text"),
                ["frames"] = FramesText(exceptions, _exclusion),
                ["code"] = await CodeAtTopFramesAsync(solution, exceptions, cancellationToken).ConfigureAwait(false),
            };
            try
            {
                var answer = await ChatRunner.RunAsync(client, prompts.Get(PromptLibrary.Debug).Render(values), cache, partialText, 1024, cancellationToken).ConfigureAwait(false);
                var check = await CheckNamesAsync(solution, exceptions, answer.Text, cancellationToken).ConfigureAwait(false);
                return new StackTraceReport(exceptions, CheckedAnswerRenderer.RenderPlain(check), answer.ModelId, answer.FromCache, null) { Check = check, Provider = answer.Provider };
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = exception.Message;
            }
        }

        var notice = NoModelNotice.For(failure is null ? models.Status : new ModelStatus(ModelState.Failed, failure));
        var markdown = FramesMarkdown(exceptions) + "\n> " + notice + "\n";
        partialText?.Report(markdown);
        return new StackTraceReport(exceptions, markdown, null, false, notice);
    }

    /// <summary>
    /// Checks the analysis's code names as seen from the innermost workspace frame (what is in scope there first),
    /// or from any document of the solution when no frame is in it.
    /// </summary>
    private static async Task<CheckedAnswer> CheckNamesAsync(
        Solution solution, IReadOnlyList<ResolvedException> exceptions, string answer, CancellationToken cancellationToken)
    {
        foreach (var frame in exceptions.SelectMany(e => e.Frames).Where(f => f.InWorkspace && f.FilePath is not null && f.Line is not null))
        {
            if (solution.GetDocumentIdsWithFilePath(frame.FilePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null) is { } document)
            {
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var line = text.Lines[Math.Clamp(frame.Line!.Value - 1, 0, text.Lines.Count - 1)];
                return await AnswerChecker.CheckAsync(document, line.Span, answer, cancellationToken).ConfigureAwait(false);
            }
        }

        return solution.Projects.SelectMany(p => p.Documents).FirstOrDefault() is { } any
            ? await AnswerChecker.CheckAsync(any, new Microsoft.CodeAnalysis.Text.TextSpan(0, 0), answer, cancellationToken).ConfigureAwait(false)
            : CheckedAnswer.Unchecked(answer);
    }

    private static string FramesText(IReadOnlyList<ResolvedException> exceptions, ContentExclusion exclusion)
    {
        var builder = new StringBuilder();
        foreach (var exception in exceptions)
        {
            builder.Append(exception.Type).Append('\n');
            foreach (var frame in exception.Frames)
            {
                builder.Append(frame.InWorkspace ? "  [workspace] " : "  [external]  ").Append(frame.Symbol is { } symbol && !exclusion.IsExcluded(frame.FilePath) ? symbol : $"{frame.Frame.TypeName}.{frame.Frame.MethodName}");
                if (frame.FilePath is not null)
                {
                    builder.Append($" at {Path.GetFileName(frame.FilePath)}:{frame.Line}");
                }

                builder.Append('\n');
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static string FramesMarkdown(IReadOnlyList<ResolvedException> exceptions)
    {
        var builder = new StringBuilder();
        var first = true;
        foreach (var exception in exceptions)
        {
            builder.Append(first ? "# " : "## Caught and wrapped by ").Append($"`{exception.Type}`: {exception.Message}\n\n");
            first = false;
            foreach (var frame in exception.Frames)
            {
                var where = frame.FilePath is null ? "" : $" ({frame.FilePath}:{frame.Line})";
                builder.Append(frame.InWorkspace ? $"- **`{frame.Symbol ?? frame.Frame.MethodName}`**{where}\n" : $"- `{frame.Frame.TypeName}.{frame.Frame.MethodName}` (external){where}\n");
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private async Task<string> CodeAtTopFramesAsync(Solution solution, IReadOnlyList<ResolvedException> exceptions, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var seen = new HashSet<(string, int)>();
        foreach (var frame in exceptions.SelectMany(e => e.Frames).Where(f => f.InWorkspace && f.FilePath is not null && f.Line is not null && !_exclusion.IsExcluded(f.FilePath)).Take(MaxFramesWithCode))
        {
            var document = solution.GetDocumentIdsWithFilePath(frame.FilePath).Select(solution.GetDocument).FirstOrDefault(d => d is not null);
            if (document is null || !seen.Add((frame.FilePath!, frame.Line!.Value)))
            {
                continue;
            }

            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var line = Math.Clamp(frame.Line.Value, 1, text.Lines.Count);
            var member = root is null ? null : MemberLocator.FindSmallestEnclosingMember(root, new Microsoft.CodeAnalysis.Text.TextSpan(text.Lines[line - 1].End, 0));
            var first = member is null ? Math.Max(1, line - 10) : text.Lines.GetLineFromPosition(member.SpanStart).LineNumber + 1;
            var last = member is null ? Math.Min(text.Lines.Count, line + 10) : text.Lines.GetLineFromPosition(member.Span.End).LineNumber + 1;
            first = Math.Max(first, line - MaxCodeLines / 2);
            last = Math.Min(last, line + MaxCodeLines / 2);
            var code = string.Join('\n', Enumerable.Range(first, last - first + 1).Select(n => text.Lines[n - 1].ToRedactedString() + (n == line ? "    // <-- frame" : "")));
            builder.Append($"{Path.GetFileName(frame.FilePath)} (from line {first}, frame at line {line}):\n");
            builder.Append(PromptText.QuoteCode(code, firstLineNumber: first)).Append("\n\n");
        }

        return builder.Length == 0 ? "(no frame is in the workspace)" : builder.ToString().TrimEnd();
    }
}
