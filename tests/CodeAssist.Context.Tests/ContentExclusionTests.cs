using Xunit;

namespace CodeAssist.Context.Tests;

/// <summary>Which files content exclusion keeps away from models (issue #12.2): defaults, user globs, .codeassistignore.</summary>
public sealed class ContentExclusionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("codeassist-exclusion-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string At(string relative) => Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));

    [Theory]
    [InlineData(".env")]
    [InlineData("src/.env.local")]
    [InlineData("certs/server.pem")]
    [InlineData("deploy/signing.KEY")]
    [InlineData("deploy/cert.pfx")]
    [InlineData("src/App/secrets.json")]
    public void BuiltInSecretsPatterns_ExcludeWithoutAnyConfiguration(string file)
    {
        var exclusion = ContentExclusion.Create(_root, []);

        Assert.Equal("matches a built-in secrets pattern", exclusion.ReasonFor(At(file)));
    }

    [Fact]
    public void UserSecretsOutsideTheWorkspace_AreExcluded()
    {
        var home = Path.Combine(Path.GetTempPath(), "home", ".microsoft", "usersecrets", "1234", "secrets.json");

        Assert.True(ContentExclusion.Create(_root, []).IsExcluded(home));
        Assert.True(ContentExclusion.Defaults.IsExcluded(home));
    }

    [Theory]
    [InlineData("src/Program.cs")]
    [InlineData("src/KeyVault.cs")]
    [InlineData("environment.md")]
    public void OrdinaryFiles_AreNotExcluded(string file)
    {
        File.WriteAllText(At(".codeassistignore"), "Generated/\n");

        Assert.Null(ContentExclusion.Create(_root, ["*.sql"]).ReasonFor(At(file)));
    }

    [Fact]
    public void IgnoreFile_UsesGitignoreSyntax_FoldersGlobsNegationAndAnchors()
    {
        File.WriteAllText(At(".codeassistignore"), """
            # comments and blank lines are allowed

            Secrets/
            *.Designer.cs
            !Keep.Designer.cs
            /Root.cs
            src/**/Billing*.cs
            """);
        var exclusion = ContentExclusion.Create(_root, []);

        Assert.True(exclusion.IsExcluded(At("Secrets/Vault.cs")));
        Assert.True(exclusion.IsExcluded(At("src/Secrets/Deep/Vault.cs")));
        Assert.True(exclusion.IsExcluded(At("src/Form1.Designer.cs")));
        Assert.False(exclusion.IsExcluded(At("src/Keep.Designer.cs")));
        Assert.True(exclusion.IsExcluded(At("Root.cs")));
        Assert.False(exclusion.IsExcluded(At("src/Root.cs")));
        Assert.True(exclusion.IsExcluded(At("src/App/Domain/BillingService.cs")));
        Assert.Equal("is listed in .codeassistignore", exclusion.ReasonFor(At("Secrets/Vault.cs")));
    }

    [Fact]
    public void UserGlobs_ExtendTheDefaults()
    {
        var exclusion = ContentExclusion.Create(_root, ["*.sql", "Migrations/"]);

        Assert.Equal("matches the `exclude` setting", exclusion.ReasonFor(At("db/schema.sql")));
        Assert.True(exclusion.IsExcluded(At("src/Migrations/0001_Init.cs")));
        Assert.True(exclusion.IsExcluded(At("certs/server.pem")));
    }

    [Fact]
    public void Notice_NamesTheFileAndTheReason()
    {
        File.WriteAllText(At(".codeassistignore"), "Vault.cs\n");

        var notice = ContentExclusion.Create(_root, []).NoticeFor(At("src/Vault.cs"));

        Assert.Equal($"Vault.cs is listed in .codeassistignore, {ContentExclusion.NoticeMarker}, and this answer comes from Roslyn alone.", notice);
        Assert.Null(ContentExclusion.Create(_root, []).NoticeFor(At("src/Program.cs")));
        Assert.Null(ContentExclusion.Create(_root, []).NoticeFor(null));
    }
}
