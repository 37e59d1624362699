using System.Text.Json;
using CodeAssist.Context;
using CodeAssist.Server.Protocol;
using CodeAssist.Server.Tests.EndToEnd;
using CodeAssist.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CodeAssist.Server.Tests.Context;

/// <summary>codeAssist/context over real JSON-RPC frames, with the real workspace session on a loose folder.</summary>
public sealed class ContextRequestTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "codeassist-ctx-" + Guid.NewGuid().ToString("N")[..8]);
    private InProcessServer _server = null!;

    // The line of Area's declaration up to its name: non-ASCII, so UTF-8 and UTF-16 characters differ.
    private const string AreaLinePrefix = "    /* π·r² */ public double ";
    private const string UseText = "namespace Geometry;\nclass Use\n{\n    double M(Circle circle) => circle.\n}\n";

    private string UseUri => ProtocolUri("Use.cs");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "Shapes.cs"), """
            namespace Geometry;
            /// <summary>A round shape.</summary>
            public class Circle
            {
                public double Radius { get; init; }
                /// <summary>The surface, in square units.</summary>
                /* π·r² */ public double Area() => Math.PI * Radius * Radius;
            }
            """);
        _server = InProcessServer.Start(services => services.AddSingleton<IWorkspaceSession, WorkspaceSession>());
        await _server.Client.InitializeAsync(rootUri: new Uri(_folder + "/").AbsoluteUri);
        await WaitForWorkspaceAsync(_server);
        await _server.Client.OpenAsync(UseUri, UseText);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Context_AtAMemberAccess_ReturnsRankedItemsWithLocationsAndTheRenderedText()
    {
        var result = ResponseAssert.Result(await _server.Client.RequestAsync("codeAssist/context", new
        {
            textDocument = new { uri = UseUri },
            position = new { line = 3, character = 38 },
            budgetTokens = 300,
        }));

        var items = result.GetProperty("items").EnumerateArray().ToList();
        var area = Assert.Single(items, i => i.GetProperty("text").GetString()!.Contains("double Area();", StringComparison.Ordinal));
        Assert.Equal("receiverMember", area.GetProperty("kind").GetString());
        Assert.EndsWith("/Shapes.cs", area.GetProperty("location").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, area.GetProperty("location").GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "receiver" && i.GetProperty("text").GetString() == "circle: Circle");
        var text = result.GetProperty("text").GetString()!;
        Assert.Contains("/// A round shape.\nclass Circle {", text, StringComparison.Ordinal);
        Assert.True(result.GetProperty("tokenCount").GetInt32() <= 300);
        Assert.Equal(300, result.GetProperty("budgetTokens").GetInt32());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    public async Task Context_ItemLocations_UseTheNegotiatedEncodingOnANonAsciiLine(string encoding)
    {
        await using var server = InProcessServer.Start(services => services.AddSingleton<IWorkspaceSession, WorkspaceSession>());
        var initialized = ResponseAssert.Result(await server.Client.InitializeAsync(
            new { general = new { positionEncodings = new[] { encoding } } }, rootUri: new Uri(_folder + "/").AbsoluteUri));
        Assert.Equal(encoding, initialized.GetProperty("capabilities").GetProperty("positionEncoding").GetString());
        await WaitForWorkspaceAsync(server);
        await server.Client.OpenAsync(UseUri, UseText);

        var result = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/context", new
        {
            textDocument = new { uri = UseUri },
            position = new { line = 3, character = 38 },
            budgetTokens = 300,
        }));

        var area = Assert.Single(result.GetProperty("items").EnumerateArray(), i => i.GetProperty("text").GetString()!.Contains("double Area();", StringComparison.Ordinal));
        var start = area.GetProperty("location").GetProperty("range").GetProperty("start");
        Assert.Equal(6, start.GetProperty("line").GetInt32());
        var expected = encoding == "utf-8" ? System.Text.Encoding.UTF8.GetByteCount(AreaLinePrefix) : AreaLinePrefix.Length;
        Assert.Equal(expected, start.GetProperty("character").GetInt32());
    }

    [Fact]
    public async Task Context_WithABadBudget_FailsOnlyThatRequest()
    {
        var message = ResponseAssert.Error(await _server.Client.RequestAsync("codeAssist/context", new
        {
            textDocument = new { uri = UseUri },
            position = new { line = 0, character = 0 },
            budgetTokens = -5,
        }), LspErrorCodes.InvalidParams);

        Assert.Contains("budgetTokens", message, StringComparison.Ordinal);
        ResponseAssert.Result(await _server.Client.RequestAsync("codeAssist/serverStatus", new { }));
    }

    [Fact]
    public async Task Initialize_AdvertisesTheContextMethod()
    {
        await using var server = InProcessServer.Start(_ => { });
        var response = await server.Client.InitializeAsync();

        var methods = response.GetProperty("result").GetProperty("capabilities").GetProperty("experimental").GetProperty("codeAssist").GetProperty("methods");
        Assert.Contains(methods.EnumerateArray(), m => m.GetString() == "codeAssist/context");
    }

    private string ProtocolUri(string name) => new Uri(Path.Combine(_folder, name)).AbsoluteUri;

    private static async Task WaitForWorkspaceAsync(InProcessServer server)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = ResponseAssert.Result(await server.Client.RequestAsync("codeAssist/serverStatus", new { }));
            if (status.GetProperty("workspace").GetString() is "AdHoc" or "Loaded")
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The workspace did not load.");
    }
}
