using Xunit;

namespace CodeAssist.Server.Tests.EndToEnd;

/// <summary>
/// Tests that push megabytes through a server and measure its memory run alone: other servers parsing at the same
/// time on a small machine would only slow them past their timeouts, and nothing else should compete for memory.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}
