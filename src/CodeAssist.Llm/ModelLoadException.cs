namespace CodeAssist.Llm;

/// <summary>A model could not be loaded; the message says why in words a user can act on.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelLoadException()
    {
    }
}
