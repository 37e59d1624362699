using System.Diagnostics;
using CodeAssist.Llm.Models;
using CodeAssist.Llm.Tests.Fakes;
using Xunit;

namespace CodeAssist.Llm.Tests;

/// <summary>A local model path that is not a regular file is refused before it is opened; a load that hangs times out.</summary>
public sealed class LocalModelLoadLimitsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("codeassist-load-limits-").FullName;
    private readonly FakeLocalModelFactory _factory = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Fifo_IsRefusedAtOnce_WithoutLoading()
    {
        var fifo = MakeFifo(Path.Combine(_directory, "model.gguf"));

        using var models = Create(new LlmOptions { Provider = "local", Model = fifo });

        Assert.Equal(ModelState.Failed, models.Status.State);
        Assert.Contains("not a regular file", models.Status.Message, StringComparison.Ordinal);
        Assert.Contains("setting `model`", models.Status.Message, StringComparison.Ordinal);
        Assert.Empty(_factory.Loaded);
    }

    [Fact]
    public void FolderAndDevice_AreRefusedAtOnce_WithoutLoading()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "model.gguf")).FullName;

        using (var models = Create(new LlmOptions { Provider = "local", Model = folder }))
        {
            Assert.Equal(ModelState.Failed, models.Status.State);
            Assert.Contains("is a folder", models.Status.Message, StringComparison.Ordinal);
        }

        using (var models = Create(new LlmOptions { Provider = "local", Model = "/dev/zero" }))
        {
            Assert.Equal(ModelState.Failed, models.Status.State);
            Assert.Contains("not a regular file", models.Status.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_factory.Loaded);
    }

    [Fact]
    public async Task LoadThatNeverFinishes_FailsAfterTheTimeout_NamingTheSetting()
    {
        var path = WriteGguf("slow.gguf");
        _factory.Gate = new TaskCompletionSource();
        using var models = Create(new LlmOptions { Provider = "local", Model = path, LoadTimeout = TimeSpan.FromMilliseconds(200) });

        await models.WhenLoadedAsync(CancellationToken.None);

        Assert.Equal(ModelState.Failed, models.Status.State);
        Assert.Contains("slow.gguf did not finish within", models.Status.Message, StringComparison.Ordinal);
        Assert.Contains("modelLoadTimeoutSeconds", models.Status.Message, StringComparison.Ordinal);
        Assert.Null(models.GetCompletionModel("completion"));
    }

    [Fact]
    public async Task LoadThatFinishesAfterTheTimeout_IsDisposed_AndNeverUsed()
    {
        var path = WriteGguf("late.gguf");
        _factory.Gate = new TaskCompletionSource();
        _factory.IgnoresCancellation = true;
        using var models = Create(new LlmOptions { Provider = "local", Model = path, LoadTimeout = TimeSpan.FromMilliseconds(200) });
        await models.WhenLoadedAsync(CancellationToken.None);
        Assert.Equal(ModelState.Failed, models.Status.State);

        _factory.Gate.SetResult();
        for (var i = 0; i < 500 && !(_factory.Models.Count == 1 && _factory.Models[0].Disposed); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(_factory.Models.Single().Disposed);
        Assert.Equal(ModelState.Failed, models.Status.State);
        Assert.Null(models.GetCompletionModel("completion"));
    }

    private LanguageModels Create(LlmOptions options) =>
        new(new LanguageModelSettings { Default = options }, localModelFactory: _factory, cache: new ModelCache(Path.Combine(_directory, "cache")), environment: _ => null);

    private string WriteGguf(string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, "GGUF\u0003\0\0\0"u8.ToArray());
        return path;
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
