namespace CodeAssist.Gguf;

/// <summary>
/// <c>chain OUT.gguf --text TEXT [--after TOKEN]... [--type f32|f16]</c>: writes a <see cref="ChainModel"/> that
/// continues every <c>--after</c> token (default &lt;|fim_middle|&gt;) with TEXT. Repeating <c>--text</c> starts
/// another chain, which takes the <c>--after</c> options that follow it.
/// </summary>
internal static class ChainCommand
{
    public const string Usage = "CodeAssist.Gguf chain OUT.gguf --text TEXT [--after TOKEN]... [--text TEXT [--after TOKEN]...]... [--type f32|f16]";

    public static int Run(string output, IReadOnlyList<string> options)
    {
        var chains = new List<(string Text, List<string> Triggers)>();
        GgmlType type = GgmlType.F32;
        for (int i = 0; i < options.Count; i += 2)
        {
            if (i + 1 >= options.Count)
            {
                Console.Error.WriteLine($"option '{options[i]}' needs a value\nusage: {Usage}");
                return 2;
            }

            string value = options[i + 1];
            switch (options[i])
            {
                case "--text":
                    chains.Add((value, []));
                    break;
                case "--after" when chains.Count > 0:
                    chains[^1].Triggers.Add(value);
                    break;
                case "--type" when value.ToLowerInvariant() is "f32" or "f16":
                    type = value.Equals("f16", StringComparison.OrdinalIgnoreCase) ? GgmlType.F16 : GgmlType.F32;
                    break;
                default:
                    Console.Error.WriteLine($"unexpected '{options[i]} {value}' (--after follows its --text; --type is f32 or f16)\nusage: {Usage}");
                    return 2;
            }
        }

        if (chains.Count == 0)
        {
            Console.Error.WriteLine($"a chain model needs --text\nusage: {Usage}");
            return 2;
        }

        ChainLink[] links = chains
            .Select(c => new ChainLink(c.Triggers.Count > 0 ? c.Triggers : ["<|fim_middle|>"], c.Text))
            .ToArray();
        try
        {
            GgufWriter writer = ChainModel.Build(links, type);
            writer.WriteTo(output);
            foreach (ChainLink link in links)
            {
                Console.WriteLine($"{output}: after {string.Join(" or ", link.Triggers.Select(t => $"'{t}'"))} -> {string.Join(" ", ChainModel.Pieces(link.Text).Select(p => $"[{p}]"))} [<|endoftext|>]");
            }

            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
