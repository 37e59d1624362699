using System.Text.Json;
using Xunit;

namespace CodeAssist.Cli.Tests.Process;

/// <summary><c>codeassist context</c> and <c>codeassist complete</c> on a loose folder (no project), as a child process.</summary>
public sealed class ContextProcessTests
{
    // Line 10 is "        var total = Add(", column 25 is just after the parenthesis; line 16, column 26 ends "values.Cou".
    private const string Calculator = """
        namespace Loose;

        /// <summary>Adds things.</summary>
        public static class Calculator
        {
            public static int Add(int left, int right) => left + right;

            public static int Twice(int value)
            {
                var total = Add(value, value);
                return total;
            }

            public static string Describe(System.Collections.Generic.List<int> values)
            {
                return values.Cou
            }
        }
        """;

    [Fact]
    public async Task Context_Json_HasFileItemsAndRenderedText()
    {
        using var cli = new CodeAssistProcess();
        var file = cli.WriteFile("Calculator.cs", Calculator);

        var run = await cli.RunAsync("context", "Calculator.cs:10:25", "--json", "--budget", "512");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal(file, root.GetProperty("file").GetString());
        Assert.Equal(10, root.GetProperty("line").GetInt32());
        Assert.Equal(25, root.GetProperty("column").GetInt32());
        Assert.Equal(512, root.GetProperty("budgetTokens").GetInt32());
        Assert.InRange(root.GetProperty("tokenCount").GetInt32(), 1, 512);
        var items = root.GetProperty("items").EnumerateArray().ToArray();
        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.False(string.IsNullOrEmpty(item.GetProperty("kind").GetString()));
            Assert.Equal(JsonValueKind.String, item.GetProperty("text").ValueKind);
            Assert.Equal(JsonValueKind.Number, item.GetProperty("score").ValueKind);
            Assert.True(item.TryGetProperty("location", out _));
        });
        Assert.Contains(items, item => item.GetProperty("kind").GetString() == "enclosingMember" && item.GetProperty("text").GetString() == "static int Twice(int value);");
        Assert.Contains(items, item => item.GetProperty("kind").GetString() == "expectedType" && item.GetProperty("text").GetString() == "expected type: int");
        var rendered = root.GetProperty("renderedText").GetString();
        Assert.StartsWith("namespace Loose;\n", rendered, StringComparison.Ordinal);
        Assert.Contains("// in scope: int value\n", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_WithDigest_PrintsWhatTheProjectUsesMostFirst()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Calculator.cs", Calculator);
        cli.WriteFile("Report.cs", "namespace Loose;\n\npublic static class Report\n{\n    public static int Sum(int a) => Calculator.Add(a, Calculator.Twice(a));\n}\n");
        cli.WriteFile("Audit.cs", "namespace Loose;\n\npublic static class Audit\n{\n    public static int Check(int a) => Calculator.Add(a, 1);\n}\n");

        var plain = await cli.RunAsync("context", "Calculator.cs:10:25");
        var run = await cli.RunAsync("context", "Calculator.cs:10:25", "--digest");
        var json = await cli.RunAsync("context", "Calculator.cs:10:25", "--digest", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Add is used from two other files; Twice from one, so it is the caret's context's business, not the digest's.
        Assert.StartsWith("// used across the project\nstatic class Calculator {\n    static int Add(int left, int right);\n}\n", run.Out, StringComparison.Ordinal);
        Assert.EndsWith(plain.Out, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("used across the project", plain.Out, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json.Out);
        var digest = parsed.RootElement.GetProperty("digest");
        Assert.Equal(512, digest.GetProperty("budgetTokens").GetInt32());
        Assert.Contains("static int Add(int left, int right);", digest.GetProperty("renderedText").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Missing.cs:1:1", 3, "no such file:")]
    [InlineData("Calculator.cs:99:1", 3, "has no line 99, column 1")]
    [InlineData("Calculator.cs:1:200", 3, "has no line 1, column 200")]
    [InlineData("Calculator.cs:10", 2, "is not FILE:LINE:COL")]
    public async Task Context_BadPosition_ClearErrorAndExitCode(string location, int exitCode, string message)
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Calculator.cs", Calculator);

        var run = await cli.RunAsync("context", location);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains("codeassist context: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Context_BadBudget_ExitTwo()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Calculator.cs", Calculator);

        var run = await cli.RunAsync("context", "Calculator.cs:10:25", "--budget", "lots");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--budget must be a positive number of tokens, not 'lots'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_NoModel_AnswersFromRoslyn()
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Calculator.cs", Calculator);

        var run = await cli.RunAsync("complete", "Calculator.cs:16:26");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("nt", run.Out.Trim());
    }

    [Theory]
    [InlineData("Missing.cs:1:1", 3, "no such file:")]
    [InlineData("Calculator.cs:99:1", 3, "99:1 is outside")]
    [InlineData("Calculator.cs:10", 2, "")]
    public async Task Complete_BadPosition_SameExitCodesAsTheOtherCommands(string location, int exitCode, string message)
    {
        using var cli = new CodeAssistProcess();
        cli.WriteFile("Calculator.cs", Calculator);

        var run = await cli.RunAsync("complete", location);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Contains("codeassist complete: " + message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }
}
