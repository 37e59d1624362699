using CodeAssist.Context;
using CodeAssist.Server.Documents;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Text;
using Xunit;

namespace CodeAssist.Server.Tests.Documents;

public sealed class DocumentStoreTests
{
    private const string Uri = "file:///w/a.cs";

    private static DocumentStore StoreWith(string text, int version = 1)
    {
        var store = new DocumentStore();
        store.Open(new TextDocumentItem(Uri, "csharp", version, text));
        return store;
    }

    private static TextDocumentContentChangeEvent Edit(int startLine, int startCharacter, int endLine, int endCharacter, string text) =>
        new() { Range = new Range(new Position(startLine, startCharacter), new Position(endLine, endCharacter)), Text = text };

    [Fact]
    public void Change_Incremental_AfterSurrogatePair_UsesUtf16Units()
    {
        var store = StoreWith("var s = \"\U0001F600\";\n");

        // Insert after the emoji: character 11 = 9 (var s = ") + 2 units of the emoji.
        var result = store.Change(Uri, 2, [Edit(0, 11, 0, 11, "!")], PositionEncoding.Utf16);

        Assert.True(result.IsApplied);
        Assert.Equal("var s = \"\U0001F600!\";\n", store.TryGet(Uri)!.Text);
        Assert.Equal([new DocumentTextChange(11, 0, "!")], result.Edits);
    }

    [Fact]
    public void Change_Incremental_Utf8Positions_CountBytes()
    {
        var store = StoreWith("a\U0001F600b\u00e9c");

        // Replace "b" (bytes 5..6) and, in a second change on the new text, "é" (bytes 6..8 after "X").
        var result = store.Change(Uri, 2, [Edit(0, 5, 0, 6, "X"), Edit(0, 6, 0, 8, "e")], PositionEncoding.Utf8);

        Assert.Equal("a\U0001F600Xec", store.TryGet(Uri)!.Text);
        Assert.Equal([new DocumentTextChange(3, 1, "X"), new DocumentTextChange(4, 1, "e")], result.Edits);
    }

    [Fact]
    public void Change_AcrossCrLf_JoinsLines()
    {
        var store = StoreWith("one\r\ntwo\r\nthree");

        store.Change(Uri, 2, [Edit(0, 3, 1, 0, " ")], PositionEncoding.Utf16);

        Assert.Equal("one two\r\nthree", store.TryGet(Uri)!.Text);
        Assert.Equal(2, store.TryGet(Uri)!.Lines.LineCount);
    }

    [Fact]
    public void Change_InsertingCrLf_SplitsLinesForLaterChanges()
    {
        var store = StoreWith("ab");

        store.Change(Uri, 2, [Edit(0, 1, 0, 1, "\r\n"), Edit(1, 1, 1, 1, "c")], PositionEncoding.Utf16);

        Assert.Equal("a\r\nbc", store.TryGet(Uri)!.Text);
    }

    [Fact]
    public void Change_WithoutRange_ReplacesTheWholeDocument()
    {
        var store = StoreWith("old text");

        var result = store.Change(Uri, 2, [new TextDocumentContentChangeEvent { Text = "new" }], PositionEncoding.Utf16);

        Assert.Equal("new", store.TryGet(Uri)!.Text);
        Assert.Equal([new DocumentTextChange(0, 8, "new")], result.Edits);
    }

    [Fact]
    public void Change_RangeOutsideTheDocument_IsClamped()
    {
        var store = StoreWith("abc\ndef");

        store.Change(Uri, 2, [Edit(1, 2, 40, 7, "X"), Edit(0, 99, 0, 120, "Y")], PositionEncoding.Utf16);

        Assert.Equal("abcY\ndeX", store.TryGet(Uri)!.Text);
    }

    [Fact]
    public void Change_ForADocumentThatIsNotOpen_IsIgnoredWithAReason()
    {
        var store = new DocumentStore();

        var result = store.Change(Uri, 2, [new TextDocumentContentChangeEvent { Text = "x" }], PositionEncoding.Utf16);

        Assert.False(result.IsApplied);
        Assert.Contains("not open", result.IgnoredReason);
        Assert.Null(store.TryGet(Uri));
    }

    [Fact]
    public void Change_WithAnOlderVersion_IsIgnoredAndKeepsTheText()
    {
        var store = StoreWith("current", version: 5);

        var result = store.Change(Uri, 4, [new TextDocumentContentChangeEvent { Text = "stale" }], PositionEncoding.Utf16);

        Assert.False(result.IsApplied);
        Assert.Contains("older", result.IgnoredReason);
        Assert.Equal("current", store.TryGet(Uri)!.Text);
        Assert.Equal(5, store.TryGet(Uri)!.Version);
    }

    [Fact]
    public void Snapshots_AreImmutable_AcrossChanges()
    {
        var store = StoreWith("before");
        var captured = store.TryGet(Uri)!;

        store.Change(Uri, 2, [new TextDocumentContentChangeEvent { Text = "after" }], PositionEncoding.Utf16);

        Assert.Equal("before", captured.Text);
        Assert.Equal(1, captured.Version);
        Assert.Equal("after", store.TryGet(Uri)!.Text);
    }

    [Fact]
    public void Close_RemovesTheDocument_AndReportsUnknownOnes()
    {
        var store = StoreWith("x");

        Assert.True(store.Close(Uri));
        Assert.False(store.Close(Uri));
        Assert.Equal(0, store.Count);
    }
}
