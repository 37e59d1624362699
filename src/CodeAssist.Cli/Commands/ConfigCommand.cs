using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using CodeAssist.Cli.Terminal;
using CodeAssist.Features.Configuration;
using CodeAssist.Llm.Models;

namespace CodeAssist.Cli.Commands;

/// <summary><c>codeassist config [--json]</c>: the effective settings, where each came from, and what is wrong.</summary>
internal static class ConfigCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var workspace = new Option<string?>("--workspace") { Description = "Workspace folder holding .codeassist.json (default: the current directory)." };
        var provider = new Option<string?>("--provider") { Description = "local | openai | ollama | llamacpp." };
        var model = new Option<string?>("--model") { Description = "GGUF path (local) or model name (remote)." };
        var endpoint = new Option<string?>("--endpoint") { Description = "Base URL of a remote model server." };
        var command = new Command("config", "Print the effective settings and where each came from.") { json, workspace, provider, model, endpoint };
        command.SetAction(parse =>
        {
            var loaded = CliSettings.Load(
                parse.GetValue(workspace) ?? Directory.GetCurrentDirectory(),
                EffectiveSettings.CommandLine(parse.GetValue(provider), parse.GetValue(model), parse.GetValue(endpoint)));
            var keyVariable = loaded.Options.ApiKeyEnvironmentVariable;
            var keySet = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(keyVariable));
            var cache = ModelCache.ForUser();
            var settings = EffectiveSettings.Flatten(loaded);

            if (parse.GetValue(json))
            {
                var output = new JsonObject
                {
                    ["settings"] = new JsonObject(settings.Select(s => KeyValuePair.Create(s.Path, (JsonNode?)new JsonObject
                    {
                        ["value"] = JsonNode.Parse(s.Value),
                        ["source"] = s.Source,
                    }))),
                    ["apiKey"] = new JsonObject { ["variable"] = keyVariable, ["set"] = keySet },
                    ["userSettings"] = new OptionsLoader().DefaultUserSettingsPath(),
                    ["modelCache"] = cache.Directory,
                    ["problems"] = new JsonArray(loaded.Problems.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
                };
                environment.Out.WriteLine(output.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                return loaded.Problems.Count == 0 ? 0 : 2;
            }

            environment.Out.WriteLine("Effective settings (later sources win: default, user settings, workspace, environment, editor, command line)");
            var width = settings.Max(s => s.Path.Length) + 2;
            var valueWidth = Math.Min(48, settings.Max(s => s.Value.Length) + 2);
            foreach (var setting in settings)
            {
                environment.Out.WriteLine($"  {setting.Path.PadRight(width)}{setting.Value.PadRight(valueWidth)}{setting.Source}");
            }

            environment.Out.WriteLine();
            environment.Out.WriteLine($"API key variable: {keyVariable} is {(keySet ? "set (value hidden)" : "not set")}");
            environment.Out.WriteLine($"User settings:    {new OptionsLoader().DefaultUserSettingsPath()}");
            environment.Out.WriteLine($"Model cache:      {cache.Directory}");
            if (loaded.Options.Provider.Trim().Equals("local", StringComparison.OrdinalIgnoreCase) && string.IsNullOrEmpty(loaded.Options.Model))
            {
                var cached = cache.FindDefault();
                environment.Out.WriteLine(cached is null
                    ? "Local model:      none configured or downloaded; run `codeassist models pull qwen2.5-coder-0.5b`"
                    : $"Local model:      {cached.Path} (newest in the cache)");
            }

            if (loaded.Problems.Count > 0)
            {
                environment.Out.WriteLine();
                environment.Out.WriteLine("Problems (these values were skipped; the rest applies):");
                foreach (var problem in loaded.Problems)
                {
                    environment.Out.WriteLine($"  - {problem}");
                }
            }

            return loaded.Problems.Count == 0 ? 0 : 2;
        });
        return command;
    }
}
