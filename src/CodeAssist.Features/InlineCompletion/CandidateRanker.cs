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

    public async Task<IReadOnlyList<InlineCompletionItem>> RankAsync(
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
            return [];
        }

        IReadOnlyList<VerifiedCandidate> verified;
        if (options.Verify)
        {
            var stopwatch = Stopwatch.StartNew();
            verified = await CandidateVerifier.VerifyAsync(
                document, position, candidates, TimeSpan.FromMilliseconds(options.VerifyBudgetMs), before, cancellationToken).ConfigureAwait(false);
            counters.Verification.Record(stopwatch.Elapsed.TotalMilliseconds);
        }
        else
        {
            verified = candidates.Select(text => new VerifiedCandidate(text, VerificationState.Unverified, false, 0, [])).ToList();
        }

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
                case { State: VerificationState.Unverified }:
                    counters.Unverified();
                    break;
            }

            survivors.Add((candidate, index));
        }

        return survivors
            .OrderBy(pair => pair.Candidate.NewErrors)
            .ThenBy(pair => pair.Order)
            .Select(pair => pair.Candidate)
            .DistinctBy(candidate => candidate.Text)
            .Select(candidate => new InlineCompletionItem(NextId(), candidate.Text, position, position, candidate.State, source))
            .ToList();
    }
}
