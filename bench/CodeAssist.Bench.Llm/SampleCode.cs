using System.Text;

namespace CodeAssist.Bench.Llm;

/// <summary>Deterministic C# that reads like real code, so the real BPE tokenizer gives realistic token counts.</summary>
internal static class SampleCode
{
    private static readonly string[] s_nouns = ["Order", "Customer", "Invoice", "Shipment", "Product", "Account", "Payment", "Warehouse"];

    public static string Generate(int classes)
    {
        var code = new StringBuilder("using System;\nusing System.Collections.Generic;\nusing System.Linq;\n\nnamespace Shop.Domain;\n\n");
        for (int i = 0; i < classes; i++)
        {
            string noun = s_nouns[i % s_nouns.Length] + (i / s_nouns.Length == 0 ? "" : (i / s_nouns.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
            code.Append($$"""
                /// <summary>Keeps the {{noun}} records of one tenant and answers queries over them.</summary>
                public sealed class {{noun}}Repository
                {
                    private readonly Dictionary<Guid, {{noun}}> _items = new();

                    public int Count => _items.Count;

                    public void Add({{noun}} item)
                    {
                        ArgumentNullException.ThrowIfNull(item);
                        if (!_items.TryAdd(item.Id, item))
                        {
                            throw new InvalidOperationException($"{{noun}} {item.Id} already exists.");
                        }
                    }

                    public IReadOnlyList<{{noun}}> FindByName(string name) =>
                        _items.Values.Where(x => x.Name.Contains(name, StringComparison.OrdinalIgnoreCase)).OrderBy(x => x.Name).ToList();
                }


                """);
        }

        return code.ToString();
    }
}
