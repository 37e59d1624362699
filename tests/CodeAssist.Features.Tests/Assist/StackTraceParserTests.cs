using CodeAssist.Features.StackTraces;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

public sealed class StackTraceParserTests
{
    private const string Nested = """
        Unhandled exception. System.InvalidOperationException: Processing failed
         ---> System.ArgumentException: Unknown sku (Parameter 's')
           at Sample.OrderProcessor.Check(String s) in /src/OrderProcessor.cs:line 21
           at Sample.OrderProcessor.<>c.<Validate>b__1_0(String s) in /src/OrderProcessor.cs:line 13
           at System.Linq.Enumerable.SelectArrayIterator`2.Fill(ReadOnlySpan`1 source, Span`1 destination, Func`2 func)
           at Sample.OrderProcessor.<ProcessAsync>d__0.MoveNext() in /src/OrderProcessor.cs:line 8
        --- End of stack trace from previous location ---
           at Program.<Main>$(String[] args) in /src/Program.cs:line 5
           --- End of inner exception stack trace ---
           at Program.<Main>$(String[] args) in /src/Program.cs:line 9
           at Program.<Main>(String[] args)
        """;

    [Fact]
    public void Parse_InnerException_InnermostFirstWithItsOwnFrames()
    {
        var exceptions = StackTraceParser.Parse(Nested);

        Assert.Equal(["System.ArgumentException", "System.InvalidOperationException"], exceptions.Select(e => e.Type));
        Assert.Equal("Unknown sku (Parameter 's')", exceptions[0].Message);
        Assert.Equal("Processing failed", exceptions[1].Message);
        Assert.Equal(5, exceptions[0].Frames.Count);
        Assert.Equal(2, exceptions[1].Frames.Count);
        Assert.Equal(("Program", "<Main>$", "/src/Program.cs", (int?)9), Describe(exceptions[1].Frames[0]));
        Assert.Equal(("Program", "<Main>", null, (int?)null), Describe(exceptions[1].Frames[1]));
    }

    [Fact]
    public void Parse_GeneratedNames_MapToSourceMethods()
    {
        var frames = StackTraceParser.Parse(Nested)[0].Frames;

        Assert.Equal(("Sample.OrderProcessor", "Check", "/src/OrderProcessor.cs", (int?)21), Describe(frames[0]));
        Assert.Equal(("Sample.OrderProcessor", "Validate", "/src/OrderProcessor.cs", (int?)13), Describe(frames[1]));
        Assert.Equal(("System.Linq.Enumerable.SelectArrayIterator`2", "Fill", null, (int?)null), Describe(frames[2]));
        Assert.Equal(("Sample.OrderProcessor", "ProcessAsync", "/src/OrderProcessor.cs", (int?)8), Describe(frames[3]));
        Assert.Equal("String s", frames[0].Parameters);
    }

    [Theory]
    [InlineData("   at Shop.Cart.<Total>g__Sum|3_0(Int32[] xs) in C:\\src\\Cart.cs:line 40", "Shop.Cart", "Sum", "C:\\src\\Cart.cs", 40)]
    [InlineData("   at Shop.Outer+Inner.Run[T](T value)", "Shop.Outer+Inner", "Run", null, null)]
    [InlineData("   at Shop.Cart..ctor(String name) in /a/Cart.cs:line 3", "Shop.Cart", ".ctor", "/a/Cart.cs", 3)]
    [InlineData("   at Shop.Feed.<ReadAsync>d__4.MoveNext()", "Shop.Feed", "ReadAsync", null, null)]
    public void Parse_FrameShapes(string line, string type, string method, string? file, int? lineNumber)
    {
        var frame = Assert.Single(Assert.Single(StackTraceParser.Parse("System.Exception: boom\n" + line)).Frames);

        Assert.Equal((type, method, file, lineNumber), Describe(frame));
    }

    [Fact]
    public void Parse_MultiLineMessageAndAggregateInner_KeepsMessageAndChain()
    {
        var text = """
            System.AggregateException: One or more errors occurred. (boom)
             ---> (Inner Exception #0) System.IO.IOException: boom
            Path: /tmp/data.bin
               at Shop.Store.Save() in /s/Store.cs:line 7
               --- End of inner exception stack trace ---
               at Shop.Store.SaveAll() in /s/Store.cs:line 12
            """;

        var exceptions = StackTraceParser.Parse(text);

        Assert.Equal(["System.IO.IOException", "System.AggregateException"], exceptions.Select(e => e.Type));
        Assert.Equal("boom\nPath: /tmp/data.bin", exceptions[0].Message);
        Assert.Equal("Save", Assert.Single(exceptions[0].Frames).MethodName);
        Assert.Equal("SaveAll", Assert.Single(exceptions[1].Frames).MethodName);
    }

    [Fact]
    public void Parse_NoTrace_ReturnsEmpty()
    {
        Assert.Empty(StackTraceParser.Parse("hello world\nnothing to see"));
    }

    private static (string, string, string?, int?) Describe(StackFrameText frame) => (frame.TypeName, frame.MethodName, frame.FilePath, frame.Line);
}
