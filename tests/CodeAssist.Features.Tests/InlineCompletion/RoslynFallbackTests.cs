using CodeAssist.Features.InlineCompletion;
using Xunit;
using static CodeAssist.Features.Tests.InlineCompletion.InlineCompletionTestHost;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class RoslynFallbackTests
{
    [Fact]
    public async Task NoModel_CompletesTypedMemberFromRoslyn()
    {
        var (result, service) = await CompleteAsync("class C { void M() { System.Console.WriteL$0 } }", model: null);
        var item = Assert.Single(result.Items);
        Assert.Equal("WriteLine", item.InsertText);
        Assert.Equal(VerificationState.FromCompiler, item.Verification);
        Assert.Equal(InlineCompletionSource.Roslyn, item.Source);
        Assert.Equal(item.ReplaceEnd - "WriteL".Length, item.ReplaceStart);
        Assert.Equal(InlineCompletionService.NoModelMessage, result.Message);
        Assert.Equal(1, service.GetStatistics().RoslynFallbacks);
    }

    [Fact]
    public async Task NoModel_NothingTyped_NoArbitraryItem()
    {
        var (result, _) = await CompleteAsync("class C { void M() { System.Console.$0 } }", model: null);
        Assert.Empty(result.Items);
        Assert.Contains("codeassist models pull", result.Message, StringComparison.Ordinal);
    }
}
