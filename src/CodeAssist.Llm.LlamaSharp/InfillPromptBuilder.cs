using System.Text;
using CodeAssist.Llm;
using LLama;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Builds a FIM prompt from token ids. Markers are the vocabulary's own ids and user text is tokenized with special
/// tokens off, so code that contains "&lt;|fim_prefix|&gt;" stays text and cannot inject a marker.
/// Repo-level layout (Qwen2.5-Coder):
/// <c>&lt;|repo_name|&gt;repo\n&lt;|file_sep|&gt;path\ncontent\n...&lt;|file_sep|&gt;path\n&lt;|fim_prefix|&gt;pre&lt;|fim_suffix|&gt;suf&lt;|fim_middle|&gt;</c>.
/// Other models get extra context as a comment header in the prefix.
/// </summary>
internal sealed class InfillPromptBuilder
{
    private readonly LLamaWeights _weights;
    private readonly FimTokens _fim;

    public InfillPromptBuilder(LLamaWeights weights, FimTokens fim)
    {
        _weights = weights;
        _fim = fim;
    }

    /// <summary>Builds the prompt within <paramref name="budget"/> tokens, dropping context and then distant code.</summary>
    public List<LLamaToken> Build(InfillRequest request, int budget)
    {
        var snippets = request.ExtraContext.Select(Snippet).ToList();
        LLamaToken[] prefix = Text(_fim.IsRepoLevel ? request.Prefix : CommentHeader(request) + request.Prefix);
        LLamaToken[] suffix = Text(request.Suffix);
        List<LLamaToken> header = Header(request);
        int fixedCost = header.Count + 3 + (_weights.Vocab.ShouldAddBOS ? 1 : 0);

        // Least relevant context goes first (the list is ordered most relevant first), then code far from the cursor.
        while (snippets.Count > 0 && fixedCost + snippets.Sum(s => s.Count) + prefix.Length + suffix.Length > budget)
        {
            snippets.RemoveAt(snippets.Count - 1);
        }

        int room = Math.Max(2, budget - fixedCost - snippets.Sum(s => s.Count));
        if (prefix.Length + suffix.Length > room)
        {
            int suffixRoom = Math.Min(suffix.Length, room / 4);
            int prefixRoom = Math.Min(prefix.Length, room - suffixRoom);
            suffixRoom = Math.Min(suffix.Length, room - prefixRoom);
            prefix = prefix[^prefixRoom..];
            suffix = suffix[..suffixRoom];
        }

        var tokens = new List<LLamaToken>(budget);
        if (_weights.Vocab.ShouldAddBOS && _weights.Vocab.BOS is { } bos)
        {
            tokens.Add(bos);
        }

        if (_fim.IsRepoLevel)
        {
            tokens.AddRange(header.Take(header.Count - HeaderFileLength(request)));
            snippets.ForEach(tokens.AddRange);
            tokens.AddRange(header.Skip(header.Count - HeaderFileLength(request)));
        }

        if (_fim.SuffixFirst)
        {
            tokens.Add(_fim.Suffix);
            tokens.AddRange(suffix);
            tokens.Add(_fim.Prefix);
            tokens.AddRange(prefix);
        }
        else
        {
            tokens.Add(_fim.Prefix);
            tokens.AddRange(prefix);
            tokens.Add(_fim.Suffix);
            tokens.AddRange(suffix);
            tokens.Add(_fim.Middle);
        }

        return tokens;
    }

    public LLamaToken[] Text(string text) =>
        text.Length == 0 ? [] : _weights.Tokenize(text, add_bos: false, special: false, Encoding.UTF8);

    /// <summary>Repo name line, then (at the end) the current file's separator and path; snippets go between.</summary>
    private List<LLamaToken> Header(InfillRequest request)
    {
        var header = new List<LLamaToken>();
        if (!_fim.IsRepoLevel)
        {
            return header;
        }

        if (request.RepositoryName is { Length: > 0 } repo)
        {
            header.Add(_fim.RepoName!.Value);
            header.AddRange(Text(repo + "\n"));
        }

        header.AddRange(CurrentFile(request));
        return header;
    }

    private int HeaderFileLength(InfillRequest request) => CurrentFile(request).Count;

    private List<LLamaToken> CurrentFile(InfillRequest request)
    {
        var file = new List<LLamaToken>();
        if (request.FilePath is { Length: > 0 } path)
        {
            file.Add(_fim.FileSeparator!.Value);
            file.AddRange(Text(path + "\n"));
        }

        return file;
    }

    private List<LLamaToken> Snippet(ContextSnippet snippet)
    {
        if (!_fim.IsRepoLevel)
        {
            return [];
        }

        var tokens = new List<LLamaToken> { _fim.FileSeparator!.Value };
        tokens.AddRange(Text(snippet.FilePath + "\n" + snippet.Text + "\n"));
        return tokens;
    }

    private static string CommentHeader(InfillRequest request)
    {
        if (request.ExtraContext.Count == 0)
        {
            return "";
        }

        var header = new StringBuilder();
        foreach (ContextSnippet snippet in request.ExtraContext)
        {
            header.Append("// From ").Append(snippet.FilePath).Append(":\n");
            foreach (string line in snippet.Text.Split('\n'))
            {
                header.Append("// ").Append(line.TrimEnd('\r')).Append('\n');
            }
        }

        return header.Append('\n').ToString();
    }
}
