using CodeAssist.Llm.Redaction;
using Xunit;

namespace CodeAssist.Features.Tests.Redaction;

/// <summary>The redactor alone on the corpus: every seeded secret of every kind, in C#, JSON and config files.</summary>
public sealed class RedactionCorpusTests
{
    [Fact]
    public void Corpus_HasAtLeastAHundredSecretsOfTenKinds()
    {
        Assert.True(SeededSecrets.All.Count >= 100, $"{SeededSecrets.All.Count} seeded secrets");
        Assert.True(SeededSecrets.All.Select(s => s.Kind).Distinct().Count() >= 10);
        var everything = string.Concat(SeededSecrets.Files.Select(f => f.Text));
        Assert.Equal(SeededSecrets.All.Count, SeededSecrets.FoundIn(everything).Count());
    }

    [Fact]
    public void Redact_EachCorpusFile_RemovesEverySeededSecret()
    {
        foreach (var (name, text) in SeededSecrets.Files)
        {
            var redacted = SecretRedactor.Redact(text);

            Assert.True(!SeededSecrets.FoundIn(redacted).Any(), $"{name} leaks: {string.Join(", ", SeededSecrets.FoundIn(redacted))}");
        }
    }

    [Fact]
    public void Slice_AnyWindowOfTheCorpus_LeaksNoPartOfASecret()
    {
        // Windows that start and end anywhere, also inside a key block or a token: what a prompt window cuts.
        foreach (var (name, text) in SeededSecrets.Files)
        {
            var secrets = SecretRedactor.FindSecrets(text);
            for (var start = 0; start < text.Length; start += 37)
            {
                var end = Math.Min(text.Length, start + 600);
                var window = SecretRedactor.Slice(text, secrets, start, end);

                Assert.True(!SeededSecrets.FoundIn(window).Any(), $"{name} [{start}, {end}) leaks: {string.Join(", ", SeededSecrets.FoundIn(window))}");
            }
        }
    }
}
