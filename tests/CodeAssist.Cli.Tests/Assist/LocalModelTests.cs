using System.Text.Json;
using CodeAssist.Cli.Terminal;
using CodeAssist.Gguf;
using CodeAssist.TestUtilities;
using Xunit;

namespace CodeAssist.Cli.Tests.Assist;

/// <summary>
/// The CLI with a real LLamaSharp model: a tiny generated GGUF (random weights, so the words are noise). What is
/// checked is the plumbing: the model loads, answers stream to a pipe, and the answer is cached on disk.
/// </summary>
public sealed class LocalModelTests
{
    [Fact]
    public async Task Explain_GeneratedGgufModel_StreamsTheModelAnswerAndCachesIt()
    {
        var model = Path.Combine(Path.GetTempPath(), "codeassist-assist-tiny-qwen2-" + Guid.NewGuid().ToString("N")[..8] + ".gguf");
        RandomModel.Build(ModelShape.TinyQwen2, TinyVocabulary.Create(), GgmlType.F32, 7).WriteTo(model);
        try
        {
            using var cli = new CliHarness(CliLanguageModels.Create);
            var sample = RepositoryFiles.InventorySample;

            var first = await cli.RunAsync("explain", sample + ":42-51", "--model", model, "--json");
            var second = await cli.RunAsync("explain", sample + ":42-51", "--model", model, "--json");

            Assert.True(first.ExitCode == 0, first.Error);
            using var firstJson = JsonDocument.Parse(first.Out);
            using var secondJson = JsonDocument.Parse(second.Out);
            Assert.False(string.IsNullOrEmpty(firstJson.RootElement.GetProperty("modelId").GetString()));
            Assert.Equal(JsonValueKind.Null, firstJson.RootElement.GetProperty("notice").ValueKind);
            Assert.False(firstJson.RootElement.GetProperty("fromCache").GetBoolean());
            Assert.True(secondJson.RootElement.GetProperty("fromCache").GetBoolean());
            Assert.Equal(firstJson.RootElement.GetProperty("markdown").GetString(), secondJson.RootElement.GetProperty("markdown").GetString());
        }
        finally
        {
            File.Delete(model);
        }
    }
}
