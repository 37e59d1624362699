using CodeAssist.Features.InlineCompletion;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CodeAssist.Features.Tests.InlineCompletion;

/// <summary>
/// A speculation after an acceptance runs its Roslyn work in the background while the user types on: whichever
/// reaches the model first, the user's request must keep its generation (the Neovim inline spec lost its ghost text
/// when a late speculation cancelled the request that followed Tab).
/// </summary>
public sealed class SpeculationRaceTests
{
    private static readonly SourceText Text = SourceText.From("class C { }");

    [Fact]
    public void Speculation_AfterTheUserAskedAgain_StartsNothing_AndCancelsNothing()
    {
        using var documents = new DocumentGenerations(new InlineCompletionCounters(), TimeProvider.System);
        var state = documents.Get("a.cs");
        var seen = state.Requests;

        // The user's next request arrives while the speculation is still building its prompt, and starts first.
        state.NoteRequest();
        var pending = new TaskCompletionSource<IReadOnlyList<InlineCompletionItem>>();
        var real = documents.Start("a.cs", state, "real", Text, 5, _ => pending.Task);

        var runs = 0;
        var speculation = documents.Start("a.cs", state, "guess", Text, 3, _ => { runs++; return Task.FromResult<IReadOnlyList<InlineCompletionItem>>([]); }, seen);

        Assert.Null(speculation);
        Assert.Equal(0, runs);
        Assert.Same(real, state.InFlight);
        Assert.False(real!.Cancellation.IsCancellationRequested);
    }

    [Fact]
    public void Speculation_WhileAnotherGenerationRuns_GivesWay()
    {
        using var documents = new DocumentGenerations(new InlineCompletionCounters(), TimeProvider.System);
        var state = documents.Get("a.cs");
        var pending = new TaskCompletionSource<IReadOnlyList<InlineCompletionItem>>();
        var running = documents.Start("a.cs", state, "running", Text, 5, _ => pending.Task);

        var speculation = documents.Start("a.cs", state, "guess", Text, 3, _ => pending.Task, state.Requests);

        Assert.Null(speculation);
        Assert.False(running!.Cancellation.IsCancellationRequested);
    }

    [Fact]
    public void Speculation_WithNothingSince_Starts_AndTheNextRequestSupersedesIt()
    {
        using var documents = new DocumentGenerations(new InlineCompletionCounters(), TimeProvider.System);
        var state = documents.Get("a.cs");
        var pending = new TaskCompletionSource<IReadOnlyList<InlineCompletionItem>>();

        var speculation = documents.Start("a.cs", state, "guess", Text, 3, _ => pending.Task, state.Requests);
        Assert.NotNull(speculation);
        Assert.Same(speculation, state.InFlight);

        state.NoteRequest();
        var real = documents.Start("a.cs", state, "real", Text, 5, _ => pending.Task);

        Assert.Same(real, state.InFlight);
        Assert.True(speculation.Cancellation.IsCancellationRequested);
    }
}
