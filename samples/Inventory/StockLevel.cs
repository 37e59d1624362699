namespace Inventory;

/// <summary>How many units of a product are on hand and how many are reserved by open orders.</summary>
public sealed class StockLevel
{
    public StockLevel(Product product, int onHand)
    {
        Product = product;
        OnHand = onHand;
    }

    public Product Product { get; }

    public int OnHand { get; private set; }

    public int Reserved { get; private set; }

    /// <summary>Units that can still be promised to a customer.</summary>
    public int Available => OnHand - Reserved;

    /// <summary>Reserves units for an order; returns false when not enough are available.</summary>
    public bool TryReserve(int quantity)
    {
        if (quantity <= 0 || quantity > Available)
        {
            return false;
        }

        Reserved += quantity;
        return true;
    }

    /// <summary>Ships reserved units: they leave the warehouse.</summary>
    public void Ship(int quantity)
    {
        Reserved -= quantity;
        OnHand -= quantity;
    }
}
