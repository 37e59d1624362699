using CodeAssist.Features.Caching;
using Xunit;

namespace CodeAssist.Features.Tests.Assist;

public sealed class DiskResponseCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "codeassist-disk-cache-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Get_AfterSetInAnotherInstance_ReturnsTheValue()
    {
        new DiskResponseCache(_directory).Set(Key('a'), "answer");

        Assert.Equal("answer", new DiskResponseCache(_directory).Get(Key('a')));
        Assert.Null(new DiskResponseCache(_directory).Get(Key('b')));
    }

    [Fact]
    public void Get_TruncatedEntry_IsAMissAndIsDeleted()
    {
        var cache = new DiskResponseCache(_directory);
        cache.Set(Key('a'), "a long answer that will be cut");
        var path = Path.Combine(_directory, Key('a') + ".json");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.Null(cache.Get(Key('a')));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Get_EntryStoredUnderAnotherKey_IsAMiss()
    {
        var cache = new DiskResponseCache(_directory);
        cache.Set(Key('a'), "for a");
        File.Copy(Path.Combine(_directory, Key('a') + ".json"), Path.Combine(_directory, Key('b') + ".json"));

        Assert.Null(cache.Get(Key('b')));
    }

    [Fact]
    public void Set_BeyondTheSizeCap_DropsTheOldestEntries()
    {
        var cache = new DiskResponseCache(_directory, maxBytes: 3_000);
        for (var i = 0; i < 10; i++)
        {
            cache.Set(Key((char)('a' + i)), new string('x', 1_000));
            File.SetLastWriteTimeUtc(Path.Combine(_directory, Key((char)('a' + i)) + ".json"), new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc));
        }

        var remaining = Directory.GetFiles(_directory, "*.json");
        Assert.True(remaining.Length is >= 1 and <= 3, $"{remaining.Length} entries left");
        Assert.NotNull(cache.Get(Key('j')));
        Assert.Null(cache.Get(Key('a')));
    }

    [Fact]
    public async Task SetAndGet_ConcurrentRuns_NeverSeeHalfAnEntry()
    {
        var values = Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 50_000)).ToArray();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var cache = new DiskResponseCache(_directory);
            for (var i = 0; i < 200; i++)
            {
                var value = cache.Get(Key('k'));
                Assert.True(value is null || values.Contains(value));
            }
        }));
        var writers = values.Select(v => Task.Run(() =>
        {
            var cache = new DiskResponseCache(_directory);
            for (var i = 0; i < 10; i++)
            {
                cache.Set(Key('k'), v);
            }
        }));

        await Task.WhenAll(readers.Concat(writers));

        Assert.Contains(new DiskResponseCache(_directory).Get(Key('k')), values);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string Key(char c) => new(c, 64);
}
