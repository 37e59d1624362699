using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CodeAssist.Cli.Terminal;
using CodeAssist.Llm;

namespace CodeAssist.Cli.Commands;

/// <summary>
/// <c>codeassist models info</c>: loads the configured completion model (settings and flags as every command) and
/// prints what it is: provider, id, context, FIM and chat templates, and the LoRA adapters applied to a local model
/// with their paths and scales. Exit 4 when no model can be used.
/// </summary>
internal static class ModelInfoCommand
{
    private const string Feature = "completion";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print the model as JSON." };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace folder holding .codeassist.json (default: the current directory)." };
        var provider = new Option<string?>("--provider") { Description = ModelFlagTexts.Provider };
        var model = new Option<string?>("--model") { Description = ModelFlagTexts.Model };
        var endpoint = new Option<string?>("--endpoint") { Description = ModelFlagTexts.Endpoint };
        var command = new Command("info", "Load the configured completion model and show it, with the LoRA adapters applied to a local model.")
        {
            json, workspace, provider, model, endpoint,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, "models info", () => RunAsync(
            environment,
            parse.GetValue(workspace) ?? Directory.GetCurrentDirectory(),
            parse.GetValue(json),
            new ModelOverrides(parse.GetValue(provider), parse.GetValue(model), parse.GetValue(endpoint)),
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, string workspace, bool json, ModelOverrides overrides, CancellationToken cancellationToken)
    {
        using var session = AssistSession.Create(environment, overrides, workspace, noCache: true);
        await session.WaitForCompletionModelAsync(Feature, new StatusDisplay(environment), cancellationToken).ConfigureAwait(false);
        var info = session.Models.GetCompletionModel(Feature)?.Info;
        if (json)
        {
            var adapters = info?.LoraAdapters.Select(a => new { a.Path, a.Scale }).ToArray() ?? [];
            var answer = new { status = session.Models.Status.State.ToString(), message = session.Models.Status.Message, model = info is null ? null : new
            {
                info.ModelId, info.Provider, info.ContextLength, info.FimFormat, HasChatTemplate = info.ChatTemplate is not null, LoraAdapters = adapters,
            } };
            await environment.Out.WriteLineAsync(JsonSerializer.Serialize(answer, JsonOptions)).ConfigureAwait(false);
            return info is null ? ExitCodes.ModelUnavailable : ExitCodes.Ok;
        }

        if (info is null)
        {
            await environment.Error.WriteLineAsync($"codeassist models info: no completion model: {session.Models.Status.Message}").ConfigureAwait(false);
            return ExitCodes.ModelUnavailable;
        }

        var output = environment.Out;
        await output.WriteLineAsync($"Model:          {info.ModelId} ({info.Provider})").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Context:        {info.ContextLength} tokens")).ConfigureAwait(false);
        await output.WriteLineAsync($"Infill:         {info.FimFormat ?? "none"}").ConfigureAwait(false);
        await output.WriteLineAsync($"Chat template:  {(info.ChatTemplate is null ? "none" : "from the model")}").ConfigureAwait(false);
        if (info.LoraAdapters.Count == 0)
        {
            await output.WriteLineAsync("LoRA adapters:  none").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await output.WriteLineAsync("LoRA adapters:").ConfigureAwait(false);
        foreach (var adapter in info.LoraAdapters)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {adapter.Path} (scale {adapter.Scale:0.###})")).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }
}
