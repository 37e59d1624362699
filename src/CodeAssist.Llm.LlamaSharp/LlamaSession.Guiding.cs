using System.Text;
using CodeAssist.Llm;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>Compiler-guided decoding inside the decode loop of <see cref="LlamaSession"/>.</summary>
internal sealed partial class LlamaSession
{
    private readonly Lock _vocabularyLock = new();
    private Task<IdentifierVocabulary>? _vocabularyBuild;
    private int[] _endTokens = [];

    /// <summary>The indexing started when the model loaded (null before; tests check it was started).</summary>
    internal Task<IdentifierVocabulary>? VocabularyIndexing => _vocabularyBuild;

    /// <summary>
    /// Starts indexing the vocabulary for guided decoding in the background, once per model: on a real vocabulary
    /// (150k tokens) it takes seconds, which the first guided request would otherwise wait for.
    /// </summary>
    internal Task<IdentifierVocabulary> StartIndexingVocabulary()
    {
        lock (_vocabularyLock)
        {
            return _vocabularyBuild ??= Task.Factory.StartNew(
                BuildVocabulary, _disposing.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private IdentifierVocabulary BuildVocabulary()
    {
        // Below the decode thread: a request that arrives meanwhile is not slowed by the indexing.
        Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        int count = _vocab.Count;
        var piece = new byte[64];
        var vocabulary = IdentifierVocabulary.FromTokenBytes(count, id =>
        {
            _disposing.Token.ThrowIfCancellationRequested();

            // The length first: TokenBytes replaces the buffer for a token longer than it (real vocabularies have
            // runs of spaces far over 64 bytes), and the span must be taken of the new one.
            int length = TokenBytes((LLamaToken)id, ref piece);
            return piece.AsSpan(0, length).ToArray();
        });

        // The end-of-generation tokens: a replacement must not pick one in the middle of a name.
        _endTokens = Enumerable.Range(0, count).Where(id => ((LLamaToken)id).IsEndOfGeneration(_vocab)).ToArray();
        return vocabulary;
    }

    /// <summary>The guide of a generation; null (unguided, the verifier still judges) if the vocabulary could not be indexed.</summary>
    private GuidedSampling? StartGuide(IdentifierConstraint identifiers, GenerationRequest request)
    {
        long started = _time.GetTimestamp();

        // Normally built since the model loaded; a request that comes sooner waits for the rest.
        Task<IdentifierVocabulary> build = StartIndexingVocabulary();
        ((IAsyncResult)build).AsyncWaitHandle.WaitOne();
        if (build.IsFaulted)
        {
            return null;
        }

        var vocabulary = build.GetAwaiter().GetResult();
        var guide = new IdentifierGuide(identifiers, vocabulary);
        var guided = new GuidedSampling(guide, new ConstrainedChoice(vocabulary.Count, _endTokens, request.Temperature, request.Seed, vocabulary.WithoutIdentifier));
        guided.StartTime = _time.GetElapsedTime(started);
        return guided;
    }

    /// <summary>Keeps the sampled token when the guide allows it, else picks an allowed one; records the time it took.</summary>
    private LLamaToken Guide(GuidedSampling guided, LLamaToken sampled, int logitsIndex, IReadOnlySet<LLamaToken> stopTokens)
    {
        long started = _time.GetTimestamp();
        LLamaToken token = sampled;
        bool ends = sampled.IsEndOfGeneration(_vocab) || stopTokens.Contains(sampled);
        bool replaced = false;
        if (!guided.Guide.Allows((int)sampled, ends)
            && guided.Choice.Choose(guided.Guide, _context.NativeHandle.GetLogitsIth(logitsIndex), stopTokens) is { } allowed)
        {
            token = allowed;
            replaced = token != sampled;
            ends = token.IsEndOfGeneration(_vocab) || stopTokens.Contains(token);
        }

        if (!ends)
        {
            guided.Guide.Accept((int)token, replaced);
        }

        // The first token also pays for the guide's start (the first site lookup, the vocabulary on first use).
        guided.Times.Add(_time.GetElapsedTime(started) + guided.StartTime);
        guided.StartTime = TimeSpan.Zero;
        return token;
    }

    /// <summary>The guide of one generation and its bookkeeping.</summary>
    internal sealed class GuidedSampling(IdentifierGuide guide, ConstrainedChoice choice)
    {
        public IdentifierGuide Guide { get; } = guide;

        public ConstrainedChoice Choice { get; } = choice;

        public List<TimeSpan> Times { get; } = [];

        public TimeSpan StartTime { get; set; }
    }
}
