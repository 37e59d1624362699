namespace CodeAssist.Llm;

/// <summary>The state of the models, with a message a user can act on (how to add a model, why loading failed).</summary>
public sealed record ModelStatus(ModelState State, string Message, ModelInfo? Model = null);
