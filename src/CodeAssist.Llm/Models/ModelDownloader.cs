using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace CodeAssist.Llm.Models;

/// <summary>
/// Downloads a GGUF into the model cache: resumable (the partial file keeps its ETag beside it and resumes with
/// Range + If-Range), verified (SHA-256 against Hugging Face's X-Linked-Etag or a SHA-256 ETag when present; the
/// size and the GGUF header always), and atomic (the final name appears only after verification).
/// </summary>
public sealed class ModelDownloader : IDisposable
{
    private const int MaxRedirects = 8;
    private readonly HttpClient _httpClient;
    private readonly ModelCache _cache;
    private readonly TimeSpan _idleTimeout;

    /// <param name="handler">Must not follow redirects itself: the checksum headers are on the first response.</param>
    public ModelDownloader(ModelCache cache, HttpMessageHandler? handler = null, TimeSpan? connectTimeout = null, TimeSpan? idleTimeout = null)
    {
        _cache = cache;
        _idleTimeout = idleTimeout ?? TimeSpan.FromSeconds(60);
        handler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
        };
        _httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _httpClient.DefaultRequestHeaders.UserAgent.ParseAdd("codeassist/0.1");
    }

    public void Dispose() => _httpClient.Dispose();

    /// <summary>Where a catalog name or URL would be stored, without downloading.</summary>
    public (Uri Url, string Path) Resolve(string nameOrUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrUrl);
        if (ModelCatalog.Find(nameOrUrl) is { } known)
        {
            return (known.Url, Path.Combine(_cache.Directory, known.FileName));
        }

        if (!Uri.TryCreate(nameOrUrl.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            var names = string.Join(", ", ModelCatalog.All.Select(m => m.Name));
            throw new ModelDownloadException($"'{nameOrUrl}' is neither a known model ({names}) nor an https URL of a .gguf file.");
        }

        // Plain http is only for a server on this machine (a local mirror, the tests); anything else must be https.
        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            throw new ModelDownloadException($"Refusing to download over plain http from {url.Host}; use an https URL.");
        }

        var fileName = Path.GetFileName(Uri.UnescapeDataString(url.AbsolutePath));
        if (!fileName.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) || fileName.Length <= 5 || fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ModelDownloadException($"The URL must name a .gguf file; got '{fileName}'.");
        }

        return (url, Path.Combine(_cache.Directory, fileName));
    }

    public async Task<DownloadResult> PullAsync(string nameOrUrl, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken, bool force = false)
    {
        var (url, target) = Resolve(nameOrUrl);
        if (!force && File.Exists(target) && GgufFile.HasValidHeader(target))
        {
            return new DownloadResult(target, new FileInfo(target).Length, null, Verified: false, ResumedFrom: 0, AlreadyPresent: true);
        }

        Directory.CreateDirectory(_cache.Directory);
        var partial = target + ModelCache.PartialSuffix;
        var etagFile = partial + ".etag";
        var resumeFrom = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        var storedEtag = resumeFrom > 0 && File.Exists(etagFile) ? (await File.ReadAllTextAsync(etagFile, cancellationToken)).Trim() : null;

        using var response = await SendAsync(url, resumeFrom, storedEtag, cancellationToken);
        var checksum = ExpectedChecksum(response.Checksum, response.Message.Headers.ETag);
        if (response.Message.StatusCode == HttpStatusCode.OK)
        {
            resumeFrom = 0; // The server ignored the range, or the file changed since the partial download.
        }

        if (response.Message.Headers.ETag is { } etag)
        {
            await File.WriteAllTextAsync(etagFile, etag.ToString(), cancellationToken);
        }

        long? total = response.TotalSize ?? (response.Message.Content.Headers.ContentLength is { } length ? resumeFrom + length : null);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(partial, resumeFrom > 0 ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true))
        {
            if (resumeFrom > 0)
            {
                await HashExistingAsync(file, resumeFrom, sha, cancellationToken);
            }

            await CopyAsync(response.Message, file, sha, resumeFrom, total, progress, cancellationToken);
        }

        var size = new FileInfo(partial).Length;
        var actual = Convert.ToHexStringLower(sha.GetHashAndReset());
        if (total is { } expectedSize && size != expectedSize)
        {
            throw new ModelDownloadException($"The download of {url} ended at {size} of {expectedSize} bytes; run the same command again to resume.");
        }

        if (checksum is not null && !string.Equals(checksum, actual, StringComparison.OrdinalIgnoreCase))
        {
            Discard(partial, etagFile);
            throw new ModelDownloadException($"Integrity check failed for {url}: SHA-256 {actual} does not match the server's {checksum}. The partial file was deleted; run the command again.");
        }

        if (!GgufFile.HasValidHeader(partial))
        {
            Discard(partial, etagFile);
            throw new ModelDownloadException($"{url} is not a GGUF model file (no GGUF header); nothing was kept.");
        }

        File.Move(partial, target, overwrite: true);
        File.Delete(etagFile);
        return new DownloadResult(target, size, actual, Verified: checksum is not null, resumeFrom, AlreadyPresent: false);
    }

    private async Task<RangedResponse> SendAsync(Uri url, long resumeFrom, string? storedEtag, CancellationToken cancellationToken)
    {
        string? checksum = null;
        long? linkedSize = null;
        for (var redirect = 0; redirect <= MaxRedirects; redirect++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (resumeFrom > 0)
            {
                request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
                if (storedEtag is not null && EntityTagHeaderValue.TryParse(storedEtag, out var tag) && !tag.IsWeak)
                {
                    request.Headers.IfRange = new RangeConditionHeaderValue(tag);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                throw new ModelDownloadException(
                    $"Cannot download {url.GetLeftPart(UriPartial.Path)}: {exception.Message.TrimEnd('.')}. Check the network or proxy (HTTPS_PROXY), "
                    + "or download the file yourself and set `model` to its path.", exception);
            }

            // Hugging Face puts the LFS object's SHA-256 and size on the redirect, not on the CDN's response.
            checksum ??= Header(response, "X-Linked-Etag");
            linkedSize ??= long.TryParse(Header(response, "X-Linked-Size"), out var s) ? s : null;
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                response.Dispose();
                continue;
            }

            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                response.Dispose();
                throw new ModelDownloadException($"The server refused to resume {url.GetLeftPart(UriPartial.Path)}; delete the .part file in the model cache and try again.");
            }

            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PartialContent))
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new ModelDownloadException($"Cannot download {url.GetLeftPart(UriPartial.Path)}: the server answered {status}.");
            }

            if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From != resumeFrom)
            {
                response.Dispose();
                throw new ModelDownloadException($"The server resumed {url.GetLeftPart(UriPartial.Path)} at the wrong offset; delete the .part file and try again.");
            }

            var total = response.Content.Headers.ContentRange?.Length ?? linkedSize;
            return new RangedResponse(response, checksum, total);
        }

        throw new ModelDownloadException($"Too many redirects downloading {url.GetLeftPart(UriPartial.Path)}.");
    }

    private async Task CopyAsync(HttpResponseMessage response, FileStream file, IncrementalHash sha, long resumeFrom, long? total, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var downloaded = resumeFrom;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(_idleTimeout);
                var read = await body.ReadAsync(buffer, idle.Token);
                if (read == 0)
                {
                    break;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                sha.AppendData(buffer, 0, read);
                downloaded += read;
                progress?.Report(new DownloadProgress(downloaded, total, resumeFrom));
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await file.FlushAsync(CancellationToken.None);
            throw new ModelDownloadException(
                $"The download stopped at {downloaded} of {total?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} bytes ({exception.Message}); run the same command again to resume.", exception);
        }
    }

    private static async Task HashExistingAsync(FileStream file, long length, IncrementalHash sha, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        file.Position = 0;
        long done = 0;
        while (done < length)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            sha.AppendData(buffer, 0, read);
            done += read;
        }

        file.SetLength(length);
        file.Position = length;
    }

    /// <summary>A 64-hex-digit ETag or X-Linked-Etag is a SHA-256; other ETags (MD5, opaque) say nothing we can check.</summary>
    internal static string? ExpectedChecksum(string? linkedEtag, EntityTagHeaderValue? etag)
    {
        foreach (var candidate in new[] { linkedEtag, etag is { IsWeak: false } ? etag.Tag : null })
        {
            var text = candidate?.Trim().Trim('"');
            if (text is { Length: 64 } && text.All(Uri.IsHexDigit))
            {
                return text.ToLowerInvariant();
            }
        }

        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static void Discard(string partial, string etagFile)
    {
        File.Delete(partial);
        File.Delete(etagFile);
    }

    private sealed record RangedResponse(HttpResponseMessage Message, string? Checksum, long? TotalSize) : IDisposable
    {
        public void Dispose() => Message.Dispose();
    }
}
