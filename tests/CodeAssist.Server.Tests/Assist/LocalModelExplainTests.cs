using CodeAssist.Context;
using CodeAssist.Gguf;
using CodeAssist.Llm;
using CodeAssist.Llm.LlamaSharp;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Server.Tests.Assist;

/// <summary>codeAssist/explain over JSON-RPC with a real LLamaSharp model (a generated tiny GGUF with random weights).</summary>
public sealed class LocalModelExplainTests
{
    [Fact]
    public async Task Explain_RealLocalModel_StreamsPartialResultsThatAddUpToTheResult()
    {
        var folder = Directory.CreateTempSubdirectory("codeassist-assist-llama-").FullName;
        var model = Path.Combine(folder, "tiny-qwen2.gguf");
        RandomModel.Build(ModelShape.TinyQwen2, TinyVocabulary.Create(), GgmlType.F32, 7).WriteTo(model);
        const string source = "namespace Shop;\n\npublic static class MathHelpers\n{\n    public static int Twice(int value) => value * 2;\n}\n";
        await File.WriteAllTextAsync(Path.Combine(folder, "MathHelpers.cs"), source);
        var models = new LanguageModels(new LanguageModelSettings { Default = new LlmOptions { Provider = "local", Model = model, ContextSize = 4096 } }, localModelFactory: new LlamaSharpModelFactory());
        await models.WhenLoadedAsync(CancellationToken.None);
        Assert.Equal(ModelState.Ready, models.Status.State);
        await using var server = InProcessServer.Start(services =>
        {
            services.AddSingleton<IWorkspaceSession, WorkspaceSession>();
            services.AddSingleton<ILanguageModels>(models);
        });
        await server.Client.InitializeAsync(rootUri: new Uri(folder + "/").AbsoluteUri);
        var uri = new Uri(Path.Combine(folder, "MathHelpers.cs")).AbsoluteUri;
        await server.Client.OpenAsync(uri, source);

        var result = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/explain", new
        {
            textDocument = new { uri },
            range = new { start = new { line = 4, character = 0 }, end = new { line = 4, character = 52 } },
            partialResultToken = 7,
        }));

        Assert.False(string.IsNullOrEmpty(result.GetProperty("modelId").GetString()));
        Assert.False(result.TryGetProperty("notice", out _));
        var partials = server.Client.SeenNotifications
            .Where(n => n.GetProperty("method").GetString() == "$/progress" && n.GetProperty("params").GetProperty("token").ValueKind == System.Text.Json.JsonValueKind.Number)
            .Select(n => n.GetProperty("params").GetProperty("value").GetProperty("markdown").GetString())
            .ToList();
        Assert.Equal(result.GetProperty("markdown").GetString(), string.Concat(partials));
        models.Dispose();
    }
}
