using System.Diagnostics;

namespace CodeAssist.Llm.LlamaSharp.Tests;

/// <summary>
/// Opening a FIFO for reading blocks until a writer comes, so a model path that is a pipe used to hang the load
/// forever. The factory must refuse such paths before opening them.
/// </summary>
public sealed class NonRegularModelFileTests : IDisposable
{
    // Only a guard so that a regression fails instead of hanging the test run; the refusal itself is immediate.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("codeassist-fifo-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task LoadAsync_Fifo_IsRefusedWithoutOpeningIt()
    {
        var fifo = Path.Combine(_directory, "model.gguf");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var e = await Assert.ThrowsAsync<ModelLoadException>(
            () => new LlamaSharpModelFactory().LoadAsync(new LlmOptions { Model = fifo }, null, CancellationToken.None).WaitAsync(HangGuard));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
        Assert.Contains(fifo, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/null")]
    public async Task LoadAsync_Device_IsRefused(string device)
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(
            () => new LlamaSharpModelFactory().LoadAsync(new LlmOptions { Model = device }, null, CancellationToken.None).WaitAsync(HangGuard));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_Folder_SaysItIsAFolder()
    {
        var e = await Assert.ThrowsAsync<ModelLoadException>(
            () => new LlamaSharpModelFactory().LoadAsync(new LlmOptions { Model = _directory }, null, CancellationToken.None));

        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
    }
}
