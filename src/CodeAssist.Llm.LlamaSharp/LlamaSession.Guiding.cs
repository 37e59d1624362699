using System.Text;
using CodeAssist.Llm;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>Compiler-guided decoding inside the decode loop of <see cref="LlamaSession"/>.</summary>
internal sealed partial class LlamaSession
{
    private IdentifierVocabulary? _identifierVocabulary;
    private int[] _endTokens = [];

    private GuidedSampling StartGuide(IdentifierConstraint identifiers, GenerationRequest request)
    {
        long started = _time.GetTimestamp();
        if (_identifierVocabulary is null)
        {
            // Once per model: every token's text, and the end-of-generation tokens (a replacement must not pick one
            // in the middle of a name).
            int count = _vocab.Count;
            var piece = new byte[64];
            _identifierVocabulary = IdentifierVocabulary.FromTokenBytes(count, id => piece.AsSpan(0, TokenBytes((LLamaToken)id, ref piece)).ToArray());
            _endTokens = Enumerable.Range(0, count).Where(id => ((LLamaToken)id).IsEndOfGeneration(_vocab)).ToArray();
        }

        var guide = new IdentifierGuide(identifiers, _identifierVocabulary);
        var guided = new GuidedSampling(guide, new ConstrainedChoice(_identifierVocabulary.Count, _endTokens, request.Temperature, request.Seed, _identifierVocabulary.WithoutIdentifier));
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
