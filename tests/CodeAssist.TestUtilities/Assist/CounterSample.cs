namespace CodeAssist.TestUtilities.Assist;

/// <summary>
/// The fix tests' sample, shared by the feature's and the server's tests: `Next` returns `_count.ToString()` from
/// an int method (CS0029 on line 9, 0-based), and <see cref="ValidFixAnswer"/> is a model answer that fixes it.
/// </summary>
public static class CounterSample
{
    public const string Source = """
        namespace Shop;

        public sealed class Counter
        {
            private int _count;

            public int Next()
            {
                _count++;
                return _count.ToString();
            }

            public int Peek() => _count;
        }
        """;

    public const string ValidFixAnswer = """
        Hint: return the number, not its text.
        ```csharp
        public int Next()
        {
            _count++;
            return _count;
        }
        ```
        """;
}
