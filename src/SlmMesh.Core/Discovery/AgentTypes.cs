namespace SlmMesh.Discovery;

/// <summary>The agent types a peer reports, as they travel on the wire (SPEC §5).</summary>
internal static class AgentTypes
{
    public const string ClaudeCode = "claude-code";
    public const string Cursor = "cursor";
    public const string VsCode = "vscode";
    public const string Windsurf = "windsurf";
    public const string Codex = "codex";
    public const string Aider = "aider";
    public const string Dotnet = "dotnet";
    public const string Cli = "cli";
    public const string Unknown = "unknown";

    /// <summary>Every known type, in the order of the spec.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ClaudeCode, Cursor, VsCode, Windsurf, Codex, Aider, Dotnet, Cli, Unknown];

    /// <summary>Whether <paramref name="value"/> is one of the known types (exact, case-sensitive).</summary>
    public static bool IsKnown(string value) => value is not null && All.Contains(value, StringComparer.Ordinal);

    /// <summary>
    /// Agents that run inside a terminal or an editor (claude-code, codex, aider). Their process is
    /// always nearer to a host than the editor around them, so an ancestor of this kind wins.
    /// </summary>
    public static bool IsTerminalAgent(string value) => value is ClaudeCode or Codex or Aider;
}
