using System.Text.Json;
using CodeAssist.Cli.Tests.Process;
using Xunit;

namespace CodeAssist.Redis.Tests;

/// <summary>
/// Separate <c>codeassist explain</c> processes (each with its own user folders, so no disk cache is shared) against
/// one scripted OpenAI-compatible server and one real Redis.
/// </summary>
public sealed class SharedCacheProcessTests
{
    private const string Answer = "Size returns the constant three.";

    private static CodeAssistProcess Cli(ScriptedModelServer model, string redisConnection)
    {
        var cli = new CodeAssistProcess();
        cli.WriteFile("Short.cs", "class Short\n{\n    int Size() => 3;\n}");
        Directory.CreateDirectory(Path.GetDirectoryName(cli.UserSettingsPath)!);
        File.WriteAllText(cli.UserSettingsPath, JsonSerializer.Serialize(new
        {
            provider = "openai",
            endpoint = model.Endpoint,
            model = "team-model",
            cache = new { redis = "TEAM_REDIS" },
        }));
        cli.Environment["TEAM_REDIS"] = redisConnection;
        return cli;
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task TwoProcesses_ShareAnAnswer_TheSecondMakesNoModelCall()
    {
        using var redis = await RedisServer.StartAsync();
        await using var model = new ScriptedModelServer(Answer);
        using var first = Cli(model, redis.ConnectionString);
        using var second = Cli(model, redis.ConnectionString);

        var firstRun = await first.RunAsync("explain", "Short.cs:3", "--json");
        var secondRun = await second.RunAsync("explain", "Short.cs:3", "--json");

        Assert.True(firstRun.ExitCode == 0, firstRun.ToString());
        Assert.True(secondRun.ExitCode == 0, secondRun.ToString());
        Assert.Equal(1, model.ChatCalls);
        using var firstJson = JsonDocument.Parse(firstRun.Out);
        using var secondJson = JsonDocument.Parse(secondRun.Out);
        Assert.Equal(Answer, firstJson.RootElement.GetProperty("markdown").GetString());
        Assert.False(firstJson.RootElement.GetProperty("fromCache").GetBoolean());
        Assert.Equal(Answer, secondJson.RootElement.GetProperty("markdown").GetString());
        Assert.True(secondJson.RootElement.GetProperty("fromCache").GetBoolean());
        Assert.DoesNotContain("shared cache", firstRun.Error + secondRun.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RedisKilledBetweenRuns_TheAnswerIsTheSame_WithOneNotice()
    {
        var redis = await RedisServer.StartAsync();
        await using var model = new ScriptedModelServer(Answer);
        using var before = Cli(model, redis.ConnectionString);
        using var after = Cli(model, redis.ConnectionString);

        var beforeRun = await before.RunAsync("explain", "Short.cs:3");
        redis.Dispose();
        var afterRun = await after.RunAsync("explain", "Short.cs:3");

        Assert.True(beforeRun.ExitCode == 0, beforeRun.ToString());
        Assert.True(afterRun.ExitCode == 0, afterRun.ToString());
        Assert.Contains(Answer, beforeRun.Out, StringComparison.Ordinal);
        Assert.Equal(beforeRun.Out, afterRun.Out);
        Assert.Equal(1, Count(afterRun.Error, "The shared cache (Redis) is unreachable"));
        Assert.Equal(2, model.ChatCalls);
    }

    [Fact]
    public async Task RedisDownAtStart_TheCommandAnswers_WithOneNotice()
    {
        await using var model = new ScriptedModelServer(Answer);
        using var cli = Cli(model, $"127.0.0.1:{RedisServer.FreePort()}");

        var run = await cli.RunAsync("explain", "Short.cs:3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Answer, run.Out, StringComparison.Ordinal);
        Assert.Equal(1, Count(run.Error, "The shared cache (Redis) is unreachable"));
        Assert.Equal(1, model.ChatCalls);
    }

    [Fact]
    public async Task RedisVariableUnset_MemoryOnly_WithANoticeNamingIt()
    {
        await using var model = new ScriptedModelServer(Answer);
        using var cli = Cli(model, "unused");
        cli.Environment["TEAM_REDIS"] = null;

        var run = await cli.RunAsync("explain", "Short.cs:3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Answer, run.Out, StringComparison.Ordinal);
        Assert.Contains("TEAM_REDIS, which is not set", run.Error, StringComparison.Ordinal);
    }
}
