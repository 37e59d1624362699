namespace CodeAssist.Features.InlineCompletion;

/// <summary>The items to show now, and what the compiler will have said once a late check finishes.</summary>
/// <param name="Items">What this request shows.</param>
/// <param name="Final">True when every item's state is settled by a finished check (or verification is off): safe to cache as is.</param>
/// <param name="Late">The checked items of a verification that ran past its budget, or null.</param>
internal sealed record RankedItems(IReadOnlyList<InlineCompletionItem> Items, bool Final, Task<RankedItems>? Late)
{
    public static RankedItems None { get; } = new([], true, null);
}
