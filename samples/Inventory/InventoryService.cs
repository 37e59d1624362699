namespace Inventory;

/// <summary>Keeps stock levels and turns orders into reservations.</summary>
public sealed class InventoryService
{
    private readonly Dictionary<string, StockLevel> _stock = new(StringComparer.OrdinalIgnoreCase);

    public void Receive(Product product, int quantity)
    {
        if (_stock.TryGetValue(product.Sku, out var level))
        {
            _stock[product.Sku] = new StockLevel(product, level.OnHand + quantity);
        }
        else
        {
            _stock.Add(product.Sku, new StockLevel(product, quantity));
        }
    }

    /// <summary>Reserves every line of an order, or none of them.</summary>
    public bool TryReserveOrder(IReadOnlyDictionary<string, int> lines)
    {
        var reserved = new List<(StockLevel Level, int Quantity)>();
        foreach (var (sku, quantity) in lines)
        {
            if (!_stock.TryGetValue(sku, out var level) || !level.TryReserve(quantity))
            {
                foreach (var (done, count) in reserved)
                {
                    done.Ship(-count);
                }

                return false;
            }

            reserved.Add((level, quantity));
        }

        return true;
    }

    public decimal StockValue()
    {
        decimal total = 0;
        foreach (var level in _stock.Values)
        {
            total += level.OnHand * level.Product.UnitPrice;
        }

        return total;
    }
}
