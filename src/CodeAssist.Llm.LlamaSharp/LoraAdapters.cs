using CodeAssist.Llm;
using LLama;
using LLama.Exceptions;
using LLama.Native;

namespace CodeAssist.Llm.LlamaSharp;

/// <summary>
/// Loads GGUF LoRA adapters on the model and applies them to its context, once at load: the KV cache is only valid
/// for the weights it was computed with, so adapters never change under a live session. The adapters are freed with
/// the model.
/// </summary>
internal static class LoraAdapters
{
    /// <summary>Returns the applied adapters with full paths; a missing or incompatible file is a <see cref="ModelLoadException"/>.</summary>
    public static IReadOnlyList<LoraAdapterOptions> Apply(string modelPath, LLamaWeights weights, LLamaContext context, IReadOnlyList<LoraAdapterOptions> adapters)
    {
        if (adapters.Count == 0)
        {
            return [];
        }

        var model = GgufHeaderReader.ReadTensorShapes(modelPath);

        var loaded = new (LoraAdapter Adapter, float Scale)[adapters.Count];
        for (int i = 0; i < adapters.Count; i++)
        {
            string path = Path.GetFullPath(adapters[i].Path);
            if (!File.Exists(path))
            {
                throw new ModelLoadException($"LoRA adapter {adapters[i].Path} does not exist (loraAdapters).");
            }

            Check(path, model.Values.GetValueOrDefault("general.architecture") as string, model.Shapes);
            LlamaNativeLibrary.TakeRecentLog();
            try
            {
                loaded[i] = (weights.NativeHandle.LoadLoraFromFile(path), adapters[i].Scale);
            }
            catch (Exception e) when (e is InvalidOperationException or RuntimeError)
            {
                string reason = LlamaNativeLibrary.TakeRecentLog().LastOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? e.Message;
                throw new ModelLoadException($"llama.cpp could not load the LoRA adapter {Path.GetFileName(path)} (is it for this base model?): {reason}", e);
            }
        }

        context.NativeHandle.SetLoraAdapters(loaded);
        return adapters.Select(a => a with { Path = Path.GetFullPath(a.Path) }).ToArray();
    }

    /// <summary>
    /// What llama.cpp checks too, but some of which it answers by aborting the whole process: the adapter is a LoRA
    /// for this architecture and each A/B pair fits a tensor of this model.
    /// </summary>
    private static void Check(string path, string? architecture, IReadOnlyDictionary<string, long[]> modelShapes)
    {
        string file = Path.GetFileName(path);
        Dictionary<string, object> values;
        Dictionary<string, long[]> shapes;
        try
        {
            (values, shapes) = GgufHeaderReader.ReadTensorShapes(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new ModelLoadException($"LoRA adapter {file} is not a valid GGUF file ({e.Message}).", e);
        }

        if (values.GetValueOrDefault("general.type") as string != "adapter" || values.GetValueOrDefault("adapter.type") as string != "lora")
        {
            throw new ModelLoadException($"{file} is not a GGUF LoRA adapter (general.type=adapter, adapter.type=lora). Convert it with llama.cpp's convert_lora_to_gguf.py.");
        }

        if (values.GetValueOrDefault("general.architecture") as string != architecture)
        {
            throw new ModelLoadException($"LoRA adapter {file} is for '{values.GetValueOrDefault("general.architecture")}', the model is '{architecture}'.");
        }

        foreach ((string name, long[] a) in shapes.Where(t => t.Key.EndsWith(".lora_a", StringComparison.Ordinal)))
        {
            string target = name[..^".lora_a".Length];
            bool fits = shapes.TryGetValue(target + ".lora_b", out long[]? b)
                && modelShapes.TryGetValue(target, out long[]? weight)
                && a.Length == 2 && b.Length == 2 && weight.Length >= 2
                && a[0] == weight[0] && b[1] == weight[1] && a[1] == b[0];
            if (!fits)
            {
                throw new ModelLoadException($"LoRA adapter {file} does not fit this model: {target} is missing or has another shape (was it trained for another base model?).");
            }
        }
    }
}
