using CodeAssist.Features.Configuration;
using CodeAssist.Features.InlineCompletion;
using CodeAssist.Llm;
using Xunit;

namespace CodeAssist.Features.Tests.InlineCompletion;

public sealed class PromptPlannerTests
{
    private static readonly CompletionOptions Defaults = new();

    [Fact]
    public void UnknownSpeed_GetsTheFullLayout()
    {
        Assert.Equal(PromptPlan.Full(1024), PromptPlanner.Plan(null, Defaults, 1024, 24));
    }

    [Fact]
    public void FastModel_GetsTheFullLayout()
    {
        var gpu = new ModelThroughput(PromptTokensPerSecond: 8000, GeneratedTokensPerSecond: 150);

        Assert.Equal(PromptPlan.Full(1024), PromptPlanner.Plan(gpu, Defaults, 1024, 24));
    }

    [Fact]
    public void TwoCpuCores_PromptFitsTheColdTarget()
    {
        // The Qwen2.5-Coder-0.5B shape measured on two cores: about 200 prompt and 33 generated tokens per second.
        var cpu = new ModelThroughput(PromptTokensPerSecond: 200, GeneratedTokensPerSecond: 33);

        var plan = PromptPlanner.Plan(cpu, Defaults, 1024, expectedGeneratedTokens: 24);

        var predictedSeconds = (plan.TotalTokens / 200.0) + (24 / 33.0);
        Assert.InRange(predictedSeconds, 1.3, 1.5);
        Assert.True(plan.ContextTokens > 0 && plan.PrefixTokens > plan.SuffixTokens && plan.SuffixTokens > 0, plan.ToString());
    }

    [Fact]
    public void VerySlowModel_KeepsAMinimumPrompt()
    {
        var slow = new ModelThroughput(PromptTokensPerSecond: 20, GeneratedTokensPerSecond: 5);

        Assert.Equal(PromptPlanner.MinTokens, PromptPlanner.Plan(slow, Defaults, 1024, 24).TotalTokens);
    }

    [Fact]
    public void ColdTargetOff_AlwaysFull()
    {
        var cpu = new ModelThroughput(200, 33);

        Assert.Equal(PromptPlan.Full(512), PromptPlanner.Plan(cpu, Defaults with { ColdLatencyMs = 0 }, 512, 24));
    }

    [Fact]
    public void ContextShare_NeverExceedsTheContextSetting()
    {
        var cpu = new ModelThroughput(600, 33);

        Assert.Equal(100, PromptPlanner.Plan(cpu, Defaults, 100, 24).ContextTokens);
    }
}
