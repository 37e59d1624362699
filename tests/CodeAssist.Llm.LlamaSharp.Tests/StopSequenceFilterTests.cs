namespace CodeAssist.Llm.LlamaSharp.Tests;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Append_StopSplitAcrossPieces_IsNeverEmitted()
    {
        var filter = new StopSequenceFilter(["\n\n"]);

        Assert.Equal("abc", filter.Append("abc\n"));
        Assert.Equal("", filter.Append("\nrest"));
        Assert.True(filter.Stopped);
        Assert.Equal("", filter.Flush());
    }

    [Fact]
    public void Append_HeldTextThatIsNotAStop_IsReleased()
    {
        var filter = new StopSequenceFilter(["END"]);

        Assert.Equal("x", filter.Append("xEN"));
        Assert.Equal("ENx", filter.Append("x"));
        Assert.Equal("", filter.Append("E"));
        Assert.Equal("E", filter.Flush());
    }

    [Fact]
    public void Append_EarliestOfSeveralStops_Wins()
    {
        var filter = new StopSequenceFilter(["}", ";"]);

        Assert.Equal("int x = 1", filter.Append("int x = 1; }"));
        Assert.True(filter.Stopped);
    }

    [Fact]
    public void Append_NoStops_PassesEverythingThrough()
    {
        var filter = new StopSequenceFilter([]);

        Assert.Equal("abc", filter.Append("abc"));
        Assert.False(filter.Stopped);
    }
}
