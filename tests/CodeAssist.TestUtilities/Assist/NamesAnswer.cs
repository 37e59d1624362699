namespace CodeAssist.TestUtilities.Assist;

/// <summary>
/// A scripted explanation of the sample's InventoryService.TryReserveOrder that names five real things (three of
/// the sample's members, one of its own methods, one BCL method) and three invented ones.
/// </summary>
public static class NamesAnswer
{
    public const string Text = """
        `TryReserveOrder` reserves each line of the order, which raises `Reserved` while
        `OnHand` stays the same. On failure it undoes what it did with `StockLevel.Ship()`; the count is clamped with
        `System.Math.Max`.

        It never calls `StockLevel.Replenish()`, and `Warehouse.Restock` or ReserveAll() do not take part.
        """;

    public static readonly string[] Real = ["TryReserveOrder", "Reserved", "OnHand", "StockLevel.Ship", "System.Math.Max"];

    public static readonly string[] Invented = ["StockLevel.Replenish", "Warehouse.Restock", "ReserveAll"];
}
