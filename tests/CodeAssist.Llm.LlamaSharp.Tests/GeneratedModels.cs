using CodeAssist.Gguf;
using CodeAssist.Llm;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// Random-weight GGUF files written once per test run by the project's own writer, so every test goes through the
/// real llama.cpp loader: a wrong hyper-parameter or a missing tensor fails the load.
/// </summary>
internal static class GeneratedModels
{
    // Keyed by the writer's build so that files are reused across runs but never outlive a change to the writer.
    private static readonly string s_directory = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(),
        "codeassist-llamasharp-tests",
        typeof(RandomModel).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
    private static readonly Lock s_lock = new();

    public static string TinyQwen2 => Get("tiny-qwen2-f32.gguf", () => RandomModel.Build(ModelShape.TinyQwen2, TinyVocabulary.Create(), GgmlType.F32, 7));

    public static string TinyStarCoder2 => Get("tiny-starcoder2-vocab.gguf", () =>
        RandomModel.Build(ModelShape.TinyLlama, TinyVocabulary.Create("llama-bpe", TinyVocabulary.StarCoder2Specials), GgmlType.F32, 13));

    public static string TinyLlamaF16 => Get("tiny-llama-f16.gguf", () => RandomModel.Build(ModelShape.TinyLlama, TinyVocabulary.Create("llama-bpe"), GgmlType.F16, 11));

    public static string TinyLlamaQ8 => Get("tiny-llama-q8.gguf", () => RandomModel.Build(ModelShape.TinyLlama, TinyVocabulary.Create("llama-bpe"), GgmlType.Q8_0, 11));

    /// <summary>Big enough that a 1500-token prefill takes a while on one thread (about 24M parameters).</summary>
    public static string SmallQwen2 => Get("small-qwen2-f16.gguf", () => RandomModel.Build(ModelShape.SmallQwen2, TinyVocabulary.Create(), GgmlType.F16, 3));

    public static string UnknownArchitecture => Get("unknown-arch.gguf", () =>
        RandomModel.Build(ModelShape.TinyLlama with { Architecture = "not-a-real-arch" }, TinyVocabulary.Create(), GgmlType.F32, 1));

    public static string NotGguf => GetText("not-a-model.gguf", "this is a text file, not a model\n");

    public static string Path(string name) => System.IO.Path.Combine(s_directory, name);

    public static LlmOptions Options(string model) => new() { Model = model, ContextSize = 2048, RequestTimeout = TimeSpan.FromSeconds(60) };

    public static async Task<LlamaLocalModel> LoadAsync(string model, int contextSize = 2048, TimeProvider? time = null)
    {
        var factory = new LlamaSharpModelFactory(time ?? TimeProvider.System);
        ILocalModel loaded = await factory.LoadAsync(Options(model) with { ContextSize = contextSize }, null, CancellationToken.None);
        return (LlamaLocalModel)loaded;
    }

    internal static string Get(string name, Func<GgufWriter> build)
    {
        lock (s_lock)
        {
            RemoveOtherBuilds();
            string path = Path(name);
            if (!File.Exists(path))
            {
                string temporary = path + ".tmp";
                build().WriteTo(temporary);
                File.Move(temporary, path, overwrite: true);
            }

            return path;
        }
    }

    /// <summary>
    /// Removes models of other builds of the writer once they are an hour old: another checkout's test run may be
    /// using its own folder right now.
    /// </summary>
    private static void RemoveOtherBuilds()
    {
        string parent = System.IO.Path.GetDirectoryName(s_directory)!;
        if (Directory.Exists(s_directory) || !Directory.Exists(parent))
        {
            return;
        }

        foreach (string stale in Directory.EnumerateDirectories(parent))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-1))
                {
                    Directory.Delete(stale, recursive: true);
                }
            }
            catch (IOException)
            {
                // Removed by another run at the same moment.
            }
        }
    }

    private static string GetText(string name, string text)
    {
        lock (s_lock)
        {
            RemoveOtherBuilds();
            Directory.CreateDirectory(s_directory);
            string path = Path(name);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
