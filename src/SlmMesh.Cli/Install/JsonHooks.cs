using System.Text.Json.Nodes;

namespace SlmMesh.Cli.Install;

/// <summary>
/// Edits the <c>hooks</c> object of a Claude Code settings file or a Codex <c>hooks.json</c> (the same shape:
/// event → [ { matcher, hooks: [ { type, command, timeout } ] } ]). Only entries that run <c>slm-mesh hook</c>
/// are ours; every other hook is left alone.
/// </summary>
internal static class JsonHooks
{
    public const int TimeoutSeconds = 10;

    /// <summary>
    /// Whether a hook command is one of ours: any path to slm-mesh running its <c>hook</c> command, or the
    /// command being installed (which may be a renamed copy).
    /// </summary>
    public static bool IsOurs(string? command, string? cli = null) =>
        command is not null
        && ((command.Contains("slm-mesh", StringComparison.Ordinal) && command.Contains(" hook ", StringComparison.Ordinal))
            || (cli is not null && command.StartsWith(cli + " hook ", StringComparison.Ordinal)));

    /// <summary>Makes the hooks match <paramref name="specs"/>; changes nothing when they already do.</summary>
    public static void Apply(JsonObject root, IReadOnlyList<HookSpec> specs, string path)
    {
        JsonObject hooks = JsonConfig.Object(root, "hooks", path);
        foreach (HookSpec spec in specs)
        {
            if (hooks[spec.EventName] is not null and not JsonArray)
            {
                throw new InstallException($"{path}: hooks.{spec.EventName} is not a JSON array.");
            }

            if (hooks[spec.EventName] is not JsonArray groups)
            {
                groups = [];
                hooks[spec.EventName] = groups;
            }

            string cli = spec.Command[..spec.Command.LastIndexOf(" hook ", StringComparison.Ordinal)];
            if (IsExactlyInstalled(groups, spec, cli))
            {
                continue;
            }

            RemoveOurs(groups, cli);
            var group = new JsonObject();
            if (spec.Matcher is not null)
            {
                group["matcher"] = spec.Matcher;
            }

            group["hooks"] = new JsonArray(Entry(spec));
            groups.Add((JsonNode)group);
        }
    }

    /// <summary>Whether every spec is registered exactly once, as written.</summary>
    public static bool AreInstalled(JsonObject root, IReadOnlyList<HookSpec> specs) =>
        root["hooks"] is JsonObject hooks && specs.All(spec =>
            hooks[spec.EventName] is JsonArray groups && IsExactlyInstalled(groups, spec, spec.Command[..spec.Command.LastIndexOf(" hook ", StringComparison.Ordinal)]));

    private static JsonObject Entry(HookSpec spec) => new()
    {
        ["type"] = "command",
        ["command"] = spec.Command,
        ["timeout"] = TimeoutSeconds,
    };

    private static bool IsExactlyInstalled(JsonArray groups, HookSpec spec, string cli)
    {
        int ours = 0;
        bool exact = false;
        foreach (JsonObject group in groups.OfType<JsonObject>())
        {
            foreach (JsonObject hook in (group["hooks"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (!IsOurs(Text(hook["command"]), cli))
                {
                    continue;
                }

                ours++;
                exact |= string.Equals(Text(group["matcher"]), spec.Matcher, StringComparison.Ordinal) && JsonNode.DeepEquals(hook, Entry(spec));
            }
        }

        return ours == 1 && exact;
    }

    private static void RemoveOurs(JsonArray groups, string cli)
    {
        foreach (JsonObject group in groups.OfType<JsonObject>().ToList())
        {
            if (group["hooks"] is not JsonArray entries)
            {
                continue;
            }

            foreach (JsonNode? hook in entries.ToList())
            {
                if (hook is JsonObject entry && IsOurs(Text(entry["command"]), cli))
                {
                    entries.Remove(hook);
                }
            }

            if (entries.Count == 0)
            {
                groups.Remove(group);
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
