using System.Diagnostics;
using System.Runtime.CompilerServices;
using CodeAssist.Llm;

namespace CodeAssist.Bench.Completion;

/// <summary>
/// Wraps the model under test and records every call: which replay position it served, whether it was the first call
/// there (the cold one), how long it ran, how many prompt tokens it had and evaluated, and whether it was cancelled.
/// With random weights no answer passes verification, so these model-side times are what a real model's cold and
/// warm suggestions would cost (verification adds its p95, reported separately).
/// </summary>
internal sealed class MeasuringModel(ICompletionModel inner, bool withholdConstraint = false, bool noPrefill = false) : ICompletionModel
{
    private readonly Lock gate = new();
    private readonly List<ModelCall> calls = [];
    private readonly List<string> prefills = [];
    private readonly List<InfillRequest> guided = [];
    private readonly HashSet<int> positionsSeen = [];
    private int position = -1;
    private long positionStarted;
    private string? needed;

    public ModelInfo Info => inner.Info;

    /// <summary>Where the candidates wrote names at member-access sites, and whether those names exist.</summary>
    public MemberSiteTally MemberSites { get; } = new();

    public ModelThroughput? Throughput => inner.Throughput;

    public IReadOnlyList<ModelCall> Calls
    {
        get
        {
            lock (gate)
            {
                return calls.ToArray();
            }
        }
    }

    /// <summary>
    /// Marks a jump to a new position; calls from now on belong to it. <paramref name="neededIdentifier"/>: the name a
    /// mined point needs from another file, looked for (as a whole word) in each call's prompt.
    /// </summary>
    public void StartPosition(int index, string? neededIdentifier = null)
    {
        lock (gate)
        {
            position = index;
            positionStarted = Stopwatch.GetTimestamp();
            needed = neededIdentifier;
        }
    }

    // The point's own line no longer holds the name once it is cut, and mined names appear nowhere else in the file:
    // a hit can only come from the context the prompt carries.
    private static bool ShowMisses => Environment.GetEnvironmentVariable("CODEASSIST_BENCH_MISSES") == "1";

    private static bool Holds(InfillRequest request, string name) =>
        request.ExtraContext.Any(snippet => WholeWord(snippet.Text, name)) || WholeWord(request.Prefix, name) || WholeWord(request.Suffix, name);

    private static bool WholeWord(string text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            var end = at + name.Length;
            if ((at == 0 || !IsIdentifierChar(text[at - 1])) && (end == text.Length || !IsIdentifierChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    public async IAsyncEnumerable<CompletionChunk> InfillAsync(InfillRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int index;
        bool first;
        long jump;
        string? name;
        lock (gate)
        {
            index = position;
            first = positionsSeen.Add(index);
            jump = positionStarted;
            name = needed;
        }

        bool? held = name is null ? null : Holds(request, name);
        if (first && held == false && ShowMisses)
        {
            // Why a cold prompt lacks the needed name: its context as the model got it.
            Console.WriteLine($"    miss: position {index} needs {name}; context:\n{string.Concat(request.ExtraContext.Select(snippet => snippet.Text))}");
        }

        if (request.Identifiers is not null && !withholdConstraint)
        {
            lock (gate)
            {
                guided.Add(request);
            }
        }

        var contextTokens = request.ExtraContext.Sum(snippet => inner.CountTokens(snippet.Text));
        var estimate = inner.Throughput;
        var started = Stopwatch.GetTimestamp();
        CompletionUsage? usage = null;
        var cancelled = true;
        var text = new System.Text.StringBuilder();
        try
        {
            var sent = withholdConstraint ? request with { Identifiers = null } : request;
            await foreach (var chunk in inner.InfillAsync(sent, cancellationToken).ConfigureAwait(false))
            {
                usage ??= chunk.Usage;
                if (chunk.CandidateIndex == 0)
                {
                    text.Append(chunk.Text);
                }

                yield return chunk;
            }

            cancelled = false;
            if (request.Identifiers is { } identifiers && usage is not null)
            {
                MemberSites.Add(identifiers, text.ToString(), usage);
            }
        }
        finally
        {
            var call = new ModelCall(
                index, first, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Stopwatch.GetElapsedTime(jump).TotalMilliseconds, usage, cancelled, contextTokens, held)
            {
                Estimate = estimate,
            };
            lock (gate)
            {
                calls.Add(call);
            }
        }
    }

    public bool CanPrefill => !noPrefill && inner.CanPrefill;

    /// <summary>Forwarded (the model under test may have a cache to fill), unless the run is the "before" of a comparison.</summary>
    public Task<PrefillResult> PrefillAsync(InfillRequest head, CancellationToken cancellationToken) =>
        noPrefill ? Task.FromResult(PrefillResult.Unsupported) : LogPrefill("head", inner.PrefillAsync(head, cancellationToken));

    public Task<PrefillResult> PrefillPromptAsync(InfillRequest prompt, CancellationToken cancellationToken) =>
        noPrefill ? Task.FromResult(PrefillResult.Unsupported) : LogPrefill("caret", inner.PrefillPromptAsync(prompt, cancellationToken));

    /// <summary>The requests that were sent with an identifier constraint, in order.</summary>
    public IReadOnlyList<InfillRequest> GuidedRequests
    {
        get
        {
            lock (gate)
            {
                return guided.ToArray();
            }
        }
    }

    /// <summary>Background prefills in the order they ended (listed with CODEASSIST_BENCH_CALLS=1).</summary>
    public IReadOnlyList<string> Prefills
    {
        get
        {
            lock (gate)
            {
                return prefills.ToArray();
            }
        }
    }

    private async Task<PrefillResult> LogPrefill(string kind, Task<PrefillResult> prefill)
    {
        var started = Stopwatch.GetTimestamp();
        int index;
        long jump;
        lock (gate)
        {
            index = position;
            jump = positionStarted;
        }

        string outcome = "";
        try
        {
            var result = await prefill.ConfigureAwait(false);
            outcome = result.ToString();
            return result;
        }
        catch (Exception exception)
        {
            outcome = exception.GetType().Name;
            throw;
        }
        finally
        {
            lock (gate)
            {
                prefills.Add($"position {index} {kind}: {outcome}, started {Stopwatch.GetElapsedTime(jump, started).TotalMilliseconds:F0} ms after the position's start, took {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
            }
        }
    }

    public IAsyncEnumerable<CompletionChunk> CompleteAsync(RawCompletionRequest request, CancellationToken cancellationToken) =>
        inner.CompleteAsync(request, cancellationToken);

    public int CountTokens(string text) => inner.CountTokens(text);
}
