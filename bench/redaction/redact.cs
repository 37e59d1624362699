// Cost of SecretRedactor on a completion-sized prompt (it runs per remote request).
// Run: dotnet run bench/redaction/redact.cs -c Release
#:project ../../src/CodeAssist.Llm/CodeAssist.Llm.csproj
#:property TreatWarningsAsErrors=false
using System.Diagnostics;
using CodeAssist.Llm.Redaction;
void Run(string label, string text)
{
    for (var i = 0; i < 50; i++) SecretRedactor.Redact(text);
    var sw = Stopwatch.StartNew();
    const int n = 300;
    for (var i = 0; i < n; i++) SecretRedactor.Redact(text);
    Console.WriteLine($"{label}: {text.Length} chars, {sw.Elapsed.TotalMilliseconds / n:0.000} ms per call");
}
var plain = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"    public int Method{i}(int a, int b) => a + b * {i}; // computes value {i}"));
var keyed = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"    var key{i} = cache.GetKey(token, \"https://example.com/{i}\"); // password check {i}"));
Run("plain code", plain);
Run("code full of key/token/password/URLs", keyed);
