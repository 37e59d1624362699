using System.Text;

namespace CodeAssist.Llm.Fim;

/// <summary>
/// Lays out an <see cref="InfillRequest"/> in a template's FIM format. Context always comes first and the
/// current file last, so the start of the prompt stays the same across keystrokes and a prefix cache (local KV
/// reuse, a server's prompt cache) keeps working.
/// </summary>
public static class FimLayout
{
    /// <summary>The prompt as markers and text, for providers that tokenize markers themselves.</summary>
    public static IReadOnlyList<FimSegment> BuildSegments(FimTemplate template, InfillRequest request)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);

        var segments = new List<FimSegment>();
        var useRepositoryLayout = template.SupportsRepositoryLevel
            && (request.RepositoryName is not null || request.FilePath is not null || request.ExtraContext.Count > 0);

        string prefixText;
        string? pathInsidePrefix = null;
        if (useRepositoryLayout)
        {
            AddRepositoryHeader(template, request, segments);
            if (request.FilePath is not null)
            {
                segments.Add(FimSegment.Marker(template.FileSeparatorToken!));
                if (template.FilePathInsidePrefix)
                {
                    pathInsidePrefix = request.FilePath + "\n";
                }
                else
                {
                    segments.Add(FimSegment.Plain(request.FilePath + "\n"));
                }
            }

            prefixText = (pathInsidePrefix ?? "") + request.Prefix;
        }
        else
        {
            prefixText = CommentedHeader(request) + request.Prefix;
        }

        if (template.SuffixFirst)
        {
            segments.Add(FimSegment.Marker(template.SuffixToken));
            segments.Add(FimSegment.Plain(request.Suffix));
            segments.Add(FimSegment.Marker(template.PrefixToken));
            segments.Add(FimSegment.Plain(prefixText));
            if (template.MiddleTokenInPrompt)
            {
                segments.Add(FimSegment.Marker(template.MiddleToken));
            }
        }
        else
        {
            // The line being typed goes after the middle marker, as the start of the answer, so that it is the end
            // of the prompt: a keystroke then changes only the last few tokens, and a prefix cache (local KV reuse,
            // llama-server's cache_prompt) evaluates just those instead of the whole suffix again.
            var currentLine = SplitCurrentLine(request.Prefix).CurrentLine;
            segments.Add(FimSegment.Marker(template.PrefixToken));
            segments.Add(FimSegment.Plain(prefixText[..^currentLine.Length]));
            segments.Add(FimSegment.Marker(template.SuffixToken));
            segments.Add(FimSegment.Plain(request.Suffix));
            segments.Add(FimSegment.Marker(template.MiddleToken));
            segments.Add(FimSegment.Plain(currentLine));
        }

        return segments.Where(s => s.IsMarker || s.Text.Length > 0).ToArray();
    }

    /// <summary>
    /// Splits a prefix after its last line break: the lines before the caret's line, and the caret's line up to the
    /// caret. A prefix without a line break has no complete line before the caret and stays whole.
    /// </summary>
    public static (string LinesBefore, string CurrentLine) SplitCurrentLine(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var lineBreak = prefix.LastIndexOf('\n');
        return lineBreak < 0 ? (prefix, "") : (prefix[..(lineBreak + 1)], prefix[(lineBreak + 1)..]);
    }

    /// <summary>
    /// The prompt as text, for remote models. Marker strings inside user text are broken with a zero-width
    /// space: a server tokenizes the whole prompt with special tokens on, so code that mentions
    /// <c>&lt;|fim_prefix|&gt;</c> would otherwise restructure the prompt.
    /// </summary>
    public static string BuildText(FimTemplate template, InfillRequest request)
    {
        var builder = new StringBuilder();
        var markers = AllMarkers(template);
        foreach (var segment in BuildSegments(template, request))
        {
            if (!segment.IsMarker)
            {
                builder.Append(Neutralize(segment.Text, markers));
            }
            else if (template.TextMarkerSpacing.Length == 0)
            {
                builder.Append(segment.Text);
            }
            else if (segment.Text == template.PrefixToken)
            {
                builder.Append(segment.Text).Append(template.TextMarkerSpacing);
            }
            else
            {
                builder.Append(template.TextMarkerSpacing).Append(segment.Text);
            }
        }

        return builder.ToString();
    }

    /// <summary>Stop sequences for a remote call: the template's end tokens and markers, then the request's own.</summary>
    public static IReadOnlyList<string> StopSequences(FimTemplate template, InfillRequest request)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(request);
        // "</s>" is the EOS the server stops on anyway, and as a text stop it would cut HTML's strike-through tag.
        return template.EndTokens.Concat(AllMarkers(template))
            .Where(t => t != "</s>")
            .Concat(request.StopSequences)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private static void AddRepositoryHeader(FimTemplate template, InfillRequest request, List<FimSegment> segments)
    {
        var entryEnd = template.NewlineAfterRepoEntries ? "\n" : "";
        if (request.RepositoryName is not null)
        {
            segments.Add(FimSegment.Marker(template.RepoNameToken!));
            segments.Add(FimSegment.Plain(request.RepositoryName + entryEnd));
        }

        foreach (var snippet in request.ExtraContext)
        {
            segments.Add(FimSegment.Marker(template.FileSeparatorToken!));
            var text = snippet.Text;
            if (template.NewlineAfterRepoEntries && !text.EndsWith('\n'))
            {
                text += "\n";
            }

            segments.Add(FimSegment.Plain(snippet.FilePath + "\n" + text));
        }
    }

    // Without repo-level markers, other files go into the prefix as comments so the model does not take them
    // for code of the current file.
    private static string CommentedHeader(InfillRequest request)
    {
        if (request.FilePath is null && request.ExtraContext.Count == 0)
        {
            return "";
        }

        var comment = LineComment(request.FilePath);
        var builder = new StringBuilder();
        foreach (var snippet in request.ExtraContext)
        {
            builder.Append(comment).Append(" Path: ").Append(snippet.FilePath).Append('\n');
            foreach (var line in snippet.Text.Split('\n'))
            {
                builder.Append(comment).Append(' ').Append(line.TrimEnd('\r')).Append('\n');
            }

            builder.Append('\n');
        }

        if (request.FilePath is not null)
        {
            builder.Append(comment).Append(" Path: ").Append(request.FilePath).Append('\n');
        }

        return builder.ToString();
    }

    private static string LineComment(string? filePath)
    {
        var extension = Path.GetExtension(filePath ?? "").ToLowerInvariant();
        return extension switch
        {
            ".py" or ".sh" or ".rb" or ".yaml" or ".yml" or ".toml" or ".ps1" or ".r" => "#",
            ".sql" or ".lua" or ".hs" => "--",
            _ => "//",
        };
    }

    private static string[] AllMarkers(FimTemplate template) =>
        new[] { template.PrefixToken, template.SuffixToken, template.MiddleToken, template.RepoNameToken, template.FileSeparatorToken }
            .Concat(template.EndTokens)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static string Neutralize(string text, string[] markers)
    {
        foreach (var marker in markers)
        {
            if (marker.Length > 1 && text.Contains(marker, StringComparison.Ordinal))
            {
                text = text.Replace(marker, marker[..1] + "\u200B" + marker[1..], StringComparison.Ordinal);
            }
        }

        return text;
    }
}
