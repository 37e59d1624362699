using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace CodeAssist.Context.Collection;

/// <summary>
/// One <see cref="ProjectDigest"/> per project, built once and kept while the project has the same files: the digest
/// is a prompt prefix that a model keeps in its cache, so it changing with every edit would cost more than a
/// slightly stale ranking. A project that gains or loses files, or new content exclusions, get a new one.
/// </summary>
internal sealed class ProjectDigestCache
{
    private readonly ConcurrentDictionary<ProjectId, (int Documents, ContentExclusion Exclusion, Lazy<Task<IReadOnlyList<ContextCandidate>>> Candidates)> _projects = new();

    public Task<IReadOnlyList<ContextCandidate>> GetAsync(Project project, ContentExclusion exclusion, CancellationToken cancellationToken)
    {
        var documents = project.DocumentIds.Count;
        var entry = _projects.AddOrUpdate(
            project.Id,
            _ => Create(project, exclusion, documents),
            (_, known) => known.Documents == documents && known.Exclusion == exclusion && !known.Candidates.Value.IsFaulted && !known.Candidates.Value.IsCanceled
                ? known
                : Create(project, exclusion, documents));
        return entry.Candidates.Value.WaitAsync(cancellationToken);
    }

    // Built without the caller's token: a cancelled request must not leave a cancelled digest for everyone else.
    private static (int, ContentExclusion, Lazy<Task<IReadOnlyList<ContextCandidate>>>) Create(Project project, ContentExclusion exclusion, int documents) =>
        (documents, exclusion, new Lazy<Task<IReadOnlyList<ContextCandidate>>>(() => Task.Run(() => ProjectDigest.CandidatesAsync(project, exclusion, CancellationToken.None))));
}
