using System.Globalization;
using CodeAssist.Gguf;

// Usage: CodeAssist.Gguf <tiny-llama|tiny-qwen2|small-qwen2|qwen2.5-coder-0.5b|qwen2.5-coder-1.5b> OUT.gguf
//        [--type f32|f16|q8_0] [--seed N] [--tokenizer tokenizer.json]
//        CodeAssist.Gguf chain OUT.gguf --text TEXT [--after TOKEN]... (see ChainCommand)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CodeAssist.Gguf <tiny-llama|tiny-qwen2|small-qwen2|qwen2.5-coder-0.5b|qwen2.5-coder-1.5b> OUT.gguf [--type f32|f16|q8_0] [--seed N] [--tokenizer tokenizer.json]");
    Console.Error.WriteLine("       " + ChainCommand.Usage);
    return 2;
}

if (args[0] == "chain")
{
    return ChainCommand.Run(args[1], args[2..]);
}

ModelShape? shape = args[0] switch
{
    "tiny-llama" => ModelShape.TinyLlama,
    "tiny-qwen2" => ModelShape.TinyQwen2,
    "small-qwen2" => ModelShape.SmallQwen2,
    "qwen2.5-coder-0.5b" => ModelShape.Qwen25Coder05B,
    "qwen2.5-coder-1.5b" => ModelShape.Qwen25Coder15B,
    _ => null,
};
if (shape is null)
{
    Console.Error.WriteLine($"unknown model shape '{args[0]}'");
    return 2;
}

GgmlType type = GgmlType.F32;
int seed = 42;
string? tokenizerPath = null;
for (int i = 2; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--type":
            type = args[i + 1].ToLowerInvariant() switch { "f16" => GgmlType.F16, "q8_0" => GgmlType.Q8_0, _ => GgmlType.F32 };
            break;
        case "--seed":
            seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--tokenizer":
            tokenizerPath = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"unknown option '{args[i]}'");
            return 2;
    }
}

TokenizerSpec tokenizer = tokenizerPath is null ? TinyVocabulary.Create() : HuggingFaceVocabulary.LoadQwen25(tokenizerPath);
GgufWriter writer = RandomModel.Build(shape, tokenizer, type, seed, args[0]);
writer.WriteTo(args[1]);
Console.WriteLine($"{args[1]}: {shape.Architecture}, {writer.Tensors.Count} tensors, {RandomModel.ParameterCount(writer) / 1e6:F2}M parameters, {tokenizer.Tokens.Count} tokens, {type}");
return 0;
