using System.Net;

namespace CodeAssist.Llm.Http;

/// <summary>
/// A call to a model server failed. The message is safe to show and to log: it names the endpoint and the
/// server's error, and never contains the API key.
/// </summary>
public sealed class ModelRequestException : Exception
{
    public ModelRequestException(string message)
        : base(message)
    {
    }

    public ModelRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelRequestException(string message, HttpStatusCode statusCode, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public ModelRequestException()
    {
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the server asked us to wait (429/503), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
