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

    [Theory]
    [InlineData("public const string StorageKey = \"Zm9vYmFyYmF6cXV4\";", "Zm9vYmFyYmF6cXV4")]
    [InlineData("var raw = \"\"\"\n{ \"dbPwd\": \"hunter22x\" }\n\"\"\";", "hunter22x")]
    [InlineData("string secretSauce = \"\"\"\nline one\nline two\n\"\"\";", "line one")]
    [InlineData("var MyCredential = $\"u:{user}:pw-77abc\";", "pw-77abc")]
    [InlineData("static string[] ApiKeys = new[] { \"first-key-1\", \"second-key-2\" };", "second-key-2")]
    [InlineData("ApiTokens = [\"tok-aaaa-1\", \"tok-bbbb-2\"],", "tok-bbbb-2")]
    [InlineData("config[\"SigningKey\"] = \"abcdef123\";", "abcdef123")]
    [InlineData("DB_PASSWORD=kXfXvg!#wRKP", "kXfXvg!#wRKP")]
    [InlineData("  webhookSecret: s3cr3t-value", "s3cr3t-value")]
    [InlineData("[Obsolete(\"Zq8vT3kLm2Pq9Xr4Wn7Ys1Bd6Fh0Jc5G\")]", "Zq8vT3kLm2Pq9Xr4Wn7Ys1Bd6Fh0Jc5G")]
    [InlineData("// rotated: Zq8vT3kLm2Pq9Xr4Wn7Ys1Bd6Fh0Jc5G", "Zq8vT3kLm2Pq9Xr4Wn7Ys1Bd6Fh0Jc5G")]
    [InlineData("var list = new[] { \"Zq8vT3kLm2Pq9Xr4Wn7Ys1Bd6Fh0Jc5G\" };", "Zq8vT3kLm2Pq9Xr4Wn7Ys1Bd6Fh0Jc5G")]
    [InlineData("info: Start processing HTTP request POST http://admin:pa55word@10.0.0.5:8080/v1/completions", "pa55word")]
    [InlineData("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc")]
    [InlineData("// error CS0103: The name 'SArsGqAir7OnSdzwtjbtBP6XLN2VzwjJPft' does not exist", "SArsGqAir7OnSdzwtjbtBP6XLN2VzwjJPft")]
    [InlineData("github_pat_11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP", "github_pat_11ABCDEFG")]
    public void Redact_RemovesTheSecret_InEveryForm(string text, string secret)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Placeholder, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("public class JTokenReader : JsonReader")]
    [InlineData("where TKey : notnull")]
    [InlineData("if (token == JsonToken.PropertyName)")]
    [InlineData("var id = Guid.Parse(\"3F2504E0-4F89-11D3-9A0C-0305E82C3301\");")]
    [InlineData("public void ReadAsInt32BadStringAsync() { }")]
    [InlineData("var keyCount = keys.Count;")]
    [InlineData("throw new JsonException(\"Unexpected token: \" + token, null);")]
    public void Redact_CodeThatLooksSecretish_IsUnchanged(string code)
    {
        Assert.Equal(code, SecretRedactor.Redact(code));
    }

    [Fact]
    public void Slice_KeyBlockCutByTheWindow_RedactsItsLines()
    {
        var key = string.Join("\n", Enumerable.Range(0, 20).Select(i => $"MIIEpAIBAAKCAQEA{i:00}x7Yk3Lq9Vb2Nc8Rt5Wz1Hs4Jd6Fg0Pm"));
        var text = $"const string Pem = @\"-----BEGIN RSA PRIVATE KEY-----\n{key}\n-----END RSA PRIVATE KEY-----\";\nint x = 1;";
        var secrets = SecretRedactor.FindSecrets(text);
        var middle = text.IndexOf("MIIEpAIBAAKCAQEA10", StringComparison.Ordinal);

        var window = SecretRedactor.Slice(text, secrets, middle, text.Length);

        Assert.DoesNotContain("MIIEpAIBAAKCAQEA", window, StringComparison.Ordinal);
        Assert.StartsWith(SecretRedactor.Placeholder, window, StringComparison.Ordinal);
        Assert.EndsWith("int x = 1;", window, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAABAAABlwAAAAdzc2gtcn")]
    [InlineData("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAABAAABlwAAAAdzc2gtcn\n-----END OPENSSH PRIVATE KEY-----")]
    public void Redact_HalfAKeyBlock_RemovesItsLines(string text)
    {
        var redacted = SecretRedactor.Redact(text);

        Assert.DoesNotContain("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("AAAAdzc2gtcn", redacted, StringComparison.Ordinal);
    }
}
