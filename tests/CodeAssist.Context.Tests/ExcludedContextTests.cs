using Xunit;

namespace CodeAssist.Context.Tests;

/// <summary>Content exclusion in the collector: no cross-file declaration or lexical window from an excluded file.</summary>
public sealed class ExcludedContextTests
{
    // Vault.cs is both a receiver's declaration (cross-file) and a lexical neighbour (same folder, shared words).
    private const string Fixture = """
        class Use
        {
            void M(Vault vault, string zebraPassword)
            {
                var zebraCipher = zebraPassword;
                vault.$0
            }
        }
        //- Vault.cs
        class Vault
        {
            public string OpenZebraSesame(string zebraPassword) => "hunter2";
            public string zebraCipher = "hunter2-zebraCipher";
        }
        """;

    private static string FixtureRoot => Path.Combine(Path.GetTempPath(), "fixture");

    private static async Task<CodeContext> ContextAsync(ContentExclusion exclusion)
    {
        var (document, position) = ContextFixture.Load(Fixture);
        var exclusions = new ContentExclusions();
        exclusions.Update(exclusion);
        return await new ContextCollector(exclusions: exclusions).GetContextAsync(document, position, 2048, CancellationToken.None);
    }

    [Fact]
    public async Task WithoutExclusion_TheVaultIsInTheContext()
    {
        var context = await ContextAsync(ContentExclusion.Create(FixtureRoot, []));

        // The control case: what the next test keeps out is really collected otherwise.
        Assert.Contains("OpenZebraSesame", context.RenderedText, StringComparison.Ordinal);
        Assert.Contains(context.Items, i => i.Location?.FilePath.EndsWith("Vault.cs", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ExcludedFile_GivesNoItemAndNoText()
    {
        var context = await ContextAsync(ContentExclusion.Create(FixtureRoot, ["Vault.cs"]));

        Assert.DoesNotContain("OpenZebraSesame", context.RenderedText, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", context.RenderedText, StringComparison.Ordinal);
        Assert.DoesNotContain(context.Items, i => i.Location?.FilePath.EndsWith("Vault.cs", StringComparison.Ordinal) == true);
        Assert.NotEmpty(context.Items);
    }

    [Fact]
    public async Task ExcludedCurrentFile_GivesAnEmptyContext()
    {
        var context = await ContextAsync(ContentExclusion.Create(FixtureRoot, ["Main.cs"]));

        Assert.Empty(context.Items);
        Assert.Equal("", context.RenderedText);
    }
}
