namespace CodeAssist.Features.Common;

/// <summary>How a bounded workspace search ended: its summary must not call a stopped search's silence "none".</summary>
public enum SearchStop
{
    /// <summary>The whole solution was searched.</summary>
    Complete,

    /// <summary>It found as many results as it keeps; more may exist.</summary>
    CountLimit,

    /// <summary>It ran out of time; what it found so far is all that is known.</summary>
    TimeLimit,
}
