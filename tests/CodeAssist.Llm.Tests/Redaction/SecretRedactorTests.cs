using CodeAssist.Llm.Redaction;
using Xunit;

namespace CodeAssist.Llm.Tests.Redaction;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("var key = \"sk-proj-abcdefghijklmnopqrstuvwxyz123456\";", "sk-proj-abcdefghijklmnopqrstuvwxyz123456")]
    [InlineData("token: ghp_abcdefghijklmnopqrstuvwxyz0123456789", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("GOOGLE=AIzaSyA-1234567890abcdefghijklmnopqrstu", "AIzaSyA-1234567890abcdefghijklmnopqrstu")]
    [InlineData("slack xoxb-123456789012-abcdefghijkl", "xoxb-123456789012-abcdefghijkl")]
    [InlineData("Authorization: Bearer abcdefghijklmnop1234567890", "abcdefghijklmnop1234567890")]
    [InlineData("\"Server=db;User Id=sa;Password=Hunter2!;\"", "Hunter2!")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=x;AccountKey=bXlrZXk=;", "bXlrZXk=")]
    [InlineData("postgres://admin:s3cr3tpass@db.local:5432/app", "s3cr3tpass")]
    [InlineData("string password = \"correct horse\";", "correct horse")]
    [InlineData("\"client_secret\": \"abc123def456\"", "abc123def456")]
    [InlineData("api_key: 'zzzzzzzzzz'", "zzzzzzzzzz")]
    [InlineData("Password = @\"p@ss w0rd\",", "p@ss w0rd")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJhbGciOiJIUzI1NiJ9")]
    public void Redact_RemovesTheSecret(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text, out var count);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Placeholder, redacted, StringComparison.Ordinal);
        Assert.True(count >= 1);
    }

    [Fact]
    public void Redact_PrivateKeyBlock_KeepsTheMarkers()
    {
        var text = "const string Pem = @\"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----\";";

        var redacted = SecretRedactor.Redact(text);

        Assert.Equal("const string Pem = @\"-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n-----END RSA PRIVATE KEY-----\";", redacted);
    }

    [Theory]
    [InlineData("public int Add(int a, int b) => a + b;")]
    [InlineData("var tokens = tokenizer.Tokenize(text);")]
    [InlineData("if (password.Length < 8) return false;")]
    [InlineData("https://example.com/api/v1?x=1")]
    [InlineData("var token = \"{\";")]
    [InlineData("// see https://learn.microsoft.com/dotnet")]
    public void Redact_OrdinaryCode_IsUnchanged(string code)
    {
        Assert.Equal(code, SecretRedactor.Redact(code, out var count));
        Assert.Equal(0, count);
    }

    [Fact]
    public void Redact_IsIdempotent()
    {
        var once = SecretRedactor.Redact("Password=abc123xyz; key sk-abcdefghijklmnopqrstuvwxyz");

        Assert.Equal(once, SecretRedactor.Redact(once, out var count));
        Assert.Equal(0, count);
    }

    [Fact]
    public void RedactValue_RemovesAnExactKey()
    {
        Assert.Equal("key [REDACTED] rejected", SecretRedactor.RedactValue("key opaque-value-123 rejected", "opaque-value-123"));
        Assert.Equal("abc", SecretRedactor.RedactValue("abc", null));
    }
}
