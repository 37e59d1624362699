using CodeAssist.Llm.Redaction;
using Xunit;

namespace CodeAssist.Llm.Tests.Redaction;

/// <summary>
/// The names of identifier sites go through the redactor like the prompt: a secret-shaped name is dropped, and the
/// filtered list is made once per site, since the decoding loop asks for the site at every token.
/// </summary>
public sealed class ConstraintRedactionTests
{
    private const string Secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    [Fact]
    public void SecretNames_AreDropped_FromTheNamesAndTheIntroducedNames()
    {
        var site = new IdentifierSite("scope", ["order", Secret, "total"]) { Introduced = ["subtotal", Secret] };
        var constraint = RequestRedaction.Redact(new IdentifierConstraint(_ => site));

        var redacted = constraint.SiteAfter("x = ");

        Assert.NotNull(redacted);
        Assert.Equal(["order", "total"], redacted.Names);
        Assert.Equal(["subtotal"], redacted.Introduced);
    }

    [Fact]
    public void TheSameSiteAgain_GetsTheSameFilteredList()
    {
        var site = new IdentifierSite("scope", ["order", Secret, "total"]);
        var constraint = RequestRedaction.Redact(new IdentifierConstraint(_ => site with { Typed = "to" }));

        var first = constraint.SiteAfter("x = to");
        var second = constraint.SiteAfter("y = to");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Same(first.Names, second.Names);
        Assert.Equal("to", second.Typed);
    }

    [Fact]
    public void ASiteWhoseTypedPartIsASecret_IsNoSite()
    {
        var site = new IdentifierSite("scope", [Secret]) { Typed = Secret[..30] + "0123456789" };
        var constraint = RequestRedaction.Redact(new IdentifierConstraint(_ => site));

        Assert.Null(constraint.SiteAfter(""));
    }
}
