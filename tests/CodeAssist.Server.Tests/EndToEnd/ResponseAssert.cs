using System.Text.Json;
using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

internal static class ResponseAssert
{
    public static JsonElement Result(JsonElement response)
    {
        Assert.False(response.TryGetProperty("error", out var error), $"expected a result, got {error}");
        return response.GetProperty("result");
    }

    public static string Error(JsonElement response, int expectedCode)
    {
        Assert.True(response.TryGetProperty("error", out var error), $"expected error {expectedCode}, got {response}");
        Assert.Equal(expectedCode, error.GetProperty("code").GetInt32());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }
}
