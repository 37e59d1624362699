using CodeAssist.Llm.Http;

namespace CodeAssist.Llm.Remote;

/// <summary>
/// Keeps a remote provider's status message honest and breaks the circuit on a failing server. After a failed call
/// the message says why (server down, bad key, rate limit, an answer that is not one); after
/// <see cref="FailuresToOpen"/> failures in a row the status is degraded and calls fail at once for
/// <see cref="BreakDuration"/>, so a hung endpoint does not cost every keystroke its timeout. The HTTP pipeline's own
/// breaker sees only HTTP outcomes; this one also counts timeouts and 200 answers that are empty, HTML or of the
/// wrong shape. The state stays Ready, so features recover by themselves when the server comes back.
/// </summary>
internal sealed class RemoteHealth
{
    public const int FailuresToOpen = 3;

    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    private readonly ModelProvider _provider;
    private readonly ModelStatus _healthy;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private int _failures;
    private long _openUntil;

    public RemoteHealth(ModelProvider provider, ModelStatus healthy, TimeProvider? time = null)
    {
        _provider = provider;
        _healthy = healthy;
        _time = time ?? TimeProvider.System;
    }

    public void Succeeded()
    {
        lock (_gate)
        {
            if (_failures == 0)
            {
                return;
            }

            _failures = 0;
            _openUntil = 0;
        }

        _provider.SetStatus(_healthy, onlyWhile: ModelState.Ready);
    }

    public void Failed(ModelRequestException exception)
    {
        bool open;
        lock (_gate)
        {
            _failures++;
            open = _failures >= FailuresToOpen;
            if (open)
            {
                _openUntil = _time.GetTimestamp() + (long)(BreakDuration.TotalSeconds * _time.TimestampFrequency);
            }
        }

        var status = open
            ? _healthy with
            {
                Message = $"Degraded: the model server failed {FailuresToOpen} times in a row; requests pause for {BreakDuration.TotalSeconds:0} s. The last error: {exception.Message}",
                Degraded = true,
            }
            : _healthy with { Message = $"{_healthy.Message} The last request failed: {exception.Message}" };
        _provider.SetStatus(status, onlyWhile: ModelState.Ready);
    }

    /// <summary>Fails a call at once while the circuit is open; the first call after the pause goes through.</summary>
    public void ThrowIfOpen()
    {
        long openUntil;
        lock (_gate)
        {
            openUntil = _openUntil;
        }

        var now = _time.GetTimestamp();
        if (now < openUntil)
        {
            var seconds = (double)(openUntil - now) / _time.TimestampFrequency;
            throw new ModelRequestException($"The model server failed repeatedly; requests are paused for {Math.Ceiling(seconds):0} more s.");
        }
    }

    /// <summary>Passes chunks through, reporting the outcome once the stream ends or fails (cancellation is neither).</summary>
    public async IAsyncEnumerable<T> TrackAsync<T>(IAsyncEnumerable<T> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfOpen();
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    break;
                }
            }
            catch (ModelRequestException exception)
            {
                Failed(exception);
                throw;
            }

            yield return enumerator.Current;
        }

        Succeeded();
    }
}
