using CodeAssist.Llm.Http;

namespace CodeAssist.Llm.Remote;

/// <summary>
/// Keeps a remote provider's status message honest: after a failed call it says why (server down, bad key,
/// rate limit), after the next success it says ready again. The state stays Ready either way, so features
/// keep trying and recover by themselves when the server comes back.
/// </summary>
internal sealed class RemoteHealth
{
    private readonly ModelProvider _provider;
    private readonly ModelStatus _healthy;
    private int _failing;

    public RemoteHealth(ModelProvider provider, ModelStatus healthy)
    {
        _provider = provider;
        _healthy = healthy;
    }

    public void Succeeded()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            _provider.SetStatus(_healthy, onlyWhile: ModelState.Ready);
        }
    }

    public void Failed(ModelRequestException exception)
    {
        Interlocked.Exchange(ref _failing, 1);
        _provider.SetStatus(_healthy with { Message = $"{_healthy.Message} The last request failed: {exception.Message}" }, onlyWhile: ModelState.Ready);
    }

    /// <summary>Passes chunks through, reporting the outcome once the stream ends or fails (cancellation is neither).</summary>
    public async IAsyncEnumerable<T> TrackAsync<T>(IAsyncEnumerable<T> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
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
