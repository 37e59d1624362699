namespace CodeAssist.Llm;

/// <summary>
/// The state of the models, with a message a user can act on (how to add a model, why loading failed).
/// <paramref name="Degraded"/>: a remote model is configured but its server keeps failing (down, hung, or answering
/// with something that is not an answer); requests are paused for a while.
/// </summary>
public sealed record ModelStatus(ModelState State, string Message, ModelInfo? Model = null, bool Degraded = false);
