using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using CodeAssist.Llm.Models;
using CodeAssist.Llm.Tests.TestServer;
using CodeAssist.TestUtilities.Http;
using Xunit;

namespace CodeAssist.Llm.Tests.Models;

public sealed class ModelDownloaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("codeassist-pull-").FullName;
    private readonly byte[] _model = FakeGguf(300_000);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ModelCache Cache => new(Path.Combine(_directory, "models"));

    private string Sha => Convert.ToHexStringLower(SHA256.HashData(_model));

    private static byte[] FakeGguf(int size)
    {
        var bytes = new byte[size];
        new Random(7).NextBytes(bytes);
        "GGUF"u8.CopyTo(bytes);
        BitConverter.GetBytes(3u).CopyTo(bytes, 4);
        return bytes;
    }

    /// <summary>Serves the file with Range support; <paramref name="dropAfter"/> cuts the first full response short.</summary>
    private TestHttpServer ServeModel(string? etag = null, int? dropAfter = null, byte[]? body = null)
    {
        body ??= _model;
        var served = 0;
        return new TestHttpServer(async (request, response, _) =>
        {
            var headers = new Dictionary<string, string> { ["Accept-Ranges"] = "bytes" };
            if (etag is not null)
            {
                headers["ETag"] = $"\"{etag}\"";
            }

            var range = request.Header("Range");
            var ifRange = request.Header("If-Range");
            if (range is not null && (ifRange is null || ifRange == headers.GetValueOrDefault("ETag")))
            {
                var from = int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
                headers["Content-Range"] = $"bytes {from}-{body.Length - 1}/{body.Length}";
                await response.SendBytesAsync(206, body, from, body.Length - from, headers);
                return;
            }

            if (dropAfter is { } cut && Interlocked.Increment(ref served) == 1)
            {
                await response.SendHeadWithLengthAsync(200, body.Length, headers);
                await response.WriteRawAsync(body, 0, cut);
                await Task.Delay(50);
                response.Abort();
                return;
            }

            await response.SendBytesAsync(200, body, 0, body.Length, headers);
        });
    }

    [Fact]
    public async Task Pull_DownloadsIntoTheCache_WithProgress_AndVerifiesTheShaEtag()
    {
        await using var server = ServeModel(etag: Sha);
        using var downloader = new ModelDownloader(Cache);
        var reports = new List<DownloadProgress>();

        var result = await downloader.PullAsync(new Uri(server.BaseUri, "models/tiny-coder-q8_0.gguf").ToString(), new SyncProgress(reports), CancellationToken.None);

        Assert.Equal(Path.Combine(Cache.Directory, "tiny-coder-q8_0.gguf"), result.Path);
        Assert.Equal(_model, await File.ReadAllBytesAsync(result.Path));
        Assert.True(result.Verified);
        Assert.Equal(Sha, result.Sha256);
        Assert.Equal(_model.Length, reports[^1].BytesDownloaded);
        Assert.Equal(_model.Length, reports[^1].TotalBytes);
        Assert.Empty(Directory.GetFiles(Cache.Directory, "*.part*"));
        Assert.Equal(result.Path, Cache.FindDefault()?.Path);
    }

    [Fact]
    public async Task Pull_DroppedMidWay_KeepsThePart_ThenResumesWithRange()
    {
        await using var server = ServeModel(etag: Sha, dropAfter: 100_000);
        using var downloader = new ModelDownloader(Cache);
        var url = new Uri(server.BaseUri, "tiny.gguf").ToString();

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.PullAsync(url, null, CancellationToken.None));
        Assert.Contains("run the same command again to resume", error.Message, StringComparison.Ordinal);
        var partial = Path.Combine(Cache.Directory, "tiny.gguf.part");
        Assert.True(new FileInfo(partial).Length >= 100_000);

        var result = await downloader.PullAsync(url, null, CancellationToken.None);

        Assert.True(result.ResumedFrom >= 100_000);
        Assert.True(result.Verified);
        Assert.Equal(_model, await File.ReadAllBytesAsync(result.Path));
        var resume = server.Requests.Last();
        Assert.Equal($"bytes={result.ResumedFrom}-", resume.Header("Range"));
        Assert.Equal($"\"{Sha}\"", resume.Header("If-Range"));
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task Pull_ChecksumMismatch_FailsAndDeletesThePart()
    {
        await using var server = ServeModel(etag: new string('a', 64));
        using var downloader = new ModelDownloader(Cache);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.PullAsync(new Uri(server.BaseUri, "m.gguf").ToString(), null, CancellationToken.None));

        Assert.Contains("Integrity check failed", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Cache.Directory));
    }

    [Fact]
    public async Task Pull_NotAGguf_IsRejected()
    {
        await using var server = ServeModel(body: "<html>Sign in</html>"u8.ToArray());
        using var downloader = new ModelDownloader(Cache);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.PullAsync(new Uri(server.BaseUri, "m.gguf").ToString(), null, CancellationToken.None));

        Assert.Contains("not a GGUF model file", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Cache.Directory));
    }

    [Fact]
    public async Task Pull_FollowsRedirect_AndTakesTheChecksumFromXLinkedEtag()
    {
        await using var cdn = ServeModel(etag: "opaque-cdn-etag");
        await using var hub = new TestHttpServer((_, response, _) => response.SendAsync(302, "", headers: new Dictionary<string, string>
        {
            ["Location"] = new Uri(cdn.BaseUri, "blob/m.gguf").ToString(),
            ["X-Linked-Etag"] = $"\"{Sha}\"",
            ["X-Linked-Size"] = _model.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        using var downloader = new ModelDownloader(Cache);

        var result = await downloader.PullAsync(new Uri(hub.BaseUri, "org/repo/resolve/main/m.gguf").ToString(), null, CancellationToken.None);

        Assert.True(result.Verified);
        Assert.Equal("/blob/m.gguf", Assert.Single(cdn.Requests).Path);
    }

    [Fact]
    public async Task Pull_AlreadyPresent_DoesNotDownload()
    {
        await using var server = ServeModel();
        Directory.CreateDirectory(Cache.Directory);
        await File.WriteAllBytesAsync(Path.Combine(Cache.Directory, "m.gguf"), _model);
        using var downloader = new ModelDownloader(Cache);

        var result = await downloader.PullAsync(new Uri(server.BaseUri, "m.gguf").ToString(), null, CancellationToken.None);

        Assert.True(result.AlreadyPresent);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Pull_Offline_FailsFastWithAClearMessage()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var downloader = new ModelDownloader(Cache);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.PullAsync($"http://127.0.0.1:{port}/m.gguf", null, CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.StartsWith($"Cannot download http://127.0.0.1:{port}/m.gguf", error.Message, StringComparison.Ordinal);
        Assert.Contains("set `model` to its path", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qwen2.5-coder-0.5b", "https://huggingface.co/Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-0.5b-instruct-q8_0.gguf")]
    [InlineData("qwen2.5-coder-1.5b-instruct", "https://huggingface.co/Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/qwen2.5-coder-1.5b-instruct-q8_0.gguf")]
    public void Resolve_CatalogNames(string name, string url)
    {
        using var downloader = new ModelDownloader(Cache);

        var (resolved, path) = downloader.Resolve(name);

        Assert.Equal(url, resolved.ToString());
        Assert.Equal(Cache.Directory, Path.GetDirectoryName(path));
    }

    [Theory]
    [InlineData("http://example.com/m.gguf", "plain http")]
    [InlineData("https://example.com/m.bin", "must name a .gguf file")]
    [InlineData("llama-70b", "neither a known model")]
    public void Resolve_RejectsBadInput(string input, string message)
    {
        using var downloader = new ModelDownloader(Cache);

        var error = Assert.Throws<ModelDownloadException>(() => downloader.Resolve(input));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommend_SlowCpu_TheSmallModelEvenWithPlentyOfMemory()
    {
        Assert.Equal("qwen2.5-coder-0.5b", ModelCatalog.Recommend(64L << 30, gigaflops: 20)?.Name);
        Assert.Equal("qwen2.5-coder-0.5b", ModelCatalog.Recommend(64L << 30, gigaflops: 0)?.Name);
    }

    [Fact]
    public void CpuSpeed_MeasuresThisMachine_PositiveAndFinite()
    {
        var gigaflops = CpuSpeed.MeasureGigaflops(TimeSpan.FromMilliseconds(20));

        Assert.True(gigaflops > 0 && double.IsFinite(gigaflops), $"measured {gigaflops}");
    }

    [Fact]
    public void Recommend_PicksTheLargestModelThatFits()
    {
        Assert.Null(ModelCatalog.Recommend(256L << 20, gigaflops: 500));
        Assert.Equal("qwen2.5-coder-0.5b", ModelCatalog.Recommend(2L << 30, gigaflops: 500)?.Name);
        Assert.Equal("qwen2.5-coder-1.5b", ModelCatalog.Recommend(16L << 30, gigaflops: 500)?.Name);
        Assert.Equal(8L << 30, SystemMemory.ParseMemAvailable(["MemTotal: 1 kB", "MemAvailable:    8388608 kB"]));
    }

    private sealed class SyncProgress(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => reports.Add(value);
    }
}
