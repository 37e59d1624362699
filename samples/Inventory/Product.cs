namespace Inventory;

/// <summary>A product that can be stocked and sold.</summary>
public sealed record Product(string Sku, string Name, decimal UnitPrice);
