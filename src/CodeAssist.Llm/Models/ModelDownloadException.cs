namespace CodeAssist.Llm.Models;

/// <summary>A model download failed; the message says why and what to do.</summary>
public sealed class ModelDownloadException : Exception
{
    public ModelDownloadException(string message)
        : base(message)
    {
    }

    public ModelDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelDownloadException()
    {
    }
}
