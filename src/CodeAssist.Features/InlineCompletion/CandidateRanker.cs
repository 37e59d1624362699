using System.Diagnostics;
using CodeAssist.Features.Configuration;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Features.InlineCompletion;

/// <summary>Steps 4 and 5 together: post-processed candidates are verified, rejected ones dropped, survivors ranked.</summary>
internal sealed class CandidateRanker
{
    private readonly InlineCompletionCounters counters;
    private long nextId;

    public CandidateRanker(InlineCompletionCounters counters)
    {
        this.counters = counters;
    }

    public string NextId() => "ca" + Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<RankedItems> RankAsync(
        Document document,
        int position,
        IReadOnlyList<string> candidates,
        InlineCompletionSource source,
        CompletionOptions options,
        Task<MemberErrors>? before,
        CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return RankedItems.None;
        }

        if (!options.Verify)
        {
            // The user turned the check off: unverified is what was asked for, and it is final.
            return new RankedItems(Rank(position, source, Unchecked(candidates)), Final: true, Late: null);
        }

        var stopwatch = Stopwatch.StartNew();
        var outcome = await CandidateVerifier.VerifyAsync(
            document, position, candidates, TimeSpan.FromMilliseconds(options.VerifyBudgetMs), before, cancellationToken).ConfigureAwait(false);
        if (outcome.Late is null)
        {
            counters.Verification.Record(stopwatch.Elapsed.TotalMilliseconds);
            return new RankedItems(Rank(position, source, outcome.Results), Final: true, Late: null);
        }

        var late = FinishLateAsync(outcome.Late, position, source, stopwatch);
        if (!options.ShowUnverified)
        {
            counters.WithheldUnverified(candidates.Count);
            return new RankedItems([], Final: false, late);
        }

        return new RankedItems(Rank(position, source, outcome.Results), Final: false, late);
    }

    /// <summary>Items rebuilt from a settled result (a cache hit), with fresh ids at this request's caret.</summary>
    public IReadOnlyList<InlineCompletionItem> Reissue(IReadOnlyList<InlineCompletionItem> items, int position, InlineCompletionSource source) =>
        items.Select(item => item with { Id = NextId(), ReplaceStart = position, ReplaceEnd = position, Source = source }).ToList();

    private async Task<RankedItems> FinishLateAsync(Task<IReadOnlyList<VerifiedCandidate>> late, int position, InlineCompletionSource source, Stopwatch stopwatch)
    {
        var results = await late.ConfigureAwait(false);
        counters.Verification.Record(stopwatch.Elapsed.TotalMilliseconds);
        counters.VerifiedLate();
        return new RankedItems(Rank(position, source, results), Final: true, Late: null);
    }

    private static List<VerifiedCandidate> Unchecked(IReadOnlyList<string> candidates) =>
        candidates.Select(text => new VerifiedCandidate(text, VerificationState.Unverified, false, 0, [])).ToList();

    private List<InlineCompletionItem> Rank(int position, InlineCompletionSource source, IReadOnlyList<VerifiedCandidate> verified)
    {
        var survivors = new List<(VerifiedCandidate Candidate, int Order)>();
        for (var index = 0; index < verified.Count; index++)
        {
            var candidate = verified[index];
            switch (candidate)
            {
                case { Rejected: true }:
                    counters.Rejected();
                    continue;
                case { State: VerificationState.Repaired }:
                    counters.Repaired();
                    break;
                case { State: VerificationState.Trimmed }:
                    counters.Trimmed();
                    break;
                case { State: VerificationState.Unverified }:
                    counters.Unverified();
                    break;
            }

            survivors.Add((candidate, index));
        }

        // A whole candidate before the start of one that went wrong.
        return survivors
            .OrderBy(pair => pair.Candidate.State == VerificationState.Trimmed)
            .ThenBy(pair => pair.Candidate.NewErrors)
            .ThenBy(pair => pair.Order)
            .Select(pair => pair.Candidate)
            .DistinctBy(candidate => candidate.Text)
            .Select(candidate => new InlineCompletionItem(NextId(), candidate.Text, position, position, candidate.State, source))
            .ToList();
    }
}
