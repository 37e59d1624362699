using Microsoft.Extensions.AI;

namespace CodeAssist.Llm.LlamaSharp.Tests;

[Collection(LlamaCollection.Name)]
public sealed class ChatClientTests
{
    private static readonly ChatMessage[] s_messages =
    [
        new(ChatRole.System, "You explain C#."),
        new(ChatRole.User, "What is a record?"),
    ];

    [Fact]
    public async Task FormatPrompt_AppliesTheGgufChatMlTemplate()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);

        string prompt = ((LlamaChatClient)model.Chat).FormatPrompt(s_messages);

        Assert.Equal("<|im_start|>system\nYou explain C#.<|im_end|>\n<|im_start|>user\nWhat is a record?<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public async Task GetResponseAsync_CountsTemplateMarkersAsSingleTokens()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        string prompt = ((LlamaChatClient)model.Chat).FormatPrompt(s_messages);

        ChatResponse response = await model.Chat.GetResponseAsync(s_messages, new ChatOptions { MaxOutputTokens = 6 });

        Assert.Equal(ChatRole.Assistant, response.Messages[0].Role);
        Assert.NotNull(response.Usage);
        Assert.True(response.Usage.InputTokenCount < model.Completion.CountTokens(prompt), "template markers were not parsed as special tokens");
        Assert.InRange(response.Usage.OutputTokenCount!.Value, 0, 6);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_MatchesTheNonStreamingAnswer()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var options = new ChatOptions { MaxOutputTokens = 12 };
        ChatResponse whole = await model.Chat.GetResponseAsync(s_messages, options);

        var streamed = new System.Text.StringBuilder();
        int updates = 0;
        await foreach (ChatResponseUpdate update in model.Chat.GetStreamingResponseAsync(s_messages, options))
        {
            streamed.Append(update.Text);
            updates++;
        }

        Assert.Equal(whole.Text, streamed.ToString());
        Assert.True(updates >= 2);
    }

    [Fact]
    public async Task ChatAndCompletion_ShareTheSessionWithoutCorruptingIt()
    {
        using LlamaLocalModel model = await GeneratedModels.LoadAsync(GeneratedModels.TinyQwen2);
        var infill = new InfillRequest { Prefix = "int a = ", Suffix = ";", MaxTokens = 10 };
        string alone = (await Collect.AllAsync(model.Completion.InfillAsync(infill, CancellationToken.None))).Text;

        Task<ChatResponse> chat = model.Chat.GetResponseAsync(s_messages, new ChatOptions { MaxOutputTokens = 20 });
        Task<(string Text, CompletionUsage Usage, int Chunks)> completion = Collect.AllAsync(model.Completion.InfillAsync(infill, CancellationToken.None));
        await Task.WhenAll(chat, completion);

        Assert.Equal(alone, (await completion).Text);
        Assert.Equal(1, model.Session.MaxConcurrentRuns);
    }
}
