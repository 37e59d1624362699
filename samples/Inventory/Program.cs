using Inventory;

var service = new InventoryService();
var widget = new Product("W-1", "Widget", 2.50m);
service.Receive(widget, 10);
var ok = service.TryReserveOrder(new Dictionary<string, int> { ["W-1"] = 4 });
Console.WriteLine($"Reserved: {ok}; stock value {service.StockValue():C}");
