namespace SlmMesh.Cli.Hooks;

/// <summary>The hook events the CLI answers (Claude Code and Codex share the names).</summary>
internal static class HookEvents
{
    public const string PreToolUse = "PreToolUse";

    public const string PostToolUse = "PostToolUse";

    public const string UserPromptSubmit = "UserPromptSubmit";

    public const string SessionStart = "SessionStart";

    public static readonly string[] All = [PreToolUse, PostToolUse, UserPromptSubmit, SessionStart];

    /// <summary>The canonical spelling of a known event, matched without regard to case; null when unknown.</summary>
    public static string? Normalize(string? name) => All.FirstOrDefault(e => string.Equals(e, name, StringComparison.OrdinalIgnoreCase));
}
