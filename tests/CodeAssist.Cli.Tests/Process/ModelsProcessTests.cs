using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Xunit;

namespace CodeAssist.Cli.Tests.Process;

/// <summary><c>codeassist models list|pull</c> against a private cache and a model server on 127.0.0.1.</summary>
public sealed class ModelsProcessTests
{
    [Fact]
    public async Task List_EmptyCache_SaysEmptyAndHowToPull()
    {
        using var cli = new CodeAssistProcess();

        var run = await cli.RunAsync("models", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Model cache: {cli.ModelCacheDirectory}", run.Out, StringComparison.Ordinal);
        Assert.Contains("  (empty)", run.Out, StringComparison.Ordinal);
        Assert.Contains("Configured: provider local, model none (no model: features answer from Roslyn alone)", run.Out, StringComparison.Ordinal);
        Assert.Contains("qwen2.5-coder-0.5b", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_NoSubcommand_ListsWithTheMeasuredCpuSpeed()
    {
        using var cli = new CodeAssistProcess();

        var run = await cli.RunAsync("models");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("Required command was not provided", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Contains("  (empty)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"CPU: \d+ cores, measured \d+\.\d GFLOP/s", run.Out);
        Assert.Contains("[recommended]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_UrlOnLoopback_DownloadsVerifiesAndPrintsThePath()
    {
        using var cli = new CodeAssistProcess();
        var model = FakeGguf(64 * 1024);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(model));
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = ServeAsync(listener, model, sha256);

        var run = await cli.RunAsync("models", "pull", $"http://127.0.0.1:{port}/models/tiny-test.gguf");

        listener.Stop();
        var requests = await serving;
        var expected = Path.Combine(cli.ModelCacheDirectory, "tiny-test.gguf");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, run.Out.Trim());
        Assert.Equal(model, File.ReadAllBytes(expected));
        Assert.Contains($"SHA-256 verified ({sha256})", run.Error, StringComparison.Ordinal);
        Assert.Equal(["/models/tiny-test.gguf"], requests);
        Assert.Equal(["tiny-test.gguf"], Directory.GetFiles(cli.ModelCacheDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Pull_NothingListening_FailsWithTheUrlAndAHint()
    {
        using var cli = new CodeAssistProcess();
        var url = $"http://127.0.0.1:{FreePort()}/models/tiny-test.gguf";

        var run = await cli.RunAsync("models", "pull", url);

        Assert.True(run.ExitCode == 5, run.ToString());
        Assert.Contains($"codeassist models pull: Cannot download {url}", run.Error, StringComparison.Ordinal);
        Assert.Contains("Check the network or proxy", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.False(Directory.Exists(cli.ModelCacheDirectory) && Directory.EnumerateFiles(cli.ModelCacheDirectory, "*.gguf").Any());
    }

    /// <summary>The GGUF magic, version 3, then filler: all the downloader checks, and far from a real model.</summary>
    private static byte[] FakeGguf(int size)
    {
        var bytes = new byte[size];
        "GGUF"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), 3u);
        for (var i = 8; i < size; i++)
        {
            bytes[i] = (byte)(i * 31);
        }

        return bytes;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>Answers every GET with the file and a SHA-256 ETag until the listener stops; returns the paths asked for.</summary>
    private static async Task<List<string>> ServeAsync(HttpListener listener, byte[] body, string sha256)
    {
        var paths = new List<string>();
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return paths;
            }

            paths.Add(context.Request.Url!.AbsolutePath);
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = body.Length;
            context.Response.Headers["ETag"] = $"\"{sha256}\"";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
