namespace CodeAssist.Bench.Team;

/// <summary>The file every simulated developer edits: three members to explain and one body to type into.</summary>
internal static class BenchSource
{
    public const string Text = """
        namespace Bench;

        public sealed class Ledger
        {
            private decimal _total;

            public decimal Add(decimal amount)
            {
                _total += amount;
                return _total;
            }

            public decimal Subtract(decimal amount)
            {
                _total -= amount;
                return _total;
            }

            public void Reset()
            {
                // type here
            }
        }

        """;
}
