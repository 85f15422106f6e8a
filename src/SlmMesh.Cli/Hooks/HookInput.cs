using System.Text.Json;

namespace SlmMesh.Cli.Hooks;

/// <summary>
/// What the CLI needs from a hook's stdin JSON (Claude Code and Codex send the same shapes): the event, the
/// session's folder, and for a file-editing tool the absolute paths it is about to change.
/// </summary>
internal sealed record HookInput(string? EventName, string? ToolName, string? Cwd, IReadOnlyList<string> FilePaths)
{
    /// <summary>The tools that edit files: Claude Code's, and Codex's <c>apply_patch</c>.</summary>
    private static readonly HashSet<string> FileTools = new(StringComparer.OrdinalIgnoreCase) { "Write", "Edit", "MultiEdit", "NotebookEdit", "apply_patch" };

    public bool IsFileEdit => ToolName is not null && FileTools.Contains(ToolName);

    /// <summary>Parses the payload; null when it is not a JSON object. Relative paths resolve against the payload's cwd, else <paramref name="fallbackCwd"/>.</summary>
    public static HookInput? Parse(string json, string fallbackCwd)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? cwd = Text(root, "cwd");
            string folder = cwd is { Length: > 0 } && Path.IsPathFullyQualified(cwd) ? cwd : fallbackCwd;
            string? tool = Text(root, "tool_name");
            IReadOnlyList<string> paths = root.TryGetProperty("tool_input", out JsonElement input) && tool is not null && FileTools.Contains(tool)
                ? [.. TargetPaths(input).Select(p => Path.GetFullPath(p, folder)).Distinct(StringComparer.Ordinal)]
                : [];
            return new HookInput(Text(root, "hook_event_name"), tool, folder, paths);
        }
    }

    private static IEnumerable<string> TargetPaths(JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            // Some shapes pass the patch itself as the tool input.
            return PatchPaths.Parse(input.GetString() ?? string.Empty);
        }

        if (input.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var paths = new List<string>();
        foreach (string name in (string[])["file_path", "notebook_path", "path"])
        {
            if (Text(input, name) is { Length: > 0 } path)
            {
                paths.Add(path);
            }
        }

        foreach (string name in (string[])["command", "patch", "input"])
        {
            if (input.TryGetProperty(name, out JsonElement value))
            {
                string patch = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString() ?? string.Empty,
                    JsonValueKind.Array => string.Join('\n', value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString())),
                    _ => string.Empty,
                };
                paths.AddRange(PatchPaths.Parse(patch));
            }
        }

        return paths;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
